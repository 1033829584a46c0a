import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TestAdapter } from 'botbuilder';
import { PostgresStorage } from '../../bot/postgres-storage.js';
import { MusterkasseBot } from '../../bot/musterkasse.bot.js';
import { HANDOFF, MENU, TEXTS } from '../../domain/member-texts.de.js';
import { newConversationId, newUserId } from '../../channel/tokens.service.js';
import { parseConfig } from '../../server/config/index.js';
import { AgentPresence } from '../../domain/livechat/agent-presence.js';
import { LiveChatService } from '../../domain/livechat/live-chat.service.js';
import { LiveChatQueue } from '../../domain/livechat/livechat-queue.js';
import { OpeningHours } from '../../domain/livechat/opening-hours.js';
import type { Core } from '../../server/container.js';
import { createStaff } from '../helpers/staff.js';
import { startTestCore } from '../helpers/system.js';

/** The bot's side of the handoff with an agent present: queue, position, silence, leaving; and the accept race. */
describe('handoff to a person: the queue', () => {
  let core: Core;
  let queue: LiveChatQueue;
  let presence: AgentPresence;
  // Agents as the console reports them: by their staff user id.
  const [PRESENT_AGENT, AWAY_AGENT, STALE_AGENT, READY_AGENT] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  // Thursday 26 November 2026, 11:00 in Berlin: within the service hours.
  const now = new Date('2026-11-26T10:00:00Z');

  before(async () => {
    core = await startTestCore();
    queue = new LiveChatQueue(core.database.db);
    presence = new AgentPresence(core.redis.command, core.config.redis.prefix);
  });
  after(() => core.close());

  /** A member in a real Direct Line conversation, talking to the bot. */
  async function member() {
    const conversationId = newConversationId();
    await core.chat.directLine.startConversation(conversationId, newUserId());
    const liveChat = new LiveChatService(
      queue,
      presence,
      new OpeningHours(parseConfig({}).livechat.openingHours, 'Europe/Berlin'),
      () => now,
      3,
    );
    const services = { ...core.bot.memberServices, liveChat, callback: { ...core.bot.memberServices.callback, clock: () => now } };
    const bot = new MusterkasseBot(new PostgresStorage(core.database.db), core.knowledge, core.faqFeedback, services);
    const adapter = new TestAdapter((context) => bot.run(context));
    adapter.conversation.conversation.id = conversationId;
    const say = async (text: string): Promise<string[]> => {
      const replies: string[] = [];
      await adapter.send(text).then(() => undefined);
      for (let r = adapter.activeQueue.shift(); r; r = adapter.activeQueue.shift()) replies.push(r.text ?? '');
      return replies;
    };
    return { conversationId, say };
  }

  it('queues a member when an agent is available, tells the place and wait, keeps quiet meanwhile; "abbrechen" leaves the queue', async () => {
    await presence.report(PRESENT_AGENT, 'available', now);
    const anna = await member();
    await anna.say('Was bekomme ich an Krankengeld?');
    const [queued] = await anna.say(MENU.person);
    const first = await queue.openFor(anna.conversationId);
    assert.equal(first?.status, 'waiting');
    const position = await queue.position(first!.id);
    assert.ok(queued?.startsWith(HANDOFF.queued(position, 1).slice(0, 60)), queued);
    assert.match(queued!, position === 1 ? /als Nächste oder Nächster an der Reihe/ : new RegExp(`an ${position}\\. Stelle`));
    assert.deepEqual(first!.summary.recentMessages, ['Was bekomme ich an Krankengeld?'], 'what the member asked goes to the agent');

    const karl = await member();
    await karl.say('Ich möchte mit einem Mitarbeiter sprechen');
    const second = await queue.openFor(karl.conversationId);
    assert.equal(await queue.position(second!.id), position + 1, 'behind Anna');
    assert.equal(second!.topic, 'Ich möchte mit einem Mitarbeiter sprechen');

    assert.deepEqual(await anna.say('Wie lange muss ich Originale aufbewahren?'), [], 'the bot keeps quiet while the member waits');
    assert.deepEqual(await anna.say('abbrechen'), [HANDOFF.leftQueue]);
    assert.equal(await queue.openFor(anna.conversationId), undefined);
    assert.equal(await queue.position(second!.id), position, 'Karl moved up');
    assert.notDeepEqual(await anna.say('Wie lange muss ich Originale aufbewahren?'), [], 'the bot answers again');
    await queue.cancel(karl.conversationId);
  });

  it('stuck three times in the callback with an agent free: queued, and the agent sees what the member had entered', async () => {
    await presence.report(PRESENT_AGENT, 'available', now);
    const anna = await member();
    await anna.say(MENU.callback);
    await anna.say('Krankengeld');
    await anna.say('Anna Beispiel');
    for (const answer of ['keine', 'weiß nicht']) await anna.say(answer);
    const replies = await anna.say('12');
    assert.equal(replies[0], TEXTS.stuckInDialog);
    assert.match(replies[1] ?? '', /Ich verbinde Sie mit einer Mitarbeiterin/);
    const chat = await queue.openFor(anna.conversationId);
    assert.ok(
      chat?.summary.recentMessages.includes(HANDOFF.enteredForAgent({ topic: 'Krankengeld', name: 'Anna Beispiel' })),
      JSON.stringify(chat?.summary.recentMessages),
    );
    await queue.cancel(anna.conversationId);
    await presence.leave(PRESENT_AGENT);
  });

  it('lets exactly one of two agents accept a waiting chat at the same moment', async () => {
    const [a, b] = await Promise.all([createStaff(core, 'agent'), createStaff(core, 'agent')]);
    const ids = await Promise.all([a, b].map(async (s) => (await core.staffUsers.list()).find((u) => u.username === s.username)!.id));
    const { conversationId } = await member();
    const session = await queue.request(conversationId, 'Krankengeld', { recentMessages: [], trackingIds: [], kvnr: null });
    assert.equal(
      (await queue.request(conversationId, 'noch einmal', { recentMessages: [], trackingIds: [], kvnr: null })).id,
      session.id,
      'one open chat per conversation',
    );
    const results = await Promise.all(ids.map((id) => queue.accept(session.id, id)));
    const winners = results.filter((r) => r !== undefined);
    assert.equal(winners.length, 1);
    assert.ok(ids.includes(winners[0]!.acceptedBy!));
    assert.equal(await queue.position(session.id), 0, 'no longer waiting');
    assert.equal(await queue.cancel(conversationId), undefined, 'an accepted chat is not left by "abbrechen"');
    assert.equal(
      await queue.close(session.id, winners[0]!.acceptedBy === ids[0] ? ids[1]! : ids[0]!, 'ended'),
      undefined,
      'only the agent running it ends a chat',
    );
    assert.equal((await queue.close(session.id, winners[0]!.acceptedBy!, 'ended'))?.status, 'ended');
    assert.deepEqual(
      (await queue.history(session.id)).map((e) => e.kind),
      ['accepted', 'ended'],
    );
  });

  it('gives an agent no more chats than the limit', async () => {
    const { username } = await createStaff(core, 'agent');
    const agentId = (await core.staffUsers.list()).find((u) => u.username === username)!.id;
    const chats = await Promise.all(
      [1, 2, 3].map(async (n) =>
        queue.request((await member()).conversationId, `Frage ${n}`, { recentMessages: [], trackingIds: [], kvnr: null }),
      ),
    );
    assert.ok(await queue.accept(chats[0]!.id, agentId, 2));
    assert.ok(await queue.accept(chats[1]!.id, agentId, 2));
    assert.equal(await queue.accept(chats[2]!.id, agentId, 2), undefined, 'the third would exceed the limit');
    assert.deepEqual([...(await queue.activeCounts([agentId])).values()], [2]);
    await presence.report(agentId, 'available', now);
    const full = new LiveChatService(
      queue,
      presence,
      new OpeningHours(parseConfig({}).livechat.openingHours, 'Europe/Berlin'),
      () => now,
      2,
    );
    const roomy = new LiveChatService(
      queue,
      presence,
      new OpeningHours(parseConfig({}).livechat.openingHours, 'Europe/Berlin'),
      () => now,
      3,
    );
    await presence.leave(PRESENT_AGENT);
    assert.equal(await full.availability(now), 'busy', 'an agent at the limit takes no new chat');
    assert.equal(await roomy.availability(now), 'open');
    for (const chat of chats.slice(0, 2)) await queue.close(chat.id, agentId, 'ended');
    await queue.cancel(chats[2]!.conversationId);
    await presence.leave(agentId);
  });

  it('counts only agents who reported lately and are available', async () => {
    await presence.report(AWAY_AGENT, 'away', now);
    await presence.report(STALE_AGENT, 'available', new Date(now.getTime() - 120_000));
    await presence.report(READY_AGENT, 'available', now);
    const available = await presence.available(now);
    assert.ok(available.includes(READY_AGENT));
    assert.ok(!available.includes(AWAY_AGENT) && !available.includes(STALE_AGENT));
    await presence.leave(READY_AGENT);
    assert.ok(!(await presence.available(now)).includes(READY_AGENT));
  });
});
