import assert from 'node:assert/strict';
import { newConversationId, newUserId } from '../../channel/tokens.service.js';
import { createApp } from '../../server/app.js';
import { consoleSocket, type AgentClient } from '../helpers/console-socket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createStaff, loginAs } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** The agents' sockets when the session behind them ends, when they flood, and when another site tries. */
describe('live chat sockets: sessions, origins, floods, installations', function () {
  this.timeout(60_000);
  let server: TestServer;
  const sockets: AgentClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.stop();
  });

  const consoleOn = (node: TestServer, cookie: string, headers: Record<string, string> = {}) =>
    consoleSocket(node, sockets, cookie, headers);

  async function agentOn(node: TestServer) {
    const { username } = await createStaff(node.core, 'agent');
    const login = await loginAs(createApp(node.core), username);
    const socket = await consoleOn(node, login.cookie);
    assert.ok((await socket.emitWithAck('agent:status', 'available')).ok);
    return { socket, username, login };
  }

  async function waitingMember(node: TestServer) {
    const conversationId = newConversationId();
    await node.core.chat.directLine.startConversation(conversationId, newUserId());
    return node.core.livechat.queue.request(conversationId, 'Frage', { recentMessages: ['Frage'], trackingIds: [], kvnr: null });
  }

  function closedWithin(socket: AgentClient, ms: number): Promise<number> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      if (socket.disconnected) return resolve(0);
      const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
      socket.once('disconnect', () => {
        clearTimeout(timer);
        resolve(Date.now() - started);
      });
    });
  }

  it("closes a disabled agent's open socket within 2 s, and no command of theirs runs afterwards", async () => {
    const { socket, username } = await agentOn(server);
    const session = await waitingMember(server);
    await server.core.staffUsers.disable(username, { label: 'test' });
    // Straight after disabling, before the socket is closed: the command is refused, not run.
    const accepted = await socket
      .timeout(2000)
      .emitWithAck('queue:accept', session.id)
      .catch(() => ({ ok: false }));
    assert.equal(accepted.ok, false, 'a disabled agent accepts nothing');
    await closedWithin(socket, 2000);
    const [still] = await server.core.livechat.queue.waiting().then((all) => all.filter((s) => s.id === session.id));
    assert.ok(still, 'the chat still waits for someone else');
  });

  it('closes the socket within 2 s when its session is logged out, also when the agent is idle', async () => {
    const { socket, login } = await agentOn(server);
    await login.agent.post('/api/auth/logout').set('X-CSRF-Token', login.csrfToken).expect(204);
    await closedWithin(socket, 2000);
  });

  it('closes the socket when its session expires', async () => {
    const { socket, login } = await agentOn(server);
    // Expire the session in the database, as time would.
    const token = login.cookie.split('=')[1]!;
    const found = await server.core.sessions.findLive(token, new Date());
    assert.ok(found && found !== 'expired');
    await server.core.database.db.execute(
      `update staff_sessions set idle_expires_at = now() - interval '1 second' where token_hash = '${found.session.tokenHash}'` as never,
    );
    await closedWithin(socket, 2000);
  });

  it("refuses a socket from another site's page", async () => {
    const { username } = await createStaff(server.core, 'agent');
    const { cookie } = await loginAs(createApp(server.core), username);
    await assert.rejects(consoleOn(server, cookie, { origin: 'https://evil.example' }));
    const own = await consoleOn(server, cookie, { origin: server.baseUrl });
    assert.ok(own.connected);
  });

  it('answers a flood of commands with a refusal and disconnects a socket that keeps flooding', async () => {
    const { socket } = await agentOn(server);
    const answers = await Promise.all(Array.from({ length: 60 }, () => socket.timeout(5000).emitWithAck('chat:mine')));
    const refused = answers.filter((a) => !a.ok && 'error' in a && a.error === 'rate_limited').length;
    assert.ok(refused >= 20, `${refused} of 60 refused`);
    assert.ok(answers.filter((a) => a.ok).length >= 20, 'a burst is served');
    for (let i = 0; i < 200 && socket.connected; i++) socket.emit('chat:mine', () => undefined);
    await closedWithin(socket, 3000);
  });

  it('keeps two installations with different prefixes on one Redis apart: no queue event crosses', async () => {
    const other = await startTestServer({ env: { REDIS_PREFIX: uniqueName('mkother') } });
    try {
      const mine = await agentOn(server);
      const theirs = await agentOn(other);
      let crossed = 0;
      let heard = 0;
      mine.socket.on('queue:changed', () => heard++);
      theirs.socket.on('queue:changed', () => crossed++);
      await server.core.events.emit('livechat.queueChanged', { reason: 'joined' });
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(heard >= 1, "the installation's own console hears it");
      assert.equal(crossed, 0, "the other installation's console does not");
      await other.web.close();
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(mine.socket.connected, "the other installation shutting down leaves this one's consoles alone");
    } finally {
      await other.core.close();
    }
  });
});
