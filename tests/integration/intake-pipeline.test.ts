import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UnrecoverableError } from 'bullmq';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { eq } from 'drizzle-orm';
import { storedFiles, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { JobQueues } from '../../platform/queue/queues.js';
import { startWorkers } from '../../platform/queue/workers.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { IntakePipeline } from '../../intake-pipeline/pipeline.js';
import type { Core } from '../../server/container.js';
import { startWorker } from '../../server/worker.js';
import { EICAR, imageOnlyPdf, letterPdf, makePdf, makePdfPages, scannedPage } from '../helpers/files.js';
import { randomKvnr, testMember, withWrongCheckDigit } from '../helpers/members.js';
import { childEnv, runTs, waitUntil } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { newConversationId, newUserId } from '../../channel/tokens.service.js';
import { QUARANTINE_NOTICE } from '../../bot/member-notices.js';
import { startTestCore, uniqueName } from '../helpers/system.js';
import { storeSubmission } from '../helpers/intake.js';

const TESTFILES = '/usr/share/clamav-testfiles';

/** The intake pipeline against real PostgreSQL, Redis and clamd. */
describe('intake pipeline', () => {
  let core: Core;
  before(async () => {
    core = await startTestCore({ env: { REDIS_PREFIX: uniqueName('mkintake') } });
  });
  after(() => core.close());

  /** A submission as another channel (or a scan centre) would store it: files as they came. */
  async function submit(
    ...files: Array<{ bytes: Buffer; mediaType: string; name: string; declaredKvnr?: string | null }>
  ): Promise<{ trackingId: string; documentIds: string[]; fileIds: string[] }> {
    return submitFrom({ source: 'channel:test', conversationId: null }, ...files);
  }

  async function submitFrom(
    origin: { source: string; conversationId: string | null },
    ...files: Array<{ bytes: Buffer; mediaType: string; name: string; declaredKvnr?: string | null }>
  ) {
    const { trackingId, documentIds, fileIds } = await storeSubmission(core, { ...origin, kvnr: files[0]?.declaredKvnr }, ...files);
    return { trackingId, documentIds, fileIds };
  }

  const documents = () => new IntakeDocumentsRepository(core.database.db);
  const documentRow = async (id: string) =>
    (await core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, id)))[0]!;
  const submissionStatus = async (trackingId: string) =>
    (await core.database.db.select().from(submissions).where(eq(submissions.trackingId, trackingId)))[0]!.status;
  const settled = (ids: string[], status: string) =>
    waitUntil(
      async () => (await Promise.all(ids.map(documentRow))).every((d) => d.status === status),
      20_000,
      `documents to reach ${status}`,
    );

  it('passes clean files on to text extraction and quarantines EICAR and the ClamAV test files, which are never served', async () => {
    const clean = await submit({ bytes: await makePdfPages(2), mediaType: 'application/pdf', name: 'rechnung.pdf' });
    const infected = await submit(
      { bytes: Buffer.from(EICAR), mediaType: 'application/octet-stream', name: 'eicar.txt' },
      { bytes: readFileSync(`${TESTFILES}/clam.exe`), mediaType: 'application/octet-stream', name: 'clam.exe' },
      { bytes: readFileSync(`${TESTFILES}/clam.zip`), mediaType: 'application/zip', name: 'clam.zip' },
      { bytes: readFileSync(`${TESTFILES}/clam.pdf`), mediaType: 'application/pdf', name: 'clam.pdf' },
    );
    const workers = await startWorker(core);
    try {
      await core.intake.start((await new SubmissionsRepository(core.database.db).find(clean.trackingId))!.id);
      await core.intake.start((await new SubmissionsRepository(core.database.db).find(infected.trackingId))!.id);
      await settled(clean.documentIds, 'awaiting_review');
      await settled(infected.documentIds, 'quarantined');
    } finally {
      await workers.close();
    }
    const cleanDocument = await documentRow(clean.documentIds[0]!);
    assert.ok(cleanDocument.scannedAt);
    assert.deepEqual(cleanDocument.reasons.slice(0, 2), ['Virenprüfung: keine Funde', 'Text: 2 Seiten aus der Textebene des PDF']);
    assert.equal(await submissionStatus(clean.trackingId), 'checking', 'waiting for a clerk');

    for (const [i, id] of infected.documentIds.entries()) {
      const document = await documentRow(id);
      assert.ok(
        (document.scanFindings ?? []).some((s) => /Musterkasse\.DevOnly|Eicar|ClamAV-Test/i.test(s)),
        JSON.stringify(document.scanFindings),
      );
      const fileId = infected.fileIds[i]!;
      assert.equal(await core.storage.isQuarantined(fileId), true);
      await assert.rejects(core.storage.readAll(fileId), /ENOENT/, 'no longer in normal storage');
      const [file] = await core.database.db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
      assert.ok(file?.quarantinedAt);
      assert.deepEqual(await documents().pages(id), [], 'never read');
    }
    assert.equal(await submissionStatus(infected.trackingId), 'needs_attention');
  });

  it('tells a member in the chat once that a file was quarantined; a clean file brings no notice', async () => {
    const conversationId = newConversationId();
    await core.chat.directLine.startConversation(conversationId, newUserId());
    const chat = { source: 'chat', conversationId };
    const infected = await submitFrom(chat, { bytes: Buffer.from(EICAR), mediaType: 'application/octet-stream', name: 'foto.jpg' });
    const clean = await submitFrom(chat, { bytes: await makePdfPages(1), mediaType: 'application/pdf', name: 'rechnung.pdf' });
    const workers = await startWorker(core);
    try {
      for (const { trackingId } of [infected, clean])
        await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
      await settled(infected.documentIds, 'quarantined');
      await settled(clean.documentIds, 'awaiting_review');
      // A repeated scan job changes nothing and sends nothing again.
      await core.intake.handle('scan', infected.documentIds[0]!);
    } finally {
      await workers.close();
    }
    const { activities } = await core.chat.directLine.activitiesAfter(conversationId, 0);
    const notices = activities.filter((a) => a.from?.role === 'bot').map((a) => a.text);
    assert.deepEqual(notices, [QUARANTINE_NOTICE(infected.trackingId)]);
    assert.match(notices[0]!, /Schadsoftware gefunden.*gesperrt/);
  });

  it('uses a PDF text layer without OCR, and reads scanned images and image-only PDFs with tesseract', async () => {
    const scan = await scannedPage(['Arbeitsunfähigkeitsbescheinigung', 'Versicherten-Nr. A123456780', 'Erika Mustermann 12.03.1984']);
    const withLayer = await submit({
      bytes: await makePdfPages(1, { text: 'Rechnung Zahnreinigung' }),
      mediaType: 'application/pdf',
      name: 'rechnung.pdf',
    });
    const image = await submit({ bytes: scan, mediaType: 'image/png', name: 'au.png' });
    const imagePdf = await submit({ bytes: await imageOnlyPdf(scan), mediaType: 'application/pdf', name: 'au-scan.pdf' });
    const workers = await startWorker(core);
    try {
      for (const { trackingId } of [withLayer, image, imagePdf])
        await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
      await settled([...withLayer.documentIds, ...image.documentIds, ...imagePdf.documentIds], 'awaiting_review');
    } finally {
      await workers.close();
    }
    const [layerPage] = await documents().pages(withLayer.documentIds[0]!);
    assert.deepEqual([layerPage?.source, layerPage?.confidence], ['text_layer', 100]);
    assert.match(layerPage!.text, /Rechnung Zahnreinigung – Seite 1/);
    for (const id of [image.documentIds[0]!, imagePdf.documentIds[0]!]) {
      const [page] = await documents().pages(id);
      assert.equal(page?.source, 'ocr');
      assert.ok(page!.confidence > 60, `confidence ${page!.confidence}`);
      assert.match(page!.text, /Arbeitsunf.higkeitsbescheinigung/);
      assert.match(page!.text, /A123456780/);
      assert.ok((await documentRow(id)).reasons.some((r) => /Texterkennung: 1 Seite, Konfidenz \d+ %/.test(r)));
    }
  });

  async function insuredMember(): Promise<string> {
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr, lastName: 'Beispielfrau', birthDate: '1980-02-01' })]);
    return kvnr;
  }

  const sickNote = (kvnr: string) =>
    scannedPage([
      'Arbeitsunfähigkeitsbescheinigung',
      'Erstbescheinigung',
      `Versicherten-Nr. ${kvnr}`,
      'Ida Beispielfrau geb. 01.02.1980',
      'arbeitsunfähig seit 03.11.2026',
    ]);

  it("routes a scanned sick note with a valid KVNR and the member's name to its department; a wrong check digit goes to review", async () => {
    const kvnr = await insuredMember();
    const good = await submit({ bytes: await sickNote(kvnr), mediaType: 'image/png', name: 'au.png', declaredKvnr: kvnr });
    const wrong = await submit({
      bytes: await sickNote(withWrongCheckDigit(kvnr)),
      mediaType: 'image/png',
      name: 'au2.png',
      declaredKvnr: null,
    });
    const workers = await startWorker(core);
    try {
      for (const { trackingId } of [good, wrong])
        await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
      await settled(good.documentIds, 'routed');
      await settled(wrong.documentIds, 'awaiting_review');
    } finally {
      await workers.close();
    }
    const routed = await documentRow(good.documentIds[0]!);
    assert.deepEqual([routed.documentType, routed.assignedKvnr, routed.department], ['sick_note', kvnr, 'Arbeitsunfähigkeit']);
    assert.ok((routed.typeConfidence ?? 0) >= 0.7 && (routed.assignmentConfidence ?? 0) >= 0.95);
    const held = await documentRow(wrong.documentIds[0]!);
    assert.equal(held.assignedKvnr, null, 'never assigned with a wrong check digit');
    assert.match(held.reasons.join(' '), /Zur Prüfung: Versicherte Person nicht sicher/);
  });

  it("never files a letter under a member whose namesake's address it shows, nor under a father whose son of his name lives with him", async function () {
    this.timeout(60_000);
    // Unique surnames per run: the shared database holds other tests' members.
    const surname = `Fischer${uniqueName('').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
    const [holger, otherHolger, father, son] = [randomKvnr(), randomKvnr(), randomKvnr(), randomKvnr()];
    await new MembersRepository(core.database.db).upsert([
      testMember({
        kvnr: holger,
        firstName: 'Holger',
        lastName: surname,
        birthDate: '1980-10-16',
        street: 'Waldstraße 9',
        postalCode: '76133',
      }),
      testMember({
        kvnr: otherHolger,
        firstName: 'Holger',
        lastName: surname,
        birthDate: '1975-03-02',
        street: 'Am Mühlbach 106',
        postalCode: '76133',
      }),
      testMember({
        kvnr: father,
        firstName: 'Jürgen',
        lastName: `K${surname}`,
        birthDate: '1964-11-09',
        street: 'Feldstraße 88c',
        postalCode: '51105',
      }),
      testMember({
        kvnr: son,
        firstName: 'Jürgen',
        lastName: `K${surname}`,
        birthDate: '2003-05-01',
        street: 'Feldstraße 88c',
        postalCode: '51105',
        familyOf: father,
      }),
    ]);
    const letter = async (lines: string[]) =>
      submit({ bytes: await letterPdf(lines), mediaType: 'application/pdf', name: 'post.pdf', declaredKvnr: null });
    const elsewhere = await letter([
      'Rathaus-Apotheke: Angebote im Januar',
      `Herrn Holger ${surname}`,
      'Am Mühlbach 106',
      '76133 Karlsruhe',
      `Vers.-Nr. ${holger}`,
    ]);
    const household = await letter([
      'Linden-Apotheke: Angebote im Januar',
      `Herrn Jürgen K${surname}`,
      'Feldstraße 88c',
      '51105 Köln',
      `KV-Nr. ${father}`,
    ]);
    const withBirthDate = await letter([`Herrn Jürgen K${surname}, geb. 09.11.1964`, 'Feldstraße 88c', '51105 Köln', `KV-Nr. ${father}`]);
    const ids = [elsewhere, household, withBirthDate].map((s) => s.documentIds[0]!);
    const workers = await startWorker(core);
    try {
      for (const { trackingId } of [elsewhere, household, withBirthDate])
        await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
      await waitUntil(
        async () => (await Promise.all(ids.map(documentRow))).every((d) => ['routed', 'awaiting_review'].includes(d.status)),
        30_000,
        'a decision for every letter',
      );
    } finally {
      await workers.close();
    }
    const [first, second, third] = await Promise.all(ids.map((id) => documentRow(id)));
    assert.equal(first!.assignedKvnr, null, first!.reasons.join('\n'));
    assert.match(first!.reasons.join(' '), new RegExp(`Anschrift einer anderen versicherten Person .*${otherHolger}`));
    assert.equal(second!.assignedKvnr, null, second!.reasons.join('\n'));
    assert.match(second!.reasons.join(' '), new RegExp(`derselben Anschrift .*${son}.*kein Geburtsdatum`));
    assert.equal(third!.assignedKvnr, father, third!.reasons.join('\n'));
  });

  it('finds the KVNR and name on page 2 of a PDF whose first page is a cover letter, and routes it to that member', async function () {
    this.timeout(60_000);
    const kvnr = await insuredMember();
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const cover = pdf.addPage([595, 842]);
    ['Sehr geehrte Damen und Herren,', 'anbei erhalten Sie meine Bescheinigung.', 'Mit freundlichen Grüßen'].forEach((line, i) =>
      cover.drawText(line, { x: 72, y: 760 - i * 22, size: 13, font }),
    );
    const form = await pdf.embedPng(await sickNote(kvnr));
    pdf
      .addPage([595, (595 * form.height) / form.width])
      .drawImage(form, { x: 0, y: 0, width: 595, height: (595 * form.height) / form.width });
    const { trackingId, documentIds } = await submit({
      bytes: Buffer.from(await pdf.save()),
      mediaType: 'application/pdf',
      name: 'au.pdf',
      declaredKvnr: null,
    });
    const workers = await startWorker(core);
    try {
      await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
      await waitUntil(
        async () => ['routed', 'awaiting_review'].includes((await documentRow(documentIds[0]!)).status),
        30_000,
        'a decision',
      );
    } finally {
      await workers.close();
    }
    const routed = await documentRow(documentIds[0]!);
    assert.equal(routed.status, 'routed', routed.reasons.join('\n'));
    assert.deepEqual([routed.documentType, routed.assignedKvnr], ['sick_note', kvnr]);
    const pages = await documents().pages(documentIds[0]!);
    assert.deepEqual(
      pages.map((p) => p.source),
      ['text_layer', 'ocr'],
    );
    assert.match(pages[1]!.text, new RegExp(kvnr));
  });

  it('brings all of 20 documents to a terminal state after the worker is killed during OCR, each decided once', async function () {
    this.timeout(150_000);
    const kvnr = await insuredMember();
    const page = await sickNote(kvnr);
    const batch = [];
    // Paper mail from a scan centre: no KVNR given, the text alone decides.
    for (let i = 0; i < 20; i++) batch.push(await submit({ bytes: page, mediaType: 'image/png', name: `au-${i}.png`, declaredKvnr: null }));
    const ids = batch.flatMap((b) => b.documentIds);
    for (const { trackingId } of batch) await core.intake.start((await new SubmissionsRepository(core.database.db).find(trackingId))!.id);
    const env = childEnv({ DATABASE_URL: sharedDatabase.url, REDIS_PREFIX: core.config.redis.prefix, OCR_WORKERS: '2' });
    const first = runTs('server/main.ts', ['--role', 'worker'], env);
    const beyondOcr = async () => (await Promise.all(ids.map(documentRow))).filter((d) => !['scan', 'ocr'].includes(d.status)).length;
    await waitUntil(async () => (await beyondOcr()) >= 1, 60_000, `OCR to be under way: ${first.stderr()}`);
    first.child.kill('SIGKILL');
    await first.exited;
    const statuses = async () => JSON.stringify((await Promise.all(ids.map(documentRow))).map((d) => d.status));
    assert.ok((await beyondOcr()) < 20, `killed in the middle of the batch: ${await statuses()}`);
    const second = runTs('server/main.ts', ['--role', 'worker'], env);
    try {
      await waitUntil(
        async () => (await Promise.all(ids.map(documentRow))).every((d) => d.status === 'routed'),
        120_000,
        'all 20 documents to be routed',
      ).catch(async (err: Error) => {
        throw new Error(`${err.message}: ${await statuses()} ${second.stderr()} ${second.stdout().slice(-2000)}`);
      });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    for (const id of ids) {
      const document = await documentRow(id);
      assert.equal(document.reasons.filter((r) => r.startsWith('Weitergeleitet')).length, 1, 'decided once');
      assert.equal((await documents().pages(id)).length, 1);
    }
  });

  it('treats a repeated job as a no-op: the outcome is recorded once', async () => {
    const { documentIds } = await submit({ bytes: makePdf(), mediaType: 'application/pdf', name: 'a.pdf' });
    const [id] = documentIds as [string];
    await core.intake.handle('scan', id);
    await core.intake.handle('scan', id);
    const document = await documentRow(id);
    assert.equal(document.status, 'ocr');
    assert.deepEqual(document.reasons, ['Virenprüfung: keine Funde'], 'recorded once');
  });

  it('hands a document on when a worker died between recording a stage and queuing the next', async () => {
    const { documentIds } = await submit({ bytes: makePdf(), mediaType: 'application/pdf', name: 'gap.pdf' });
    const [id] = documentIds as [string];
    await core.intake.handle('scan', id);
    const ocrQueue = core.queues.queue('intake-ocr');
    await (await ocrQueue.getJob(`ocr-${id}`))!.remove(); // the next stage's job never made it
    assert.equal(await ocrQueue.getJob(`ocr-${id}`), undefined);
    await core.intake.handle('scan', id); // BullMQ runs the stalled scan job again
    assert.ok(await ocrQueue.getJob(`ocr-${id}`), 'the OCR job is queued again');
    assert.deepEqual((await documentRow(id)).reasons, ['Virenprüfung: keine Funde'], 'the scan is still recorded once');
  });

  it('finds documents whose job was lost (Redis restarted, worker killed) and runs them', async () => {
    const { documentIds } = await submit({ bytes: makePdf(), mediaType: 'application/pdf', name: 'lost.pdf' });
    // Never queued, as if Redis lost it; the sweep looks at documents older than the threshold.
    await core.database.db
      .update(submissionDocuments)
      .set({ statusChangedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(submissionDocuments.id, documentIds[0]!));
    const workers = await startWorker(core);
    try {
      assert.ok((await core.intake.sweep(new Date(), 5 * 60_000)) >= 1);
      await settled(documentIds, 'awaiting_review');
    } finally {
      await workers.close();
    }
  });

  it('sends a document to review when a stage gives up, with the error recorded', async () => {
    const { documentIds } = await submit({ bytes: makePdf(), mediaType: 'application/pdf', name: 'kaputt.pdf' });
    const prefix = uniqueName('mkgiveup');
    const queues = new JobQueues(core.redis.queue, prefix, core.logger);
    const failing = new IntakePipeline(
      [{ status: 'scan', run: () => Promise.reject(new UnrecoverableError('Datei nicht lesbar')) }],
      documents(),
      queues,
      core.logger,
    );
    const workers = startWorkers(
      { 'intake-scan': ({ documentId }) => failing.handle('scan', documentId) },
      {
        connection: core.redis.queue,
        prefix,
        logger: core.logger,
        onFailed: (_queue, job, error, final) => failing.failed('scan', job, error, final),
      },
    );
    try {
      await failing.enqueue('scan', documentIds[0]!);
      await settled(documentIds, 'awaiting_review');
    } finally {
      await workers.close();
      await queues.close();
    }
    const document = await documentRow(documentIds[0]!);
    assert.equal(document.lastError, 'Datei nicht lesbar');
    assert.match(document.reasons.at(-1) ?? '', /fehlgeschlagen; bitte prüfen/);
  });

  it('never lets a document skip the virus scan: when the scanner stays away it waits in the scan stage, and no page of it is shown', async () => {
    const { documentIds } = await submit({ bytes: makePdf(), mediaType: 'application/pdf', name: 'rechnung.pdf' });
    const prefix = uniqueName('mknoscan');
    const queues = new JobQueues(core.redis.queue, prefix, core.logger);
    const scannerAway = new IntakePipeline(
      [{ status: 'scan', holdsOnFailure: true, run: () => Promise.reject(new UnrecoverableError('clamd unreachable')) }],
      documents(),
      queues,
      core.logger,
    );
    let finalFailures = 0;
    const workers = startWorkers(
      { 'intake-scan': ({ documentId }) => scannerAway.handle('scan', documentId) },
      {
        connection: core.redis.queue,
        prefix,
        logger: core.logger,
        onFailed: async (_queue, job, error, final) => {
          if (final) finalFailures++;
          await scannerAway.failed('scan', job, error, final);
        },
      },
    );
    try {
      await scannerAway.enqueue('scan', documentIds[0]!);
      await waitUntil(() => finalFailures === 1, 20_000, 'the scan job to fail for good');
    } finally {
      await workers.close();
      await queues.close();
    }
    const document = await documentRow(documentIds[0]!);
    assert.equal(document.status, 'scan', 'still waiting for its scan, not with a clerk');
    assert.equal(document.scannedAt, null);
    await assert.rejects(core.review.pageImage(document.id, 1, { username: 'clerk', userId: randomUUID() }), /Seite gibt es nicht/);
  });
});
