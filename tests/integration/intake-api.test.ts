import assert from 'node:assert/strict';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { auditLog, classificationExamples, intakeChannels } from '../../platform/db/schema.js';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { startWorker } from '../../server/worker.js';
import { EICAR, encryptPdf, makePdfPages, scannedPage } from '../helpers/files.js';
import { childEnv, runTs, waitUntil } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { createStaff, loginAs } from '../helpers/staff.js';
import { randomKvnr, testMember, withWrongCheckDigit } from '../helpers/members.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

/** `POST /api/intake/submissions` for other channels, `GET …/:trackingId`, channel keys from the CLI. */
describe('intake API for other channels', () => {
  let core: Core;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    core = await startTestCore();
    app = createApp(core);
  });
  after(() => core.close());

  async function addChannel(): Promise<{ name: string; key: string }> {
    const name = uniqueName('scan-centre-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40);
    const run = runTs('server/cli/main.ts', ['channel:add', name], childEnv({ DATABASE_URL: sharedDatabase.url }));
    assert.equal(await run.exited, 0, run.stderr());
    const key = /^(mkc_\S+)$/m.exec(run.stdout())?.[1];
    assert.ok(key, run.stdout());
    return { name, key };
  }

  /** Runs the pipeline's workers until the submission's first document waits for a clerk. */
  async function untilInReview(trackingId: string, key: string): Promise<void> {
    const workers = await startWorker(core);
    try {
      await waitUntil(
        async () =>
          (await request(app).get(`/api/intake/submissions/${trackingId}`).set('Authorization', `Bearer ${key}`)).body.documents?.[0]
            ?.status === 'awaiting_review',
        30_000,
        'the document to reach review',
      );
    } finally {
      await workers.close();
    }
  }

  it('takes paper mail without metadata, answers 201 with a tracking ID, and the pipeline finds its way', async () => {
    const { key } = await addChannel();
    const scan = await scannedPage(['Arbeitsunfähigkeitsbescheinigung', 'Erstbescheinigung', 'arbeitsunfähig seit 03.11.2026']);
    const res = await request(app)
      .post('/api/intake/submissions')
      .set('Authorization', `Bearer ${key}`)
      .attach('files', scan, { filename: 'brief-001.png', contentType: 'image/png' })
      .expect(201);
    const trackingId = res.body.trackingId as string;
    assert.match(trackingId, /^MK-/);
    await untilInReview(trackingId, key);
    const status = await request(app).get(`/api/intake/submissions/${trackingId}`).set('Authorization', `Bearer ${key}`).expect(200);
    assert.equal(status.body.source.startsWith('channel:scan-centre-'), true);
    const [document] = status.body.documents;
    assert.deepEqual([document.documentType, document.assignedKvnr], ['sick_note', null], 'no KVNR in the letter: a clerk decides');
    assert.ok(document.reasons.some((r: string) => /Keine versicherte Person erkennbar/.test(r)));
  });

  it('checks files like the chat: refuses the whole submission with the reason per file, and stores nothing', async () => {
    const { key } = await addChannel();
    const res = await request(app)
      .post('/api/intake/submissions')
      .set('Authorization', `Bearer ${key}`)
      .field('metadata', JSON.stringify({ kvnr: 'A123456780', declaredType: 'invoice', note: 'Rechnung März' }))
      .attach('files', await makePdfPages(1), { filename: 'ok.pdf', contentType: 'application/pdf' })
      .attach('files', encryptPdf(await makePdfPages(1)), { filename: 'geheim.pdf', contentType: 'application/pdf' })
      .attach('files', Buffer.from(EICAR), { filename: 'virus.txt', contentType: 'text/plain' })
      .expect(422);
    assert.deepEqual(res.body.error.details.refused, [
      { file: 'geheim.pdf', reason: 'verschlüsselt oder passwortgeschützt' },
      { file: 'virus.txt', reason: 'Schadsoftware gefunden' },
    ]);
    const pages = await request(app)
      .post('/api/intake/submissions')
      .set('Authorization', `Bearer ${key}`)
      .attach('files', await makePdfPages(16), { filename: 'dick.pdf', contentType: 'application/pdf' })
      .expect(422);
    assert.deepEqual(pages.body.error.details.refused, [{ file: 'dick.pdf', reason: 'mehr als 15 Seiten in einer Sendung' }]);
    await request(app)
      .post('/api/intake/submissions')
      .set('Authorization', `Bearer ${key}`)
      .field('metadata', '{"kvnr":"A123456789"}')
      .attach('files', await makePdfPages(1), 'a.pdf')
      .expect(400);
    await request(app)
      .post('/api/intake/submissions')
      .set('Authorization', `Bearer ${key}`)
      .field('metadata', '{kaputt')
      .attach('files', await makePdfPages(1), 'a.pdf')
      .expect(400);
    await request(app).post('/api/intake/submissions').set('Authorization', `Bearer ${key}`).send({ files: [] }).expect(415);
  });

  it('needs a valid, unrevoked channel key; a channel sees only its own submissions; clerks and admins see all, audited; agents do not', async () => {
    const own = await addChannel();
    const other = await addChannel();
    const pdf = await makePdfPages(1);
    await request(app).post('/api/intake/submissions').attach('files', pdf, 'a.pdf').expect(401);
    await request(app).post('/api/intake/submissions').set('Authorization', 'Bearer mkc_wrong').attach('files', pdf, 'a.pdf').expect(401);
    const { trackingId } = (
      await request(app).post('/api/intake/submissions').set('Authorization', `Bearer ${own.key}`).attach('files', pdf, 'a.pdf').expect(201)
    ).body;

    await request(app).get(`/api/intake/submissions/${trackingId}`).set('Authorization', `Bearer ${other.key}`).expect(404);
    await request(app).get(`/api/intake/submissions/${trackingId}`).expect(401);
    const clerk = await loginAs(app, (await createStaff(core, 'clerk')).username);
    const seen = await clerk.agent.get(`/api/intake/submissions/${trackingId}`).expect(200);
    assert.equal(seen.body.documents.length, 1);
    const audited = await core.database.db.select().from(auditLog).where(eq(auditLog.action, 'submission.view'));
    assert.ok(audited.length >= 1);
    const agent = await loginAs(app, (await createStaff(core, 'agent')).username);
    await agent.agent.get(`/api/intake/submissions/${trackingId}`).expect(403);

    const revoke = runTs('server/cli/main.ts', ['channel:revoke', own.name], childEnv({ DATABASE_URL: sharedDatabase.url }));
    assert.equal(await revoke.exited, 0, revoke.stderr());
    await request(app).get(`/api/intake/submissions/${trackingId}`).set('Authorization', `Bearer ${own.key}`).expect(401);
    const [row] = await core.database.db.select().from(intakeChannels).where(eq(intakeChannels.name, own.name));
    assert.ok(row && !row.keyHash.includes(own.key.slice(4)), 'only a hash of the key is stored');
  });

  it('shows the queues to admins only (bull-board) and reports queue depth and stage durations as metrics', async () => {
    await request(app).get('/admin/queues').expect(401);
    const agent = await loginAs(app, (await createStaff(core, 'agent')).username);
    await agent.agent.get('/admin/queues').expect(403);
    const admin = await loginAs(app, (await createStaff(core, 'admin')).username);
    const page = await admin.agent.get('/admin/queues').expect(200);
    assert.match(page.text, /__UI_CONFIG__/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const queues = await admin.agent.get('/admin/queues/api/queues').expect(200);
    assert.ok(queues.body.queues.some((q: { name: string }) => q.name === 'intake-ocr'));
    // Changes must come from our own page (bull-board cannot send the CSRF header): another site's, or none, is refused.
    await admin.agent.put('/admin/queues/api/queues/housekeeping/pause').expect(403);
    await admin.agent.put('/admin/queues/api/queues/housekeeping/pause').set('Origin', 'https://evil.example').expect(403);
    await admin.agent.put('/admin/queues/api/queues/housekeeping/pause').set('Origin', core.config.http.publicUrl).expect(200);
    await admin.agent.put('/admin/queues/api/queues/housekeeping/resume').set('Sec-Fetch-Site', 'same-origin').expect(200);

    const metrics = (await request(app).get('/metrics').expect(200)).text;
    assert.match(metrics, /queue_jobs\{queue="intake-scan",state="waiting"\} \d+/);
    assert.match(metrics, /intake_stage_duration_seconds_bucket\{le="[^"]+",stage="scan",next="ocr"\}/);
    assert.match(metrics, /jobs_processed_total\{queue="intake-scan",outcome="completed"\} \d+/);
  });

  it('lets clerks work the review queue: view (audited), correct member and type, route; agents get 403', async () => {
    const { key } = await addChannel();
    const scan = await scannedPage(['Rechnung Nr. 2026-77', 'Professionelle Zahnreinigung GOZ 1040', 'Rechnungsbetrag 85,40 EUR']);
    const { trackingId } = (
      await request(app)
        .post('/api/intake/submissions')
        .set('Authorization', `Bearer ${key}`)
        .attach('files', scan, { filename: 'rechnung.png', contentType: 'image/png' })
        .expect(201)
    ).body;
    await untilInReview(trackingId, key);
    const agent = await loginAs(app, (await createStaff(core, 'agent')).username);
    await agent.agent.get('/api/review/queue').expect(403);
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([
      testMember({ kvnr, firstName: 'Eva', lastName: 'Probe', birthDate: '1990-01-01', cardNumberLast6: '222222' }),
    ]);

    const clerkUser = await createStaff(core, 'clerk');
    const clerk = await loginAs(app, clerkUser.username);
    const queue = (await clerk.agent.get('/api/review/queue').expect(200)).body.documents as Array<{ id: string; trackingId: string }>;
    const item = queue.find((d) => d.trackingId === trackingId);
    assert.ok(item, 'the document is in the queue');
    const view = (await clerk.agent.get(`/api/review/documents/${item.id}`).expect(200)).body;
    assert.equal(view.documentType, 'invoice');
    assert.match(view.pages[0].text, /Zahnreinigung/);
    assert.equal(view.suggestedMember, null);

    const image = await clerk.agent.get(`/api/review/documents/${item.id}/pages/1`).expect(200);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal(image.headers['cache-control'], 'private, no-store');
    assert.deepEqual([...image.body.subarray(1, 4)], [...Buffer.from('PNG')]);
    await clerk.agent.get(`/api/review/documents/${item.id}/pages/2`).expect(404);
    await agent.agent.get(`/api/review/documents/${item.id}/pages/1`).expect(403);

    const byTracking = (await clerk.agent.get(`/api/review/submissions/${trackingId.toLowerCase()}`).expect(200)).body;
    assert.deepEqual(
      byTracking.documents.map((d: { id: string; status: string }) => [d.id, d.status]),
      [[item.id, 'awaiting_review']],
    );
    await clerk.agent.get('/api/review/submissions/MK-0000-0000-0001').expect(400);

    const byName = (await clerk.agent.get('/api/review/members').query({ lastName: 'prob', birthDate: '1990-01-01' }).expect(200)).body
      .members;
    assert.ok(
      byName.some((m: { kvnr: string }) => m.kvnr === kvnr),
      'surname prefix and birth date find the member',
    );
    assert.equal(byName[0].cardNumberLast6, undefined, 'the search shows no card number');
    assert.deepEqual(
      (await clerk.agent.get('/api/review/members').query({ kvnr }).expect(200)).body.members.map((m: { lastName: string }) => m.lastName),
      ['Probe'],
    );
    const surnameOnly = (await clerk.agent.get('/api/review/members').query({ lastName: 'PROBE' }).expect(200)).body.members;
    assert.ok(
      surnameOnly.some((m: { kvnr: string }) => m.kvnr === kvnr),
      'a surname alone finds the member',
    );
    const badSearch = await clerk.agent.get('/api/review/members').query({ lastName: 'P', birthDate: '01.01.1990' }).expect(400);
    assert.match(JSON.stringify(badSearch.body), /Nachnamens|Geburtsdatum/);

    await clerk.agent
      .post(`/api/review/documents/${item.id}/decision`)
      .set('X-CSRF-Token', clerk.csrfToken)
      .send({ documentType: 'invoice', kvnr: withWrongCheckDigit(kvnr) })
      .expect(400);
    await clerk.agent
      .post(`/api/review/documents/${item.id}/decision`)
      .set('X-CSRF-Token', clerk.csrfToken)
      .send({ documentType: 'invoice', kvnr: randomKvnr() })
      .expect(400);
    const decided = await clerk.agent
      .post(`/api/review/documents/${item.id}/decision`)
      .set('X-CSRF-Token', clerk.csrfToken)
      .send({ documentType: 'invoice', kvnr })
      .expect(200);
    assert.equal(decided.body.department, 'Leistungen');
    await clerk.agent
      .post(`/api/review/documents/${item.id}/decision`)
      .set('X-CSRF-Token', clerk.csrfToken)
      .send({ documentType: 'invoice', kvnr })
      .expect(409);

    const status = (await request(app).get(`/api/intake/submissions/${trackingId}`).set('Authorization', `Bearer ${key}`)).body;
    assert.deepEqual([status.status, status.documents[0].status, status.documents[0].assignedKvnr], ['processed', 'routed', kvnr]);
    const actions = (await core.database.db.select().from(auditLog).where(eq(auditLog.targetId, item.id))).map((a) => a.action).sort();
    assert.deepEqual(actions, ['document.decide', 'document.page_view', 'document.view']);
    const searches = await core.database.db.select().from(auditLog).where(eq(auditLog.action, 'member.search'));
    assert.ok(
      searches.some((a) => a.actor === clerkUser.username),
      'member searches are audited',
    );
    const [example] = await core.database.db.select().from(classificationExamples).where(eq(classificationExamples.documentId, item.id));
    assert.deepEqual([example?.documentType, example?.corrected], ['invoice', false]);
  });

  it('describes itself as OpenAPI at /api/docs', async () => {
    const res = await request(app).get('/api/docs').expect(200);
    assert.equal(res.body.openapi, '3.1.0');
    assert.ok(res.body.paths['/intake/submissions'].post);
    assert.ok(res.body.paths['/intake/submissions/{trackingId}'].get);
  });
});
