import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ActivityTypes, ConversationState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { PostgresStorage } from '../../bot/postgres-storage.js';
import { MainDialog } from '../../bot/dialogs/main.dialog.js';
import { createMemberDialogs } from '../../bot/dialogs/member-dialogs.js';
import { FOR_ENGLISH_SPEAKERS, STATUS, SUBMIT, TEXTS } from '../../domain/member-texts.de.js';
import { projectRoot } from '../../platform/paths.js';
import { sql } from 'drizzle-orm';
import { botDailyOutcomes } from '../../platform/db/schema.js';
import { KnowledgeService } from '../../knowledge/knowledge-base.js';
import type { Core } from '../../server/container.js';
import { waitUntil } from '../helpers/processes.js';
import { startTestCore, uniqueName } from '../helpers/system.js';
import { testLogger } from '../helpers/log-scan.js';

/**
 * The FAQ part of the main dialog, driven with botbuilder-testing's DialogTestClient on the
 * real knowledge files (a copy, so that a test can edit them) and conversation state in PostgreSQL.
 */
describe('FAQ dialog (botbuilder-testing)', () => {
  let core: Core;
  let dir: string;
  let knowledge: KnowledgeService;

  before(async () => {
    core = await startTestCore();
    dir = mkdtempSync(path.join(tmpdir(), 'mk-faq-dialog-'));
    cpSync(path.join(projectRoot, 'knowledge'), dir, { recursive: true });
    knowledge = await KnowledgeService.open(dir, testLogger());
  });
  after(async () => {
    knowledge.close();
    rmSync(dir, { recursive: true, force: true });
    await core.close();
  });

  /** A fresh conversation (own channel id, so the PostgreSQL state keys never collide). */
  function client(): DialogTestClient {
    const state = new ConversationState(new PostgresStorage(core.database.db));
    const dialog = new MainDialog(knowledge, core.faqFeedback, state, createMemberDialogs(core.bot.memberServices, state));
    return new DialogTestClient(uniqueName('faq-test-'), dialog, undefined, undefined, state);
  }

  const titles = (reply: Partial<Activity> | undefined) => reply?.suggestedActions?.actions.map((a) => a.title) ?? [];

  it('counts per day what each question got (answer, action, "Meinten Sie", fallback) for the statistics, without its text', async () => {
    const counts = async () =>
      Object.fromEntries(
        (
          await core.database.db
            .select()
            .from(botDailyOutcomes)
            .where(sql`${botDailyOutcomes.day} = (now() at time zone 'Europe/Berlin')::date`)
        ).map((row) => [row.outcome, row.count]),
      );
    const before = await counts();
    await client().sendActivity('Wie lange ist die Einmal-PIN aus dem Brief gültig?');
    await client().sendActivity('Ich möchte einen Rückruf');
    await client().sendActivity('Quantenchromodynamik Gluonen Vakuum');
    const after = await counts();
    const delta = (outcome: string) => (after[outcome] ?? 0) - (before[outcome] ?? 0);
    assert.deepEqual([delta('answer'), delta('action'), delta('fallback')], [1, 1, 1]);
  });

  it('answers a question with the facts, in markdown, with follow-ups and rating buttons', async () => {
    const reply = await client().sendActivity('Wie lange ist die Einmal-PIN aus dem Brief gültig?');
    assert.match(reply.text ?? '', /31 Tage nach dem Briefdatum/);
    assert.equal(reply.textFormat, 'markdown');
    assert.ok(titles(reply).includes(TEXTS.rateHelpful) && titles(reply).includes(TEXTS.rateNotHelpful), titles(reply).join(' | '));
    assert.ok(titles(reply).length > 2, 'follow-up questions offered');
  });

  it('asks "Meinten Sie …?" when entries are close and answers the choice the member taps', async () => {
    const member = client();
    // Sending fits several entries about as well (in the app, here in the chat, formats and limits).
    const question: Activity = await member.sendActivity('Wie schicke ich euch etwas?');
    assert.equal(question.text, TEXTS.didYouMean);
    const options = question.suggestedActions?.actions.map((a) => String(a.value)) ?? [];
    assert.equal(options.at(-1), TEXTS.noneOfThese);
    assert.ok(options.length >= 3, options.join(' | '));
    const viaApp = options.find((o) => /Service-App/.test(o));
    assert.ok(viaApp, options.join(' | '));
    const answer = await member.sendActivity(viaApp);
    assert.match(answer.text ?? '', /Dokument senden/);
  });

  it('after "none of these" and another miss, offers a person or a callback', async () => {
    const member = client();
    const first = await member.sendActivity('Wie schicke ich euch etwas?');
    assert.equal(first.text, TEXTS.didYouMean);
    const none = await member.sendActivity(TEXTS.noneOfThese);
    assert.equal(none.text, TEXTS.notUnderstood);
    const again = await member.sendActivity('Wie wird das Wetter am Wochenende?');
    assert.equal(again.text, TEXTS.notUnderstoodAgain);
    assert.deepEqual(titles(again), ['Mit einer Person sprechen', 'Rückruf anfordern']);
  });

  it('falls back honestly twice in a row, and an answer in between resets the count', async () => {
    const member = client();
    assert.equal((await member.sendActivity('Erzähl mir einen Witz')).text, TEXTS.notUnderstood);
    assert.match((await member.sendActivity('Wie lange gilt die Einmal-PIN?')).text ?? '', /31 Tage/);
    assert.equal((await member.sendActivity('Wer gewinnt die Bundesliga?')).text, TEXTS.notUnderstood, 'the count started again');
    const second = await member.sendActivity('Wie backe ich einen Kuchen?');
    assert.equal(second.text, TEXTS.notUnderstoodAgain);
    assert.deepEqual(titles(second), ['Mit einer Person sprechen', 'Rückruf anfordern']);
  });

  it('takes "Ja" as agreeing to what the last answer offered, and never answers a plain "Ja" with the fallback', async () => {
    const member = client();
    const answer = await member.sendActivity('Wie reiche ich eine Rechnung zur Erstattung ein?');
    assert.notEqual(answer.text, TEXTS.notUnderstood, 'the question is answered');
    assert.equal((await member.sendActivity('Ja')).text, SUBMIT.chooseType, 'the answer offered the submission: "Ja" starts it');
    const fresh = client();
    assert.equal((await fresh.sendActivity('Erzähl mir einen Witz')).text, TEXTS.notUnderstood);
    assert.equal((await fresh.sendActivity('Ja')).text, TEXTS.howCanIHelp);
    assert.equal((await fresh.sendActivity('nein danke')).text, TEXTS.declinedOffer);
  });

  it('asks which is meant when a single word like "Bescheinigung" fits several topics, instead of starting one', async () => {
    const reply = await client().sendActivity('Bescheinigung');
    assert.equal(reply.text, TEXTS.didYouMean);
    assert.ok(titles(reply).length >= 3, titles(reply).join(' | '));
  });

  it('applies the answer to the numbers the member gives: the letter date of an Einmal-PIN', async () => {
    const reply = await client().sendActivity('Mein Brief ist vom 2. März 2026. Wie lange ist die Einmal-PIN gültig?');
    assert.match(reply.text ?? '', /31 Tage nach dem Briefdatum/);
    assert.match(reply.text ?? '', /Für Sie:\*\* Ihr Brief ist vom 2\. März 2026: Die PIN galt bis zum 2\. April 2026 und ist abgelaufen/);
  });

  it('reads everyday words as words: "beim Zahnarzt" or "Klassenfahrt" never start the status dialog', async () => {
    for (const question of [
      'Zahlt ihr die Reinigung beim Zahnarzt?',
      'Mein Kind ist auf Klassenfahrt krank geworden, was nun?',
      'Soll ich die Unterlagen schicken oder hochladen?',
      'Bekomme ich eine Reha nach der Operation?',
    ])
      assert.notEqual((await client().sendActivity(question)).text, STATUS.trackingId, question);
  });

  it('answers a member writing English from the English phrasings, tells them once in English that the answers are German', async () => {
    const member = client();
    assert.equal((await member.sendActivity('Where do I find my tracking ID?')).text, FOR_ENGLISH_SPEAKERS.note);
    assert.match(member.getNextReply()?.text ?? '', /Tracking-ID/, 'the German answer on the tracking ID');
    const second = await member.sendActivity('My kid is sick and I have to stay home, do I get paid?');
    assert.notEqual(second.text, FOR_ENGLISH_SPEAKERS.note, 'told once');
    assert.match(second.text ?? '', /versichertes Kind ist \*\*unter 12 Jahre/, 'the German answer on child sick pay');
    const lost = await client().sendActivity('What is the weather tomorrow in Berlin?');
    assert.equal(lost.text, FOR_ENGLISH_SPEAKERS.notUnderstood);
    assert.deepEqual(titles(lost), [FOR_ENGLISH_SPEAKERS.person, FOR_ENGLISH_SPEAKERS.callback], 'English buttons …');
    assert.deepEqual(
      lost.suggestedActions?.actions.map((a: { value: unknown }) => a.value),
      ['Mit einer Person sprechen', 'Rückruf anfordern'],
      '… that send what the bot acts on',
    );
  });

  it('answers each question of a message that asks two, each under its question, the buttons under the last', async () => {
    const member = client();
    const first = await member.sendActivity('Wie lange ist die Einmal-PIN gültig? Und wo finde ich meine Tracking-ID?');
    const second = member.getNextReply();
    assert.match(first.text ?? '', /^\*\*Wie lange ist die Einmal-PIN gültig/);
    assert.match(first.text ?? '', /31 Tage/);
    assert.equal(first.suggestedActions, undefined);
    assert.match(second?.text ?? '', /^\*\*Was ist die Tracking-ID und wo finde ich sie\?\*\*/);
    assert.ok(titles(second).includes(TEXTS.rateHelpful));
  });

  it('stores a rating per entry and thanks the member', async () => {
    const member = client();
    const answer: Activity = await member.sendActivity('Wie lange gilt die Einmal-PIN?');
    const helpful = answer.suggestedActions?.actions.find((a) => a.title === TEXTS.rateHelpful);
    assert.deepEqual(helpful?.value, { type: 'faq-rating', entryId: 'einmal_pin_validity', helpful: true });
    const count = async () => (await core.faqFeedback.listRatings()).find((r) => r.entryId === 'einmal_pin_validity')?.helpful ?? 0;
    const before = await count();
    const thanks = await member.sendActivity({ type: ActivityTypes.Message, text: TEXTS.rateHelpful, value: helpful!.value });
    assert.equal(thanks.text, TEXTS.thanksForRating);
    assert.equal(await count(), before + 1);
  });

  it('answers from a knowledge file edited while it runs, without a restart', async () => {
    // The new entry's own question: a new entry with only a few phrasings is answered less confidently (knowledge/README.md).
    const question = 'Gibt es einen Zuschuss für Yogakurse?';
    assert.equal((await client().sendActivity(question)).text, TEXTS.notUnderstood);
    const entries = knowledge.size;
    writeFileSync(
      path.join(dir, 'entries', 'yoga_course.md'),
      [
        '---',
        'id: yoga_course',
        'question: Gibt es einen Zuschuss für Yogakurse?',
        'phrasings:',
        '  - Yogakurs Zuschuss',
        '  - bezahlt die Kasse Yoga',
        '---',
        'Für zertifizierte **Yogakurse** erstatten wir 80 % der Kursgebühr, höchstens 75 Euro im Jahr.',
        '',
      ].join('\n'),
    );
    await waitUntil(() => knowledge.size === entries + 1, 5000, 'the edited knowledge base to be loaded');
    const reply = await client().sendActivity(question);
    assert.match(reply.text ?? '', /80 % der Kursgebühr/);
  });
});
