import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { and, eq } from 'drizzle-orm';
import { auditLog, callbackRequests, chatActivities, chatConversations, staffUsers } from '../../platform/db/schema.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { randomKvnr, testMember } from '../helpers/members.js';

import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

/** The live chat's REST side: prepared answers and the callback list, with their roles. */
describe('live chat staff API', () => {
  let core: Core;
  let app: Express;
  let admin: LoggedIn;
  let agent: LoggedIn;
  let clerk: LoggedIn;

  let agentId: string;

  before(async () => {
    core = await startTestCore();
    app = createApp(core);
    const login = async (role: 'admin' | 'agent' | 'clerk') => loginAs(app, (await createStaff(core, role)).username);
    admin = await login('admin');
    const agentName = (await createStaff(core, 'agent')).username;
    agent = await loginAs(app, agentName);
    agentId = (await core.database.db.select().from(staffUsers).where(eq(staffUsers.username, agentName)))[0]!.id;
    clerk = await login('clerk');
  });
  after(() => core.close());

  it('lets admins keep the prepared answers and every agent read them', async () => {
    const shortcut = uniqueName('gruss')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '')
      .slice(0, 30);
    const created = await admin.agent
      .post('/api/livechat/canned-responses')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ shortcut, title: 'Begrüßung', text: 'Guten Tag, wie kann ich helfen?' })
      .expect(201);
    const id = created.body.response.id as string;
    await admin.agent
      .post('/api/livechat/canned-responses')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ shortcut, title: 'Doppelt', text: 'x' })
      .expect(409);
    const bad = await admin.agent
      .post('/api/livechat/canned-responses')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ shortcut: 'Mit Leerzeichen', title: '', text: 'x' })
      .expect(400);
    assert.deepEqual(bad.body.error.details.problems.map((p: { field: string }) => p.field).sort(), ['shortcut', 'title']);

    await agent.agent
      .post('/api/livechat/canned-responses')
      .set('X-CSRF-Token', agent.csrfToken)
      .send({ shortcut: 'agent-darf-nicht', title: 't', text: 'x' })
      .expect(403);
    await clerk.agent.get('/api/livechat/canned-responses').expect(403);
    const listed = await agent.agent.get('/api/livechat/canned-responses').expect(200);
    assert.ok(listed.body.responses.some((r: { id: string; text: string }) => r.id === id && r.text === 'Guten Tag, wie kann ich helfen?'));

    await admin.agent
      .put(`/api/livechat/canned-responses/${id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ shortcut, title: 'Begrüßung', text: 'Hallo!' })
      .expect(200);
    assert.equal((await core.livechat.canned.list()).find((r) => r.id === id)?.text, 'Hallo!');
    await admin.agent.delete(`/api/livechat/canned-responses/${id}`).set('X-CSRF-Token', admin.csrfToken).expect(204);
    await admin.agent.delete(`/api/livechat/canned-responses/${id}`).set('X-CSRF-Token', admin.csrfToken).expect(404);
  });

  it('lists callbacks as new, scheduled and done; agents plan them with notes; every view is audited', async () => {
    const name = uniqueName('Rückruf Test');
    const callback = await core.serviceRequests.addCallback({
      topic: 'Krankengeld',
      name,
      phone: '+4930123456',
      preferredDate: '2026-12-01',
      timeWindow: '10-12',
      consentAt: new Date(),
      conversationId: null,
    });
    const fresh = await agent.agent.get('/api/livechat/callbacks?status=open').expect(200);
    assert.ok(fresh.body.callbacks.some((c: { id: string; phone: string }) => c.id === callback.id && c.phone === '+4930123456'));
    await clerk.agent.get('/api/livechat/callbacks').expect(403);

    const path = `/api/livechat/callbacks/${callback.id}`;
    const missingTime = await agent.agent
      .put(path)
      .set('X-CSRF-Token', agent.csrfToken)
      .send({ status: 'scheduled', notes: '' })
      .expect(400);
    assert.equal(missingTime.body.error.details.problems[0].field, 'scheduledFor');
    await agent.agent
      .put(path)
      .set('X-CSRF-Token', agent.csrfToken)
      .send({ status: 'scheduled', scheduledFor: '2026-12-01T10:30:00+01:00', notes: 'Vormittags' })
      .expect(200);
    const scheduled = await agent.agent.get('/api/livechat/callbacks?status=scheduled').expect(200);
    const planned = scheduled.body.callbacks.find((c: { id: string }) => c.id === callback.id);
    assert.equal(planned.notes, 'Vormittags');
    assert.equal(planned.scheduledFor, '2026-12-01T09:30:00.000Z');
    await agent.agent.put(path).set('X-CSRF-Token', agent.csrfToken).send({ status: 'done', notes: 'Erreicht, erledigt.' }).expect(200);
    const done = await agent.agent.get('/api/livechat/callbacks?status=done').expect(200);
    assert.ok(done.body.callbacks.some((c: { id: string }) => c.id === callback.id));
    await agent.agent.put('/api/livechat/callbacks/not-an-id').set('X-CSRF-Token', agent.csrfToken).send({ status: 'done' }).expect(400);

    const audit = await core.audit.latest(20);
    assert.ok(audit.some((e) => e.action === 'callback.update' && e.targetId === callback.id));
    assert.ok(audit.some((e) => e.action === 'callback.list'));
    assert.ok(!JSON.stringify(audit).includes('+4930123456'), 'no phone numbers in the audit log');
  });

  it('notes a callback from a running chat, with the consent the member gave, only by the agent who holds it', async () => {
    const conversationId = uniqueName('cb-chat-');
    await core.database.db.insert(chatConversations).values({ id: conversationId, userId: `dl_${conversationId}` });
    const chat = await core.livechat.queue.request(conversationId, 'Krankengeld', { recentMessages: [], trackingIds: [], kvnr: null });
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(Date.now() + 86_400_000));
    const body = { name: 'Erika Muster', phone: '030 1234567', preferredDate: tomorrow, timeWindow: '10-12', consent: true };
    const post = (who: LoggedIn, payload: object) =>
      who.agent.post(`/api/livechat/sessions/${chat.id}/callback`).set('X-CSRF-Token', who.csrfToken).send(payload);

    await post(agent, body).expect(409); // waiting, nobody holds it yet
    await core.livechat.queue.accept(chat.id, agentId);
    const created = await post(agent, body).expect(201);
    assert.deepEqual(
      [created.body.callback.phone, created.body.callback.topic, created.body.callback.status],
      ['+49301234567', 'Krankengeld', 'open'],
    );
    const [row] = await core.database.db.select().from(callbackRequests).where(eq(callbackRequests.id, created.body.callback.id));
    assert.equal(row!.conversationId, conversationId);
    assert.ok(row!.consentAt);

    const problems = async (payload: object) => JSON.stringify((await post(agent, payload).expect(400)).body);
    assert.match(await problems({ ...body, consent: false }), /zugestimmt/);
    assert.match(await problems({ ...body, phone: '12345' }), /Vorwahl/);
    assert.match(await problems({ ...body, preferredDate: '2020-01-01' }), /von heute bis in 30 Tagen/);
    assert.match(await problems({ ...body, timeWindow: '18-20' }), /Zeitfenster/);
    await post(admin, body).expect(409); // an admin who does not hold the chat
    await post(clerk, body).expect(403);
    await agent.agent.post('/api/livechat/sessions/nope/callback').set('X-CSRF-Token', agent.csrfToken).send(body).expect(400);
  });

  it('looks a member up by KVNR or name (Krüger = Krueger) with what is open for them, audited; clerks may not', async () => {
    const kvnr = randomKvnr();
    const lastName = `Krüger${uniqueName('')
      .slice(0, 6)
      .replace(/[^a-z0-9]/gi, '')}`;
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr, firstName: 'Lena', lastName })]);
    const certificate = await core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId: null });
    const lookup = (who: LoggedIn, query: Record<string, string>) => who.agent.get('/api/livechat/members').query(query);

    const byKvnr = (await lookup(agent, { kvnr }).expect(200)).body.members;
    assert.equal(byKvnr.length, 1);
    assert.equal(byKvnr[0].name, `Lena ${lastName}`);
    assert.deepEqual(
      byKvnr[0].openCertificates.map((c: { reference: string }) => c.reference),
      [certificate.reference],
    );
    assert.deepEqual(Object.keys(byKvnr[0]).sort(), [
      'birthDate',
      'city',
      'kvnr',
      'name',
      'openCertificates',
      'openPinLetters',
      'openSubmissions',
    ]);
    const byName = (await lookup(agent, { name: `lena ${lastName.replace('ü', 'ue')}` }).expect(200)).body.members;
    assert.deepEqual(
      byName.map((m: { kvnr: string }) => m.kvnr),
      [kvnr],
    );
    assert.match(JSON.stringify((await lookup(agent, { name: 'x' }).expect(400)).body), /zwei Buchstaben/);
    await lookup(agent, {}).expect(400);
    await lookup(agent, { kvnr: 'A1' }).expect(400);
    await lookup(clerk, { kvnr }).expect(403);
    const audited = await core.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member.lookup'), eq(auditLog.targetId, kvnr)));
    assert.ok(audited.length >= 1);
  });

  it('estimates about a minute for a member an agent with room is free for, and no less behind others', async () => {
    const now = new Date();
    const queue = core.livechat.queue;
    assert.equal(await queue.estimateWaitMinutes(1, 1, now), 1, 'an idle agent is ready');
    assert.equal(await queue.estimateWaitMinutes(2, 3, now), 1);
    // Other tests' chats set the average length; the relations hold whatever it is.
    const twoAhead = await queue.estimateWaitMinutes(3, 1, now);
    assert.equal(twoAhead, await queue.estimateWaitMinutes(2, 0, now), 'two chats ahead either way');
    assert.ok((await queue.estimateWaitMinutes(5, 1, now)) >= twoAhead, 'more ahead is no faster');
  });

  it('shows the agent a KVNR the member typed anywhere in the chat, when nothing was sent in', async () => {
    const conversationId = uniqueName('kvnr-chat-');
    await core.database.db.insert(chatConversations).values({ id: conversationId, userId: `dl_${conversationId}` });
    const says = (seq: number, text: string) => ({
      conversationId,
      seq,
      activityId: `${conversationId}-${seq}`,
      type: 'message',
      fromRole: 'user' as const,
      activity: { type: 'message', text },
    });
    await core.database.db.insert(chatActivities).values([says(1, 'Wo ist mein Antrag?'), says(2, 'Meine Nummer: a 12345678 0')]);
    assert.equal((await core.livechat.details(conversationId)).kvnr, 'A123456780');
  });

  it('names the member for the agent: confirmed by their own certificate request, else as given for a callback', async () => {
    const conversationId = uniqueName('name-chat-');
    await core.database.db.insert(chatConversations).values({ id: conversationId, userId: `dl_${conversationId}` });
    assert.equal((await core.livechat.details(conversationId)).name, null, 'nothing said: no name');

    await core.database.db.insert(callbackRequests).values({
      id: randomUUID(),
      reference: uniqueName('RR-'),
      topic: 'Krankengeld',
      name: 'Frau Sommer',
      phone: '+4930123456',
      preferredDate: '2026-12-10',
      timeWindow: '10-12',
      consentAt: new Date(),
      conversationId,
    });
    assert.deepEqual((await core.livechat.details(conversationId)).name, { text: 'Frau Sommer', confirmed: false });

    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr, firstName: 'Marta', lastName: 'Sommer' })]);
    await core.serviceRequests.addCertificate({ kvnr, forOther: true, conversationId });
    assert.equal((await core.livechat.details(conversationId)).name?.confirmed, false, "another person's certificate confirms nobody");
    await core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId });
    assert.deepEqual((await core.livechat.details(conversationId)).name, { text: 'Marta Sommer', confirmed: true });
  });
});
