import assert from 'node:assert/strict';
import fc from 'fast-check';
import path from 'node:path';
import { INTENTS, readIntent } from '../../bot/reading/intent.js';
import { readMessage } from '../../bot/reading/message-reading.js';
import { ACTION_SETS, evaluateActions, readActionSet } from '../../bot/reading/evaluation.js';
import { projectRoot } from '../../platform/paths.js';

/** One reading of each message: what the member wants and the details it already carries. */
describe('reading a member message', () => {
  const monday = { date: '2026-12-07', hour: 9 };

  it("reads the seed's own sentence as a submission, with the type and treatment", () => {
    const reading = readMessage('Ich möchte eine Rechnung für die professionelle Zahnreinigung einreichen', monday);
    assert.equal(reading.intent, 'submit_document');
    assert.deepEqual(reading.details, { documentType: 'invoice', treatmentKind: 'Professionelle Zahnreinigung' });
  });

  it("reads the issue's examples with every detail they give", () => {
    assert.deepEqual(readMessage('Ich möchte die Rechnung für die Zahnreinigung vom 3. November über 95 Euro einreichen', monday), {
      intent: 'submit_document',
      reason: 'wants to send a document',
      details: { documentType: 'invoice', treatmentKind: 'Professionelle Zahnreinigung', date: '2026-11-03', amountCents: 9500 },
    });
    assert.deepEqual(readMessage('Ruft mich morgen zwischen 10 und 12 unter 0171 2345678 an', monday).details, {
      phone: '+491712345678',
      day: '2026-12-08',
      window: '10-12',
    });
  });

  it('tells asking how from wanting it done', () => {
    for (const [text, intent] of [
      ['Wie reiche ich eine Rechnung ein?', 'question'],
      ['Kann ich die Krankmeldung auch per Post schicken?', 'question'],
      ['Können Sie mich bitte zurückrufen?', 'callback'],
      ['Kann ich bitte mit einem Mitarbeiter sprechen?', 'handoff'],
      ['Wann ist der Chat mit Mitarbeitern besetzt?', 'question'],
      ['Ist meine Krankmeldung schon angekommen?', 'status'],
      ['Ich habe keine Tracking-ID bekommen, ist mein Dokument trotzdem angekommen?', 'question'],
      ['Bitte schicken Sie mir eine Versicherungsbescheinigung', 'certificate'],
      ['Bescheinigung', 'question'],
      ['Wie lange bekomme ich Krankengeld?', 'question'],
      ['Ja', 'yes'],
      ['nein danke', 'no'],
      ['abbrechen', 'cancel'],
    ] as const)
      assert.equal(readIntent(text).intent, intent, text);
  });

  it('reads a tracking ID anywhere in a long message, also before its question', () => {
    const reading = readMessage(
      'Ich habe am 25. November eine Rechnung hochgeladen. Die Nummer war MK-XJK4-SHKQ-D4WF. Seitdem habe ich nichts gehört. Können Sie nachsehen, ob sie schon bearbeitet ist?',
      monday,
    );
    assert.equal(reading.intent, 'status');
    assert.equal(reading.details.trackingId, 'MK-XJK4-SHKQ-D4WF');
  });

  it("reads any text a member can send (up to the channel's 5,000 characters) without failing", () => {
    const intents = new Set<string>(INTENTS);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 5000 }),
          fc.string({ unit: 'grapheme', maxLength: 500 }),
          fc
            .array(fc.constantFrom('Ich ', 'möchte ', 'Rechnung ', '12.', '3. ', 'Uhr ', '0171 ', 'mich ', 'an', '? ', '. '), {
              maxLength: 800,
            })
            .map((words) => words.join('')),
        ),
        (text) => {
          const reading = readMessage(text, monday);
          assert.ok(intents.has(reading.intent), reading.intent);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes an action the rules miss from the learned model, saying so, and keeps questions as questions', () => {
    const terse = readMessage('rechnung reiseimpfung 12.11. 60€', monday);
    assert.equal(terse.intent, 'submit_document');
    assert.match(terse.reason, /^learned model: submit_document \(0\.\d\d\)$/);
    assert.equal(terse.details.treatmentKind, 'Reiseimpfung');
    assert.equal(readIntent('Elterngeld... nein, Mutterschaftsgeld beantragen, Entbindung am 2. Februar').intent, 'submit_document');
    // Asked with a question mark, or a single word: the rules' reading stands.
    for (const question of [
      'Wie lange ist die Einmal-PIN gültig?',
      'Wat kann ick hier allet machen?',
      'Bescheinigung',
      'Wie reiche ich eine Rechnung ein?',
    ])
      assert.equal(readIntent(question).intent, 'question', question);
  });

  it('never lets the learned model overrule an action the rules found', () => {
    // The rules read a tracking ID as status whatever the model thinks of the words around it.
    assert.equal(readIntent('Ich möchte eine Rechnung einreichen, MK-MTK1-3BQ2-744S').intent, 'status');
    assert.equal(readIntent('Bitte rufen Sie mich morgen an').intent, 'callback');
  });

  it('keeps a phone number without area code and a foreign number out of a callback', () => {
    assert.equal(readMessage('Bitte Rückruf unter 12345', monday).details.phone, undefined);
    assert.equal(readMessage('Bitte Rückruf unter +43 664 1234567', monday).details.phone, undefined);
  });

  /**
   * The targets (action ≥ 98 %, details ≥ 95 %) hold on the first development set; the
   * second development set and the held-out set get today's figures less a margin, so a change
   * that makes them worse fails. The issue stays open until the held-out set meets the targets.
   */
  const FLOORS: Record<string, { actions: number; action: number; details: number; questionsAsAction: number }> = {
    'actions.yaml': { actions: 300, action: 0.98, details: 0.95, questionsAsAction: 0.02 },
    'actions-dev-2.yaml': { actions: 200, action: 0.97, details: 0.93, questionsAsAction: 0.02 },
    'actions-dev-3.yaml': { actions: 300, action: 0.95, details: 0.87, questionsAsAction: 0.04 },
    // The learned second opinion (intent-model.ts) raised actions 89.7 → 95.4 % and details 89.1 → 91.1 %,
    // and read one more of its 70 questions as an action (5.7 → 7.1 %).
    'actions-heldout-1.yaml': { actions: 150, action: 0.94, details: 0.89, questionsAsAction: 0.08 },
  };

  for (const { file, role, clock } of ACTION_SETS) {
    it(`${role} action set ${file}: actions, details and questions within their floors`, async () => {
      const floors = FLOORS[file]!;
      const report = evaluateActions(await readActionSet(path.join(projectRoot, 'knowledge', 'eval', file)), clock);
      assert.ok(report.actions >= floors.actions, `${report.actions} action messages`);
      assert.ok(report.actionRate >= floors.action, `action recognised ${report.actionRate}`);
      assert.ok(report.detailRate >= floors.details, `details read right ${report.detailRate}`);
      assert.ok(report.questionsAsActionRate <= floors.questionsAsAction, `questions read as an action ${report.questionsAsActionRate}`);
    });
  }
});
