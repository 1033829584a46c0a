import assert from 'node:assert/strict';
import { newConversationId, newUserId } from '../../channel/tokens.service.js';
import type { ChatLine } from '../../staff-console/socket/events.js';
import { LIVECHAT_TEXTS } from '../../domain/member-texts.de.js';
import { createApp } from '../../server/app.js';
import { consoleSocket, type AgentClient } from '../helpers/console-socket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';
import { waitUntil } from '../helpers/processes.js';

/** The agents' socket.io side against two real web nodes sharing PostgreSQL and Redis. */
describe('live chat over socket.io', function () {
  this.timeout(60_000);
  let nodeA: TestServer;
  let nodeB: TestServer;
  const sockets: AgentClient[] = [];

  before(async () => {
    const env = { REDIS_PREFIX: uniqueName('mklive') };
    nodeA = await startTestServer({ env });
    nodeB = await startTestServer({ env });
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await nodeA?.stop();
    await nodeB?.stop();
  });

  async function cookieOf(node: TestServer, role: 'agent' | 'clerk' | 'admin'): Promise<string> {
    const { username } = await createStaff(node.core, role);
    return (await loginAs(createApp(node.core), username)).cookie;
  }

  const consoleOn = (node: TestServer, cookie?: string) => consoleSocket(node, sockets, cookie);

  /** A logged-in agent's console and their staff id. */
  async function agentOn(node: TestServer) {
    const { username } = await createStaff(node.core, 'agent');
    const { cookie } = await loginAs(createApp(node.core), username);
    const id = (await node.core.staffUsers.list()).find((u) => u.username === username)!.id;
    const socket = await consoleOn(node, cookie);
    assert.ok((await socket.emitWithAck('agent:status', 'available')).ok);
    return { socket, id };
  }

  const textsOf = async (conversationId: string) =>
    (await nodeA.core.chat.directLine.activitiesAfter(conversationId, 0)).activities.map((a) => a.text ?? '');

  async function waitingMember(node: TestServer, topic: string) {
    const conversationId = newConversationId();
    const userId = newUserId();
    await node.core.chat.directLine.startConversation(conversationId, userId);
    const session = await node.core.livechat.queue.request(conversationId, topic, { recentMessages: [topic], trackingIds: [], kvnr: null });
    return { conversationId, userId, session };
  }

  it("refuses a socket without a staff session, and a clerk's", async () => {
    await assert.rejects(consoleOn(nodeA), /unauthenticated/);
    await assert.rejects(consoleOn(nodeA, await cookieOf(nodeA, 'clerk')), /forbidden/);
  });

  it('lets exactly one of two agents take a chat; messages flow both ways across web nodes; ending hands back to the bot', async () => {
    const [first, second] = await Promise.all([
      consoleOn(nodeA, await cookieOf(nodeA, 'agent')),
      consoleOn(nodeB, await cookieOf(nodeB, 'agent')),
    ]);
    const member = await waitingMember(nodeA, 'Frage zum Krankengeld');
    const queue = await second.emitWithAck('queue:list');
    assert.ok(queue.ok && queue.chats.some((c) => c.sessionId === member.session.id && c.topic === 'Frage zum Krankengeld'));

    const results = await Promise.all([
      first.emitWithAck('queue:accept', member.session.id),
      second.emitWithAck('queue:accept', member.session.id),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
    const loser = results.find((r) => !r.ok);
    assert.ok(loser && !loser.ok && loser.error === 'taken');
    const agent = results[0]!.ok ? first : second;
    const otherNode = agent === first ? nodeB : nodeA;

    // The member writes through the other node; the agent's socket gets it.
    const lines: ChatLine[] = [];
    agent.on('chat:line', (line) => lines.push(line));
    await otherNode.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'message',
      text: 'Hallo, ich warte auf mein Krankengeld.',
    } as never);
    await waitUntil(
      async () => lines.some((l) => l.text === 'Hallo, ich warte auf mein Krankengeld.'),
      10_000,
      "the member's message at the agent",
    );
    assert.equal(lines[0]!.sessionId, member.session.id);

    // Typing shows both ways, on any node, and is not stored.
    let memberTyping = false;
    agent.on('chat:typing', (id) => (memberTyping = id === member.session.id));
    await otherNode.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, { type: 'typing' } as never);
    await waitUntil(async () => memberTyping, 10_000, "the member's typing at the agent");
    const seenByMember: string[] = [];
    const stop = await otherNode.core.chat.fanout.subscribe(member.conversationId, (frame) =>
      seenByMember.push(...frame.activities.map((a) => `${a.type}:${a.from?.name ?? ''}`)),
    );
    assert.ok((await agent.emitWithAck('chat:typing', member.session.id)).ok);
    await waitUntil(async () => seenByMember.some((s) => s.startsWith('typing:')), 10_000, "the agent's typing at the member");
    await stop();
    assert.ok(!(await (agent === first ? second : first).emitWithAck('chat:typing', member.session.id)).ok);

    const sent = await agent.emitWithAck('chat:send', member.session.id, 'Guten Tag, ich sehe nach.');
    assert.ok(sent.ok);
    const refused = await (agent === first ? second : first).emitWithAck('chat:send', member.session.id, 'Ich mische mich ein.');
    assert.ok(!refused.ok, 'only the agent who took the chat writes in it');
    const transcript = (await nodeA.core.chat.directLine.activitiesAfter(member.conversationId, 0)).activities.map((a) => a.text);
    assert.ok(
      transcript.some((t) => t?.endsWith('ist jetzt für Sie da.')),
      'the member is told who joined',
    );
    assert.ok(transcript.includes('Guten Tag, ich sehe nach.'));
    assert.ok(!transcript.includes('Ich mische mich ein.'));
    const seen = await agent.emitWithAck('chat:transcript', member.session.id);
    assert.ok(seen.ok);
    assert.deepEqual(
      seen.lines
        .filter((l) => l.from !== 'bot')
        .map((l) => [l.from, l.text])
        .slice(-2),
      [
        ['member', 'Hallo, ich warte auf mein Krankengeld.'],
        ['agent', 'Guten Tag, ich sehe nach.'],
      ],
    );
    assert.ok(
      !(await (agent === first ? second : first).emitWithAck('chat:transcript', member.session.id)).ok,
      'another agent does not read a taken chat',
    );

    // A message written while the agent's console reconnects is in the transcript it reads after.
    agent.disconnect();
    await nodeA.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'message',
      text: 'Sind Sie noch da?',
    } as never);
    await new Promise<void>((resolve, reject) => {
      agent.once('connect', () => resolve());
      agent.once('connect_error', reject);
      agent.connect();
    });
    const after = await agent.emitWithAck('chat:transcript', member.session.id);
    assert.ok(after.ok && after.lines.some((l) => l.from === 'member' && l.text === 'Sind Sie noch da?'));
    lines.length = 0;
    await otherNode.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'message',
      text: 'Hallo?',
    } as never);
    await waitUntil(async () => lines.some((l) => l.text === 'Hallo?'), 10_000, 'live lines again after the reconnect');

    assert.ok((await agent.emitWithAck('chat:end', member.session.id, 'ended')).ok);
    assert.ok(
      (await nodeA.core.chat.directLine.activitiesAfter(member.conversationId, 0)).activities.some((a) => a.text === LIVECHAT_TEXTS.ended),
    );
    assert.equal(await nodeA.core.livechat.queue.openFor(member.conversationId), undefined, 'the bot answers again');
    assert.ok(!(await agent.emitWithAck('chat:end', member.session.id, 'ended')).ok, 'ended once');
  });

  it('tells the members behind a chat that was taken their new place', async () => {
    const agent = await consoleOn(nodeA, await cookieOf(nodeA, 'agent'));
    const ahead = await waitingMember(nodeA, 'Erste Frage');
    const behind = await waitingMember(nodeB, 'Zweite Frage');
    const before = await nodeA.core.livechat.queue.position(behind.session.id);
    assert.ok((await agent.emitWithAck('queue:accept', ahead.session.id)).ok);
    const moved = `Stelle der Warteschlange|an der Reihe`;
    await waitUntil(
      async () =>
        (await nodeA.core.chat.directLine.activitiesAfter(behind.conversationId, 0)).activities.some((a) =>
          new RegExp(moved).test(a.text ?? ''),
        ),
      10_000,
      'the new place',
    );
    const texts = (await nodeA.core.chat.directLine.activitiesAfter(behind.conversationId, 0)).activities.map((a) => a.text ?? '');
    const expected = before - 1 === 1 ? /als Nächste oder Nächster an der Reihe/ : new RegExp(`an ${before - 1}\\. Stelle`);
    assert.ok(
      texts.some((t) => expected.test(t)),
      JSON.stringify(texts),
    );
    assert.ok(
      !(await nodeA.core.chat.directLine.activitiesAfter(ahead.conversationId, 0)).activities.some((a) =>
        new RegExp(moved).test(a.text ?? ''),
      ),
      'the member who was taken hears no place',
    );
    await agent.emitWithAck('chat:end', ahead.session.id, 'ended');
    await nodeA.core.livechat.queue.cancel(behind.conversationId);
  });

  it('reports an agent as available to the bot, and validates what the console sends', async () => {
    const agent = await consoleOn(nodeB, await cookieOf(nodeB, 'admin'));
    assert.ok((await agent.emitWithAck('agent:status', 'available')).ok);
    assert.ok((await nodeA.core.livechat.presence.available(new Date())).length >= 1);
    assert.ok(!(await agent.emitWithAck('agent:status', 'sleeping' as never)).ok);
    assert.ok(!(await agent.emitWithAck('queue:accept', 'not-a-uuid')).ok);
    assert.ok((await agent.emitWithAck('agent:status', 'away')).ok);
  });

  it('transfers a chat with its private notes and details; the first agent hears no more of it; read state reaches the new agent', async () => {
    const [a, b] = await Promise.all([agentOn(nodeA), agentOn(nodeB)]);
    const member = await waitingMember(nodeA, 'Bescheinigung fehlt');
    const certificate = await nodeA.core.serviceRequests.addCertificate({
      kvnr: 'A123456780',
      forOther: false,
      conversationId: member.conversationId,
    });
    assert.ok((await a.socket.emitWithAck('queue:accept', member.session.id)).ok);
    const note = await a.socket.emitWithAck('chat:note', member.session.id, 'Hat schon zweimal angerufen.');
    assert.ok(note.ok && note.note.text === 'Hat schon zweimal angerufen.');
    assert.ok(
      !(await b.socket.emitWithAck('chat:note', member.session.id, 'Fremde Notiz')).ok,
      'only the agent running the chat writes notes',
    );

    const colleagues = await a.socket.emitWithAck('agents:list');
    assert.ok(colleagues.ok && colleagues.agents.some((c) => c.id === b.id) && !colleagues.agents.some((c) => c.id === a.id));
    const assigned = new Promise<string>((resolve) => b.socket.once('chat:assigned', (chat) => resolve(chat.sessionId)));
    const closedForA = new Promise<string>((resolve) => a.socket.once('chat:closed', resolve));
    assert.ok(!(await a.socket.emitWithAck('chat:transfer', member.session.id, a.id)).ok, 'not to oneself');
    assert.ok((await a.socket.emitWithAck('chat:transfer', member.session.id, b.id)).ok);
    assert.equal(await assigned, member.session.id);
    assert.equal(await closedForA, member.session.id);
    assert.ok(!(await a.socket.emitWithAck('chat:send', member.session.id, 'Noch da?')).ok, 'the first agent no longer writes');

    const seen = await b.socket.emitWithAck('chat:transcript', member.session.id);
    assert.ok(seen.ok);
    assert.deepEqual(
      seen.notes.map((n) => n.text),
      ['Hat schon zweimal angerufen.'],
    );
    assert.equal(seen.details.kvnr, 'A123456780');
    assert.deepEqual(seen.details.requests, [`Versicherungsbescheinigung · ${certificate.reference}`]);
    assert.ok(
      (await textsOf(member.conversationId)).some((t) => t.endsWith('übernimmt jetzt Ihr Anliegen.')),
      'the member is told who took over',
    );

    const linesA: ChatLine[] = [];
    const linesB: ChatLine[] = [];
    a.socket.on('chat:line', (l) => linesA.push(l));
    b.socket.on('chat:line', (l) => linesB.push(l));
    let readAt = '';
    b.socket.on('chat:read', (id, at) => id === member.session.id && (readAt = at));
    await nodeA.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'event',
      name: 'webchat/read',
    } as never);
    await nodeA.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'message',
      text: 'Danke, ich warte.',
    } as never);
    await waitUntil(
      async () => linesB.some((l) => l.text === 'Danke, ich warte.') && readAt !== '',
      10_000,
      'message and read state at the new agent',
    );
    await waitUntil(async () => !!(await nodeA.core.livechat.queue.find(member.session.id))?.memberReadAt, 10_000, 'the read state stored');
    assert.ok(!(await textsOf(member.conversationId)).includes(''), 'a read receipt is not stored as a message');
    assert.equal(linesA.length, 0, 'nothing reaches the agent who handed the chat on');

    assert.ok((await b.socket.emitWithAck('chat:end', member.session.id, 'handed_back')).ok);
    const after = await textsOf(member.conversationId);
    assert.ok(after.some((t) => t.includes('zurückgegeben')));
    assert.ok(!after.includes(LIVECHAT_TEXTS.ratingQuestion), 'handing back asks for no rating');
    assert.deepEqual(
      (await nodeA.core.livechat.queue.history(member.session.id)).map((e) => e.kind),
      ['accepted', 'transferred', 'handed_back'],
    );
  });

  it('asks for a rating when the agent ends the chat and stores the answer through the bot', async () => {
    const { socket } = await agentOn(nodeB);
    const member = await waitingMember(nodeA, 'Frage zur Bonuszahlung');
    assert.ok((await socket.emitWithAck('queue:accept', member.session.id)).ok);
    assert.ok((await socket.emitWithAck('chat:end', member.session.id, 'ended')).ok);
    const asked = (await nodeA.core.chat.directLine.activitiesAfter(member.conversationId, 0)).activities.find(
      (a) => a.text === LIVECHAT_TEXTS.ratingQuestion,
    );
    assert.deepEqual(
      (asked?.suggestedActions as { actions: Array<{ title: string }> }).actions.map((x) => x.title),
      [...LIVECHAT_TEXTS.ratingChoices],
    );
    await nodeB.core.chat.directLine.postFromUser(member.conversationId, { id: member.userId }, {
      type: 'message',
      text: 'Zufrieden',
    } as never);
    await waitUntil(async () => (await nodeA.core.livechat.queue.find(member.session.id))?.rating === 4, 15_000, 'the rating stored');
    await waitUntil(async () => (await textsOf(member.conversationId)).includes(LIVECHAT_TEXTS.ratingThanks), 15_000, 'the thanks');
    // Asked once: the next message is an ordinary question again.
    assert.equal((await nodeA.core.livechat.queue.currentFor(member.conversationId, new Date())).ratingPending, undefined);
  });
});
