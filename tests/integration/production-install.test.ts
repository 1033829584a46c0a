import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { childEnv, waitUntil } from '../helpers/processes.js';
import { freePort } from '../helpers/server.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { makePdf } from '../helpers/files.js';
import { suiteLogScan } from '../helpers/log-scan.js';

/** The runtime stage's `COPY --from=build <source> <target>` lines, as the Dockerfile says them. */
function runtimeCopies(dockerfile: string): Array<{ from: string; to: string }> {
  return dockerfile
    .split('\n')
    .map((line) => /^COPY --from=build \/app\/(\S+) (\S+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ from: m[1]!, to: m[2]! }));
}

/**
 * What the Docker image does, without Docker: build, prune to the production dependencies,
 * keep only what the Dockerfile's runtime stage copies, and start the program from there.
 */
describe('the production install (as the Dockerfile makes it)', function () {
  this.timeout(240_000);
  let stage: string;
  let image: string;

  before(() => {
    stage = mkdtempSync(path.join(tmpdir(), 'mk-build-'));
    image = mkdtempSync(path.join(tmpdir(), 'mk-image-'));
  });
  after(() => {
    rmSync(stage, { recursive: true, force: true });
    rmSync(image, { recursive: true, force: true });
  });

  it('starts from the production dependencies and the copied files only, is ready and serves the console', async () => {
    // Build stage: the sources, compiled; node_modules linked in (hard links: pruning the copy leaves ours alone).
    for (const entry of ['package.json', 'package-lock.json']) cpSync(path.join(projectRoot, entry), path.join(stage, entry));
    execFileSync('cp', ['-al', path.join(projectRoot, 'node_modules'), path.join(stage, 'node_modules')]);
    execFileSync(
      process.execPath,
      [
        path.join(projectRoot, 'node_modules/typescript/bin/tsc'),
        '-p',
        path.join(projectRoot, 'tsconfig.build.json'),
        '--outDir',
        path.join(stage, 'dist'),
      ],
      { cwd: projectRoot, stdio: 'pipe' },
    );
    execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/build-console.ts'), path.join(stage, 'dist')], {
      cwd: projectRoot,
      stdio: 'pipe',
    });
    for (const { from } of runtimeCopies(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))) {
      if (from === 'node_modules' || from === 'dist' || from === 'package.json') continue;
      cpSync(path.join(projectRoot, from), path.join(stage, from), { recursive: true });
    }
    execFileSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: stage, stdio: 'pipe' });
    assert.ok(!existsSync(path.join(stage, 'node_modules', 'mocha')), 'dev dependencies are gone');

    // Runtime stage: exactly what the Dockerfile copies.
    for (const { from, to } of runtimeCopies(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))) {
      const target = path.join(image, to === './' ? path.basename(from) : to);
      mkdirSync(path.dirname(target), { recursive: true });
      // Hard links again: a gigabyte of modules need not be copied byte by byte for a test.
      execFileSync('cp', ['-al', path.join(stage, from), target]);
    }

    const port = await freePort();
    const server = spawn(process.execPath, ['dist/server/main.js', '--role', 'all'], {
      cwd: image,
      env: childEnv({
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: sharedDatabase.url,
        REDIS_PREFIX: `mkprod${port}`,
        DIRECTLINE_SECRET: 'production-install-test-secret-0123456789',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        CLAMD_HOST: '127.0.0.1',
        CLAMD_PORT: process.env.TEST_CLAMD_PORT ?? '3310',
        OCR_WORKERS: '1',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    let output = '';
    server.stdout.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await waitUntil(
        async () => gone || (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5000) })).status === 200,
        90_000,
        'readiness',
      ).catch((err: Error) => {
        throw new Error(`${err.message}; output: ${output.slice(-3000)}`);
      });
      assert.equal(gone, false, `the program exited: ${output.slice(-3000)}`);
      const page = await fetch(`http://127.0.0.1:${port}/console/`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(page.status, 200);
      const bundle = await fetch(`http://127.0.0.1:${port}/console/app.js`, { signal: AbortSignal.timeout(60_000) });
      assert.equal(bundle.status, 200, output.slice(-2000));
      assert.ok((await bundle.text()).length > 10_000, 'the console bundle is built');
      assert.ok(
        !existsSync(path.join(image, 'staff-console')) && !existsSync(path.join(image, 'node_modules', 'esbuild')),
        'served from dist/, without sources or esbuild',
      );
      assert.equal((await fetch(`http://127.0.0.1:${port}/widget/loader.js`)).status, 200);
      // The PDF worker threads start from the compiled worker file the image holds.
      const script =
        "const pool = await import('./dist/platform/imaging/pdf-pool.js'); console.log(JSON.stringify(await pool.inspectPdf(Buffer.from(process.argv[1], 'base64')))); await pool.closePdfPool();";
      const inspected = execFileSync(process.execPath, ['--input-type=module', '-e', script, makePdf().toString('base64')], {
        cwd: image,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.deepEqual(JSON.parse(inspected), { ok: true, pageCount: 1 });
      // The knowledge check thread starts from its compiled file, with the evaluation sets the image holds.
      const knowledgeScript = [
        "const { KnowledgeService } = await import('./dist/knowledge/knowledge-base.js');",
        "const { KnowledgeEditor } = await import('./dist/knowledge/knowledge-editor.js');",
        'const logger = { info() {}, warn() {}, error() {} };',
        "const knowledge = await KnowledgeService.open('knowledge', logger, { watch: false });",
        'const editor = new KnowledgeEditor(knowledge, {}, {}, logger);',
        "const e = knowledge.entry('contact_hours');",
        "const { effect } = await editor.preview('contact_hours', { question: e.question, phrasings: e.phrasings, english: e.english, followUps: e.followUps, action: e.action ?? null, answer: e.answer }, 'edit');",
        'console.log(JSON.stringify(effect.before)); await editor.close(); knowledge.close();',
      ].join('\n');
      const measured = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', knowledgeScript], { cwd: image, encoding: 'utf8', timeout: 120_000 }),
      ) as { questions: number; correctRate: number };
      assert.ok(measured.questions > 1000 && measured.correctRate > 0.5, JSON.stringify(measured));
    } finally {
      server.kill('SIGTERM');
      await exited;
      suiteLogScan.scan(output, 'production install');
    }
  });
});
