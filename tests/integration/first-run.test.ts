import assert from 'node:assert/strict';
import { auditLog } from '../../platform/db/schema.js';
import { announceFirstAdmin } from '../../server/first-run.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loginAs } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

const NEW_PASSWORD = 'ein neues langes Passwort';

/** A fresh installation lets a newcomer in: the first admin's one-time password, changed at the first login. */
describe('first run and staff accounts', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let server: TestServer;
  let printed = '';

  before(async () => {
    database = await createTestDatabase('firstrun');
    server = await startTestServer({ env: { DATABASE_URL: database.url, REDIS_PREFIX: uniqueName('mkfirst') } });
    await announceFirstAdmin(server.core, (text) => (printed += text));
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  const oneTimePassword = () => /Passwort:\s+(\S+)/.exec(printed)![1]!;

  it('prints the first admin and a one-time password once, on an installation without accounts', async () => {
    assert.match(printed, /Benutzer:\s+admin\n/);
    assert.match(oneTimePassword(), /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    assert.match(printed, /\/console/);
    let again = '';
    await announceFirstAdmin(server.core, (text) => (again += text));
    assert.equal(again, '', 'never a second time');
    const rows = await server.core.database.db.select().from(auditLog);
    assert.ok(!JSON.stringify(rows).includes(oneTimePassword()), 'the password is in no log');
  });

  it('allows nothing with the one-time password but changing it, then everything an admin may do', async () => {
    const admin = await loginAs(server.baseUrl, 'admin', oneTimePassword());
    const me = await admin.agent.get('/api/auth/me').expect(200);
    assert.equal(me.body.user.mustChangePassword, true);
    const blocked = await admin.agent.get('/api/admin/staff-users').expect(403);
    assert.equal(blocked.body.error.code, 'password_change_required');
    await admin.agent.get('/admin/queues').expect(403);
    const change = (body: object) => admin.agent.post('/api/auth/password').set('x-csrf-token', admin.csrfToken).send(body);
    assert.match(
      JSON.stringify((await change({ currentPassword: 'falsch', newPassword: NEW_PASSWORD }).expect(400)).body),
      /bisherige Passwort stimmt nicht/,
    );
    await change({ currentPassword: oneTimePassword(), newPassword: 'kurz' }).expect(400);
    await change({ currentPassword: oneTimePassword(), newPassword: oneTimePassword() }).expect(400);
    const changed = await change({ currentPassword: oneTimePassword(), newPassword: NEW_PASSWORD }).expect(200);
    assert.equal(changed.body.user.mustChangePassword, false);
    await admin.agent.get('/api/admin/staff-users').expect(200);
    await loginAs(server.baseUrl, 'admin', oneTimePassword()).then(
      () => assert.fail('the one-time password is spent'),
      () => undefined,
    );
  });

  it('lets an admin add accounts with one-time passwords, change roles, reset and disable, never their own', async () => {
    const admin = await loginAs(server.baseUrl, 'admin', NEW_PASSWORD);
    const post = (path: string, body?: object) =>
      admin.agent.post(`/api/admin/staff-users${path}`).set('x-csrf-token', admin.csrfToken).send(body);
    const created = await post('', { username: 'sachbearbeitung', role: 'clerk' }).expect(201);
    const clerkPassword = created.body.oneTimePassword as string;
    assert.equal(created.body.user.mustChangePassword, true);
    const clerk = await loginAs(server.baseUrl, 'sachbearbeitung', clerkPassword);
    await clerk.agent.get('/api/review/queue').expect(403);

    const reset = await post('/sachbearbeitung/reset-password').expect(200);
    assert.notEqual(reset.body.oneTimePassword, clerkPassword);
    await clerk.agent.get('/api/auth/me').expect(401); // a reset ends the account's sessions
    await post('/sachbearbeitung/role', { role: 'agent' }).expect(200);
    await post('/admin/role', { role: 'agent' }).expect(409);
    await post('/admin/disable').expect(409);
    await post('/sachbearbeitung/role', { role: 'boss' }).expect(400);
    await post('/niemand/reset-password').expect(404);

    const list = (await admin.agent.get('/api/admin/staff-users').expect(200)).body.users as Array<Record<string, unknown>>;
    const row = list.find((u) => u.username === 'sachbearbeitung')!;
    assert.deepEqual([row.role, row.mustChangePassword], ['agent', true]);
    assert.ok(list.find((u) => u.username === 'admin')!.lastLoginAt, 'last login shown');
    assert.ok(!JSON.stringify(list).includes('password_hash') && !JSON.stringify(list).includes('passwordHash'));
    await post('/sachbearbeitung/disable').expect(200);
  });
});
