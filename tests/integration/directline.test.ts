import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { SignJWT } from 'jose';
import type { Activity } from '../../domain/chat/activity.js';
import { BOT_HOP_KEY_HEADER, deriveKey } from '../../platform/secrets.js';
import { DirectLineTestClient, StreamRecorder } from '../helpers/directline-client.js';
import { makePdf, PNG_1X1 } from '../helpers/files.js';
import { freePort, startTestServer, TEST_DIRECTLINE_SECRET, type TestServer } from '../helpers/server.js';

const WELCOME = /digitale Assistent der Musterkasse/;
const isBotText = (pattern: RegExp) => (a: Activity) => a.from?.role === 'bot' && pattern.test(a.text ?? '');

function upload(
  baseUrl: string,
  conversationId: string,
  token: string,
  parts: Array<{ name: string; body: Buffer | string; type: string; filename?: string }>,
) {
  const form = new FormData();
  for (const part of parts) form.append(part.name, new Blob([part.body], { type: part.type }), part.filename ?? 'blob');
  return fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/upload?userId=member`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

const activityPart = (text?: string) => ({
  name: 'activity',
  type: 'application/vnd.microsoft.activity',
  body: JSON.stringify({ type: 'message', from: { id: 'member' }, ...(text ? { text } : {}) }),
});

describe('Direct Line 3.0 channel', () => {
  let server: TestServer;
  let dl: DirectLineTestClient;

  before(async () => {
    server = await startTestServer({ env: { UPLOAD_MAX_FILE_BYTES: String(64 * 1024), CHAT_MESSAGES_PER_MINUTE: '30' } });
    dl = new DirectLineTestClient(server.baseUrl);
  });
  after(() => server.stop());

  describe('tokens', () => {
    it('generates a conversation-bound token with the secret, and only with the secret', async () => {
      const generated = await dl.call('POST', '/tokens/generate', TEST_DIRECTLINE_SECRET, { user: { id: 'dl_visitor1' } });
      assert.equal(generated.status, 200);
      assert.equal(generated.body.expires_in, 1800);
      assert.match(generated.body.conversationId, /^[A-Za-z0-9_-]{20,}$/);

      const noAuth = await fetch(`${server.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
      assert.equal(noAuth.status, 401);
      assert.deepEqual(Object.keys(((await noAuth.json()) as { error: object }).error).sort(), ['code', 'message', 'requestId']);
      const withToken = await dl.call('POST', '/tokens/generate', generated.body.token);
      assert.equal(withToken.status, 403);
    });

    it('refreshes a token for the same conversation', async () => {
      const { conversationId, token } = await dl.startConversation();
      const refreshed = await dl.call('POST', '/tokens/refresh', token);
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.body.conversationId, conversationId);
      assert.notEqual(refreshed.body.token, token);
      assert.equal((await dl.activities(conversationId, refreshed.body.token)).activities.length >= 1, true);
      assert.equal((await dl.call('POST', '/tokens/refresh', TEST_DIRECTLINE_SECRET)).status, 403);
    });

    it('answers 403 TokenExpired for an expired token, 401 for a forged one, 403 for another conversation', async () => {
      const { conversationId } = await dl.startConversation();
      const key = deriveKey(TEST_DIRECTLINE_SECRET, 'directline-token');
      const expired = await new SignJWT({ conv: conversationId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('musterkasse-directline')
        .setSubject('dl_x')
        .setIssuedAt(1_700_000_000)
        .setExpirationTime(1_700_000_060)
        .sign(key);
      const expiredRes = await dl.call('GET', `/conversations/${conversationId}/activities`, expired);
      assert.equal(expiredRes.status, 403);
      assert.equal(expiredRes.body.error.code, 'TokenExpired');

      const forged = await new SignJWT({ conv: conversationId })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('musterkasse-directline')
        .setSubject('dl_x')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('not the real key, but long enough'));
      assert.equal((await dl.call('GET', `/conversations/${conversationId}/activities`, forged)).status, 401);

      const other = await dl.startConversation();
      const cross = await dl.call('POST', `/conversations/${conversationId}/activities`, other.token, { type: 'message', text: 'hallo' });
      assert.equal(cross.status, 403);
      assert.equal(cross.body.error.code, 'Forbidden');
    });
  });

  describe('conversations and activities', () => {
    it('starts a conversation once (201, then 200) and greets the member once', async () => {
      const generated = await dl.call('POST', '/tokens/generate', TEST_DIRECTLINE_SECRET);
      const first = await dl.call('POST', '/conversations', generated.body.token);
      assert.equal(first.status, 201);
      assert.equal(first.body.conversationId, generated.body.conversationId);
      assert.match(first.body.streamUrl, /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);
      const second = await dl.call('POST', '/conversations', generated.body.token);
      assert.equal(second.status, 200);
      const { activities } = await dl.activities(first.body.conversationId, first.body.token);
      assert.equal(activities.filter(isBotText(WELCOME)).length, 1);
      const welcome = activities[0]!;
      assert.deepEqual(
        (welcome.suggestedActions as { actions: Array<{ title: string }> }).actions.map((a) => a.title),
        ['Frage stellen', 'Dokument einreichen', 'Rückruf anfordern', 'Mit einer Person sprechen'],
      );
    });

    it('starts a conversation with the secret and returns a token for it', async () => {
      const res = await dl.call('POST', '/conversations', TEST_DIRECTLINE_SECRET);
      assert.equal(res.status, 201);
      assert.equal((await dl.activities(res.body.conversationId, res.body.token)).activities.length, 1);
    });

    it('echoes a member message with a server id, timestamp and the client id, then the bot answers', async () => {
      const { conversationId, token } = await dl.startConversation();
      const posted = await dl.send(conversationId, token, {
        type: 'message',
        text: 'Was ist die Musterkasse?',
        channelData: { clientActivityID: 'client-42' },
      });
      assert.equal(posted.status, 200);
      const { activities, watermark } = await dl.activities(conversationId, token);
      const echo = activities.find((a) => a.id === posted.body.id)!;
      assert.equal(echo.text, 'Was ist die Musterkasse?');
      assert.equal(echo.from?.role, 'user');
      assert.equal(echo.channelData?.clientActivityID, 'client-42');
      assert.equal(echo.conversation?.id, conversationId);
      assert.equal(echo.channelId, 'directline');
      assert.ok(!Number.isNaN(Date.parse(echo.timestamp!)));
      const reply = activities.at(-1)!;
      assert.equal(reply.from?.role, 'bot');
      assert.equal(reply.replyToId, posted.body.id);
      assert.equal(watermark, '3');

      const later = await dl.activities(conversationId, token, '2');
      assert.deepEqual(
        later.activities.map((a) => a.id),
        [reply.id],
      );
      assert.equal((await dl.activities(conversationId, token, '3')).activities.length, 0);
    });

    it('does not store typing indicators', async () => {
      const { conversationId, token } = await dl.startConversation();
      const typing = await dl.send(conversationId, token, { type: 'typing' });
      assert.equal(typing.status, 200);
      const { activities } = await dl.activities(conversationId, token);
      assert.ok(activities.every((a) => a.type !== 'typing'));
    });

    it('rejects malformed activities with 400 BadArgument', async () => {
      const { conversationId, token } = await dl.startConversation();
      for (const bad of [
        { type: 'bogus', text: 'x' },
        { type: 'message' },
        { type: 'message', text: 'x'.repeat(5001) },
        { type: 'message', text: 'x', attachments: [{ contentType: 'image/png', contentUrl: 'https://evil.example/a.png' }] },
      ]) {
        const res = await dl.send(conversationId, token, bad as Partial<Activity>);
        assert.equal(res.status, 400, JSON.stringify(bad).slice(0, 80));
        assert.equal(res.body.error.code, 'BadArgument');
      }
      const broken = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"type":',
      });
      assert.equal(broken.status, 400);
    });

    it('answers 404 for a conversation that does not exist', async () => {
      const res = await dl.call('GET', '/conversations/doesnotexist12345/activities', TEST_DIRECTLINE_SECRET);
      assert.equal(res.status, 404);
    });

    it('reconnects: GET /conversations/:id returns a fresh token and a stream URL with the watermark', async () => {
      const { conversationId, token } = await dl.startConversation();
      const res = await dl.call('GET', `/conversations/${conversationId}?watermark=1`, token);
      assert.equal(res.status, 200);
      assert.equal(res.body.conversationId, conversationId);
      assert.match(res.body.streamUrl, /watermark=1/);
    });
  });

  describe('WebSocket stream', () => {
    it('replays what came before, then delivers echo and reply live; a second socket gets the same', async () => {
      const { conversationId, token, streamUrl } = await dl.startConversation();
      const first = new StreamRecorder(streamUrl);
      const second = new StreamRecorder(streamUrl);
      await Promise.all([first.opened, second.opened]);
      try {
        await first.waitFor(isBotText(WELCOME));
        const posted = await dl.send(conversationId, token, { type: 'message', text: 'Hilfe', channelData: { clientActivityID: 'c1' } });
        for (const stream of [first, second]) {
          const echo = await stream.waitFor((a) => a.id === posted.body.id);
          assert.equal(echo.channelData?.clientActivityID, 'c1');
          await stream.waitFor((a) => a.replyToId === posted.body.id);
          const ids = stream.activities.map((a) => a.id);
          assert.equal(new Set(ids).size, ids.length, 'no activity twice');
        }
        assert.deepEqual(
          first.frames.map((f) => f.watermark),
          ['1', '2', '3'],
        );
      } finally {
        first.close();
        second.close();
      }
    });

    it('delivers two activities published out of their order (an agent and the member at once), each once, with a watermark that never goes back', async () => {
      const { conversationId, streamUrl } = await dl.startConversation();
      const stream = new StreamRecorder(streamUrl);
      await stream.opened;
      try {
        await stream.waitFor(isBotText(WELCOME));
        const frame = (seq: number, text: string) => ({
          activities: [{ type: 'message', id: `${conversationId}|${String(seq).padStart(7, '0')}`, text }],
          watermark: String(seq),
        });
        // Stored as 5 and 6, but 6 is published first: both arrive.
        await server.core.chat.fanout.publish(conversationId, frame(6, 'Mitglied'));
        await server.core.chat.fanout.publish(conversationId, frame(5, 'Mitarbeiterin'));
        await server.core.chat.fanout.publish(conversationId, frame(6, 'Mitglied'));
        await stream.waitFor((a) => a.text === 'Mitarbeiterin');
        await new Promise((r) => setTimeout(r, 200));
        assert.deepEqual(
          stream.activities.map((a) => a.text).filter((t) => t === 'Mitglied' || t === 'Mitarbeiterin'),
          ['Mitglied', 'Mitarbeiterin'],
          'each once',
        );
        assert.deepEqual(
          stream.frames.slice(-2).map((f) => f.watermark),
          ['6', '6'],
          'the client resumes after the highest',
        );
      } finally {
        stream.close();
      }
    });

    it('replays only what follows the watermark in the stream URL', async () => {
      const { conversationId, token } = await dl.startConversation();
      await dl.send(conversationId, token, { type: 'message', text: 'eins' });
      const reconnect = await dl.call('GET', `/conversations/${conversationId}?watermark=2`, token);
      const stream = new StreamRecorder(reconnect.body.streamUrl);
      await stream.opened;
      try {
        await stream.waitFor((a) => a.from?.role === 'bot' && a.replyToId !== undefined);
        assert.deepEqual(
          stream.activities.map((a) => a.id!.split('|')[1]),
          ['0000003'],
        );
      } finally {
        stream.close();
      }
    });

    it('refuses a stream without a valid token for that conversation', async () => {
      const { streamUrl } = await dl.startConversation();
      const other = await dl.startConversation();
      await assert.rejects(new StreamRecorder(streamUrl.replace(/t=[^&]+/, 't=forged')).opened, /upgrade refused: 401/);
      await assert.rejects(new StreamRecorder(streamUrl.replace(/t=[^&]+/, `t=${other.token}`)).opened, /upgrade refused: 403/);
    });

    it('sends typing indicators over the stream only', async () => {
      const { conversationId, token, streamUrl } = await dl.startConversation();
      const stream = new StreamRecorder(streamUrl);
      await stream.opened;
      try {
        await dl.send(conversationId, token, { type: 'typing' });
        await stream.waitFor((a) => a.type === 'typing' && a.from?.role === 'user');
      } finally {
        stream.close();
      }
    });
  });

  describe('uploads', () => {
    it('stores a PDF, hands it to the bot as an attachment and serves it back only through the signed link', async () => {
      const { conversationId, token } = await dl.startConversation();
      const pdf = makePdf();
      const res = await upload(server.baseUrl, conversationId, token, [
        activityPart('Meine Rechnung'),
        { name: 'file', body: pdf, type: 'application/pdf', filename: 'rechnung.pdf' },
      ]);
      assert.equal(res.status, 200, await res.clone().text());
      const { id } = (await res.json()) as { id: string };
      const echo = (await dl.activities(conversationId, token)).activities.find((a) => a.id === id)!;
      assert.equal(echo.text, 'Meine Rechnung');
      assert.equal(echo.attachments?.length, 1);
      const attachment = echo.attachments![0]!;
      assert.equal(attachment.contentType, 'application/pdf');
      assert.equal(attachment.name, 'rechnung.pdf');
      await dl.waitFor(conversationId, token, isBotText(/„rechnung\.pdf“ erhalten \(1 Seite/));

      const download = await fetch(attachment.contentUrl!);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      // Served as a sandboxed document that cannot run script under our origin, under the name we encoded.
      assert.equal(download.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(download.headers.get('content-disposition'), "inline; filename*=UTF-8''rechnung.pdf");
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), pdf);
      const tampered = await fetch(attachment.contentUrl!.replace(/sig=[^&]+/, 'sig=AAAA'));
      assert.equal(tampered.status, 403);
    });

    it('lets the bot take a file over only in the conversation it was uploaded in, and only with a valid link', async () => {
      const { conversationId, token } = await dl.startConversation();
      const other = await dl.startConversation();
      const pdf = makePdf();
      const res = await upload(server.baseUrl, conversationId, token, [
        activityPart('Befund'),
        { name: 'file', body: pdf, type: 'application/pdf', filename: 'befund.pdf' },
      ]);
      const { id } = (await res.json()) as { id: string };
      const link = (await dl.activities(conversationId, token)).activities.find((a) => a.id === id)!.attachments![0]!.contentUrl!;
      const files = server.core.chat.attachments;
      assert.deepEqual((await files.read(link, conversationId))?.bytes, pdf);
      assert.equal(await files.read(link, other.conversationId), undefined, "another conversation's link is nobody's there");
      assert.equal(await files.read(link.replace(/sig=[^&]+/, 'sig=AAAA'), conversationId), undefined);
      assert.equal(await files.read('https://elsewhere.example/v3/directline/attachments/x', conversationId), undefined);
    });

    it('refuses a file larger than the limit with 413 and keeps nothing', async () => {
      const { conversationId, token } = await dl.startConversation();
      const big = Buffer.concat([makePdf(), Buffer.alloc(70 * 1024, 0x20)]);
      const res = await upload(server.baseUrl, conversationId, token, [
        activityPart(),
        { name: 'file', body: big, type: 'application/pdf', filename: 'gross.pdf' },
      ]);
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'MessageSizeExceeded');
      assert.equal((await dl.activities(conversationId, token)).activities.length, 1, 'only the welcome');
    });

    it('refuses files whose bytes do not match their declared type, or are not PDF, JPEG or PNG (415)', async () => {
      const { conversationId, token } = await dl.startConversation();
      const cases = [
        { body: PNG_1X1, type: 'application/pdf', filename: 'fake.pdf' },
        { body: 'just text, not a pdf', type: 'application/pdf', filename: 'text.pdf' },
        { body: Buffer.from('MZ\x90\x00executable'), type: 'application/octet-stream', filename: 'setup.exe' },
      ];
      for (const file of cases) {
        const res = await upload(server.baseUrl, conversationId, token, [activityPart(), { name: 'file', ...file }]);
        assert.equal(res.status, 415, file.filename);
      }
      const png = await upload(server.baseUrl, conversationId, token, [
        activityPart(),
        { name: 'file', body: PNG_1X1, type: 'image/png', filename: 'foto.png' },
      ]);
      assert.equal(png.status, 200);
    });
  });

  describe('limits and failures', () => {
    it('answers 429 when a conversation sends too fast', async () => {
      const limited = await startTestServer({ env: { CHAT_MESSAGES_PER_MINUTE: '2' } });
      try {
        const client = new DirectLineTestClient(limited.baseUrl);
        const { conversationId, token } = await client.startConversation();
        assert.equal((await client.send(conversationId, token, { type: 'message', text: 'a' })).status, 200);
        assert.equal((await client.send(conversationId, token, { type: 'message', text: 'b' })).status, 200);
        const third = await client.send(conversationId, token, { type: 'message', text: 'c' });
        assert.equal(third.status, 429);
        assert.ok(Number(third.headers.get('retry-after')) > 0);
      } finally {
        await limited.stop();
      }
    });

    it('answers 502 BotRejectedActivity when the bot fails, and still keeps the message', async () => {
      const failingBot: Server = createServer((_req, res) => res.writeHead(500).end());
      const botPort = await freePort();
      await new Promise<void>((resolve) => failingBot.listen(botPort, '127.0.0.1', resolve));
      const broken = await startTestServer({ env: { BOT_ENDPOINT: `http://127.0.0.1:${botPort}/api/messages` } });
      try {
        const client = new DirectLineTestClient(broken.baseUrl);
        const { conversationId, token } = await client.startConversation();
        const res = await client.send(conversationId, token, { type: 'message', text: 'Ist jemand da?' });
        assert.equal(res.status, 502);
        assert.equal(res.body.error.code, 'BotRejectedActivity');
        const { activities } = await client.activities(conversationId, token);
        assert.ok(activities.some((a) => a.text === 'Ist jemand da?'));
      } finally {
        await broken.stop();
        failingBot.close();
      }
    });
  });

  describe('the bot hop', () => {
    const hopKey = deriveKey(TEST_DIRECTLINE_SECRET, 'bot-hop').toString('base64url');

    it('refuses the reply endpoints without the hop key', async () => {
      const { conversationId } = await dl.startConversation();
      const res = await fetch(`${server.baseUrl}/botconnector/v3/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'spoofed' }),
      });
      assert.equal(res.status, 401);
    });

    it('lets the bot send, update and delete activities with the hop key', async () => {
      const { conversationId, token } = await dl.startConversation();
      const base = `${server.baseUrl}/botconnector/v3/conversations/${conversationId}/activities`;
      const headers = { 'content-type': 'application/json', [BOT_HOP_KEY_HEADER]: hopKey };
      const sent = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'Vom Bot' }) });
      const { id } = (await sent.json()) as { id: string };
      const updated = await fetch(`${base}/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ type: 'message', text: 'Vom Bot, korrigiert' }),
      });
      assert.equal(updated.status, 200);
      assert.equal((await dl.activities(conversationId, token)).activities.find((a) => a.id === id)?.text, 'Vom Bot, korrigiert');
      const deleted = await fetch(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE', headers });
      assert.equal(deleted.status, 200);
      assert.ok(!(await dl.activities(conversationId, token)).activities.some((a) => a.id === id));
      const unknown = await fetch(`${server.baseUrl}/botconnector/v3/conversations/nope1234567890/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text: 'x' }),
      });
      assert.equal(unknown.status, 404);
    });

    it('refuses /api/messages without the hop key, and with a foreign serviceUrl', async () => {
      const activity = {
        type: 'message',
        text: 'hi',
        channelId: 'directline',
        conversation: { id: 'abcdefghijkl' },
        from: { id: 'u' },
        recipient: { id: 'b' },
      };
      const noKey = await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl: server.core.config.chat.channelServiceUrl }),
      });
      assert.equal(noKey.status, 401);
      const foreign = await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BOT_HOP_KEY_HEADER]: hopKey },
        body: JSON.stringify({ ...activity, serviceUrl: 'http://169.254.169.254/latest' }),
      });
      assert.equal(foreign.status, 403);
    });
  });

  describe('several web nodes', () => {
    it("delivers a reply posted on one node to the member's socket on another", async () => {
      const shared = { REDIS_PREFIX: `mkt${Date.now()}` };
      const nodeA = await startTestServer({ env: shared });
      const nodeB = await startTestServer({ env: shared });
      try {
        const started = await new DirectLineTestClient(nodeA.baseUrl).startConversation();
        const stream = new StreamRecorder(started.streamUrl);
        await stream.opened;
        try {
          const posted = await new DirectLineTestClient(nodeB.baseUrl).send(started.conversationId, started.token, {
            type: 'message',
            text: 'über Knoten B',
          });
          assert.equal(posted.status, 200);
          await stream.waitFor((a) => a.id === posted.body.id);
          await stream.waitFor((a) => a.replyToId === posted.body.id);
          assert.equal(nodeA.web.streams.openSockets, 1);
          assert.equal(nodeB.web.streams.openSockets, 0);
        } finally {
          stream.close();
        }
      } finally {
        await nodeA.stop();
        await nodeB.stop();
      }
    });
  });

  describe('restart', () => {
    it('continues a conversation across a restart of the server between two messages', async () => {
      let current = await startTestServer();
      const port = current.port;
      const client = new DirectLineTestClient(current.baseUrl);
      const { conversationId, token } = await client.startConversation();
      // Two questions no insurer's FAQ answers: both fall back, and the second offers a person.
      await client.send(conversationId, token, { type: 'message', text: 'Wie wird das Wetter morgen in Hamburg?' });
      await current.stop();

      current = await startTestServer({ port });
      try {
        const res = await client.send(conversationId, token, { type: 'message', text: 'Und in Köln?' });
        assert.equal(res.status, 200);
        const { activities, watermark } = await client.activities(conversationId, token);
        assert.deepEqual(
          activities.map((a) => `${a.from?.role}:${a.text?.slice(0, 15)}`),
          // The second unanswerable message in a row offers a person: the miss count survived the restart.
          ['bot:Guten Tag! Ich ', 'user:Wie wird das We', 'bot:Dazu habe ich l', 'user:Und in Köln?', 'bot:Darauf habe ich'],
        );
        assert.equal(watermark, '5');
      } finally {
        await current.stop();
      }
    });
  });
});
