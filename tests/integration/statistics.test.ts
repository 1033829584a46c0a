import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { Registry } from 'prom-client';
import request from 'supertest';
import { registerStatisticsMetrics } from '../../domain/statistics/statistics-metrics.js';
import { staffUsers } from '../../platform/db/schema.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { berlin, seedStatistics } from '../helpers/statistics-seed.js';
import { uniqueName } from '../helpers/system.js';

/**
 * Statistics against seeded conversations, chats, callbacks and documents whose figures are
 * known. The seeds lie in March 2025, where no other test writes anything.
 */
describe('statistics', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: LoggedIn;
  let agentX: LoggedIn;
  let agentXId: string;

  before(async () => {
    server = await startTestServer({ env: { REDIS_PREFIX: uniqueName('mkstats'), TIME_ZONE: 'Europe/Berlin' } });
    admin = await loginAs(server.baseUrl, (await createStaff(server.core, 'admin')).username);
    const x = await createStaff(server.core, 'agent');
    agentX = await loginAs(server.baseUrl, x.username);
    agentXId = (await server.core.database.db.select().from(staffUsers).where(eq(staffUsers.username, x.username)))[0]!.id;
    const agentYId = (
      await server.core.database.db
        .select()
        .from(staffUsers)
        .where(eq(staffUsers.username, (await createStaff(server.core, 'agent')).username))
    )[0]!.id;
    await seedStatistics(server.core, agentXId, agentYId);
  });
  after(() => server?.stop());

  const get = (who: LoggedIn, query: Record<string, string>) => who.agent.get('/api/statistics').query(query);

  it('counts conversations by the local day, the share without a person, and the fallback and "Meinten Sie" rates', async () => {
    const { body } = await get(admin, { from: '2025-03-03', to: '2025-03-04' }).expect(200);
    assert.equal(body.scope, 'all');
    const [monday, tuesday] = body.conversations;
    // A, B (live chat) and C (callback) on Monday; D never wrote; E wrote at 00:30 Berlin on Tuesday (still Monday in UTC).
    assert.deepEqual(
      { period: monday.period, conversations: monday.conversations, withPerson: monday.withPerson },
      { period: '2025-03-03', conversations: 3, withPerson: 2 },
    );
    assert.equal(monday.resolvedByBotShare, 1 / 3);
    assert.deepEqual([tuesday.period, tuesday.conversations, tuesday.withPerson, tuesday.resolvedByBotShare], ['2025-03-04', 1, 0, 1]);
    assert.deepEqual([monday.answers, monday.actions, monday.suggestions, monday.fallbacks], [6, 1, 2, 1]);
    assert.equal(monday.suggestionRate, 0.2);
    assert.equal(monday.fallbackRate, 0.1);
    assert.equal(tuesday.fallbackRate, null, 'no questions, no rate');
  });

  it('measures handoffs: waiting time and chat length p50/p95, ratings; agents see only their own chats', async () => {
    const { body } = await get(admin, { from: '2025-03-03', to: '2025-03-03' }).expect(200);
    assert.deepEqual(body.liveChat, [
      {
        period: '2025-03-03',
        handoffs: 4,
        accepted: 3,
        cancelled: 1,
        waitP50Seconds: 120,
        waitP95Seconds: 552,
        lengthP50Seconds: 450,
        lengthP95Seconds: 585,
        ratings: 2,
        ratingAverage: 4,
      },
    ]);
    const own = (await get(agentX, { from: '2025-03-03', to: '2025-03-03' }).expect(200)).body;
    assert.equal(own.scope, 'own');
    assert.deepEqual(Object.keys(own).sort(), ['liveChat', 'range', 'scope']);
    assert.deepEqual([own.liveChat[0].handoffs, own.liveChat[0].waitP50Seconds, own.liveChat[0].ratingAverage], [2, 90, 5]);
    await agentX.agent.get('/api/statistics/documents.csv').query({ from: '2025-03-03', to: '2025-03-03' }).expect(403);
    const clerk = await loginAs(server.baseUrl, (await createStaff(server.core, 'clerk')).username);
    await get(clerk, {}).expect(403);
  });

  it('counts callbacks and documents: by type and channel, routed without a clerk, review time, quarantine', async () => {
    const { body } = await get(admin, { from: '2025-03-03', to: '2025-03-03' }).expect(200);
    assert.deepEqual(body.callbacks, [{ period: '2025-03-03', requested: 3, open: 2, done: 1 }]);
    assert.deepEqual(body.documents, [
      {
        period: '2025-03-03',
        received: 5,
        routedAutomatically: 2,
        automaticShare: 0.4,
        reviewed: 1,
        reviewP50Seconds: 600,
        reviewP95Seconds: 600,
        quarantined: 1,
      },
    ]);
    assert.deepEqual(body.documentTypes, [
      { period: '2025-03-03', documentType: 'invoice', channel: 'chat', documents: 1 },
      { period: '2025-03-03', documentType: 'invoice', channel: 'scanzentrum', documents: 1 },
      { period: '2025-03-03', documentType: 'sick_note', channel: 'chat', documents: 2 },
      { period: '2025-03-03', documentType: 'unknown', channel: 'chat', documents: 1 },
    ]);
  });

  it('sums weeks from Monday, fills quiet periods with zeros, and exports every table as CSV', async () => {
    const { body } = await get(admin, { from: '2025-03-05', to: '2025-03-12', period: 'week' }).expect(200);
    assert.deepEqual(
      body.conversations.map((c: { period: string; conversations: number }) => [c.period, c.conversations]),
      [
        ['2025-03-03', 4],
        ['2025-03-10', 0],
      ],
    );
    assert.equal(body.documents[0].received, 5);
    for (const table of ['conversations', 'live-chat', 'callbacks', 'documents', 'document-types']) {
      const csv = await admin.agent.get(`/api/statistics/${table}.csv`).query({ from: '2025-03-03', to: '2025-03-04' }).expect(200);
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
      const rows = parse(csv.text.replace(/^\uFEFF/, '')) as string[][];
      assert.equal(rows[0]![0], 'period');
      assert.ok(rows.length >= 2, `${table} has rows`);
    }
    await admin.agent.get('/api/statistics/secrets.csv').expect(400);
  });

  it('refuses a range it cannot read, in German', async () => {
    const bad = await get(admin, { from: '2025-03-05', to: '2025-03-01' }).expect(400);
    assert.match(JSON.stringify(bad.body), /„von“ muss vor „bis“ liegen/);
    await get(admin, { from: '2020-01-01', to: '2025-01-01' }).expect(400);
    await get(admin, { from: '03.03.2025' }).expect(400);
    await get(admin, { period: 'month' }).expect(400);
    await get(admin, { extra: '1' }).expect(400);
    // Without a range: the last 30 days by day.
    assert.equal((await get(admin, {}).expect(200)).body.conversations.length, 30);
  });

  it("offers today's figures as Prometheus gauges", async () => {
    const registry = new Registry();
    registerStatisticsMetrics(registry, server.core.statistics, () => berlin('2025-03-03T15:00:00'), 'Europe/Berlin');
    const text = await registry.metrics();
    assert.match(text, /^service_conversations_today 3$/m);
    assert.match(text, /^service_bot_outcomes_today\{outcome="fallback"\} 1$/m);
    assert.match(text, /^service_livechat_wait_seconds_today\{quantile="0.5"\} 120$/m);
    assert.match(text, /^service_documents_today\{type="invoice",channel="scanzentrum"\} 1$/m);
    assert.match(text, /^service_documents_routed_automatically_ratio_today 0.4$/m);
    assert.match(text, /^service_callbacks_today\{state="open"\} 2$/m);
    const served = await request(server.baseUrl).get('/metrics').expect(200);
    assert.match(served.text, /# TYPE service_documents_review_seconds_today gauge/);
  });
});
