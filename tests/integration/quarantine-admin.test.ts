import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditLog, storedFiles, submissionDocuments } from '../../platform/db/schema.js';
import { startWorker } from '../../server/worker.js';
import { EICAR, makePdf } from '../helpers/files.js';
import { storeSubmission } from '../helpers/intake.js';
import { waitUntil } from '../helpers/processes.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** Admins see quarantined documents' metadata, never their content, and release false positives after a rescan with real clamd. */
describe('quarantine for admins', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: LoggedIn;

  before(async () => {
    server = await startTestServer({ env: { REDIS_PREFIX: uniqueName('mkquar') } });
    admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
  });
  after(() => server?.stop());

  /** A document the scan put in quarantine: with the bytes given and the finding recorded then. */
  async function quarantined(bytes: Buffer, finding: string) {
    const stored = await storeSubmission(
      server.core,
      { source: 'channel:scan', conversationId: null },
      {
        bytes,
        mediaType: 'application/pdf',
        name: 'brief.pdf',
      },
    );
    const [id, fileId] = [stored.documentIds[0]!, stored.fileIds[0]!];
    await server.core.storage.quarantine(fileId);
    await server.core.database.db.update(storedFiles).set({ quarantinedAt: new Date() }).where(eq(storedFiles.id, fileId));
    await server.core.database.db
      .update(submissionDocuments)
      .set({ status: 'quarantined', scanFindings: [finding], scannedAt: new Date() })
      .where(eq(submissionDocuments.id, id));
    return { id, fileId, trackingId: stored.trackingId };
  }
  const release = (id: string) => admin.agent.post(`/api/admin/quarantine/${id}/release`).set('x-csrf-token', admin.csrfToken);
  const documentRow = async (id: string) =>
    (await server.core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, id)))[0]!;

  it('lists quarantined documents with where they came from and what was found, never their content', async () => {
    const infected = await quarantined(Buffer.from(EICAR), 'Eicar-Signature');
    const listed = (await admin.agent.get('/api/admin/quarantine').expect(200)).body.documents as Array<Record<string, unknown>>;
    const entry = listed.find((d) => d.documentId === infected.id);
    assert.deepEqual(
      Object.keys(entry ?? {}).sort(),
      ['documentId', 'findings', 'mediaType', 'quarantinedAt', 'receivedAt', 'sha256', 'sizeBytes', 'source', 'trackingId'].sort(),
    );
    assert.deepEqual(entry?.findings, ['Eicar-Signature']);
    assert.ok(!JSON.stringify(listed).includes('EICAR-STANDARD'), 'no content');
    for (const role of ['clerk', 'agent'] as const) {
      const other = await loginAs(server.baseUrl, (await createStaff(server.core, role)).username);
      await other.agent.get('/api/admin/quarantine').expect(403);
      await other.agent.post(`/api/admin/quarantine/${infected.id}/release`).set('x-csrf-token', other.csrfToken).expect(403);
    }
  });

  it('keeps a file the rescan still finds infected, with the new findings, audited as refused', async () => {
    const infected = await quarantined(Buffer.from(EICAR), 'Alte-Signatur');
    const refused = await release(infected.id).expect(409);
    assert.equal(refused.body.error.code, 'still_infected');
    const row = await documentRow(infected.id);
    assert.equal(row.status, 'quarantined');
    assert.ok(
      (row.scanFindings ?? []).some((f) => /eicar/i.test(f)),
      JSON.stringify(row.scanFindings),
    );
    assert.equal(await server.core.storage.isQuarantined(infected.fileId), true);
    const [audit] = await server.core.database.db.select().from(auditLog).where(eq(auditLog.targetId, infected.id));
    assert.deepEqual([audit?.action, audit?.outcome], ['quarantine.release', 'denied']);
  });

  it('releases a false positive after a clean rescan: the file leaves quarantine and the pipeline goes on', async () => {
    const clean = await quarantined(makePdf('Ärztliche Bescheinigung ohne Befund'), 'Heuristics.Broken.Executable');
    await release(clean.id).expect(200);
    assert.equal(await server.core.storage.isQuarantined(clean.fileId), false);
    assert.ok((await server.core.storage.readAll(clean.fileId)).length > 0, 'back in storage');
    const [file] = await server.core.database.db.select().from(storedFiles).where(eq(storedFiles.id, clean.fileId));
    assert.equal(file?.quarantinedAt, null);
    assert.match((await documentRow(clean.id)).reasons.join(' '), /nach erneuter Virenprüfung freigegeben/);
    const workers = await startWorker(server.core);
    try {
      await waitUntil(
        async () => ['awaiting_review', 'routed'].includes((await documentRow(clean.id)).status),
        30_000,
        'the pipeline to go on',
      );
    } finally {
      await workers.close();
    }
    await release(clean.id).expect(404);
  });
});
