import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import request from 'supertest';
import { stringify } from 'yaml';
import { auditLog, documentDeliveries, documentPages } from '../../platform/db/schema.js';
import { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { IntakeChannels } from '../../domain/channels/channel-keys.js';
import type { WebhookBody } from '../../intake-pipeline/delivery/document-delivery.js';
import { verifyWebhookSignature } from '../../intake-pipeline/delivery/webhook.js';
import type { WorkerGroup } from '../../platform/queue/workers.js';
import type { Core } from '../../server/container.js';
import { startWorker } from '../../server/worker.js';
import { readyToRoute, storeSubmission } from '../helpers/intake.js';
import { randomKvnr } from '../helpers/members.js';
import { childEnv, runTs, waitUntil } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { freePort, startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs } from '../helpers/staff.js';
import { startTestCore, uniqueName } from '../helpers/system.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = randomBytes(32).toString('hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Routed {
  documentId: string;
  trackingId: string;
  kvnr: string;
  bytes: Buffer;
}

/** Stores a one-document submission and routes it for real (route stage, outbox, event). */
async function route(core: Core, documentType: string, bytes = randomBytes(2048), pageText?: string): Promise<Routed> {
  const kvnr = randomKvnr();
  const { documentIds, trackingId } = await storeSubmission(
    core,
    { source: 'channel:test', conversationId: null, kvnr, details: { invoiceDate: '2026-11-30' }, note: 'Bitte erstatten' },
    { bytes, mediaType: 'application/pdf', name: 'beleg.pdf' },
  );
  const documentId = documentIds[0]!;
  if (pageText)
    await core.database.db.insert(documentPages).values({ documentId, page: 1, text: pageText, confidence: 100, source: 'text_layer' });
  await readyToRoute(core, documentId, documentType, kvnr);
  await core.intake.handle('route', documentId);
  return { documentId, trackingId, kvnr, bytes };
}

const deliveriesOf = (core: Core, documentId: string) =>
  core.database.db.select().from(documentDeliveries).where(eq(documentDeliveries.documentId, documentId));

/** The calls the receiver got about one document. */
const callsAbout = (receiver: WebhookReceiver, documentId: string) =>
  receiver.calls.filter((call) => (JSON.parse(call.body) as WebhookBody).document.documentId === documentId);

async function writeTargets(dir: string, targets: unknown[]): Promise<string> {
  const file = path.join(dir, 'targets.yaml');
  await writeFile(file, stringify({ targets }));
  return file;
}

/** Routed documents reach the core system: webhook, pull API and hot folder, with real PostgreSQL, Redis and HTTP. */
describe('delivery to the core system', function () {
  this.timeout(60_000);
  const receiver = new WebhookReceiver();
  let dir: string;
  let folder: string;
  let pullName: string;
  let server: TestServer;
  let workers: WorkerGroup;

  before(async () => {
    const hookUrl = await receiver.start();
    dir = await mkdtemp(path.join(tmpdir(), 'mk-delivery-'));
    folder = path.join(dir, 'dms-eingang');
    pullName = uniqueName('archiv-');
    const targetsFile = await writeTargets(dir, [
      { name: 'kernsystem', kind: 'webhook', url: hookUrl, secretEnv: 'TEST_WEBHOOK_SECRET', documentTypes: ['invoice'] },
      { name: 'dms', kind: 'folder', directory: folder, documentTypes: ['sick_note'] },
      { name: pullName, kind: 'pull', documentTypes: ['maternity'] },
    ]);
    const port = await freePort();
    server = await startTestServer({
      port,
      env: {
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DELIVERY_TARGETS_FILE: targetsFile,
        TEST_WEBHOOK_SECRET: SECRET,
        DELIVERY_BACKOFF_MS: '100',
        DELIVERY_MAX_ATTEMPTS: '5',
        REDIS_PREFIX: uniqueName('mkdeliver'),
      },
    });
    workers = await startWorker(server.core);
  });
  after(async () => {
    await workers?.close();
    await server?.stop();
    await receiver.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const statusOf = async (documentId: string) => (await deliveriesOf(server.core, documentId))[0];
  const settledAs = (documentId: string, status: string) =>
    waitUntil(async () => (await statusOf(documentId))?.status === status, 20_000, `delivery of ${documentId} to be ${status}`);

  describe('webhook', () => {
    it('posts a routed document once, signed, with its index data and a file link that works', async () => {
      const routed = await route(
        server.core,
        'invoice',
        randomBytes(2048),
        'Praxis für Osteopathie\nRechnungsdatum: 28.11.2026\nOsteopathische Behandlung\nGesamtbetrag 120,00 €',
      );
      await settledAs(routed.documentId, 'acknowledged');
      const [call] = callsAbout(receiver, routed.documentId);
      assert.ok(call);
      const signature = String(call.headers['musterkasse-signature']);
      assert.ok(verifyWebhookSignature(SECRET, signature, call.body, new Date()), 'valid signature');
      assert.ok(!verifyWebhookSignature('another secret of enough length 1234567', signature, call.body, new Date()));
      assert.ok(!verifyWebhookSignature(SECRET, signature, call.body.replace(routed.kvnr, 'Z000000000'), new Date()), 'body bound');
      assert.ok(!verifyWebhookSignature(SECRET, signature, call.body, new Date(Date.now() + 3600_000)), 'old timestamps refused');

      const body = JSON.parse(call.body) as WebhookBody;
      const [delivery] = await deliveriesOf(server.core, routed.documentId);
      assert.equal(call.headers['idempotency-key'], delivery!.id);
      assert.equal(body.id, delivery!.id);
      assert.equal(body.event, 'document.routed');
      const { document } = body;
      assert.equal(document.schema, 'musterkasse.document.v1');
      assert.deepEqual(
        [document.trackingId, document.documentType, document.kvnr, document.department],
        [routed.trackingId, 'invoice', routed.kvnr, 'Leistungen'],
      );
      assert.deepEqual(document.declared.details, { invoiceDate: '2026-11-30' });
      assert.equal(document.declared.note, 'Bitte erstatten');
      assert.ok(document.reasons.includes('Weitergeleitet an Leistungen'));
      // What the text states, for the department: with machine values and the passage each was read from.
      assert.deepEqual(
        document.facts.map((f) => [f.key, f.value, f.page, f.source]),
        [
          ['documentDate', '2026-11-28', 1, 'Rechnungsdatum: 28.11.2026'],
          ['amount', 12000, 1, 'Gesamtbetrag 120,00'],
          ['treatment', 'Osteopathie', 1, 'Osteopath'],
        ],
      );
      assert.ok(Date.parse(document.routedAt) >= Date.parse(document.receivedAt));
      const [file] = document.files;
      assert.equal(file!.sha256, sha256(routed.bytes));
      assert.equal(file!.name, `${routed.trackingId}-1.pdf`);

      const download = await fetch(file!.url);
      assert.equal(download.status, 200);
      assert.ok(Buffer.from(await download.arrayBuffer()).equals(routed.bytes));
      const tampered = await fetch(file!.url.replace(/sig=[^&]+/, 'sig=AAAA'));
      assert.equal(tampered.status, 403);
      const otherDocument = await fetch(file!.url.replace(routed.documentId, randomUUID()));
      assert.equal(otherDocument.status, 403, 'a link opens only its own document');
      assert.equal((await statusOf(routed.documentId))!.attempts, 1);
    });

    it('gives a receiver that answers 500 three times, then 200, the document once under one idempotency key', async () => {
      const failuresLeft = new Map<string, number>();
      receiver.answer = (call) => {
        const id = (JSON.parse(call.body) as WebhookBody).document.documentId;
        const left = failuresLeft.get(id) ?? 3;
        failuresLeft.set(id, left - 1);
        return left > 0 ? 500 : 200;
      };
      try {
        const routed = await route(server.core, 'invoice');
        await settledAs(routed.documentId, 'acknowledged');
        const calls = callsAbout(receiver, routed.documentId);
        assert.equal(calls.length, 4);
        assert.equal(new Set(calls.map((c) => c.headers['idempotency-key'])).size, 1, 'the same key every time');
        assert.deepEqual(
          calls.map((c) => c.headers['musterkasse-attempt']),
          ['1', '2', '3', '4'],
        );
        const key = String(calls[0]!.headers['idempotency-key']);
        assert.ok(receiver.accepted.has(key));
        const delivery = await statusOf(routed.documentId);
        assert.deepEqual([delivery!.attempts, delivery!.lastError], [4, null]);
      } finally {
        receiver.answer = () => 200;
      }
    });

    it('puts a refused delivery in the dead letter at once; an admin sees it and redelivers it, an agent may not', async () => {
      let refuse = true;
      receiver.answer = () => (refuse ? 422 : 200);
      try {
        const routed = await route(server.core, 'invoice');
        await settledAs(routed.documentId, 'failed');
        assert.equal(callsAbout(receiver, routed.documentId).length, 1, 'a refusal is not retried');
        const delivery = (await statusOf(routed.documentId))!;
        assert.match(delivery.lastError ?? '', /422/);

        const admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
        const agent = await loginAs(server.baseUrl, (await createStaff(server.core, 'agent')).username);
        const failed = await admin.agent.get('/api/admin/deliveries/failed').expect(200);
        const listed = (failed.body.deliveries as Array<{ id: string; trackingId: string; target: string }>).find(
          (d) => d.id === delivery.id,
        );
        assert.deepEqual([listed?.trackingId, listed?.target], [routed.trackingId, 'kernsystem']);
        await agent.agent.get('/api/admin/deliveries/failed').expect(403);
        await agent.agent.post(`/api/admin/deliveries/${delivery.id}/redeliver`).set('x-csrf-token', agent.csrfToken).expect(403);

        refuse = false;
        await admin.agent.post(`/api/admin/deliveries/${delivery.id}/redeliver`).set('x-csrf-token', admin.csrfToken).expect(202);
        await settledAs(routed.documentId, 'acknowledged');
        const again = await admin.agent.post(`/api/admin/deliveries/${delivery.id}/redeliver`).set('x-csrf-token', admin.csrfToken);
        assert.equal(again.status, 409);
        const calls = callsAbout(receiver, routed.documentId);
        assert.equal(new Set(calls.map((c) => c.headers['idempotency-key'])).size, 1, 'a redelivery keeps the key');
        const audited = await server.core.database.db.select().from(auditLog).where(eq(auditLog.targetId, delivery.id));
        assert.deepEqual(
          audited.map((a) => a.action),
          ['delivery.redeliver'],
        );
      } finally {
        receiver.answer = () => 200;
      }
    });

    it('stops after the configured attempts when the receiver stays down, with the last error kept', async () => {
      receiver.answer = () => 503;
      try {
        const routed = await route(server.core, 'invoice');
        await settledAs(routed.documentId, 'failed');
        assert.equal(callsAbout(receiver, routed.documentId).length, 5);
        assert.equal((await statusOf(routed.documentId))!.lastError, 'Empfänger antwortete 503');
      } finally {
        receiver.answer = () => 200;
      }
    });

    it('shows clerks where a routed document went, and counts deliveries in /metrics', async () => {
      const routed = await route(server.core, 'invoice');
      await settledAs(routed.documentId, 'acknowledged');
      const clerk = await loginAs(server.baseUrl, (await createStaff(server.core, 'clerk')).username);
      const view = await clerk.agent.get(`/api/review/documents/${routed.documentId}`).expect(200);
      assert.deepEqual(
        (view.body.deliveries as Array<{ target: string; kind: string; status: string }>).map((d) => [d.target, d.kind, d.status]),
        [['kernsystem', 'webhook', 'acknowledged']],
      );
      const search = await clerk.agent.get(`/api/review/submissions/${routed.trackingId}`).expect(200);
      assert.equal(search.body.documents[0].deliveries[0].status, 'acknowledged');
      const metrics = await request(server.baseUrl).get('/metrics').expect(200);
      assert.match(metrics.text, /document_deliveries_total\{kind="webhook",outcome="delivered"\} [1-9]/);
    });
  });

  describe('hot folder', () => {
    it('never shows a half-written file: each file and index appears whole, the index after its file', async () => {
      const expected = new Map<string, Buffer>();
      let watching = true;
      const seen = { files: 0, indexes: 0 };
      const problems: string[] = [];
      const watcher = (async () => {
        while (watching) {
          const names = await readdir(folder).catch(() => [] as string[]);
          for (const name of names.filter((n) => !n.startsWith('.'))) {
            const content = await readFile(path.join(folder, name));
            if (name.endsWith('.json')) {
              seen.indexes++;
              try {
                const index = JSON.parse(content.toString('utf8')) as { files: Array<{ name: string; sha256: string }> };
                const file = await readFile(path.join(folder, index.files[0]!.name));
                if (sha256(file) !== index.files[0]!.sha256) problems.push(`${name}: its file is not complete`);
              } catch (err) {
                problems.push(`${name}: ${(err as Error).message}`);
              }
            } else {
              seen.files++;
              const trackingId = name.replace(/-1\.pdf$/, '');
              const want = expected.get(trackingId);
              if (want && !content.equals(want)) problems.push(`${name}: ${content.length} of ${want.length} bytes`);
            }
          }
          await new Promise((r) => setImmediate(r));
        }
      })();
      const routed: Routed[] = [];
      for (let i = 0; i < 20; i++) {
        const bytes = randomBytes(1024 * 1024 + i);
        const document = await route(server.core, 'sick_note', bytes);
        expected.set(document.trackingId, bytes);
        routed.push(document);
      }
      try {
        await Promise.all(routed.map((r) => settledAs(r.documentId, 'delivered')));
      } finally {
        watching = false;
        await watcher;
      }
      assert.deepEqual(problems, []);
      assert.ok(seen.files > 20 && seen.indexes > 0, `the watcher looked while files arrived: ${JSON.stringify(seen)}`);
      const names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
      for (const { trackingId, documentId } of routed) {
        assert.ok(names.includes(`${trackingId}-1.pdf`) && names.includes(`${trackingId}-1.json`));
        const index = JSON.parse(await readFile(path.join(folder, `${trackingId}-1.json`), 'utf8')) as { documentId: string };
        assert.equal(index.documentId, documentId);
      }
      assert.deepEqual(await readdir(path.join(folder, '.incoming')), [], 'no work files left behind');
    });
  });

  describe('pull API', () => {
    let exportKey: string;
    let intakeKey: string;
    before(async () => {
      const channels = new IntakeChannels(server.core.database.db);
      exportKey = await channels.add(pullName, 'export');
      intakeKey = await channels.add(uniqueName('scan-'));
    });

    const pullPage = async (after: string | null, limit = 50) => {
      const res = await request(server.baseUrl)
        .get('/api/export/documents')
        .query({ ...(after ? { after } : {}), limit })
        .set('authorization', `Bearer ${exportKey}`)
        .expect(200);
      return res.body as { documents: Array<{ documentId: string; kvnr: string }>; next: string | null; more: boolean };
    };

    /** Reads every page from `after` to the end; returns the documents in order and the last cursor. */
    async function pullAll(after: string | null, limit = 50) {
      const documents: string[] = [];
      let cursor = after;
      for (;;) {
        const page = await pullPage(cursor, limit);
        documents.push(...page.documents.map((d) => d.documentId));
        cursor = page.next;
        if (page.documents.length === 0) return { documents, cursor };
      }
    }

    it('never passes a routing that commits late: the cursor waits for it instead of skipping it', async () => {
      const start = (await pullAll(null)).cursor;
      const late = await storeSubmission(
        server.core,
        { source: 'channel:test', conversationId: null },
        {
          bytes: randomBytes(100),
          mediaType: 'application/pdf',
          name: 'spaet.pdf',
        },
      );
      const client = new pg.Client({ connectionString: sharedDatabase.url });
      await client.connect();
      try {
        // A routing transaction that took its sequence number first and commits last.
        await client.query('begin');
        await client.query(`insert into document_deliveries (id, document_id, target, kind) values ($1, $2, $3, 'pull')`, [
          randomUUID(),
          late.documentIds[0],
          pullName,
        ]);
        const early = await route(server.core, 'maternity');
        const whileOpen = await pullAll(start);
        assert.deepEqual(whileOpen.documents, [], 'nothing shown while an older routing is still open');
        await client.query('commit');
        const after = await pullAll(start);
        assert.deepEqual(after.documents, [late.documentIds[0], early.documentId]);
      } finally {
        await client.end();
      }
    });

    it('hands every document over exactly once while documents are routed concurrently', async function () {
      this.timeout(120_000);
      const start = (await pullAll(null)).cursor;
      const collected: string[] = [];
      let routing = true;
      const reader = (async () => {
        let cursor = start;
        while (routing) {
          const page = await pullPage(cursor, 7);
          collected.push(...page.documents.map((d) => d.documentId));
          cursor = page.next;
        }
        const rest = await pullAll(cursor, 7);
        collected.push(...rest.documents);
      })();
      const routed: Routed[] = [];
      try {
        for (let batch = 0; batch < 6; batch++)
          routed.push(...(await Promise.all(Array.from({ length: 8 }, () => route(server.core, 'maternity')))));
      } finally {
        routing = false;
        await reader;
      }
      assert.equal(new Set(collected).size, collected.length, 'no document twice');
      assert.deepEqual(new Set(collected), new Set(routed.map((r) => r.documentId)), 'every document');
    });

    it('never lets a re-route change a document a pull client has read, and drops one re-routed before it was read', async () => {
      const documents = new IntakeDocumentsRepository(server.core.database.db, server.core.config.delivery.targets);
      const start = (await pullAll(null)).cursor;
      const fetched = await route(server.core, 'maternity');
      assert.deepEqual((await pullAll(start)).documents, [fetched.documentId]);
      const change = { documentType: 'sick_note', assignedKvnr: fetched.kvnr, department: 'Arbeitsunfähigkeit', reason: 'Test' };
      assert.equal(await documents.reroute(fetched.documentId, change), 'handed_over', 'read once: read-only');

      const before = (await pullAll(null)).cursor;
      const rerouted = await route(server.core, 'maternity');
      assert.equal(await documents.reroute(rerouted.documentId, change), 'rerouted');
      assert.deepEqual((await pullAll(before)).documents, [], 'its old row is gone, and a sick note is not for this target');
    });

    it('refuses a cursor beyond the transaction ids PostgreSQL has and a file to an export key of a non-pull target', async () => {
      const huge = Buffer.from('99999999999999999999.1').toString('base64url');
      await request(server.baseUrl)
        .get('/api/export/documents')
        .query({ after: huge })
        .set('authorization', `Bearer ${exportKey}`)
        .expect(400);
      const sickNote = await route(server.core, 'sick_note');
      await settledAs(sickNote.documentId, 'delivered');
      const folderKey = await new IntakeChannels(server.core.database.db).add('dms', 'export').catch(() => undefined);
      if (folderKey)
        await request(server.baseUrl)
          .get(`/api/export/documents/${sickNote.documentId}/file`)
          .set('authorization', `Bearer ${folderKey}`)
          .expect(404);
    });

    it('takes acknowledgements, serves files to the key, and keeps keys to their scope', async () => {
      const routed = await route(server.core, 'maternity');
      const invoice = await route(server.core, 'invoice');
      const ack = (id: string, key = exportKey) =>
        request(server.baseUrl).post(`/api/export/documents/${id}/ack`).set('authorization', `Bearer ${key}`);
      const first = await ack(routed.documentId).expect(200);
      assert.equal(first.body.status, 'acknowledged');
      assert.equal(
        (await ack(routed.documentId).expect(200)).body.acknowledgedAt,
        first.body.acknowledgedAt,
        'a repeated ack changes nothing',
      );
      assert.equal((await statusOf(routed.documentId))!.status, 'acknowledged');
      await ack(invoice.documentId).expect(404);
      await ack('not-a-uuid').expect(400);

      const file = await request(server.baseUrl)
        .get(`/api/export/documents/${routed.documentId}/file`)
        .set('authorization', `Bearer ${exportKey}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      assert.ok((file.body as Buffer).equals(routed.bytes));
      await request(server.baseUrl)
        .get(`/api/export/documents/${invoice.documentId}/file`)
        .set('authorization', `Bearer ${exportKey}`)
        .expect(404);

      await request(server.baseUrl).get('/api/export/documents').expect(401);
      await request(server.baseUrl).get('/api/export/documents').set('authorization', `Bearer ${intakeKey}`).expect(401);
      await request(server.baseUrl).post('/api/intake/submissions').set('authorization', `Bearer ${exportKey}`).expect(401);
      await request(server.baseUrl)
        .get('/api/export/documents')
        .query({ after: 'kein-cursor' })
        .set('authorization', `Bearer ${exportKey}`)
        .expect(400);
      const stranger = await new IntakeChannels(server.core.database.db).add(uniqueName('fremd-'), 'export');
      const refused = await request(server.baseUrl).get('/api/export/documents').set('authorization', `Bearer ${stranger}`).expect(403);
      assert.equal(refused.body.error.code, 'no_pull_target');
    });
  });

  it('routes a document no target wants without any delivery', async () => {
    const routed = await route(server.core, 'membership');
    assert.deepEqual(await deliveriesOf(server.core, routed.documentId), []);
  });
});

describe('delivery survives a killed worker', function () {
  this.timeout(180_000);
  const receiver = new WebhookReceiver();
  let core: Core;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mk-delivery-kill-'));
  });
  after(async () => {
    await core?.close();
    await receiver.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers each of 20 documents after the worker is SIGKILLed in the middle, repeats only under the same key', async () => {
    const hookUrl = await receiver.start();
    // A slow core system: the kill lands while deliveries are under way.
    receiver.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 250));
    const targetsFile = await writeTargets(dir, [{ name: 'kernsystem', kind: 'webhook', url: hookUrl, secretEnv: 'TEST_WEBHOOK_SECRET' }]);
    const env = { DELIVERY_TARGETS_FILE: targetsFile, TEST_WEBHOOK_SECRET: SECRET, DELIVERY_BACKOFF_MS: '200' };
    core = await startTestCore({ env: { ...env, REDIS_PREFIX: uniqueName('mkdelkill') } });
    const routed: Routed[] = [];
    for (let i = 0; i < 20; i++) routed.push(await route(core, 'invoice'));
    const ids = routed.map((r) => r.documentId);
    const acknowledged = async () =>
      (await core.database.db.select().from(documentDeliveries).where(inArray(documentDeliveries.documentId, ids))).filter(
        (d) => d.status === 'acknowledged',
      ).length;

    const workerEnv = childEnv({ ...env, DATABASE_URL: sharedDatabase.url, REDIS_PREFIX: core.config.redis.prefix, OCR_WORKERS: '1' });
    const first = runTs('server/main.ts', ['--role', 'worker'], workerEnv);
    await waitUntil(() => receiver.calls.length >= 3, 60_000, `deliveries to be under way: ${first.stderr()}`);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok((await acknowledged()) < 20, 'killed in the middle of the batch');

    const second = runTs('server/main.ts', ['--role', 'worker'], workerEnv);
    try {
      await waitUntil(async () => (await acknowledged()) === 20, 150_000, 'all 20 deliveries to be acknowledged').catch((err: Error) => {
        throw new Error(`${err.message}: ${second.stderr().slice(-2000)}`);
      });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const keysByDocument = new Map<string, Set<string>>();
    for (const call of receiver.calls) {
      const id = (JSON.parse(call.body) as WebhookBody).document.documentId;
      keysByDocument.set(id, (keysByDocument.get(id) ?? new Set()).add(String(call.headers['idempotency-key'])));
    }
    assert.deepEqual(new Set(keysByDocument.keys()), new Set(ids), 'every document arrived');
    for (const [id, keys] of keysByDocument) assert.equal(keys.size, 1, `document ${id} came under one key only`);
    assert.equal(receiver.accepted.size, 20, 'the receiver took each document once');
  });
});
