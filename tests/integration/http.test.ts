import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../platform/http/error-handler.js';
import { requestLogging } from '../../platform/http/request-logging.js';
import { createLogger } from '../../platform/logging/logger.js';
import { createApp } from '../../server/app.js';
import type { Core } from '../../server/container.js';
import { LogCapture, startTestCore } from '../helpers/system.js';

describe('HTTP basics', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  describe('health and readiness', () => {
    it('is healthy and ready when PostgreSQL, Redis and clamd answer', async () => {
      core = await startTestCore();
      const app = createApp(core);
      await request(app).get('/healthz').expect(200, { status: 'ok' });
      const ready = await request(app).get('/readyz').expect(200);
      assert.deepEqual(ready.body, { status: 'ready', checks: { database: 'up', redis: 'up', clamd: 'up' }, failing: [] });
    });

    it('turns 503 and names Redis when Redis is unreachable, while /healthz stays 200', async () => {
      core = await startTestCore({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
      const app = createApp(core);
      const res = await request(app).get('/readyz').expect(503);
      assert.equal(res.body.status, 'not_ready');
      assert.deepEqual(res.body.failing, ['redis']);
      assert.equal(res.body.checks.database, 'up');
      await request(app).get('/healthz').expect(200);
    });

    it('names clamd when the virus scanner does not answer', async () => {
      core = await startTestCore({ env: { CLAMD_PORT: '1' } });
      const res = await request(createApp(core)).get('/readyz').expect(503);
      assert.deepEqual(res.body.failing, ['clamd']);
    });
  });

  describe('headers, errors and metrics', () => {
    it('sends a strict content security policy and a request id', async () => {
      core = await startTestCore();
      const res = await request(createApp(core)).get('/healthz').expect(200);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    it('keeps a sane request id from a proxy and replaces a malformed one', async () => {
      core = await startTestCore();
      const app = createApp(core);
      const kept = await request(app).get('/healthz').set('X-Request-Id', 'proxy-abc-12345678');
      assert.equal(kept.headers['x-request-id'], 'proxy-abc-12345678');
      const replaced = await request(app).get('/healthz').set('X-Request-Id', 'bad id with spaces <script>');
      assert.notEqual(replaced.headers['x-request-id'], 'bad id with spaces <script>');
    });

    it('answers unknown routes and broken JSON in the error shape', async () => {
      core = await startTestCore();
      const app = createApp(core);
      const missing = await request(app).get('/nothing-here').expect(404);
      assert.equal(missing.body.error.code, 'not_found');
      const broken = await request(app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
      assert.equal(broken.body.error.code, 'invalid_json');
      assert.equal(typeof broken.body.error.requestId, 'string');
    });

    it('never leaks a stack trace or an internal message on an unexpected error', async () => {
      const logs = new LogCapture();
      const app = express();
      app.use(requestLogging(createLogger('info', logs)));
      app.get('/boom', () => {
        throw new Error('database password is hunter2');
      });
      app.use(errorHandler);
      const res = await request(app).get('/boom').expect(500);
      assert.deepEqual(Object.keys(res.body.error).sort(), ['code', 'message', 'requestId']);
      assert.equal(res.body.error.code, 'internal_error');
      assert.doesNotMatch(res.text, /hunter2|at .*\.ts/);
      assert.match(logs.text, /Unhandled error/, 'the operator still sees the error in the log');
    });

    it('exposes Prometheus metrics, behind a token when one is configured', async () => {
      core = await startTestCore();
      let app = createApp(core);
      await request(app).get('/healthz');
      const open = await request(app).get('/metrics').expect(200);
      assert.match(open.text, /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
      assert.match(open.text, /process_cpu_user_seconds_total/);
      await core.close();

      core = await startTestCore({ env: { METRICS_TOKEN: 'a-metrics-token-for-tests' } });
      app = createApp(core);
      await request(app).get('/metrics').expect(401);
      await request(app).get('/metrics').set('Authorization', 'Bearer a-metrics-token-for-tests').expect(200);
    });
  });
});
