import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { projectRoot } from '../../platform/paths.js';
import type { Core } from '../../server/container.js';
import { consoleSocket, type AgentClient } from '../helpers/console-socket.js';
import {
  hostileBody,
  hostileFiles,
  hostileJson,
  hostileMultipart,
  hostileString,
  pct,
  type HostileFile,
} from '../helpers/hostile-inputs.js';
import { childEnv, runTs, waitUntil, type Spawned } from '../helpers/processes.js';
import { rawRequest, type RawOutcome, type RawRequest } from '../helpers/raw-http.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { freePort, TEST_DIRECTLINE_SECRET, type TestServer } from '../helpers/server.js';
import { createStaff } from '../helpers/staff.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

/** Inputs per surface in one CI run (together well over 1,000). */
const RUNS = { directLine: 300, stream: 150, upload: 120, widget: 60, intake: 100, export: 100, staff: 200, socket: 200 };
const EICAR_MARK = Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE');

/**
 * Generated hostile input against a whole system in its own process (`--role all`), as the
 * anonymous visitor, the member, the intake channel and the staff would send it. Whatever
 * arrives: the process stays up, no answer is a 5xx except a declared 503 for a dependency
 * that is down, nothing infected is readable through a URL, and memory stays bounded.
 */
describe('fuzz: generated hostile input against a running system', function () {
  this.timeout(600_000);
  let core: Core;
  let server: Spawned;
  let port: number;
  let files: HostileFile[];
  const sent: Record<string, number> = {};
  const problems: string[] = [];
  /** Answers per surface and status, printed at the end: shows what the inputs reached. */
  const answers: Record<string, Record<string, number>> = {};
  const staff: Record<'agent' | 'clerk' | 'editor' | 'admin', { cookie: string; csrf: string }> = {} as never;
  let knowledgeCopy: string;
  let intakeKey: string;
  let exportKey: string;
  const targetsDir = mkdtempSync(path.join(tmpdir(), 'mk-fuzz-targets-'));

  const alive = () => server.child.exitCode === null && server.child.signalCode === null;

  /** Sends one input and judges the answer. */
  async function probe(surface: string, request: RawRequest, what = ''): Promise<RawOutcome> {
    sent[surface] = (sent[surface] ?? 0) + 1;
    const outcome = await rawRequest(port, request);
    const byStatus = (answers[surface] ??= {});
    byStatus[String(outcome.status ?? 'reset')] = (byStatus[String(outcome.status ?? 'reset')] ?? 0) + 1;
    const declared503 = outcome.status === 503 && outcome.body.includes('dependency_unavailable');
    if (outcome.status !== undefined && outcome.status >= 500 && !declared503) {
      problems.push(
        `${surface}: ${request.method} ${request.path.slice(0, 120)} ${what} → ${outcome.status} ${outcome.body.subarray(0, 200).toString()}`,
      );
    }
    if (!alive()) problems.push(`${surface}: the process exited after ${request.method} ${request.path.slice(0, 120)} ${what}`);
    return outcome;
  }

  const json = (o: RawOutcome) => (o.status !== undefined ? JSON.parse(o.body.toString() || 'null') : undefined);

  before(async function () {
    this.timeout(180_000);
    files = await hostileFiles();
    core = await startTestCore();
    for (const role of ['agent', 'clerk', 'editor', 'admin'] as const) {
      const { username, password } = await createStaff(core, role);
      (staff as Record<string, unknown>)[role] = { username, password };
    }
    const channel = runTs(
      'server/cli/main.ts',
      ['channel:add', uniqueName('fuzz-').toLowerCase()],
      childEnv({ DATABASE_URL: sharedDatabase.url }),
    );
    assert.equal(await channel.exited, 0, channel.stderr());
    intakeKey = /^(mkc_\S+)$/m.exec(channel.stdout())![1]!;
    const exportName = uniqueName('abholer-').toLowerCase();
    const exporter = runTs('server/cli/main.ts', ['channel:add', exportName, '--export'], childEnv({ DATABASE_URL: sharedDatabase.url }));
    assert.equal(await exporter.exited, 0, exporter.stderr());
    exportKey = /^(mkc_\S+)$/m.exec(exporter.stdout())![1]!;
    writeFileSync(path.join(targetsDir, 'targets.yaml'), `targets:\n  - name: ${exportName}\n    kind: pull\n`);

    knowledgeCopy = mkdtempSync(path.join(tmpdir(), 'mk-fuzz-knowledge-'));
    cpSync(path.join(projectRoot, 'knowledge'), knowledgeCopy, { recursive: true });
    port = await freePort();
    server = runTs(
      'server/main.ts',
      ['--role', 'all'],
      childEnv({
        PORT: String(port),
        DATABASE_URL: sharedDatabase.url,
        REDIS_PREFIX: uniqueName('mkfuzz'),
        DELIVERY_TARGETS_FILE: path.join(targetsDir, 'targets.yaml'),
        // Editors' requests may write entries: never into the project's own files.
        KNOWLEDGE_DIR: knowledgeCopy,
        DIRECTLINE_SECRET: TEST_DIRECTLINE_SECRET,
        PDF_TIME_LIMIT_MS: '2000',
        OCR_WORKERS: '1',
        // The limits are tested elsewhere; here every input should reach the code behind them.
        CHAT_MESSAGES_PER_MINUTE: '10000',
        WIDGET_TOKENS_PER_IP_PER_15MIN: '100000',
        LOGIN_RATE_LIMIT_PER_IP: '10000',
      }),
    );
    await waitUntil(
      async () => !alive() || (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
      120_000,
      'the system to be ready',
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${server.stderr().slice(-2000)}`);
    });
    assert.ok(alive(), `the system did not start: ${server.stderr().slice(-2000)}`);
    for (const role of ['agent', 'clerk', 'editor', 'admin'] as const) {
      const { username, password } = staff[role] as unknown as { username: string; password: string };
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      staff[role] = {
        cookie: res.headers.getSetCookie()[0]!.split(';')[0]!,
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
    }
  });

  after(async () => {
    if (server && alive()) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await core?.close();
    rmSync(targetsDir, { recursive: true, force: true });
    rmSync(knowledgeCopy, { recursive: true, force: true });
    const total = Object.values(sent).reduce((a, b) => a + b, 0);
    console.log(
      `      fuzz: ${total} generated inputs (${Object.entries(sent)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
    for (const [surface, byStatus] of Object.entries(answers))
      console.log(
        `      ${surface}: ${Object.entries(byStatus)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ')}`,
      );
  });

  afterEach(function () {
    assert.ok(alive(), `the server process exited: ${server.stderr().slice(-3000)}`);
    assert.deepEqual(problems.splice(0), [], 'no input may take the process down or get a 5xx');
  });

  async function conversation(): Promise<{ conversationId: string; token: string; streamUrl: string }> {
    const issued = json(await rawRequest(port, { method: 'POST', path: '/widget/token' }));
    const started = json(
      await rawRequest(port, {
        method: 'POST',
        path: '/v3/directline/conversations',
        headers: { authorization: `Bearer ${issued.token}` },
      }),
    );
    return { conversationId: started.conversationId, token: started.token ?? issued.token, streamUrl: started.streamUrl };
  }

  it('Direct Line REST: any body, header, token, id or watermark gets a 4xx at worst', async () => {
    const own = await conversation();
    const auth = fc.oneof(
      fc.constant(`Bearer ${own.token}`),
      fc.constant(`Bearer ${TEST_DIRECTLINE_SECRET}`),
      hostileString.map((s) => `Bearer ${pct(s)}`),
      fc.constant(undefined),
    );
    const id = fc.oneof(fc.constant(own.conversationId), hostileString.map(pct));
    const endpoint = fc.oneof(
      fc.record({ method: fc.constant('POST'), path: id.map((c) => `/v3/directline/conversations/${c}/activities`) }),
      fc.record({
        method: fc.constant('GET'),
        path: fc
          .tuple(id, fc.oneof(hostileString, fc.bigInt().map(String), fc.double().map(String)))
          .map(([c, w]) => `/v3/directline/conversations/${c}/activities?watermark=${pct(w)}`),
      }),
      fc.record({
        method: fc.constantFrom('POST', 'GET', 'PUT', 'DELETE'),
        path: fc.constantFrom('/v3/directline/conversations', '/v3/directline/tokens/generate', '/v3/directline/tokens/refresh'),
      }),
      fc.record({
        method: fc.constant('GET'),
        path: fc.tuple(id, hostileString).map(([c, w]) => `/v3/directline/conversations/${c}?watermark=${pct(w)}`),
      }),
      fc.record({ method: fc.constant('GET'), path: hostileString.map((s) => `/v3/directline/attachments/${pct(s)}?sig=${pct(s)}`) }),
    );
    await fc.assert(
      fc.asyncProperty(endpoint, auth, hostileBody, async ({ method, path }, authorization, { body, contentType, contentEncoding }) => {
        await probe('directline-rest', {
          method,
          path,
          headers: { authorization, 'content-type': contentType, 'content-encoding': contentEncoding ?? undefined },
          body: method === 'GET' ? undefined : body,
        });
        return alive();
      }),
      { numRuns: RUNS.directLine },
    );
  });

  it('Direct Line WebSocket: any frame, size or stream URL ends at most that socket', async () => {
    const own = await conversation();
    const frame = fc.oneof(
      hostileString,
      fc.uint8Array({ maxLength: 6000 }).map((b) => Buffer.from(b)),
      fc.integer({ min: 4000, max: 40_000 }).map((n) => 'x'.repeat(n)),
      hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
    );
    const target = fc.oneof(
      { weight: 4, arbitrary: fc.constant(own.streamUrl) },
      {
        weight: 1,
        arbitrary: hostileString.map(
          (s) => `ws://127.0.0.1:${port}/v3/directline/conversations/${pct(s)}/stream?t=${pct(s)}&watermark=${pct(s)}`,
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(target, fc.array(frame, { minLength: 1, maxLength: 3 }), async (url, frames) => {
        sent['directline-ws'] = (sent['directline-ws'] ?? 0) + 1;
        await new Promise<void>((resolve) => {
          const ws = new WebSocket(url);
          const done = () => {
            ws.removeAllListeners();
            ws.on('error', () => undefined);
            ws.terminate();
            resolve();
          };
          ws.on('error', done);
          ws.on('unexpected-response', done);
          ws.on('close', done);
          ws.on('open', () => {
            for (const f of frames) ws.send(f);
            setTimeout(done, 30);
          });
        });
        if (!alive()) problems.push(`directline-ws: the process exited after ${frames.length} frames to ${url.slice(0, 100)}`);
        return alive();
      }),
      { numRuns: RUNS.stream },
    );
  });

  it('chat uploads: any multipart, cut off or not, with bombs and EICAR in disguise; nothing infected gets a readable link', async () => {
    const own = await conversation();
    await fc.assert(
      fc.asyncProperty(hostileMultipart(files, 'file'), fc.boolean(), async ({ body, contentType, cut }, abort) => {
        await probe('upload', {
          method: 'POST',
          path: `/v3/directline/conversations/${own.conversationId}/upload?userId=member`,
          headers: { authorization: `Bearer ${own.token}`, 'content-type': contentType },
          body,
          abortAfter: abort && cut ? Math.floor(body.length / 2) : undefined,
        });
        return alive();
      }),
      { numRuns: RUNS.upload },
    );
    // Every attachment link the conversation holds: none may serve the test virus.
    const activities = json(
      await rawRequest(port, {
        method: 'GET',
        path: `/v3/directline/conversations/${own.conversationId}/activities`,
        headers: { authorization: `Bearer ${own.token}` },
      }),
    );
    const links = (activities.activities as Array<{ attachments?: Array<{ contentUrl?: string }> }>)
      .flatMap((a) => a.attachments ?? [])
      .flatMap((a) => (a.contentUrl ? [a.contentUrl] : []));
    for (const link of links) {
      const { pathname, search } = new URL(link);
      const served = await probe('upload', { method: 'GET', path: pathname + search });
      assert.ok(served.status === undefined || !served.body.includes(EICAR_MARK), `${link} serves the test virus`);
    }
  });

  it('widget: the token endpoint and the frame take any header and query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST /widget/token', 'GET /widget/frame', 'GET /widget/loader.js', 'GET /'),
        hostileString,
        hostileString,
        hostileBody,
        async (endpoint, query, header, { body, contentType }) => {
          const [method, path] = endpoint.split(' ') as [string, string];
          await probe('widget', {
            method,
            path: `${path}?parent=${pct(query)}&${pct(query)}=1`,
            headers: {
              'sec-fetch-site': header.replace(/[^\x21-\x7e]/g, '').slice(0, 50) || undefined,
              origin: header.replace(/[^\x21-\x7e]/g, '').slice(0, 80) || undefined,
              'content-type': contentType,
            },
            body: method === 'POST' ? body : undefined,
          });
          return alive();
        },
      ),
      { numRuns: RUNS.widget },
    );
  });

  it('intake API: any multipart and metadata from a channel, cut off or not, with hostile files', async () => {
    const metadata = fc.oneof(
      hostileJson.map((v) => JSON.stringify(v) ?? ''),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(
        hostileMultipart(files, 'files'),
        metadata,
        fc.oneof(
          fc.constant(`Bearer ${intakeKey}`),
          hostileString.map((s) => `Bearer ${pct(s)}`),
        ),
        async (multipart, meta, authorization) => {
          const withMeta = multipart.cut
            ? multipart.body
            : Buffer.concat([
                Buffer.from(`--${multipart.boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${meta}\r\n`),
                multipart.body,
              ]);
          await probe('intake', {
            method: 'POST',
            path: '/api/intake/submissions',
            headers: { authorization, 'content-type': multipart.contentType },
            body: withMeta,
          });
          await probe('intake', { method: 'GET', path: `/api/intake/submissions/${pct(meta.slice(0, 40))}`, headers: { authorization } });
          return alive();
        },
      ),
      { numRuns: RUNS.intake },
    );
  });

  it('export API: any cursor, limit, document id, link signature and key', async () => {
    const route = fc.oneof(
      fc.tuple(hostileString, hostileString).map(([after, limit]) => `GET /api/export/documents?after=${pct(after)}&limit=${pct(limit)}`),
      fc.constant('GET /api/export/documents'),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/export/documents/${id}/ack`),
      fc
        .tuple(fc.oneof(fc.uuid(), hostileString.map(pct)), hostileString, hostileString)
        .map(([id, exp, sig]) => `GET /api/export/documents/${id}/file?exp=${pct(exp)}&sig=${pct(sig)}`),
    );
    const key = fc.oneof(
      fc.constant(`Bearer ${exportKey}`),
      fc.constant(`Bearer ${intakeKey}`),
      hostileString.map((s) => `Bearer ${pct(s)}`),
    );
    await fc.assert(
      fc.asyncProperty(route, key, hostileBody, async (line, authorization, { body, contentType }) => {
        const [method, path] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
        await probe('export', {
          method,
          path,
          headers: { authorization, 'content-type': contentType },
          body: method === 'GET' ? undefined : body,
        });
        return alive();
      }),
      { numRuns: RUNS.export },
    );
  });

  it('staff API: any login body, and any id, query or body to every staff route of every role', async () => {
    const route = fc.oneof(
      fc.constantFrom(
        'GET /api/review/queue',
        'GET /api/livechat/callbacks',
        'GET /api/livechat/canned-responses',
        'POST /api/livechat/canned-responses',
        'GET /api/admin/staff-users',
        'GET /api/admin/deliveries/failed',
        'GET /api/admin/quarantine',
        'GET /api/admin/channels',
        'POST /api/admin/channels',
        'GET /api/admin/certificates',
        'GET /api/admin/service-hours',
        'GET /api/statistics',
        'POST /api/auth/password',
        'POST /api/admin/staff-users',
        'POST /api/admin/einmal-pins',
        'GET /api/auth/me',
        'GET /api/docs',
        'POST /api/knowledge/feedback',
        'GET /admin/queues/api/queues',
        'PUT /admin/queues/api/queues/intake-ocr/clean/completed',
      ),
      hostileString.map((s) => `GET /api/review/documents/${pct(s)}`),
      fc.tuple(fc.uuid(), hostileString).map(([id, p]) => `GET /api/review/documents/${id}/pages/${pct(p)}`),
      hostileString.map((s) => `GET /api/review/submissions/${pct(s)}`),
      hostileString.map((s) => `GET /api/review/members?q=${pct(s)}&kvnr=${pct(s)}`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/review/documents/${id}/decision`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `PUT /api/livechat/callbacks/${id}`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `PUT /api/livechat/canned-responses/${id}`),
      hostileString.map((s) => `POST /api/admin/staff-users/${pct(s)}/disable`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/admin/deliveries/${id}/redeliver`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/admin/quarantine/${id}/release`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/admin/certificates/${id}/sent`),
      hostileString.map((s) => `POST /api/admin/members/${pct(s)}/erase`),
      hostileString.map((s) => `POST /api/admin/channels/${pct(s)}/revoke`),
      hostileString.map((s) => `POST /api/admin/staff-users/${pct(s)}/role`),
      hostileString.map((s) => `POST /api/admin/staff-users/${pct(s)}/reset-password`),
      fc
        .tuple(hostileString, hostileString, hostileString)
        .map(([a, b, c]) => `GET /api/admin/audit?actor=${pct(a)}&from=${pct(b)}&format=${pct(c)}`),
      fc
        .tuple(hostileString, hostileString, hostileString)
        .map(([a, b, c]) => `GET /api/review/documents?name=${pct(a)}&trackingId=${pct(b)}&from=${pct(c)}`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/review/documents/${id}/reroute`),
      fc.tuple(hostileString, hostileString).map(([state, kvnr]) => `GET /api/admin/einmal-pins?state=${pct(state)}&kvnr=${pct(kvnr)}`),
      fc
        .tuple(fc.oneof(fc.uuid(), hostileString.map(pct)), fc.constantFrom('unlock', 'revoke'))
        .map(([id, action]) => `POST /api/admin/einmal-pins/${id}/${action}`),
      fc
        .tuple(hostileString, hostileString, hostileString)
        .map(([from, to, period]) => `GET /api/statistics?from=${pct(from)}&to=${pct(to)}&period=${pct(period)}`),
      hostileString.map((table) => `GET /api/statistics/${pct(table)}.csv`),
      fc.oneof(fc.uuid(), hostileString.map(pct)).map((id) => `POST /api/livechat/sessions/${id}/callback`),
      fc.tuple(hostileString, hostileString).map(([name, kvnr]) => `GET /api/livechat/members?name=${pct(name)}&kvnr=${pct(kvnr)}`),
      hostileString.map((name) => `GET /api/livechat/members?name=${pct(name)}`),
      hostileString.map((id) => `GET /api/knowledge/entries/${pct(id)}`),
      hostileString.map((id) => `PUT /api/knowledge/entries/${pct(id)}`),
      hostileString.map((id) => `POST /api/knowledge/entries/${pct(id)}/preview`),
      hostileString.map((id) => `POST /api/knowledge/entries/${pct(id)}/phrasings`),
      hostileString.map((id) => `POST /api/knowledge/entries/${pct(id)}/reviewed`),
      fc.constantFrom(
        'POST /api/knowledge/entries/contact_hours/reviewed',
        'GET /api/knowledge/figures',
        'GET /api/knowledge/review-due',
        'POST /api/knowledge/entries',
        'POST /api/knowledge/entries/preview',
        'GET /api/knowledge/unanswered',
        'POST /api/admin/members/import',
        'POST /api/admin/canned-responses/import-starters',
      ),
      fc.constant('POST /api/auth/login'),
    );
    const who = fc.constantFrom('agent', 'clerk', 'editor', 'admin', 'nobody') as fc.Arbitrary<
      'agent' | 'clerk' | 'editor' | 'admin' | 'nobody'
    >;
    await fc.assert(
      fc.asyncProperty(route, who, fc.boolean(), hostileBody, async (line, role, withCsrf, { body, contentType, contentEncoding }) => {
        const [method, path] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
        const session = role === 'nobody' ? undefined : staff[role];
        await probe(
          'staff-api',
          {
            method,
            path,
            headers: {
              cookie: session?.cookie,
              'x-csrf-token': withCsrf ? session?.csrf : undefined,
              'content-type': contentType,
              'content-encoding': contentEncoding ?? undefined,
            },
            body: method === 'GET' ? undefined : body,
          },
          role,
        );
        return alive();
      }),
      { numRuns: RUNS.staff },
    );
    // The fuzzing logged nobody out: the sessions still work (no input corrupted them).
    assert.equal((await rawRequest(port, { method: 'GET', path: '/api/auth/me', headers: { cookie: staff.agent.cookie } })).status, 200);
  });

  it('socket.io: any event, argument or flood from an agent is answered or refused, never fatal', async () => {
    const opened: AgentClient[] = [];
    const node = { baseUrl: `http://127.0.0.1:${port}` } as TestServer;
    let socket = await consoleSocket(node, opened, staff.agent.cookie);
    const event = fc.oneof(
      fc.constantFrom(
        'agent:status',
        'agents:list',
        'queue:list',
        'queue:accept',
        'chat:mine',
        'chat:transcript',
        'chat:send',
        'chat:typing',
        'chat:note',
        'chat:transfer',
        'chat:end',
      ),
      hostileString,
    );
    try {
      await fc.assert(
        fc.asyncProperty(
          event,
          fc.array(fc.oneof(hostileString, hostileJson, fc.uuid()), { maxLength: 3 }),
          fc.boolean(),
          async (name, args, withAck) => {
            sent['socket.io'] = (sent['socket.io'] ?? 0) + 1;
            // A socket disconnected by the flood guard is replaced, as a determined client would.
            if (!socket.connected) socket = await consoleSocket(node, opened, staff.agent.cookie);
            const emit = socket.emit.bind(socket) as (event: string, ...rest: unknown[]) => void;
            if (withAck)
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, 500);
                emit(name, ...args, () => (clearTimeout(timer), resolve()));
              });
            else emit(name, ...args);
            if (!alive()) problems.push(`socket.io: the process exited after ${name}`);
            return alive();
          },
        ),
        { numRuns: RUNS.socket },
      );
    } finally {
      for (const s of opened) s.disconnect();
    }
  });

  it('after it all: the process answers at once and its memory is bounded', async () => {
    const started = Date.now();
    assert.equal((await rawRequest(port, { method: 'GET', path: '/healthz' })).status, 200);
    assert.ok(Date.now() - started < 1000, `/healthz took ${Date.now() - started} ms`);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1]);
    assert.ok(rssKb < 1_500_000, `resident memory ${Math.round(rssKb / 1024)} MB`);
    const total = Object.values(sent).reduce((a, b) => a + b, 0);
    assert.ok(total >= 1000, `only ${total} inputs`);
  });
});
