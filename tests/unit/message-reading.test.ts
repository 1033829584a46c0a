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
    const terse = readMessage('Osteopathie-Rechnung, bitte übernehmen', monday);
    assert.equal(terse.intent, 'submit_document');
    assert.match(terse.reason, /^learned model: submit_document \(0\.\d\d\)$/);
    assert.equal(terse.details.treatmentKind, 'Osteopathie');
    // A document named with its figures in a few words is a submission by the rules.
    assert.deepEqual(readMessage('rechnung reiseimpfung 12.11. 60€', monday), {
      intent: 'submit_document',
      reason: 'names a document with its date or amount',
      details: { documentType: 'invoice', treatmentKind: 'Reiseimpfung', date: '2026-11-12', amountCents: 6000 },
    });
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

  it('reads numbers as dictation writes them: amounts, dates, phone numbers and KVNRs in words', () => {
    const today = { date: '2027-01-11', hour: 9 };
    assert.deepEqual(
      readMessage(
        'rechnung osteopathie zweiter dezember hundertzwanzig euro bitte einreichen versichertennummer k fünf neun zwei null sechs sechs vier sieben sieben',
        today,
      ).details,
      { documentType: 'invoice', treatmentKind: 'Osteopathie', date: '2026-12-02', amountCents: 12000, kvnr: 'K592066477' },
    );
    assert.equal(
      readMessage('Reiseimpfung vom achten Januar über einhundertzwölf Euro fünfzig einreichen', today).details.amountCents,
      11250,
    );
    assert.deepEqual(
      readMessage(
        'rückruf bitte am donnerstag zwischen zwölf und vierzehn uhr meine nummer ist null sieben elf zwei drei vier fünf sechs sieben',
        today,
      ).details,
      { phone: '+49711234567', day: '2027-01-14', window: '12-14' },
    );
    // Counts stay counts: "ab gestern für zwei Wochen krankgeschrieben" began yesterday.
    assert.equal(
      readMessage('Der Arzt hat mich ab gestern für zwei Wochen krankgeschrieben, die AU will ich hochladen', today).details.date,
      '2027-01-10',
    );
  });

  it('takes what a member corrects in the same message', () => {
    const today = { date: '2027-01-11', hour: 9 };
    assert.equal(readMessage('Rechnung einreichen: Zahnreinigung, 79 Euro – Moment, 97 Euro, vom 17.12.', today).details.amountCents, 9700);
    assert.equal(readMessage('Rückruf bitte am Dienstag, nein, doch lieber am Mittwoch, 0178 2233445', today).details.day, '2027-01-13');
    assert.equal(
      readMessage('Status bitte zu MK-ACBA-QP5G-Z2W7 – ach nein, falsche Nummer, MK-GEAR-P7X9-Y0DP meine ich.', today).details.trackingId,
      'MK-GEAR-P7X9-Y0DP',
    );
    assert.equal(
      readMessage('Ich will die Krankmeldung meines Sohnes hochladen – Quatsch, meine eigene natürlich', today).details.forOther,
      undefined,
    );
  });

  it('reads "how do I send it" with the document in hand as the wish to send it, and a general how as a question', () => {
    for (const [text, intent] of [
      ['Kann ich Ihnen hier gleich meine Krankmeldung schicken? Ich habe sie vor mir liegen.', 'submit_document'],
      ['Abi, ich hab Rechnung von Zahnreinigung, 90 euro, letzten Montag, wie schicken?', 'submit_document'],
      ['Ich habe einen Brief mit einer Einmal-PIN bekommen. Wie melde ich mich jetzt an?', 'pin_login'],
      ['wie reiche ich generell eine krankmeldung ein? nur damit ichs weis', 'question'],
      ['Wie melde ich mich mit der Einmal-PIN an? Ich will mich nur vorab informieren.', 'question'],
      ['Wie reiche ich meine Krankmeldung ein?', 'question'],
      ['Warum hat Hochladen nicht funktioniert? Ich habe drei Mal versucht Rechnung schicken, immer Fehler', 'question'],
      ['Wie lange hab ich Zeit, ne Krankmeldung einzureichen?', 'question'],
    ] as const)
      assert.equal(readIntent(text).intent, intent, text);
  });

  it('knows more ways of saying yes, no, stop, help and "a person, please"', () => {
    for (const [text, intent] of [
      ['👍', 'yes'],
      ['Jawohl, stimmt so.', 'yes'],
      ['👎', 'no'],
      ['Nei, danke', 'no'],
      ['ach lass mal, kein bock mehr', 'cancel'],
      ['❌ abbrechen', 'cancel'],
      ['Doch keinen Rückruf, bitte abbrechen.', 'cancel'],
      ['Was kannst du alles?', 'help'],
      ['What can you help me with?', 'help'],
      ['Can you put me through to a live agent?', 'handoff'],
      ['Has my sick note been received yet? I sent it on Friday.', 'status'],
    ] as const)
      assert.equal(readIntent(text).intent, intent, text);
  });

  it('keeps a story from deciding the wish, and reads days and hours as the south and the week say them', () => {
    const today = { date: '2026-12-15', hour: 11 };
    for (const [text, intent] of [
      ['Ich möchte hiermit die Krankmeldung meiner Ehefrau einreichen, da sie nicht mit dem Computer umgehen kann.', 'submit_document'],
      ['Ich würde gern wissen, auf welchem Wege ich Ihnen meine Arztrechnungen zukommen lassen kann.', 'question'],
      ['Ist es möglich, eine Versicherungsbescheinigung auch für meine Ehefrau anzufordern?', 'question'],
      ['Wo sehe ich später, welchen Stand mein Antrag auf Krankengeld hat?', 'question'],
      ['wo bleibt mein geld rechnung schon 3 wochen her', 'status'],
      ['Ich würde gerne wissen, ob meine eingereichten Unterlagen schon bearbeitet wurden.', 'status'],
    ] as const)
      assert.equal(readIntent(text).intent, intent, text);
    assert.equal(readMessage('Rückruf bitte, nächste Woche Mittwoch, 0176 99887766', today).details.day, '2026-12-23');
    assert.equal(readMessage('Bitte Rückruf, 0341 9876543, Donnerstag oder Freitag', today).details.day, undefined);
    assert.deepEqual(readMessage('Rufet Se ons bitte zrück, morga zwischa zwoi ond vier am Nachmittag. 07031 654321', today).details, {
      phone: '+497031654321',
      day: '2026-12-16',
      window: '14-16',
    });
  });

  it('reads what a status question says about the document, and the KVNR given with any request', () => {
    const today = { date: '2027-01-11', hour: 9 };
    assert.deepEqual(readMessage('Können Sie mir sagen, ob meine Rechnung vom 2. Dezember schon bearbeitet ist?', today).details, {
      documentType: 'invoice',
      date: '2026-12-02',
    });
    // The day it was sent is not the document's date.
    assert.deepEqual(readMessage('Ist meine Krankmeldung angekommen, die ich letzte Woche geschickt habe?', today).details, {
      documentType: 'sick_note',
    });
    assert.equal(readMessage('Let me talk to a real person please, my KVNR is M776732452.', today).details.kvnr, 'M776732452');
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
    'actions-dev-3.yaml': { actions: 300, action: 0.96, details: 0.96, questionsAsAction: 0.02 },
    // Unseen at first count: actions 81.0 %, details 67.1 % (dictation, dialects, corrections); now also in
    // the model's training, except its 17 bare replies to a prompt ("morgen"), which no reading without the dialog can place.
    'actions-dev-4.yaml': { actions: 300, action: 0.94, details: 0.93, questionsAsAction: 0.02 },
    // The learned second opinion (intent-model.ts) raised actions 89.7 → 95.4 % and details 89.1 → 91.1 %;
    // reading details as dictated and corrected, wishes with the document in hand, the document a status
    // question is about: 98.5 % and 94.3 %, questions read as an action 7.1 → 5.7 % (2026-12-07).
    'actions-heldout-1.yaml': { actions: 150, action: 0.975, details: 0.93, questionsAsAction: 0.06 },
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
