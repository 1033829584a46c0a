import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childEnv, runTs, waitUntil } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { freePort } from '../helpers/server.js';

describe('the program', () => {
  it('refuses to start on a bad PORT and names it', async () => {
    const run = runTs('server/main.ts', [], childEnv({ PORT: 'abc' }));
    assert.notEqual(await run.exited, 0);
    assert.match(run.stderr(), /Invalid configuration:\n\s+- PORT: expected a port number from 1 to 65535/);
  });

  it('refuses an unknown role', async () => {
    const run = runTs('server/main.ts', ['--role', 'everything'], childEnv({}));
    assert.equal(await run.exited, 2);
    assert.match(run.stderr(), /Unknown role "everything"/);
  });

  describe('on the embedded database (no DATABASE_URL)', function () {
    this.timeout(90_000);
    let dataDir: string;

    before(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'mk-embedded-'));
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('comes up healthy and ready, keeps a second process off its data, and stops cleanly', async () => {
      const port = String(await freePort());
      const env = childEnv({ PORT: port, LOG_LEVEL: 'info', EMBEDDED_DB_DIR: path.join(dataDir, 'db'), REDIS_PREFIX: `mkt${port}` });
      const server = runTs('server/main.ts', [], env);
      try {
        let lastAnswer = 'no answer';
        const ready = async () => {
          const res = await fetch(`http://127.0.0.1:${port}/readyz`);
          lastAnswer = `${res.status} ${await res.text()}`;
          return res.status === 200;
        };
        await waitUntil(ready, 60_000, 'readiness').catch((err: Error) => {
          throw new Error(
            `${err.message}; /readyz said ${lastAnswer}; stderr: ${server.stderr()}; stdout: ${server.stdout().slice(-2000)}`,
          );
        });
        assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

        const cli = runTs('server/cli/main.ts', ['user:list'], env);
        assert.equal(await cli.exited, 1);
        assert.match(cli.stderr(), /embedded database in .* is in use by another process/);
        assert.match(cli.stderr(), /set DATABASE_URL/);
      } finally {
        server.child.kill('SIGTERM');
      }
      assert.equal(await server.exited, 0, server.stdout());
      assert.match(server.stdout(), /Shutdown complete/);
    });

    it('lets the next process in once the first has stopped', async () => {
      const env = childEnv({ EMBEDDED_DB_DIR: path.join(dataDir, 'db') });
      const add = runTs('server/cli/main.ts', ['user:add', 'embedded-admin', '--role', 'admin'], env, 'a long embedded password\n');
      assert.equal(await add.exited, 0, add.stderr());
      const list = runTs('server/cli/main.ts', ['user:list'], env);
      assert.equal(await list.exited, 0, list.stderr());
      assert.match(list.stdout(), /embedded-admin\s+admin\s+active/);
    });
  });

  it('opens its port with Redis unreachable: /readyz answers 503 naming Redis, the log says why, and it stops on SIGTERM', async function () {
    this.timeout(90_000);
    const port = String(await freePort());
    const closedPort = String(await freePort());
    const env = childEnv({
      PORT: port,
      LOG_LEVEL: 'info',
      DATABASE_URL: sharedDatabase.url,
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
      REDIS_PREFIX: `mkt${port}`,
      OCR_WORKERS: '1',
    });
    const server = runTs('server/main.ts', ['--role', 'all'], env);
    try {
      let answer: { status: number; body: { failing?: string[] } } | undefined;
      await waitUntil(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/readyz`);
          answer = { status: res.status, body: (await res.json()) as { failing?: string[] } };
          return true;
        },
        60_000,
        'the port to open',
      ).catch((err: Error) => {
        throw new Error(`${err.message}; stdout: ${server.stdout().slice(-2000)}`);
      });
      assert.equal(answer?.status, 503);
      assert.deepEqual(answer?.body.failing, ['redis']);
      await waitUntil(() => /Redis does not answer/.test(server.stdout()), 20_000, 'the log line about Redis');
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.notEqual(await server.exited, null);
  });

  it('builds only what its role needs: the worker no bot, knowledge or HTTP server; the web role no OCR', async function () {
    this.timeout(90_000);
    const start = async (role: 'web' | 'worker') => {
      const port = String(await freePort());
      const env = childEnv({
        PORT: port,
        LOG_LEVEL: 'info',
        DATABASE_URL: sharedDatabase.url,
        REDIS_PREFIX: `mkrole${port}`,
        OCR_WORKERS: '1',
      });
      return { port, run: runTs('server/main.ts', ['--role', role], env) };
    };
    const [web, worker] = await Promise.all([start('web'), start('worker')]);
    try {
      const partsOf = async (process: typeof web) => {
        await waitUntil(() => /"msg":"Started"/.test(process.run.stdout()), 60_000, 'the start').catch((err: Error) => {
          throw new Error(`${err.message}; ${process.run.stderr().slice(-2000)}`);
        });
        const started = process.run
          .stdout()
          .split('\n')
          .find((line) => line.includes('"msg":"Started"'))!;
        return (JSON.parse(started) as { parts: string[] }).parts;
      };
      const [webParts, workerParts] = await Promise.all([partsOf(web), partsOf(worker)]);
      assert.ok(webParts.includes('bot') && !webParts.includes('ocr'), `web: ${webParts.join(', ')}`);
      assert.ok(
        workerParts.includes('ocr') && !workerParts.includes('bot') && !workerParts.includes('knowledge'),
        `worker: ${workerParts.join(', ')}`,
      );
      assert.equal((await fetch(`http://127.0.0.1:${web.port}/healthz`)).status, 200);
      await assert.rejects(fetch(`http://127.0.0.1:${worker.port}/healthz`), 'the worker opens no port');
    } finally {
      web.run.child.kill('SIGTERM');
      worker.run.child.kill('SIGTERM');
    }
    assert.equal(await web.run.exited, 0, web.run.stdout().slice(-2000));
    assert.equal(await worker.run.exited, 0, worker.run.stdout().slice(-2000));
  });
});
