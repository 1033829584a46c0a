import assert from 'node:assert/strict';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { DirectLineTestClient } from '../helpers/directline-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs } from '../helpers/staff.js';

describe('knowledge learning loop', () => {
  let server: TestServer;
  let core: Core;
  before(async () => {
    server = await startTestServer();
    core = server.core;
  });
  after(() => server.stop());

  it('counts unanswered member questions without their personal data, for admins only', async () => {
    const dl = new DirectLineTestClient(server.baseUrl);
    const { conversationId, token } = await dl.startConversation();
    const question = 'Kann ich meinen Hund A123456780 versichern? Tel 0151 23456789';
    for (let i = 0; i < 2; i++) {
      await dl.send(conversationId, token, { type: 'message', text: question });
      await dl.waitFor(
        conversationId,
        token,
        (a) =>
          a.from?.role === 'bot' &&
          a.replyToId !== undefined &&
          (a.text ?? '').length > 0 &&
          a.id!.endsWith(String(3 + 2 * i).padStart(7, '0')),
      );
    }

    const app = createApp(core);
    const admin = await createStaff(core, 'admin');
    const session = await loginAs(app, admin.username);
    const res = await session.agent.get('/api/knowledge/unanswered').expect(200);
    const hit = res.body.questions.find((q: { question: string }) => q.question.startsWith('Kann ich meinen Hund'));
    assert.ok(hit, JSON.stringify(res.body.questions));
    assert.equal(hit.count, 2);
    assert.doesNotMatch(hit.question, /A123456780|0151/);
    assert.match(hit.question, /\[kvnr\]/);

    const agent = await createStaff(core, 'agent');
    const agentSession = await loginAs(app, agent.username);
    await agentSession.agent.get('/api/knowledge/unanswered').expect(403);
  });
});
