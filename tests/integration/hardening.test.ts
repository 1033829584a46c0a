import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { eq } from 'drizzle-orm';
import WebSocket from 'ws';
import { storedFiles } from '../../platform/db/schema.js';
import { IntakeChannels } from '../../domain/channels/channel-keys.js';
import { DirectLineTestClient, StreamRecorder } from '../helpers/directline-client.js';
import { MASKED_TEXT } from '../../domain/chat/activity.js';
import { PIN, STATUS } from '../../domain/member-texts.de.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { EICAR, makePdf, objectStreamBomb, PNG_1X1 } from '../helpers/files.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { uniqueName } from '../helpers/system.js';

const BOUNDARY = 'mk-test-boundary';

/** Sends a raw HTTP request body (possibly cut off) and reads the answer. */
function rawPost(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart body sent to a conversation's Direct Line upload with its token. */
function postChatUpload(baseUrl: string, conversation: { conversationId: string; token: string }, body: Buffer | string) {
  return rawPost(
    baseUrl,
    `/v3/directline/conversations/${conversation.conversationId}/upload`,
    { authorization: `Bearer ${conversation.token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  );
}

/** A multipart body sent to the intake API with a channel key. */
function postIntake(baseUrl: string, key: string, body: Buffer | string) {
  return rawPost(
    baseUrl,
    '/api/intake/submissions',
    { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  );
}

/** A multipart body with one file part, cut off before its closing boundary. */
function cutOffMultipart(field: string): string {
  return [
    `--${BOUNDARY}`,
    `Content-Disposition: form-data; name="${field}"; filename="rechnung.pdf"`,
    'Content-Type: application/pdf',
    '',
    '%PDF-1.4 and then the connection ends',
  ].join('\r\n');
}

function multipart(parts: Array<{ name: string; filename?: string; type: string; body: Buffer | string }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${part.type}\r\n\r\n`),
      Buffer.from(part.body),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

async function alive(server: TestServer): Promise<void> {
  assert.equal((await fetch(`${server.baseUrl}/healthz`)).status, 200, 'the process still answers');
}

describe('hardening against hostile input', () => {
  let server: TestServer;
  let dl: DirectLineTestClient;
  beforeEach(async () => {
    server = await startTestServer();
    dl = new DirectLineTestClient(server.baseUrl);
  });
  afterEach(() => server.stop());

  describe('multipart bodies', () => {
    it('answers 400 to an upload cut off before its closing boundary, on the chat and on the intake API, and keeps running', async () => {
      const { conversationId, token } = await dl.startConversation();
      const chat = await postChatUpload(server.baseUrl, { conversationId, token }, cutOffMultipart('file'));
      assert.equal(chat.status, 400, chat.body);
      const key = await new IntakeChannels(server.core.database.db).add(uniqueName('scan-'));
      const intake = await postIntake(server.baseUrl, key, cutOffMultipart('files'));
      assert.equal(intake.status, 400, intake.body);
      // A part of a field nobody reads, cut off too.
      const other = await postChatUpload(server.baseUrl, { conversationId, token }, cutOffMultipart('something-else'));
      assert.equal(other.status, 400, other.body);
      await alive(server);
    });

    it('answers 400 to multipart without a boundary', async () => {
      const { conversationId, token } = await dl.startConversation();
      const res = await rawPost(
        server.baseUrl,
        `/v3/directline/conversations/${conversationId}/upload`,
        { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data' },
        'no boundary here',
      );
      assert.equal(res.status, 400, res.body);
    });

    it('cleans control characters out of file names instead of failing to store them (found by a probe)', async () => {
      const key = await new IntakeChannels(server.core.database.db).add(uniqueName('scan-'));
      const pdf = makePdf();
      const body = Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename*=UTF-8''a%00b%07.pdf\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]);
      const res = await postIntake(server.baseUrl, key, body);
      assert.equal(res.status, 201, res.body);
      await alive(server);
    });

    it('reads UTF-8 file names as UTF-8', async () => {
      const { conversationId, token } = await dl.startConversation();
      const body = multipart([{ name: 'file', filename: 'Rechnung März.pdf', type: 'application/pdf', body: makePdf() }]);
      const res = await postChatUpload(server.baseUrl, { conversationId, token }, body);
      assert.equal(res.status, 200, res.body);
      const echo = (await dl.activities(conversationId, token)).activities.find((a) => a.id === JSON.parse(res.body).id)!;
      assert.equal(echo.attachments?.[0]?.name, 'Rechnung März.pdf');
    });
  });

  describe('PDF bombs in a chat upload (found by a probe)', () => {
    it('answers an upload of several object-stream bombs in time, and the bot refuses them instead of timing out', async function () {
      this.timeout(60_000);
      const bomb = await objectStreamBomb();
      assert.ok(bomb.length < 100_000, `bomb is ${bomb.length} bytes`);
      const { conversationId, token } = await dl.startConversation();
      const parts = [1, 2, 3].map((n) => ({ name: 'file', filename: `bombe-${n}.pdf`, type: 'application/pdf', body: bomb }));
      const started = Date.now();
      const res = await postChatUpload(server.baseUrl, { conversationId, token }, multipart(parts));
      // Each bomb holds a PDF thread for the inspection limit; the message's files get a budget, not the channel's timeout.
      assert.equal(res.status, 200, res.body);
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
      const reply = await dl.waitFor(conversationId, token, (a) => a.from?.role === 'bot' && /bombe-3\.pdf/.test(a.text ?? ''));
      assert.doesNotMatch(reply.text ?? '', /bombe-\d\.pdf“ erhalten/, 'no bomb was taken');
      await alive(server);
    });
  });

  describe('uploads are scanned before anyone can fetch them', () => {
    for (const [what, file, type] of [
      ['EICAR inside a PDF', makePdf(EICAR), 'application/pdf'],
      ['EICAR after a PNG', Buffer.concat([PNG_1X1, Buffer.from(EICAR)]), 'image/png'],
    ] as const) {
      it(`keeps no copy of ${what}, gives it no link, and the bot says why`, async () => {
        const { conversationId, token } = await dl.startConversation();
        const body = multipart([{ name: 'file', filename: 'datei', type, body: file }]);
        const res = await postChatUpload(server.baseUrl, { conversationId, token }, body);
        assert.equal(res.status, 200, res.body);
        const echo = (await dl.activities(conversationId, token)).activities.find((a) => a.id === JSON.parse(res.body).id)!;
        assert.equal(echo.attachments?.length, 1);
        assert.equal(echo.attachments![0]!.contentUrl, undefined, 'no link to an infected file');
        await dl.waitFor(conversationId, token, (a) => a.from?.role === 'bot' && /Schadsoftware/.test(a.text ?? ''));
        const kept = await server.core.database.db.select().from(storedFiles).where(eq(storedFiles.conversationId, conversationId));
        assert.equal(kept.length, 0, 'no stored file for the conversation');
      });
    }
  });

  describe("status codes for the client's mistakes", () => {
    it('refuses watermarks beyond what a conversation can hold with 400', async () => {
      const { conversationId, token } = await dl.startConversation();
      for (const watermark of ['9007199254740993', '2147483648', '1e3', '-1', '0x10']) {
        const res = await dl.call('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, token);
        assert.equal(res.status, 400, `watermark ${watermark}: ${JSON.stringify(res.body)}`);
      }
      assert.equal((await dl.call('GET', `/conversations/${conversationId}/activities?watermark=2147483647`, token)).status, 200);
    });

    it('refuses a path segment that is not valid percent-encoded UTF-8 with 400 (found by the fuzz suite)', async () => {
      const { token } = await dl.startConversation();
      for (const path of ['/conversations/%ED%A0%80', '/conversations/%E0%A4%A/activities', '/attachments/%FF?sig=x']) {
        const res = await dl.call('GET', path, token);
        assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'invalid_url');
      }
    });

    it('refuses compressed bodies with 415, also broken ones', async () => {
      const { conversationId, token } = await dl.startConversation();
      for (const encoding of ['gzip', 'br', 'deflate']) {
        const res = await rawPost(
          server.baseUrl,
          `/v3/directline/conversations/${conversationId}/activities`,
          { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': encoding },
          'not compressed at all',
        );
        assert.equal(res.status, 415, `${encoding}: ${res.body}`);
      }
    });

    it('refuses JSON nested thousands deep in value, channelData or entities with 400', async () => {
      const { conversationId, token } = await dl.startConversation();
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      for (const field of ['value', 'channelData', 'entities']) {
        const inner = field === 'channelData' ? `{"x":${deep}}` : field === 'entities' ? `[{"x":${deep}}]` : deep;
        const body = `{"type":"message","text":"hallo","${field}":${inner}}`;
        const res = await rawPost(
          server.baseUrl,
          `/v3/directline/conversations/${conversationId}/activities`,
          { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        );
        assert.equal(res.status, 400, `${field}: ${res.body}`);
      }
      await alive(server);
    });

    it('refuses NUL characters and lone surrogates with 400 instead of failing to store them', async () => {
      const { conversationId, token } = await dl.startConversation();
      for (const text of ['Diagnose \\u0000 Depression', 'Diagnose \\ud800 Depression', 'x\\udc00']) {
        const res = await rawPost(
          server.baseUrl,
          `/v3/directline/conversations/${conversationId}/activities`,
          { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          `{"type":"message","text":"${text}"}`,
        );
        assert.equal(res.status, 400, `${text}: ${res.body}`);
      }
      const fine = await dl.send(conversationId, token, { type: 'message', text: 'Emoji sind in Ordnung 😀' });
      assert.equal(fine.status, 200);
    });
  });

  describe('quotas', () => {
    it("counts only authorised messages against a conversation's quota", async () => {
      const { conversationId, token } = await dl.startConversation();
      const limit = server.core.config.chat.messagesPerMinute;
      for (let i = 0; i < limit + 5; i++) {
        const res = await dl.send(conversationId, 'not-a-token', { type: 'message', text: 'hallo' });
        assert.ok(res.status === 401 || res.status === 403, String(res.status));
      }
      const own = await dl.send(conversationId, token, { type: 'message', text: 'Hallo' });
      assert.equal(own.status, 200, 'the owner can still write');
    });
  });

  describe('secrets typed in the chat', () => {
    it('stores the card digits and the Einmal-PIN masked in the transcript, and the login still works', async () => {
      const kvnr = randomKvnr();
      await new MembersRepository(server.core.database.db).upsert([testMember({ kvnr, cardNumberLast6: '654321' })]);
      const { pin } = await server.core.pins.issue({ kvnr, purpose: 'Unterlagen zu Ihrem Krankengeld' }, { label: 'test' });
      const { conversationId, token } = await dl.startConversation();
      const botSays = async (text: string, expected: RegExp) => {
        const before = (await dl.activities(conversationId, token)).activities.length;
        assert.equal((await dl.send(conversationId, token, { type: 'message', text })).status, 200);
        await dl.waitFor(
          conversationId,
          token,
          (a) => a.from?.role === 'bot' && expected.test(a.text ?? '') && Number(a.id!.split('|')[1]) > before,
        );
      };
      await botSays('Einmal-PIN', /Krankenversichertennummer/);
      await botSays(kvnr, /sechs Ziffern|Kartennummer|Gesundheitskarte/);
      await botSays('12 34', /sechs/); // a mistake, asked again (still secret)
      await botSays('65 43 21', /PIN/);
      await botSays(pin, /Sie sind angemeldet/);
      const texts = (await dl.activities(conversationId, token)).activities.filter((a) => a.from?.role === 'user').map((a) => a.text);
      assert.deepEqual(texts, ['Einmal-PIN', kvnr, MASKED_TEXT, MASKED_TEXT, MASKED_TEXT]);
      const stored = JSON.stringify(await server.core.chat.directLine.activitiesAfter(conversationId, 0));
      for (const secret of ['654321', '65 43 21', pin, pin.replace('-', '')])
        assert.ok(!stored.includes(secret), `${secret} is not in the transcript`);
    });
  });

  describe('limits that a new conversation does not reset', () => {
    it('stops status lookups for a visitor after repeated misses, also in a fresh conversation', async () => {
      const key = `status-limit:${uniqueName('k')}`;
      await server.core.submissions.addFile(key, makePdf(), 'a.pdf');
      const { trackingId } = await server.core.submissions.submit(key, {
        source: 'chat',
        kvnr: randomKvnr(),
        declaredType: 'bonus',
        details: {},
        note: null,
        conversationId: null,
      });
      const lookUp = async (conversation: { conversationId: string; token: string }) => {
        const seen = (await dl.activities(conversation.conversationId, conversation.token)).activities.length;
        await dl.send(conversation.conversationId, conversation.token, { type: 'message', text: `Stand von ${trackingId}?` });
        const asked = await dl.waitFor(
          conversation.conversationId,
          conversation.token,
          (a) => a.from?.role === 'bot' && Number(a.id!.split('|')[1]) > seen + 1,
        );
        if (asked.text === STATUS.tooManyAttempts) return 'refused';
        const next = (await dl.activities(conversation.conversationId, conversation.token)).activities.length;
        await dl.send(conversation.conversationId, conversation.token, { type: 'message', text: randomKvnr() });
        const answer = await dl.waitFor(
          conversation.conversationId,
          conversation.token,
          (a) => a.from?.role === 'bot' && Number(a.id!.split('|')[1]) > next,
        );
        assert.equal(answer.text, STATUS.notFound);
        return 'looked up';
      };
      const outcomes: string[] = [];
      for (let chat = 0; chat < 3; chat++) {
        const conversation = await dl.startConversation();
        await dl.waitFor(conversation.conversationId, conversation.token, (a) => a.from?.role === 'bot');
        for (let i = 0; i < 4; i++) outcomes.push(await lookUp(conversation));
      }
      assert.deepEqual(outcomes.slice(0, 10), Array(10).fill('looked up'));
      assert.deepEqual(outcomes.slice(10), ['refused', 'refused'], 'the third chat gets no more lookups');
    });

    it('stops Einmal-PIN logins for a visitor after repeated misses, also in a fresh conversation', async () => {
      type Conversation = { conversationId: string; token: string };
      const seq = (id: string | undefined) => Number(id!.split('|')[1]);
      /** The bot's first message after the activity numbered `after`. */
      const botAfter = async (c: Conversation, after: number) =>
        dl.waitFor(c.conversationId, c.token, (a) => a.from?.role === 'bot' && seq(a.id) > after);
      const say = async (c: Conversation, text: string) => {
        const seen = (await dl.activities(c.conversationId, c.token)).activities.length;
        await dl.send(c.conversationId, c.token, { type: 'message', text });
        return botAfter(c, seen + 1);
      };
      const firstAnswers: string[] = [];
      for (let chat = 0; chat < 3; chat++) {
        const conversation = await dl.startConversation();
        await dl.waitFor(conversation.conversationId, conversation.token, (a) => a.from?.role === 'bot');
        let answer = (await say(conversation, 'Einmal-PIN')).text;
        firstAnswers.push(answer!);
        while (answer === PIN.kvnr) {
          assert.equal((await say(conversation, randomKvnr())).text, PIN.card);
          assert.equal((await say(conversation, '654321')).text, PIN.pin);
          const mismatch = await say(conversation, 'ZZZZ-ZZZZ');
          assert.equal(mismatch.text, PIN.mismatch);
          answer = (await botAfter(conversation, seq(mismatch.id))).text;
        }
      }
      assert.deepEqual(firstAnswers, [PIN.kvnr, PIN.kvnr, PIN.tooManyAttempts], 'the third chat takes no more logins');
    });
  });

  describe('the Direct Line WebSocket', () => {
    it('closes a socket that sends a 32 kB frame and keeps running', async () => {
      const { streamUrl } = await dl.startConversation();
      const stream = new StreamRecorder(streamUrl);
      await stream.opened;
      const closed = new Promise<number>((resolve) => stream.socket.once('close', (code) => resolve(code)));
      stream.socket.on('error', () => undefined);
      stream.socket.send('x'.repeat(32 * 1024));
      assert.equal(await closed, 1009);
      await alive(server);
    });

    it('keeps at most a few streams open per conversation', async () => {
      const { streamUrl } = await dl.startConversation();
      const sockets = Array.from({ length: 12 }, () => new WebSocket(streamUrl));
      const closedEarly: number[] = [];
      await Promise.all(
        sockets.map(
          (ws, i) =>
            new Promise<void>((resolve) => {
              ws.on('error', () => undefined);
              ws.once('close', () => {
                closedEarly.push(i);
                resolve();
              });
              ws.once('open', () => setTimeout(resolve, 300));
            }),
        ),
      );
      await new Promise((r) => setTimeout(r, 200));
      const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
      assert.ok(open <= 4, `${open} streams still open`);
      assert.ok(open >= 1, 'the newest stream stays');
      for (const ws of sockets) ws.terminate();
    });

    it('survives a client that resets the connection during the upgrade', async () => {
      const { streamUrl } = await dl.startConversation();
      for (let i = 0; i < 5; i++) {
        const ws = new WebSocket(streamUrl);
        ws.on('error', () => undefined);
        ws.once('upgrade', () => undefined);
        setImmediate(() => ws.terminate());
      }
      await new Promise((r) => setTimeout(r, 300));
      await alive(server);
    });
  });

  describe('headers', () => {
    it('never names the framework, also not under the queue board', async () => {
      for (const path of ['/healthz', '/admin/queues', '/api/auth/me', '/nowhere']) {
        const res = await fetch(`${server.baseUrl}${path}`);
        assert.equal(res.headers.get('x-powered-by'), null, path);
      }
    });
  });
});

describe('hardening: when a dependency is down', () => {
  let server: TestServer;
  before(async () => {
    // Nothing listens on port 9 (discard) here: the scanner is unreachable.
    server = await startTestServer({ env: { CLAMD_HOST: '127.0.0.1', CLAMD_PORT: '9', CLAMD_TIMEOUT_MS: '1000' } });
  });
  after(() => server.stop());

  it('answers the intake API with 503 naming the scanner, and stores nothing', async () => {
    const key = await new IntakeChannels(server.core.database.db).add(uniqueName('scan-'));
    const res = await postIntake(
      server.baseUrl,
      key,
      multipart([{ name: 'files', filename: 'a.pdf', type: 'application/pdf', body: makePdf() }]),
    );
    assert.equal(res.status, 503, res.body);
    assert.equal(JSON.parse(res.body).error.details.dependency, 'clamd');
  });

  it('takes a chat upload without keeping it, and the bot asks for it again later', async () => {
    const dl = new DirectLineTestClient(server.baseUrl);
    const { conversationId, token } = await dl.startConversation();
    const res = await postChatUpload(
      server.baseUrl,
      { conversationId, token },
      multipart([{ name: 'file', filename: 'rechnung.pdf', type: 'application/pdf', body: makePdf() }]),
    );
    assert.equal(res.status, 200, res.body);
    await dl.waitFor(conversationId, token, (a) => a.from?.role === 'bot' && /nicht auf Viren prüfen/.test(a.text ?? ''));
    const kept = await server.core.database.db.select().from(storedFiles).where(eq(storedFiles.conversationId, conversationId));
    assert.equal(kept.length, 0);
  });
});
