import assert from 'node:assert/strict';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';

import { createStaff, loginAs, type LoggedIn } from '../helpers/staff.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

/** The live chat's REST side: prepared answers and the callback list, with their roles. */
describe('live chat staff API', () => {
  let core: Core;
  let app: Express;
  let admin: LoggedIn;
  let agent: LoggedIn;
  let clerk: LoggedIn;

  before(async () => {
    core = await startTestCore();
    app = createApp(core);
    const login = async (role: 'admin' | 'agent' | 'clerk') => loginAs(app, (await createStaff(core, role)).username);
    admin = await login('admin');
    agent = await login('agent');
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
});
