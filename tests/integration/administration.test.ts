import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** What admins do in the console's Verwaltung without a shell: channel keys, certificates to post, the audit log. */
const closedDay = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

describe('administration API', function () {
  this.timeout(60_000);
  let server: TestServer;
  let admin: LoggedIn;
  let adminName: string;

  before(async () => {
    server = await startTestServer({
      env: {
        REDIS_PREFIX: uniqueName('mkadmin'),
        LIVECHAT_HOURS: 'Mo-Fr 08:00-18:00,Sa 09:00-12:00',
        LIVECHAT_HOLIDAYS: 'DE-BY',
        LIVECHAT_CLOSED_DAYS: `${closedDay},2020-01-02`,
      },
    });
    adminName = (await createStaff(server.core, 'admin')).username;
    admin = await loginAs(server.baseUrl, adminName);
  });
  after(() => server?.stop());

  it('shows the service hours as configured: weekly hours, the holiday region and the closed days ahead by name', async () => {
    const hours = (await admin.agent.get('/api/admin/service-hours').expect(200)).body;
    assert.equal(hours.liveChat.hours, 'Mo–Fr 8–18 Uhr, Sa 9–12 Uhr');
    assert.equal(hours.liveChat.holidayRegion, 'DE-BY');
    assert.equal(typeof hours.openNow, 'boolean');
    const ahead = hours.closedAhead as Array<{ date: string; reason: string }>;
    assert.ok(ahead.some((d) => d.date === closedDay && d.reason === 'Zusätzlicher Schließtag'));
    assert.ok(!ahead.some((d) => d.date === '2020-01-02'), 'days past are not listed');
    assert.ok(ahead.every((d, i) => i === 0 || ahead[i - 1]!.date < d.date));
    // Within 120 days of any day there is at least one public holiday in Bavaria, with its German name.
    assert.ok(ahead.some((d) => d.reason !== 'Zusätzlicher Schließtag' && /[a-zä]/.test(d.reason)));
    assert.deepEqual(hours.callbacks.windows, ['8–10 Uhr', '10–12 Uhr', '12–14 Uhr', '14–16 Uhr', '16–18 Uhr']);
  });

  const post = (path: string, body?: object) => admin.agent.post(`/api/admin${path}`).set('x-csrf-token', admin.csrfToken).send(body);

  it('adds a channel key shown once, lists it with its last use, and revokes it at once', async () => {
    const name = uniqueName('scan-');
    const created = await post('/channels', { name, scope: 'intake' }).expect(201);
    const key = created.body.key as string;
    assert.match(key, /^mkc_/);
    const listed = async () =>
      ((await admin.agent.get('/api/admin/channels').expect(200)).body.channels as Array<Record<string, unknown>>).find(
        (c) => c.name === name,
      )!;
    assert.equal((await listed()).lastUsedAt, null);
    assert.ok(!JSON.stringify(await listed()).includes(key.slice(4)), 'the key is never listed');
    await request(server.baseUrl).get('/api/intake/submissions/MK-AAAA-BBBB-CCCC').set('authorization', `Bearer ${key}`);
    assert.ok((await listed()).lastUsedAt, 'its use is seen');
    await post('/channels', { name, scope: 'intake' }).expect(409);
    await post('/channels', { name: 'Nicht Erlaubt', scope: 'intake' }).expect(400);
    await post('/channels', { name: uniqueName('x-'), scope: 'everything' }).expect(400);
    await post(`/channels/${name}/revoke`).expect(200);
    assert.ok((await listed()).revokedAt);
    await request(server.baseUrl).get('/api/intake/submissions/MK-AAAA-BBBB-CCCC').set('authorization', `Bearer ${key}`).expect(401);
  });

  it('lists certificates to post with the address on file and marks them sent once', async () => {
    const kvnr = randomKvnr();
    await new MembersRepository(server.core.database.db).upsert([
      testMember({ kvnr, firstName: 'Karla', lastName: 'Post', street: 'Am Brief 3' }),
    ]);
    const request_ = await server.core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId: null });
    const open = (await admin.agent.get('/api/admin/certificates').expect(200)).body.certificates as Array<Record<string, unknown>>;
    const item = open.find((c) => c.id === request_.id)!;
    assert.deepEqual(item.address, { name: 'Karla Post', street: 'Am Brief 3', postalCode: '12345', city: 'Musterstadt' });
    await post(`/certificates/${request_.id}/sent`).expect(200);
    await post(`/certificates/${request_.id}/sent`).expect(409);
    const after = (await admin.agent.get('/api/admin/certificates').expect(200)).body.certificates as Array<Record<string, unknown>>;
    assert.ok(!after.some((c) => c.id === request_.id));
  });

  it('filters the audit log by person, action and day, and exports it as CSV; only admins see it', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    const entries = (
      await admin.agent.get('/api/admin/audit').query({ actor: adminName, action: 'channel.add', from: today, to: today }).expect(200)
    ).body.entries as Array<Record<string, unknown>>;
    assert.ok(entries.length >= 1 && entries.every((e) => e.actor === adminName && e.action === 'channel.add'));
    assert.deepEqual(
      (await admin.agent.get('/api/admin/audit').query({ actor: adminName, from: '2020-01-01', to: '2020-01-02' }).expect(200)).body
        .entries,
      [],
    );
    const csv = await admin.agent.get('/api/admin/audit').query({ actor: adminName, format: 'csv' }).expect(200);
    assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
    const rows = parse(csv.text.replace(/^\uFEFF/, '')) as string[][];
    assert.deepEqual(rows[0], ['at', 'actor', 'action', 'outcome', 'targetType', 'targetId', 'requestId', 'ip', 'details']);
    assert.ok(rows.slice(1).some((r) => r[2] === 'certificate.sent'));
    await admin.agent.get('/api/admin/audit').query({ from: '0000-01-01' }).expect(400);
    await admin.agent.get('/api/admin/audit').query({ format: 'xml' }).expect(400);
    const clerk = await loginAs(server.baseUrl, (await createStaff(server.core, 'clerk')).username);
    await clerk.agent.get('/api/admin/audit').expect(403);
    await clerk.agent.get('/api/admin/channels').expect(403);
    await clerk.agent.get('/api/admin/certificates').expect(403);
    await clerk.agent.get('/api/admin/service-hours').expect(403);
  });

  it('imports member master data uploaded as CSV, reports rejected rows by line, and refuses other types and oversized files', async () => {
    const [good, other] = [randomKvnr(), randomKvnr()];
    const csv = [
      'kvnr,firstName,lastName,birthDate,street,postalCode,city,cardNumberLast6,familyOf',
      `${good},Rita,Upload,1990-05-06,Weg 2,12345,Musterstadt,123456,`,
      `${other},Rolf,Upload,06.05.1991,Weg 3,12345,Musterstadt,654321,${good}`,
      'A000000000,Falsch,Nummer,1990-01-01,Weg 4,12345,Musterstadt,111111,',
    ].join('\n');
    const upload = (body: string | Buffer, type = 'text/csv') =>
      admin.agent.post('/api/admin/members/import').set('x-csrf-token', admin.csrfToken).set('content-type', type).send(body);
    const { report } = (await upload(csv).expect(200)).body;
    assert.deepEqual([report.read, report.inserted, report.rejected.length, report.rejected[0].line], [3, 2, 1, 4]);
    assert.ok(!JSON.stringify(report).includes('A000000000'), 'rejected rows name the field, never the value');
    assert.equal((await new MembersRepository(server.core.database.db).find(other))?.familyOf, good);
    assert.equal((await upload(csv).expect(200)).body.report.unchanged, 2, 'the same file again changes nothing');
    await upload('name;vorname\nx;y').expect(422);
    await upload(`${csv.split('\n')[0]}\n"unclosed,quote`).expect(422);
    await upload(`${csv.split('\n')[0]}\n${'x'.repeat(50_000)}`).expect(422);
    await upload(csv, 'application/octet-stream').expect(415);
    await upload(Buffer.alloc(21 * 1024 * 1024, 'a')).expect(413);
  });

  it('retrains the document-type model and takes the starter prepared answers from the console; only admins', async () => {
    const trained = (await post('/classifier/train').expect(200)).body.report;
    assert.ok(trained.shippedExamples > 0 && trained.id);
    const starters = (await post('/canned-responses/import-starters').expect(200)).body.report;
    assert.ok(starters.read > 0 && starters.added + starters.kept === starters.read);
    assert.equal((await post('/canned-responses/import-starters').expect(200)).body.report.added, 0, 'a second time adds nothing');
    const agent = await loginAs(server.baseUrl, (await createStaff(server.core, 'agent')).username);
    await agent.agent.post('/api/admin/classifier/train').set('x-csrf-token', agent.csrfToken).expect(403);
  });
});
