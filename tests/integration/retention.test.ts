import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { stringify } from 'yaml';
import {
  callbackRequests,
  certificateRequests,
  chatConversations,
  documentDeliveries,
  draftFiles,
  einmalPins,
  submissionDocuments,
  submissions,
} from '../../platform/db/schema.js';
import { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import type { JobPayload } from '../../platform/queue/job-map.js';
import type { Core } from '../../server/container.js';
import { housekeeping } from '../../server/housekeeping.js';
import { readyToRoute, storeSubmission } from '../helpers/intake.js';
import { makePdf } from '../helpers/files.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { LogCapture, ManualClock, startTestCore, uniqueName } from '../helpers/system.js';

const DAY = 24 * 3600_000;

/**
 * Every kind of personal data leaves when its time is up, on a clock the test moves: the
 * housekeeping tasks run as the worker runs them, against real PostgreSQL and files.
 */
describe('retention', function () {
  this.timeout(60_000);
  const clock = new ManualClock();
  let core: Core;
  let dir: string;
  let pullTarget: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-retention-'));
    pullTarget = uniqueName('archiv-');
    const targetsFile = path.join(dir, 'targets.yaml');
    await writeFile(targetsFile, stringify({ targets: [{ name: pullTarget, kind: 'pull' }] }));
    core = await startTestCore({
      clock,
      logs: new LogCapture(),
      env: { DELIVERY_TARGETS_FILE: targetsFile, STORAGE_DIR: path.join(dir, 'files'), REDIS_PREFIX: uniqueName('mkretain') },
    });
  });
  after(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (task: JobPayload<'housekeeping'>['task']) => housekeeping(core)({ task });
  const fileExists = (fileId: string) =>
    existsSync(path.join(core.config.storage.dir, fileId.slice(0, 2), fileId)) ||
    existsSync(path.join(core.config.storage.dir, 'quarantine', fileId));
  const documentRow = async (id: string) =>
    (await core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, id)))[0]!;

  /** A stored document with a page of text, in the status given. */
  async function document(status: 'routed' | 'awaiting_review' | 'quarantined') {
    const kvnr = randomKvnr();
    const stored = await storeSubmission(
      core,
      { source: 'channel:test', conversationId: null, kvnr, details: { amount: '42,00' }, note: 'Bitte erstatten' },
      { bytes: makePdf(`Rechnung ${kvnr}`), mediaType: 'application/pdf', name: 'rechnung.pdf' },
    );
    const id = stored.documentIds[0]!;
    // Stamped on the test's clock (earlier tests moved it on).
    await core.database.db.update(submissionDocuments).set({ createdAt: clock.now() }).where(eq(submissionDocuments.id, id));
    await new IntakeDocumentsRepository(core.database.db).savePages([
      { documentId: id, page: 1, text: `Rechnung ${kvnr}`, confidence: 100, source: 'text_layer' },
    ]);
    if (status === 'routed') {
      await readyToRoute(core, id, 'invoice', kvnr);
      await core.intake.handle('route', id);
    } else {
      await core.database.db.update(submissionDocuments).set({ status }).where(eq(submissionDocuments.id, id));
      if (status === 'quarantined') await core.storage.quarantine(stored.fileIds[0]!);
    }
    return { id, fileId: stored.fileIds[0]!, submissionId: stored.submissionId };
  }

  it('deletes a document’s file and texts after its delivery, others at the longest time, and never one a clerk has not seen', async () => {
    const acknowledged = await document('routed');
    const undelivered = await document('routed');
    const unseen = await document('awaiting_review');
    const quarantined = await document('quarantined');
    await core.delivery.deliveries.acknowledge(acknowledged.id, pullTarget);
    await core.database.db
      .update(documentDeliveries)
      .set({ acknowledgedAt: clock.now(), deliveredAt: clock.now() })
      .where(eq(documentDeliveries.documentId, acknowledged.id));

    clock.advance(29 * DAY);
    await run('purge-expired-documents');
    assert.equal((await documentRow(acknowledged.id)).purgedAt, null, 'not before DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS');

    clock.advance(2 * DAY);
    await run('purge-expired-documents');
    const purged = await documentRow(acknowledged.id);
    assert.ok(purged.purgedAt, '30 days after the acknowledgement');
    assert.equal(fileExists(acknowledged.fileId), false, 'the file is gone');
    assert.deepEqual(await new IntakeDocumentsRepository(core.database.db).pages(acknowledged.id), [], 'and its page texts');
    const [submission] = await core.database.db.select().from(submissions).where(eq(submissions.id, acknowledged.submissionId));
    assert.deepEqual(
      [submission!.details, submission!.note, submission!.status],
      [{}, null, 'processed'],
      'the status stays for the member',
    );
    for (const kept of [undelivered, unseen, quarantined]) {
      assert.equal((await documentRow(kept.id)).purgedAt, null);
      assert.ok(fileExists(kept.fileId));
    }

    clock.advance(335 * DAY);
    await run('purge-expired-documents');
    assert.ok((await documentRow(undelivered.id)).purgedAt, 'undelivered, after DOCUMENT_RETENTION_MAX_DAYS');
    assert.ok((await documentRow(quarantined.id)).purgedAt, 'quarantined, after the longest time');
    assert.equal(fileExists(quarantined.fileId), false, 'out of quarantine too');
    assert.equal((await documentRow(unseen.id)).purgedAt, null, 'a document waiting for a clerk is never deleted unseen');
    assert.ok(fileExists(unseen.fileId));
  });

  it('deletes Einmal-PINs spent, locked or expired longer than PIN_RETENTION_DAYS', async () => {
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr })]);
    const issue = () => core.pins.issue({ kvnr, purpose: 'Rechnung', letterDate: undefined }, { label: 'test' });
    const [spent, locked, unused] = [await issue(), await issue(), await issue()];
    await core.database.db.update(einmalPins).set({ spentAt: clock.now() }).where(eq(einmalPins.id, spent.id));
    await core.database.db.update(einmalPins).set({ lockedAt: clock.now() }).where(eq(einmalPins.id, locked.id));
    const left = async () =>
      (await core.database.db.select({ id: einmalPins.id }).from(einmalPins).where(eq(einmalPins.kvnr, kvnr))).map((p) => p.id).sort();

    clock.advance(89 * DAY);
    await run('purge-finished-pins');
    assert.deepEqual(await left(), [spent.id, locked.id, unused.id].sort());
    clock.advance(2 * DAY);
    await run('purge-finished-pins');
    assert.deepEqual(await left(), [unused.id], 'the unused PIN expired only 60 days ago');
    clock.advance(31 * DAY);
    await run('purge-finished-pins');
    assert.deepEqual(await left(), [], 'expired (31 days) plus the retention');
  });

  it('deletes certificate requests sent by post after CERTIFICATE_RETENTION_DAYS, never one still to send', async () => {
    const sent = await core.serviceRequests.addCertificate({ kvnr: randomKvnr(), forOther: false, conversationId: null });
    const recorded = await core.serviceRequests.addCertificate({ kvnr: randomKvnr(), forOther: false, conversationId: null });
    await core.database.db
      .update(certificateRequests)
      .set({ status: 'sent', createdAt: clock.now() })
      .where(eq(certificateRequests.id, sent.id));
    await core.database.db.update(certificateRequests).set({ createdAt: clock.now() }).where(eq(certificateRequests.id, recorded.id));
    clock.advance(181 * DAY);
    await run('purge-sent-certificates');
    const left = await core.database.db
      .select({ id: certificateRequests.id })
      .from(certificateRequests)
      .where(inArray(certificateRequests.id, [sent.id, recorded.id]));
    assert.deepEqual(
      left.map((r) => r.id),
      [recorded.id],
    );
  });

  it('deletes transcripts with their uploads, abandoned drafts and finished callbacks on the moved clock', async () => {
    const conversationId = uniqueName('conv-');
    await core.chat.conversations.ensure(conversationId, uniqueName('user-'));
    const upload = await core.storage.storeBuffer(randomBytes(64));
    await core.storedFiles.insert({ ...upload, mediaType: 'application/pdf', originalName: 'befund.pdf', conversationId });
    const draftKey = uniqueName('chat:test:');
    await core.submissions.addFile(draftKey, makePdf(), 'entwurf.pdf');
    const [draft] = await core.database.db.select().from(draftFiles).where(eq(draftFiles.draftKey, draftKey));
    const callback = (name: string) =>
      core.serviceRequests.addCallback({
        topic: 'Test',
        name,
        phone: '+4930111222',
        preferredDate: '2026-01-05',
        timeWindow: '08-10',
        consentAt: new Date(),
        conversationId: null,
      });
    const [done, open] = [await callback('Ida Erledigt'), await callback('Ida Offen')];
    await core.serviceRequests.updateCallback(done.id, { status: 'done', scheduledFor: null, notes: '' }, null as never);
    // Each kind's rows are stamped on the test's clock just before the clock moves to either side of its limit.
    await core.database.db.update(draftFiles).set({ createdAt: clock.now() }).where(eq(draftFiles.draftKey, draftKey));

    clock.advance(47 * 3600_000);
    await run('purge-abandoned-drafts');
    assert.ok(await core.storedFiles.find(draft!.fileId), 'not before 48 hours');
    clock.advance(2 * 3600_000);
    await run('purge-abandoned-drafts');
    assert.equal(await core.storedFiles.find(draft!.fileId), undefined, 'a draft after DRAFT_EXPIRY_HOURS');
    assert.equal(fileExists(draft!.fileId), false);

    await core.database.db.update(chatConversations).set({ lastActivityAt: clock.now() }).where(eq(chatConversations.id, conversationId));
    await core.database.db
      .update(callbackRequests)
      .set({ updatedAt: clock.now() })
      .where(inArray(callbackRequests.id, [done.id, open.id]));
    clock.advance(89 * DAY);
    await run('purge-old-transcripts');
    assert.ok(await core.chat.conversations.find(conversationId), 'not before 90 days');
    clock.advance(2 * DAY);
    await run('purge-old-transcripts');
    await run('purge-finished-callbacks');
    assert.equal(await core.chat.conversations.find(conversationId), undefined, 'a transcript after TRANSCRIPT_RETENTION_DAYS');
    assert.equal(await core.storedFiles.find(upload.id), undefined, 'with the files uploaded in it');
    assert.equal(fileExists(upload.id), false);
    assert.ok(await core.serviceRequests.findCallback(done.reference), 'a callback keeps 180 days');
    clock.advance(88 * DAY);
    await run('purge-finished-callbacks');
    assert.ok(await core.serviceRequests.findCallback(done.reference), 'not before 180 days');
    clock.advance(2 * DAY);
    await run('purge-finished-callbacks');
    assert.equal(await core.serviceRequests.findCallback(done.reference), undefined);
    assert.ok(await core.serviceRequests.findCallback(open.reference), 'an open callback is never deleted');
  });

  it('counts every deletion in /metrics, from the audit log that records each run without content', async () => {
    const metrics = await core.metrics.registry.metrics();
    for (const kind of [
      'documents',
      'document_files',
      'document_pages',
      'einmal_pins',
      'certificates',
      'transcripts',
      'channel_files',
      'draft_files',
      'callbacks',
    ])
      assert.match(metrics, new RegExp(`personal_data_deleted\\{kind="${kind}",reason="retention"\\} [1-9]`), kind);
    const runs = await core.audit.latest(500);
    const purge = runs.find((r) => r.action === 'retention.purge' && r.targetType === 'purge-expired-documents');
    assert.ok(purge);
    assert.ok(
      Object.values(purge.details ?? {}).every((v) => typeof v === 'number'),
      'counts only',
    );
  });
});
