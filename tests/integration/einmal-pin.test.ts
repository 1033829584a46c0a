import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { MAX_LOGIN_ATTEMPTS } from '../../bot/dialogs/pin-login.dialog.js';
import { PIN, SUBMIT, TEXTS } from '../../domain/member-texts.de.js';
import { eq } from 'drizzle-orm';
import { auditLog, einmalPins } from '../../platform/db/schema.js';
import { MAX_PIN_FAILURES, PIN_LOGIN_LIMIT } from '../../domain/members/einmal-pin/einmal-pin.service.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { DialogMember, last } from '../helpers/dialog-member.js';
import { makePdfPages } from '../helpers/files.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { childEnv, runTs } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { startTestCore } from '../helpers/system.js';
import { createStaff, loginAs } from '../helpers/staff.js';

const CARD = '654321';

describe('Einmal-PIN', () => {
  let core: Core;
  before(async () => {
    core = await startTestCore();
  });
  after(() => core.close());

  /** A member of our own, so that lockouts in one test never touch another. */
  async function newMember(): Promise<string> {
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr, cardNumberLast6: CARD })]);
    return kvnr;
  }

  const issue = (kvnr: string, letterDate?: string) =>
    core.pins.issue({ kvnr, purpose: 'Unterlagen zu Ihrem Krankengeld', letterDate }, { label: 'test' });

  describe('issuing and checking', () => {
    it('stores only a hash, and prints the PIN in a one-page letter to the address on file', async () => {
      const kvnr = await newMember();
      const issued = await issue(kvnr);
      assert.match(issued.pin, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      const [row] = await core.database.db.select().from(einmalPins).where(eq(einmalPins.id, issued.id));
      assert.ok(row && !row.pinHash.includes(issued.pin.replace('-', '')), 'only a hash is stored');
      assert.match(row!.pinHash, /^\$argon2id\$/);
      assert.equal((await PDFDocument.load(issued.letter)).getPageCount(), 1);
      const audited = await core.database.db.select().from(auditLog).where(eq(auditLog.targetId, issued.id));
      assert.deepEqual(
        audited.map((a) => a.action),
        ['einmal_pin.issue'],
      );
    });

    it('logs in with KVNR, card digits and PIN (as members type it), and never says which part was wrong', async () => {
      const kvnr = await newMember();
      const { pin, id } = await issue(kvnr);
      const ok = await core.pins.login(kvnr, CARD, pin.toLowerCase().replace('-', ' '));
      assert.deepEqual(ok.ok && [ok.pinId, ok.kvnr, ok.purpose], [id, kvnr, 'Unterlagen zu Ihrem Krankengeld']);
      assert.deepEqual(await core.pins.login(kvnr, '111111', pin), { ok: false, reason: 'mismatch' });
      assert.deepEqual(await core.pins.login(randomKvnr(), CARD, pin), { ok: false, reason: 'mismatch' });
      assert.deepEqual(await core.pins.login(kvnr, CARD, 'AAAA-AAAA'), { ok: false, reason: 'mismatch' });
    });

    it(`locks the PIN after ${MAX_PIN_FAILURES} wrong attempts, even for the right PIN afterwards`, async () => {
      const kvnr = await newMember();
      const { pin } = await issue(kvnr);
      const results = [];
      for (let i = 0; i < MAX_PIN_FAILURES; i++) results.push((await core.pins.login(kvnr, CARD, 'ZZZZ-ZZZZ')) as { reason: string });
      assert.deepEqual(
        results.map((r) => r.reason),
        [...Array(MAX_PIN_FAILURES - 1).fill('mismatch'), 'locked'],
      );
      assert.deepEqual(await core.pins.login(kvnr, CARD, pin), { ok: false, reason: 'locked' });
    });

    it('cannot be locked by a stranger who knows only the KVNR: such misses pause logins for that KVNR instead, the PIN stays usable', async () => {
      const kvnr = await newMember();
      const { pin } = await issue(kvnr);
      for (let i = 0; i < MAX_PIN_FAILURES * 2; i++) assert.equal((await core.pins.login(kvnr, '111111', 'ZZZZ-ZZZZ')).ok, false);
      assert.equal((await core.pins.login(kvnr, CARD, pin)).ok, true, 'the member can still log in');
      for (let i = MAX_PIN_FAILURES * 2; i < PIN_LOGIN_LIMIT.maxFailures; i++) await core.pins.login(kvnr, '111111', 'ZZZZ-ZZZZ');
      assert.deepEqual(await core.pins.login(kvnr, CARD, pin), { ok: false, reason: 'throttled' });
      const [record] = await core.database.db.select().from(einmalPins).where(eq(einmalPins.kvnr, kvnr));
      assert.equal(record!.lockedAt, null, 'the PIN itself is not locked');
    });

    it('expires 31 days after the letter date', async () => {
      const kvnr = await newMember();
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
      assert.equal((await core.pins.login(kvnr, CARD, (await issue(kvnr, daysAgo(30))).pin)).ok, true);
      assert.deepEqual(await core.pins.login(kvnr, CARD, (await issue(kvnr, daysAgo(33))).pin), { ok: false, reason: 'expired' });
    });
  });

  describe('in the chat', () => {
    const logIn = async (member: DialogMember, kvnr: string, pin: string) => {
      assert.equal(last(await member.say('Einmal-PIN')), PIN.kvnr);
      assert.equal(last(await member.say(kvnr)), PIN.card);
      assert.equal(last(await member.say('65 43 21')), PIN.pin);
      return member.say(pin);
    };

    it('saves every answer with the PIN: the member stops, logs in on another device and goes on; the PIN is spent on submission', async () => {
      const kvnr = await newMember();
      const { pin, id } = await issue(kvnr);
      const phone = new DialogMember(core);
      const welcome = await logIn(phone, kvnr, pin);
      assert.match(welcome[0]!, /Sie sind angemeldet. Ihr Brief betrifft: Unterlagen zu Ihrem Krankengeld/);
      assert.equal(last(welcome), SUBMIT.chooseType, 'no KVNR question: the PIN says whose it is');
      await phone.say('Krankengeld');
      await phone.upload({
        name: 'au.pdf',
        contentType: 'application/pdf',
        contentUrl: `data:application/pdf;base64,${(await makePdfPages(2)).toString('base64')}`,
      });
      const stopped = await phone.say('abbrechen');
      assert.deepEqual(stopped, [TEXTS.cancelled, SUBMIT.pinDraftKept]);

      const laptop = new DialogMember(core);
      const resumed = await logIn(laptop, kvnr, pin);
      assert.ok(resumed.includes(PIN.resume), resumed.join(' | '));
      assert.match(last(resumed), /Seit wann sind Sie arbeitsunfähig/, 'continues at the first open question');
      // The file from the phone is there: no second request for it after resuming.
      assert.match(last(await laptop.say('01.11.2026')), /Ihr Dokument ist schon da \(2 Seiten\)/);
      assert.equal(last(await laptop.say(SUBMIT.filesDone)), SUBMIT.note, 'the file from the phone is there');
      assert.match(last(await laptop.say(SUBMIT.noNote)), /1 Datei mit 2 Seiten/);
      const done = last(await laptop.say(SUBMIT.send));
      const trackingId = /\*\*(MK-[0-9A-Z-]+)\*\*/.exec(done)?.[1];
      assert.ok(trackingId, done);
      const submission = await new SubmissionsRepository(core.database.db).find(trackingId);
      assert.deepEqual([submission?.kvnr, submission?.declaredType, submission?.details], [kvnr, 'sick_pay', { firstDay: '2026-11-01' }]);
      const [row] = await core.database.db.select().from(einmalPins).where(eq(einmalPins.id, id));
      assert.ok(row?.spentAt, 'the PIN is spent');
      assert.equal(row?.draft, null);

      const again = new DialogMember(core);
      assert.equal(last(await logIn(again, kvnr, pin)), PIN.spent);
    });

    it('says so when the PIN has expired', async () => {
      const kvnr = await newMember();
      const { pin } = await issue(kvnr, new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10));
      assert.equal(last(await logIn(new DialogMember(core), kvnr, pin)), PIN.expired);
    });

    it('explains wrong input, locks out after repeated wrong PINs, and stops taking logins in the conversation', async () => {
      const kvnr = await newMember();
      const { pin } = await issue(kvnr);
      const member = new DialogMember(core);
      await member.say('Einmal-PIN');
      assert.match(last(await member.say('A123456789')), /Prüfziffer/);
      await member.say(kvnr);
      assert.equal(last(await member.say('12345')), PIN.cardInvalid);
      await member.say(CARD);
      assert.equal(last(await member.say('1234')), PIN.pinInvalid);
      const wrong = await member.say('ZZZZ-ZZZZ');
      assert.deepEqual(wrong, [PIN.mismatch, PIN.kvnr]);
      for (let i = 1; i < MAX_PIN_FAILURES - 1; i++) {
        await member.say(kvnr);
        await member.say(CARD);
        await member.say('ZZZZ-ZZZZ');
      }
      await member.say(kvnr);
      await member.say(CARD);
      assert.equal(last(await member.say('ZZZZ-ZZZZ')), PIN.locked);
      assert.equal(last(await logIn(new DialogMember(core), kvnr, pin)), PIN.locked, 'the right PIN is locked too');

      const guesser = new DialogMember(core);
      await guesser.say('Einmal-PIN');
      for (let i = 0; i < MAX_LOGIN_ATTEMPTS; i++) {
        await guesser.say(randomKvnr());
        await guesser.say(CARD);
        await guesser.say('ZZZZ-ZZZZ');
      }
      assert.equal(last(await guesser.say('Einmal-PIN')), PIN.tooManyAttempts);
    });
  });

  describe('issuing by staff', () => {
    it('lets admins issue a PIN through the API and get the letter as a PDF; others may not', async () => {
      const kvnr = await newMember();
      const app = createApp(core);
      const admin = await loginAs(app, (await createStaff(core, 'admin')).username);
      const res = await admin.agent
        .post('/api/admin/einmal-pins')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ kvnr, purpose: 'Unterlagen zu Ihrer Erstattung' })
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(201);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal((await PDFDocument.load(res.body as Buffer)).getPageCount(), 1);
      assert.ok(!JSON.stringify(res.headers).match(/[0-9A-Z]{4}-[0-9A-Z]{4}"/), 'the PIN is not in a header');

      await admin.agent
        .post('/api/admin/einmal-pins')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ kvnr: 'A123456789', purpose: 'x' })
        .expect(400);
      await admin.agent
        .post('/api/admin/einmal-pins')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ kvnr: randomKvnr(), purpose: 'Unterlagen' })
        .expect(404);
      const clerk = await loginAs(app, (await createStaff(core, 'clerk')).username);
      await clerk.agent
        .post('/api/admin/einmal-pins')
        .set('X-CSRF-Token', clerk.csrfToken)
        .send({ kvnr, purpose: 'Unterlagen' })
        .expect(403);
    });

    it('lists letters by state for admins, unlocks a locked PIN and withdraws an unused one for good', async () => {
      const kvnr = await newMember();
      const app = createApp(core);
      const admin = await loginAs(app, (await createStaff(core, 'admin')).username);
      const post = (path: string) => admin.agent.post(`/api/admin/einmal-pins${path}`).set('X-CSRF-Token', admin.csrfToken);
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
      const locked = await issue(kvnr);
      for (let i = 0; i < MAX_PIN_FAILURES; i++) await core.pins.login(kvnr, CARD, 'ZZZZ-ZZZZ');
      const expired = await issue(kvnr, daysAgo(40));
      const spent = await issue(kvnr);
      await core.database.db.update(einmalPins).set({ spentAt: new Date() }).where(eq(einmalPins.id, spent.id));
      const open = await issue(kvnr);

      const states = async (query: Record<string, string> = {}) =>
        Object.fromEntries(
          (
            (
              await admin.agent
                .get('/api/admin/einmal-pins')
                .query({ kvnr, ...query })
                .expect(200)
            ).body.pins as Array<{ id: string; state: string }>
          ).map((p) => [p.id, p.state]),
        );
      assert.deepEqual(await states(), { [locked.id]: 'locked', [expired.id]: 'expired', [spent.id]: 'spent', [open.id]: 'issued' });
      assert.deepEqual(await states({ state: 'locked' }), { [locked.id]: 'locked' });
      const listed = JSON.stringify((await admin.agent.get('/api/admin/einmal-pins').query({ kvnr }).expect(200)).body);
      assert.ok(
        ![locked, expired, spent, open].some((p) => listed.includes(p.pin)) && !listed.includes('argon2'),
        'no PIN and no hash in the list',
      );

      await post(`/${locked.id}/unlock`).expect(200);
      await post(`/${locked.id}/unlock`).expect(409);
      assert.equal((await core.pins.login(kvnr, CARD, locked.pin)).ok, true, 'an unlocked PIN logs in again');

      await post(`/${open.id}/revoke`).expect(200);
      await post(`/${open.id}/revoke`).expect(409);
      await post(`/${spent.id}/revoke`).expect(409);
      assert.deepEqual(await core.pins.login(kvnr, CARD, open.pin), { ok: false, reason: 'revoked' });
      assert.equal((await states())[open.id], 'revoked');
      const audited = await core.database.db.select().from(auditLog).where(eq(auditLog.targetId, open.id));
      assert.ok(audited.some((a) => a.action === 'einmal_pin.revoke'));

      await post('/not-an-id/revoke').expect(400);
      await post(`/${randomUUID()}/unlock`).expect(409);
      await admin.agent.get('/api/admin/einmal-pins').query({ state: 'lost' }).expect(400);
      await admin.agent.get('/api/admin/einmal-pins').query({ kvnr: 'A1' }).expect(400);
      const clerk = await loginAs(app, (await createStaff(core, 'clerk')).username);
      await clerk.agent.get('/api/admin/einmal-pins').expect(403);
    });

    it('issues from the CLI into a letter file, and refuses to overwrite a file before issuing anything', async () => {
      const kvnr = await newMember();
      const dir = mkdtempSync(path.join(tmpdir(), 'mk-pin-cli-'));
      try {
        const out = path.join(dir, 'brief.pdf');
        const run = runTs(
          'server/cli/main.ts',
          ['pin:issue', kvnr, '--purpose', 'Unterlagen zu Ihrem Krankengeld', '--out', out],
          childEnv({ DATABASE_URL: sharedDatabase.url }),
        );
        assert.equal(await run.exited, 0, run.stderr());
        assert.match(run.stdout(), /Einmal-PIN issued \(valid until \d{4}-\d{2}-\d{2}\); letter written to/);
        assert.ok(!/[0-9A-Z]{4}-[0-9A-Z]{4}/.test(run.stdout()), 'the PIN is not printed');
        assert.equal((await PDFDocument.load(readFileSync(out))).getPageCount(), 1);

        const taken = path.join(dir, 'taken.pdf');
        writeFileSync(taken, 'old');
        const before = (await core.database.db.select().from(einmalPins).where(eq(einmalPins.kvnr, kvnr))).length;
        const refused = runTs(
          'server/cli/main.ts',
          ['pin:issue', kvnr, '--purpose', 'Unterlagen', '--out', taken],
          childEnv({ DATABASE_URL: sharedDatabase.url }),
        );
        assert.equal(await refused.exited, 1);
        assert.match(refused.stderr(), /File exists, not overwritten/);
        assert.equal(
          (await core.database.db.select().from(einmalPins).where(eq(einmalPins.kvnr, kvnr))).length,
          before,
          'no PIN without a letter',
        );
        assert.ok(existsSync(taken));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
