import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Attachment } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { eq } from 'drizzle-orm';
import { SubmitDocumentDialog, type SubmitDocumentDeps } from '../../bot/dialogs/submit-document.dialog.js';
import { SUBMIT, TEXTS } from '../../domain/member-texts.de.js';
import { draftFiles } from '../../platform/db/schema.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import type { Core } from '../../server/container.js';
import { EICAR, encryptPdf, makePdfPages, noisyImage, PNG_1X1 } from '../helpers/files.js';
import { DialogMember, last } from '../helpers/dialog-member.js';
import { ManualClock, startTestCore } from '../helpers/system.js';

const TODAY = '2026-11-23';
const IBAN = 'DE89 3704 0044 0532 0130 00';

function file(name: string, bytes: Buffer, contentType = 'application/pdf'): Attachment {
  return { name, contentType, contentUrl: `data:${contentType};base64,${bytes.toString('base64')}` };
}

/**
 * The document submission dialog, driven with botbuilder-testing through the main dialog (so
 * "abbrechen" and "hilfe" behave as for members), state in PostgreSQL, files checked by the
 * real clamd and stored for real.
 */
describe('document submission dialog (botbuilder-testing)', () => {
  let core: Core;
  let deps: SubmitDocumentDeps;
  before(async () => {
    core = await startTestCore();
    deps = { ...core.bot.memberServices.submitDocument, today: () => TODAY };
  });
  after(() => core.close());

  class Member extends DialogMember {
    constructor() {
      super(core, { submitDocument: deps });
    }
  }

  /** Answers an invoice's questions from its type to the account holder; returns the reply to the last. */
  async function answerInvoiceQuestions(member: Member): Promise<string> {
    for (const answer of ['Rechnung zur Erstattung', 'Für mich', 'A123456780', 'Osteopathie', '03.11.2026', '85,40', IBAN])
      await member.say(answer);
    return last(await member.say('Anna Beispiel'));
  }

  /** Walks an invoice up to the file step. */
  async function toFiles(member: Member): Promise<void> {
    await member.say('Dokument einreichen');
    assert.match(await answerInvoiceQuestions(member), /Bitte laden Sie jetzt das Dokument hoch/);
  }

  it('takes an invoice with every detail and two files, and gives a tracking ID only after storing it', async () => {
    const member = new Member();
    assert.equal(last(await member.say('Dokument einreichen')), SUBMIT.chooseType);
    assert.equal(last(await member.say('Rechnung zur Erstattung')), SUBMIT.whose);
    assert.equal(last(await member.say('Für mich')), SUBMIT.kvnrSelf);
    assert.match(last(await member.say('a 123456780')), /Wofür ist die Rechnung/);
    assert.match(last(await member.say('Osteopathie')), /Wann war die Behandlung/);
    assert.match(last(await member.say('am 3.11.')), /Betrag/);
    assert.match(last(await member.say('85,40 €')), /IBAN/);
    assert.match(last(await member.say(IBAN)), /Kontoinhaber/);
    assert.match(last(await member.say('Anna Beispiel')), /höchstens 15 Seiten, je Seite höchstens 800 kB/);
    assert.match(
      last(await member.upload(file('rechnung.pdf', await makePdfPages(2)))),
      /„rechnung\.pdf“ erhalten \(2 Seiten; insgesamt 2 von höchstens 15\)/,
    );
    assert.match(last(await member.upload(file('beleg.png', PNG_1X1, 'image/png'))), /„beleg\.png“ erhalten \(1 Seite; insgesamt 3/);
    assert.equal(last(await member.say('Fertig')), SUBMIT.note);
    const summary = last(await member.say('Bitte schnell bearbeiten, danke!'));
    for (const expected of [
      'Rechnung zur Erstattung',
      'A123456780',
      'Osteopathie',
      '03.11.2026',
      '85,40 €',
      'DE•• •••• •••• •••• 3000',
      'Anna Beispiel',
      '2 Dateien mit 3 Seiten',
      'Bitte schnell bearbeiten, danke\\!',
    ]) {
      assert.ok(summary.includes(expected), `summary shows ${expected}:\n${summary}`);
    }
    assert.ok(!summary.includes('0532 0130'), 'the full IBAN is never shown');
    const done = last(await member.say('Absenden'));
    const trackingId = /\*\*(MK-[0-9A-Z-]+)\*\*/.exec(done)?.[1];
    assert.ok(trackingId, done);

    const repository = new SubmissionsRepository(core.database.db);
    const stored = await repository.find(trackingId);
    assert.equal(stored?.kvnr, 'A123456780');
    assert.equal(stored?.declaredType, 'invoice');
    assert.deepEqual(stored?.details, {
      treatmentKind: 'Osteopathie',
      treatmentDate: '2026-11-03',
      amountCents: 8540,
      iban: 'DE89370400440532013000',
      accountHolder: 'Anna Beispiel',
    });
    assert.equal(stored?.note, 'Bitte schnell bearbeiten, danke!');
    const documents = await repository.documents(stored!.id);
    assert.deepEqual(
      documents.map((d) => d.pageCount),
      [2, 1],
    );
    for (const d of documents) assert.ok(existsSync(path.join(core.config.storage.dir, d.fileId.slice(0, 2), d.fileId)), 'file in storage');
    assert.equal(
      (await core.database.db.select().from(draftFiles).where(eq(draftFiles.draftKey, member.draftKey))).length,
      0,
      'the draft is used up',
    );
  });

  it('does not ask again for what the member already wrote', async () => {
    const member = new Member();
    const client = new DialogTestClient(member.channelId, new SubmitDocumentDialog(deps), {
      message: `Ich möchte eine Rechnung für Osteopathie vom 3.11. über 85,40 € einreichen, IBAN ${IBAN}`,
    });
    assert.equal((await client.sendActivity('los')).text, SUBMIT.whose);
    await client.sendActivity('Für eine andere versicherte Person');
    assert.match(
      (await client.sendActivity('K876543217')).text ?? '',
      /Kontoinhaber/,
      'kind, date, amount and IBAN were in the first message',
    );
  });

  it('does not ask for the file again when it came with the first message', async () => {
    const member = new Member();
    assert.match((await member.upload(file('rechnung.pdf', await makePdfPages(2)))).join('\n'), /Was möchten Sie einreichen/);
    const files = await answerInvoiceQuestions(member);
    assert.match(files, /Ihr Dokument ist schon da \(2 Seiten\)/);
    assert.doesNotMatch(files, /Bitte laden Sie jetzt/);
    assert.match(last(await member.say('Fertig')), /Möchten Sie uns noch etwas/);
  });

  it('does not ask for details the member gave in an earlier message of the conversation', async () => {
    const member = new Member();
    await member.say('Ich war am 3.11. bei der Osteopathie, die Rechnung über 85,40 € habe ich bezahlt. Bekomme ich da was zurück?');
    await member.say('Dokument einreichen');
    assert.equal(last(await member.say('Rechnung zur Erstattung')), SUBMIT.whose, 'the type is chosen, not guessed from old messages');
    await member.say('Für mich');
    assert.match(last(await member.say('A123456780')), /IBAN/, 'treatment, date and amount came from the earlier message');
  });

  it('starts from a wish with the type and details filled, and carries nothing into the next request', async () => {
    const member = new Member();
    assert.equal(
      last(await member.say('Ich möchte die Rechnung für die Zahnreinigung vom 3. November über 95 Euro einreichen')),
      SUBMIT.whose,
      'the type came from the message',
    );
    await member.say('Für mich');
    assert.match(last(await member.say('A123456780')), /IBAN/, 'treatment, date and amount came from the message');
    assert.equal(last(await member.say('abbrechen')), TEXTS.cancelled);
    // A second request in the same chat: the first one's treatment, date and amount are not reused.
    assert.equal(last(await member.say('Ich möchte noch eine Rechnung einreichen')), SUBMIT.whose);
    await member.say('Für mich');
    assert.match(last(await member.say('A123456780')), /Wofür ist die Rechnung/);
  });

  it('explains every wrong answer in German and asks again', async () => {
    const member = new Member();
    await member.say('Dokument einreichen');
    assert.equal(last(await member.say('Pizza')), SUBMIT.chooseTypeRetry);
    await member.say('Rechnung zur Erstattung');
    await member.say('Für mich');
    assert.match(last(await member.say('A123456789')), /Prüfziffer/);
    assert.match(last(await member.say('12345')), /Großbuchstaben und neun Ziffern/);
    await member.say('A123456780');
    await member.say('Osteopathie');
    assert.match(last(await member.say('24.11.2026')), /in der Zukunft/);
    assert.match(last(await member.say('irgendwann')), /kann ich nicht lesen/);
    await member.say('03.11.2026');
    assert.match(last(await member.say('-5')), /größer als 0 Euro/);
    assert.match(last(await member.say('0')), /größer als 0 Euro/);
    await member.say('85,40');
    assert.match(last(await member.say('DE89 3704 0044 0532 0130 01')), /IBAN ist nicht gültig/);
    await member.say(IBAN);
    await member.say('Anna Beispiel');
    assert.equal(last(await member.say('Fertig')), SUBMIT.filesNoneYet);
  });

  it('refuses files that break the upload rules, each with its reason, and keeps the good ones', async () => {
    const member = new Member();
    await toFiles(member);
    const replies = await member.upload(
      file('brief.txt', Buffer.from('Nur Text'), 'text/plain'),
      file('geschuetzt.pdf', encryptPdf(await makePdfPages(1))),
      file('riesig.pdf', await makePdfPages(1, { noisePx: 700 })),
      file('virus.pdf', Buffer.from(EICAR)),
      file('kaputt.pdf', (await makePdfPages(2)).subarray(0, 300)),
      file('vierzehn.pdf', await makePdfPages(14)),
    );
    const text = replies.join('\n');
    assert.match(text, /„brief\.txt“ ist keine PDF-, JPG- oder PNG-Datei/);
    assert.match(text, /„geschuetzt\.pdf“ ist mit einem Passwort geschützt/);
    assert.match(text, /„riesig\.pdf“ ist zu groß: Jede Seite darf höchstens 800 kB/);
    assert.match(text, /„virus\.pdf“ enthält nach unserer Virenprüfung Schadsoftware/);
    assert.match(text, /„kaputt\.pdf“ ist beschädigt/);
    assert.match(text, /„vierzehn\.pdf“ erhalten \(14 Seiten; insgesamt 14 von höchstens 15\)/);
    assert.match(last(await member.upload(file('seite15.pdf', await makePdfPages(1)))), /insgesamt 15 von höchstens 15/);
    assert.match(
      last(await member.upload(file('seite16.pdf', await makePdfPages(1)))),
      /„seite16\.pdf“ passt nicht mehr dazu: Zusammen wären es mehr als 15 Seiten/,
    );
    const drafts = await core.database.db.select().from(draftFiles).where(eq(draftFiles.draftKey, member.draftKey));
    assert.deepEqual(
      drafts.map((d) => d.pageCount),
      [14, 1],
      'refused files were never stored',
    );
  });

  it('downscales a phone photo over the page limit and tells the member', async () => {
    const member = new Member();
    await toFiles(member);
    const photo = await noisyImage(2600, 1950, 'jpeg');
    assert.ok(photo.length > 800 * 1024, `${photo.length} bytes`);
    assert.match(last(await member.upload(file('foto.jpg', photo, 'image/jpeg'))), /„foto\.jpg“ erhalten \(1 Seite.*verkleinert/);
  });

  it('lets the member correct one answer from the summary', async () => {
    const member = new Member();
    await toFiles(member);
    await member.upload(file('rechnung.pdf', await makePdfPages(1)));
    await member.say('Fertig');
    assert.match(last(await member.say(SUBMIT.noNote)), /85,40 €/);
    assert.equal(last(await member.say('Korrigieren')), SUBMIT.whatToCorrect);
    assert.match(last(await member.say('Rechnungsbetrag')), /Betrag/);
    const summary = last(await member.say('95,00'));
    assert.match(summary, /95,00 €/);
    assert.match(summary, /Osteopathie/, 'other answers are kept');
    assert.match(summary, /1 Datei mit 1 Seite/, 'files are kept');
  });

  it('answers "hilfe" at every step and asks the same question again; "abbrechen" ends it and deletes the files', async () => {
    const steps = [
      'Dokument einreichen',
      'Rechnung zur Erstattung',
      'Für mich',
      'A123456780',
      'Osteopathie',
      '03.11.2026',
      '85,40',
      IBAN,
      'Anna Beispiel',
    ];
    for (let depth = 1; depth <= steps.length; depth++) {
      const member = new Member();
      let question = '';
      for (const answer of steps.slice(0, depth)) question = last(await member.say(answer));
      const help = await member.say('hilfe');
      assert.equal(help[0], TEXTS.helpInDialog, `help after "${steps[depth - 1]}"`);
      assert.equal(last(help), question, `the question is asked again after "${steps[depth - 1]}"`);
      if (depth === steps.length) await member.upload(file('rechnung.pdf', await makePdfPages(1)));
      assert.equal(last(await member.say('abbrechen')), TEXTS.cancelled);
      assert.equal(
        (await core.database.db.select().from(draftFiles).where(eq(draftFiles.draftKey, member.draftKey))).length,
        0,
        'uploaded files deleted',
      );
      assert.equal(last(await member.say('Wie lange gilt die Einmal-PIN?')).includes('31 Tage'), true, 'the bot is free for other things');
    }
  });

  it('ends a submission left alone longer than the draft expiry, deleting its files', async () => {
    const clock = new ManualClock();
    const member = new DialogMember(core, { submitDocument: { ...deps, clock: clock.now } });
    await toFiles(member);
    await member.upload(file('rechnung.pdf', await makePdfPages(1)));
    clock.advance(deps.draftExpiryMs - 60_000);
    assert.match(last(await member.say('hallo?')), /Ich warte auf Ihre Dateien/, 'still within the expiry');
    clock.advance(deps.draftExpiryMs + 60_000);
    assert.equal(last(await member.say(SUBMIT.filesDone)), SUBMIT.expired);
    assert.deepEqual(await core.submissions.draft(member.draftKey), { files: 0, pages: 0 });
    assert.equal(last(await member.say('Dokument einreichen')), SUBMIT.chooseType, 'a new submission starts cleanly');
  });

  it('continues where the member was after a restart, files included', async () => {
    const member = new Member();
    await toFiles(member);
    await member.upload(file('rechnung.pdf', await makePdfPages(2)));
    member.restart();
    assert.match(last(await member.upload(file('beleg.png', PNG_1X1, 'image/png'))), /insgesamt 3 von höchstens 15/);
    member.restart();
    assert.equal(last(await member.say('Fertig')), SUBMIT.note);
    member.restart();
    assert.match(last(await member.say(SUBMIT.noNote)), /2 Dateien mit 3 Seiten/);
    member.restart();
    assert.match(last(await member.say('Absenden')), /Tracking-ID lautet \*\*MK-/);
  });
});
