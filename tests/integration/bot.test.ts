import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity, type StoreItems } from 'botbuilder';
import { createAdapter, REQUEST_ID } from '../../bot/adapter.js';
import { MusterkasseBot } from '../../bot/musterkasse.bot.js';
import { createLogger } from '../../platform/logging/logger.js';
import { PostgresStorage, StorageConflictError } from '../../bot/postgres-storage.js';
import { CALLBACK, SUBMIT, TEXTS } from '../../domain/member-texts.de.js';
import type { Core } from '../../server/container.js';
import { LogCapture, startTestCore, uniqueName } from '../helpers/system.js';
import { testLogger } from '../helpers/log-scan.js';

/** The storage, with its next `method` call failing once (a unit-style fault on the real storage). */
/** Fails the method's call number `nth` (1 = the first), then behaves again. */
function failingOnce(storage: PostgresStorage, method: 'read' | 'write', message: string, nth = 1): PostgresStorage {
  const original = storage[method].bind(storage) as (arg: never) => Promise<never>;
  let calls = 0;
  storage[method] = (async (arg: never) => {
    if (++calls !== nth) return original(arg);
    throw new Error(message);
  }) as never;
  return storage;
}

describe('bot', () => {
  let core: Core;
  let storage: PostgresStorage;
  beforeEach(async () => {
    core = await startTestCore();
    storage = new PostgresStorage(core.database.db);
  });
  afterEach(() => core.close());

  describe('PostgreSQL storage', () => {
    it('reads back what it wrote, with an eTag', async () => {
      const key = uniqueName('conv/');
      await storage.write({ [key]: { step: 2, answers: { kind: 'invoice' } } });
      const read = (await storage.read([key, 'missing-key'])) as StoreItems;
      assert.deepEqual(Object.keys(read), [key]);
      assert.equal(read[key].step, 2);
      assert.match(read[key].eTag, /^[0-9a-f-]{36}$/);
    });

    it('refuses a write based on an outdated eTag, accepts "*"', async () => {
      const key = uniqueName('conv/');
      await storage.write({ [key]: { n: 1 } });
      const first = (await storage.read([key]))[key];
      await storage.write({ [key]: { ...first, n: 2 } });
      await assert.rejects(storage.write({ [key]: { ...first, n: 3 } }), StorageConflictError);
      await storage.write({ [key]: { n: 4, eTag: '*' } });
      assert.equal((await storage.read([key]))[key].n, 4);
    });

    it('deletes', async () => {
      const key = uniqueName('conv/');
      await storage.write({ [key]: { n: 1 } });
      await storage.delete([key]);
      assert.deepEqual(await storage.read([key]), {});
    });
  });

  describe('dialogs', () => {
    function conversationUpdate(adapter: TestAdapter): Partial<Activity> {
      const ref = adapter.conversation;
      return { type: ActivityTypes.ConversationUpdate, membersAdded: [ref.bot!, ref.user!], recipient: ref.bot, from: ref.user };
    }

    function testAdapter(bot: MusterkasseBot) {
      const adapter = new TestAdapter((context) => bot.run(context));
      adapter.conversation.conversation.id = uniqueName('conversation-');
      return adapter;
    }

    it('greets a member who joins in German and offers the four things it can do', async () => {
      const adapter = testAdapter(new MusterkasseBot(storage, core.knowledge, core.faqFeedback, core.bot.memberServices));
      await adapter.send(conversationUpdate(adapter)).assertReply((reply) => {
        assert.match(reply.text ?? '', /digitale Assistent der Musterkasse/);
        assert.deepEqual(
          reply.suggestedActions?.actions.map((a) => a.title),
          ['Frage stellen', 'Dokument einreichen', 'Rückruf anfordern', 'Mit einer Person sprechen'],
        );
      });
    });

    it('routes menu choices, starts a submission from a file, explains help in and out of a dialog', async () => {
      const adapter = testAdapter(new MusterkasseBot(storage, core.knowledge, core.faqFeedback, core.bot.memberServices));
      await adapter
        .send('Rückruf anfordern')
        .assertReply((r) => assert.equal(r.text, CALLBACK.topic))
        .send('abbrechen')
        .assertReply((r) => assert.equal(r.text, TEXTS.cancelled))
        .send('hilfe')
        .assertReply((r) => assert.equal(r.text, TEXTS.help))
        // A link that is not one of our channel's attachment links is never fetched.
        .send({
          type: ActivityTypes.Message,
          attachments: [{ contentType: 'application/pdf', contentUrl: 'http://127.0.0.1/x', name: 'au.pdf' }],
        })
        .assertReply((r) => assert.match(r.text ?? '', /„au\.pdf“ konnte ich nicht abrufen/))
        .assertReply((r) => assert.equal(r.text, SUBMIT.chooseType))
        .send('hilfe')
        .assertReply((r) => assert.equal(r.text, TEXTS.helpInDialog))
        .assertReply((r) => assert.equal(r.text, SUBMIT.chooseType))
        .send('abbrechen')
        .assertReply((r) => assert.equal(r.text, TEXTS.cancelled))
        .send('Wie wird das Wetter morgen in Hamburg?')
        .assertReply((r) => assert.equal(r.text, TEXTS.notUnderstood));
    });

    it('starts the action behind an intent instead of describing it', async () => {
      const adapter = testAdapter(new MusterkasseBot(storage, core.knowledge, core.faqFeedback, core.bot.memberServices));
      await adapter.send('Ich möchte einen Rückruf vereinbaren').assertReply((r) => assert.equal(r.text, CALLBACK.topic));
    });

    /** The bot with the production error handler, on storage whose `nth` write fails. */
    function adapterSavingBadly(nth: number): TestAdapter {
      const bot = new MusterkasseBot(
        failingOnce(new PostgresStorage(core.database.db), 'write', 'database gone while saving', nth),
        core.knowledge,
        core.faqFeedback,
        core.bot.memberServices,
      );
      const production = createAdapter('hop-key', testLogger(), (context) => bot.recoverAfterFailedTurn(context));
      const adapter = new TestAdapter((context) => bot.run(context));
      adapter.conversation.conversation.id = uniqueName('conversation-');
      adapter.onTurnError = production.onTurnError;
      return adapter;
    }

    it("sends a turn's replies only after its state is saved: if saving fails, the member gets the apology, not the next question", async () => {
      const adapter = adapterSavingBadly(1);
      await adapter
        .send('Dokument einreichen')
        .assertReply(TEXTS.turnError)
        .send('Für mich')
        .assertReply((r) => assert.notEqual(r.text, SUBMIT.kvnrSelf, 'the unsaved step is not continued'));
    });

    it('keeps a dialog in progress after a failed turn: the apology is true, the same question comes again and the answers so far count', async () => {
      // The second turn's save fails: the dialog must still stand at the question of the first.
      const adapter = adapterSavingBadly(2);
      await adapter
        .send('Dokument einreichen')
        .assertReply((r) => assert.equal(r.text, SUBMIT.chooseType))
        .send('Arbeitsunfähigkeitsbescheinigung')
        .assertReply(TEXTS.turnError)
        .assertReply((r) => assert.equal(r.text, SUBMIT.chooseType, 'the question of the kept step is asked again'))
        .send('Sonstiges')
        .assertReply((r) => assert.notEqual(r.text, TEXTS.notUnderstood, 'the dialog goes on where it stood'));
    });

    it('keeps the conversation usable after a failed turn, apologises in German and logs with the request id', async () => {
      const flaky = failingOnce(new PostgresStorage(core.database.db), 'read', 'database hiccup');
      const bot = new MusterkasseBot(flaky, core.knowledge, core.faqFeedback, core.bot.memberServices);
      const logs = new LogCapture();
      // The production error handler, from the production adapter, on the test adapter.
      const production = createAdapter('hop-key', createLogger('info', logs), (context) => bot.recoverAfterFailedTurn(context));
      const adapter = new TestAdapter((context) => {
        context.turnState.set(REQUEST_ID, 'req-123');
        return bot.run(context);
      });
      adapter.conversation.conversation.id = uniqueName('conversation-');
      adapter.onTurnError = production.onTurnError;
      await adapter
        .send('Dokument einreichen')
        .assertReply(TEXTS.turnError)
        .send('Dokument einreichen')
        .assertReply((r) => assert.equal(r.text, SUBMIT.chooseType));
      const failure = logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'Bot turn failed');
      assert.equal(failure?.requestId, 'req-123');
      assert.match(failure?.err?.message ?? '', /database hiccup/);
    });
  });
});
