import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Express } from 'express';
import request from 'supertest';
import { auditLog, staffUsers } from '../../platform/db/schema.js';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { createStaff, loginAs, TEST_PASSWORD } from '../helpers/staff.js';
import { ManualClock, startTestCore } from '../helpers/system.js';

describe('staff accounts and sessions', () => {
  let core: Core;
  let app: Express;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock();
    core = await startTestCore({ clock, env: { SESSION_IDLE_TIMEOUT_SECONDS: '1800', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '7200' } });
    app = createApp(core);
  });
  const extraCores: Core[] = [];
  afterEach(async () => {
    await core.close();
    for (const extra of extraCores.splice(0)) await extra.close();
  });

  async function auditActions(username: string) {
    const [user] = await core.database.db.select().from(staffUsers).where(eq(staffUsers.username, username));
    const rows = await core.database.db.select().from(auditLog).where(eq(auditLog.actorUserId, user!.id));
    return rows.map((r) => `${r.action}:${r.outcome}`);
  }

  describe('login', () => {
    it('opens a session with a hardened cookie and answers with the user and a CSRF token', async () => {
      const { username } = await createStaff(core, 'agent');
      const res = await request(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^mk_staff=[A-Za-z0-9_-]{40,};/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.equal(res.body.user.username, username);
      assert.equal(res.body.user.role, 'agent');
      assert.equal(res.body.user.passwordHash, undefined);
      assert.equal(typeof res.body.csrfToken, 'string');

      const me = await request(app).get('/api/auth/me').set('Cookie', cookie.split(';')[0]!).expect(200);
      assert.equal(me.body.user.username, username);
      assert.deepEqual(await auditActions(username), ['auth.login:success']);
    });

    it('stores passwords as argon2id hashes', async () => {
      const { username } = await createStaff(core, 'clerk');
      const [row] = await core.database.db.select().from(staffUsers).where(eq(staffUsers.username, username));
      assert.match(row!.passwordHash, /^\$argon2id\$/);
    });

    it('answers a wrong password and an unknown user alike, and audits both', async () => {
      const { username } = await createStaff(core, 'agent');
      const wrong = await request(app).post('/api/auth/login').send({ username, password: 'not the password' }).expect(401);
      const unknown = await request(app).post('/api/auth/login').send({ username: 'nobody-here', password: 'whatever' }).expect(401);
      assert.equal(wrong.body.error.code, 'invalid_credentials');
      assert.deepEqual(unknown.body.error.message, wrong.body.error.message);
      assert.equal(wrong.headers['set-cookie'], undefined);
      assert.deepEqual(await auditActions(username), ['auth.login:failure']);
      const unknownRows = await core.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actor, 'unknown')));
      assert.ok(unknownRows.length >= 1);
    });

    it('locks a username at an address after repeated failures, also against the right password, until the lockout ends', async () => {
      const { username } = await createStaff(core, 'agent');
      for (let i = 1; i <= 4; i++)
        await request(app)
          .post('/api/auth/login')
          .send({ username, password: `wrong ${i}` })
          .expect(401);
      const fifth = await request(app).post('/api/auth/login').send({ username, password: 'wrong 5' }).expect(423);
      assert.equal(fifth.body.error.code, 'account_locked');
      assert.equal(fifth.headers['retry-after'], '900');

      await request(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(423);
      clock.advance(901_000);
      await request(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      // A success resets the count: one more failure does not lock again.
      await request(app).post('/api/auth/login').send({ username, password: 'wrong again' }).expect(401);
    });

    it('answers an unknown username exactly like an existing one, also once locked, and leaves the colleague at another address alone', async () => {
      const proxied = createApp(await startTestCore({ clock, env: { TRUST_PROXY_HOPS: '1' } }).then((c) => (extraCores.push(c), c)));
      const { username } = await createStaff(core, 'agent');
      const attempt = (name: string, from: string, password = 'wrong password') =>
        request(proxied).post('/api/auth/login').set('X-Forwarded-For', from).send({ username: name, password });
      const answers = async (name: string) => {
        const seen: Array<[number, string]> = [];
        for (let i = 0; i < 6; i++) {
          const res = await attempt(name, '203.0.113.7');
          seen.push([res.status, res.body.error.code]);
        }
        return seen;
      };
      const existing = await answers(username);
      const unknown = await answers(`nobody-${username}`);
      assert.deepEqual(unknown, existing, 'no difference tells whether the username exists');
      assert.deepEqual(
        existing.map(([status]) => status),
        [401, 401, 401, 401, 423, 423],
      );
      // The attacker's address is locked out; the colleague's own address is not.
      await attempt(username, '198.51.100.20', TEST_PASSWORD).expect(200);
    });

    it('accepts JSON only, so a cross-site form cannot log anyone in', async () => {
      const { username } = await createStaff(core, 'agent');
      const res = await request(app).post('/api/auth/login').type('form').send({ username, password: TEST_PASSWORD }).expect(415);
      assert.equal(res.body.error.code, 'unsupported_media_type');
    });

    it('rejects malformed input field by field', async () => {
      const res = await request(app).post('/api/auth/login').send({ username: '' }).expect(400);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.deepEqual(res.body.error.details.problems.map((p: { field: string }) => p.field).sort(), ['password', 'username']);
    });

    it('issues a new session id at every login and ends the one the browser held', async () => {
      const { username } = await createStaff(core, 'agent');
      const first = await loginAs(app, username);
      const second = await first.agent.post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      const secondCookie = String(second.headers['set-cookie']).split(';')[0]!;
      assert.notEqual(secondCookie, first.cookie);
      await request(app).get('/api/auth/me').set('Cookie', first.cookie).expect(401);
      await request(app).get('/api/auth/me').set('Cookie', secondCookie).expect(200);
    });
  });

  describe('rate limiting', () => {
    it('slows down many login attempts from one address', async () => {
      await core.close();
      core = await startTestCore({ clock, env: { LOGIN_RATE_LIMIT_PER_IP: '3' } });
      app = createApp(core);
      for (let i = 0; i < 3; i++)
        await request(app)
          .post('/api/auth/login')
          .send({ username: `someone${i}`, password: 'x' })
          .expect(401);
      const limited = await request(app).post('/api/auth/login').send({ username: 'someone', password: 'x' }).expect(429);
      assert.equal(limited.body.error.code, 'too_many_attempts');
      assert.ok(Number(limited.headers['retry-after']) > 0);
    });
  });

  describe('session lifetime', () => {
    it('ends a session left idle longer than the idle timeout', async () => {
      const { username } = await createStaff(core, 'clerk');
      const { cookie } = await loginAs(app, username);
      clock.advance(29 * 60_000);
      await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
      clock.advance(29 * 60_000); // active within the window, so still alive
      await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
      clock.advance(31 * 60_000);
      const expired = await request(app).get('/api/auth/me').set('Cookie', cookie).expect(401);
      assert.equal(expired.body.error.code, 'session_expired');
    });

    it('ends even an active session at the absolute timeout', async () => {
      const { username } = await createStaff(core, 'clerk');
      const { cookie } = await loginAs(app, username);
      for (let minutes = 20; minutes < 120; minutes += 20) {
        clock.advance(20 * 60_000);
        await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
      }
      clock.advance(21 * 60_000);
      await request(app).get('/api/auth/me').set('Cookie', cookie).expect(401);
    });

    it('logs out: the cookie is cleared and the session no longer works', async () => {
      const { username } = await createStaff(core, 'agent');
      const { agent, csrfToken, cookie } = await loginAs(app, username);
      const res = await agent.post('/api/auth/logout').set('X-CSRF-Token', csrfToken).expect(204);
      assert.match(String(res.headers['set-cookie']), /mk_staff=;/);
      await request(app).get('/api/auth/me').set('Cookie', cookie).expect(401);
      assert.deepEqual((await auditActions(username)).sort(), ['auth.login:success', 'auth.logout:success']);
    });

    it('revokes every session of a user who is disabled', async () => {
      const admin = await createStaff(core, 'admin');
      const target = await createStaff(core, 'agent');
      const adminSession = await loginAs(app, admin.username);
      const phone = await loginAs(app, target.username);
      const desktop = await loginAs(app, target.username);

      await adminSession.agent
        .post(`/api/admin/staff-users/${target.username}/disable`)
        .set('X-CSRF-Token', adminSession.csrfToken)
        .expect(200);
      await request(app).get('/api/auth/me').set('Cookie', phone.cookie).expect(401);
      await request(app).get('/api/auth/me').set('Cookie', desktop.cookie).expect(401);
      await request(app).post('/api/auth/login').send({ username: target.username, password: TEST_PASSWORD }).expect(401);
    });

    it('purges expired sessions from the database', async () => {
      const { username } = await createStaff(core, 'agent');
      await loginAs(app, username);
      clock.advance(3 * 3600_000);
      assert.ok((await core.sessions.purgeExpired(clock.now())) >= 1);
    });
  });

  describe('CSRF protection', () => {
    it('refuses a state-changing staff request without the session token, or with a wrong one', async () => {
      const admin = await createStaff(core, 'admin');
      const { agent, csrfToken } = await loginAs(app, admin.username);
      const body = { username: `new-${Date.now()}`, role: 'agent', password: TEST_PASSWORD };

      const missing = await agent.post('/api/admin/staff-users').send(body).expect(403);
      assert.equal(missing.body.error.code, 'csrf_token_invalid');
      await agent
        .post('/api/admin/staff-users')
        .set('X-CSRF-Token', `${csrfToken.slice(0, -1)}x`)
        .send(body)
        .expect(403);
      await agent.post('/api/auth/logout').expect(403);

      const created = await agent.post('/api/admin/staff-users').set('X-CSRF-Token', csrfToken).send(body).expect(201);
      assert.equal(created.body.user.username, body.username);
    });
  });

  describe('role guard', () => {
    it('answers 401 without a session and 403 for the wrong role', async () => {
      const noSession = await request(app).get('/api/admin/staff-users').expect(401);
      assert.equal(noSession.body.error.code, 'unauthenticated');

      const agentUser = await createStaff(core, 'agent');
      const agent = await loginAs(app, agentUser.username);
      const forbidden = await agent.agent.get('/api/admin/staff-users').expect(403);
      assert.equal(forbidden.body.error.code, 'forbidden');

      const adminUser = await createStaff(core, 'admin');
      const admin = await loginAs(app, adminUser.username);
      const list = await admin.agent.get('/api/admin/staff-users').expect(200);
      assert.ok(list.body.users.some((u: { username: string }) => u.username === agentUser.username));
      assert.ok(list.body.users.every((u: Record<string, unknown>) => !('passwordHash' in u)));
    });

    it('audits admin actions with the acting admin', async () => {
      const adminUser = await createStaff(core, 'admin');
      const admin = await loginAs(app, adminUser.username);
      const username = `audited-${Date.now()}`;
      await admin.agent
        .post('/api/admin/staff-users')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ username, role: 'clerk', password: TEST_PASSWORD })
        .expect(201);
      await admin.agent
        .post('/api/admin/staff-users')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ username, role: 'clerk', password: TEST_PASSWORD })
        .expect(409);
      assert.ok((await auditActions(adminUser.username)).includes('staff_user.create:success'));
    });
  });

  describe('in production', () => {
    it('marks the session cookie Secure and pins it to the origin', async () => {
      await core.close();
      core = await startTestCore({ clock, env: { NODE_ENV: 'production', DIRECTLINE_SECRET: 'a-production-like-secret-of-32-chars!!' } });
      app = createApp(core);
      const { username } = await createStaff(core, 'agent');
      const res = await request(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /^__Host-mk_staff=/);
      assert.match(cookie, /Secure/);
    });
  });
});
