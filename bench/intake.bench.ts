/**
 * `npm run bench:intake`: throughput and latency of the intake pipeline on scanned pages, next
 * to Debian's native `tesseract` CLI on the same pages as the baseline.
 *
 * Pages: the scanned documents of the synthetic corpus (var/corpus; `npm run corpus:generate`),
 * BENCH_ROUNDS times over (default 2). Text-layer PDFs are left out: they need no OCR.
 *
 * - Pipeline: the whole system (`--role all`, OCR_WORKERS = cores) as its own process, built
 *   (`dist/`, as production runs it), on a fresh PostgreSQL database; every page is uploaded at once through `POST /api/intake/submissions`
 *   and followed until it is routed or awaits review (virus scan, OCR, classification,
 *   assignment and routing included).
 * - Baseline: `tesseract <page> stdout -l deu`, one process per page, as many at a time as there
 *   are cores, each single-threaded (OMP_THREAD_LIMIT=1), all pages queued at the same moment;
 *   once with Debian's German model (tessdata_fast: a smaller, faster, less accurate network)
 *   and once with the model the pipeline uses (@tesseract.js-data/deu 4.0.0_best_int), so the
 *   engines are compared on the same data. The pipeline runs with both models as well
 *   (OCR_LANG_PATH).
 *
 * - Engine alone: the pipeline's OCR engine (tesseract.js, the same preparation of each page, as
 *   many workers as cores) in this process, all pages at once: what OCR costs without the rest of
 *   the pipeline (upload checks, virus scan, queue, database), to tell the two apart.
 *
 * All print pages per minute and p50/p95 time from "handed in" to "done". BENCH_NODE_ARGS passes
 * flags to the system's process (e.g. --cpu-prof).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuSeconds, percentile, pidsOf, ROOT, startSystem, type BenchSystem } from './bench-kit.js';
import { CORPUS_DIR, generateCorpus, type CorpusLabel } from './intake-corpus.js';
import { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { createLogger } from '../platform/logging/logger.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CORES = availableParallelism();
/** Debian's German model (package tesseract-ocr-deu: tessdata_fast). */
const DEBIAN_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

interface Figures {
  pages: number;
  seconds: number;
  latencies: number[];
  /** CPU seconds the run used on this machine (all processes involved). */
  cpu: number;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs `work` over the items with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** The pipeline's German model (from @tesseract.js-data/deu), unpacked for the native CLI. */
async function pipelineTessdata(): Promise<string> {
  const dir = path.join(tmpdir(), 'mk-bench-tessdata');
  await mkdir(dir, { recursive: true });
  const packed = createRequire(import.meta.url).resolve('@tesseract.js-data/deu/4.0.0_best_int/deu.traineddata.gz');
  await writeFile(path.join(dir, 'deu.traineddata'), gunzipSync(await readFile(packed)));
  return dir;
}

async function nativeTesseract(files: string[], tessdataDir?: string): Promise<Figures> {
  const model = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds([process.pid]);
  const started = performance.now();
  await pool(files, CORES, async (file) => {
    const result = await run('tesseract', [file, 'stdout', '-l', 'deu', ...model], { OMP_THREAD_LIMIT: '1' });
    if (result.code !== 0) throw new Error(`tesseract failed on ${file}: ${result.stderr}`);
    latencies.push(performance.now() - started);
  });
  return { pages: files.length, seconds: (performance.now() - started) / 1000, latencies, cpu: cpuSeconds([process.pid]) - cpuBefore };
}

async function engineAlone(files: string[], langPath?: string): Promise<Figures> {
  const engine = new OcrEngine(CORES, createLogger('warn'), langPath);
  try {
    await engine.warmUp();
    const images = await Promise.all(files.map((file) => readFile(file)));
    const latencies: number[] = [];
    const cpuBefore = cpuSeconds([process.pid]);
    const started = performance.now();
    await Promise.all(
      images.map(async (image) => {
        await engine.recognise(image);
        latencies.push(performance.now() - started);
      }),
    );
    return { pages: files.length, seconds: (performance.now() - started) / 1000, latencies, cpu: cpuSeconds([process.pid]) - cpuBefore };
  } finally {
    await engine.close();
  }
}

async function channelKey(system: BenchSystem): Promise<string> {
  const result = await run(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'channel:add', 'bench'], system.env);
  const key = /^(mkc_\S+)$/m.exec(result.stdout)?.[1];
  if (!key) throw new Error(`channel:add failed: ${result.stderr}`);
  return key;
}

async function pipeline(pages: Array<{ file: string; mediaType: string }>, langPath?: string): Promise<Figures> {
  const system = await startSystem(
    'all',
    {
      OCR_WORKERS: String(CORES),
      DIRECTLINE_SECRET: 'bench-directline-secret-0123456789abcdef',
      ...(langPath ? { OCR_LANG_PATH: langPath } : {}),
    },
    process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
    true,
  );
  try {
    const key = await channelKey(system);
    const auth = { Authorization: `Bearer ${key}` };
    const bodies = await Promise.all(
      pages.map(async (p) => ({ bytes: await readFile(p.file), name: path.basename(p.file), type: p.mediaType })),
    );
    // Hand-in times by tracking ID (wall clock); done times come from the database afterwards,
    // so following the documents costs the system nothing (no status polling over HTTP).
    const handedIn = new Map<string, number>();
    // The system's process with its threads, and the services it uses (their exited children included).
    const groups = {
      system: [system.pid],
      clamd: await pidsOf('clamd'),
      redis: await pidsOf('redis-server'),
      postgres: await pidsOf('postgres'),
    };
    const services = Object.values(groups).flat();
    const cpuBefore = cpuSeconds(services);
    const groupBefore = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, cpuSeconds(pids)]));
    const started = Date.now();
    await Promise.all(
      bodies.map(async (body) => {
        const form = new FormData();
        form.append('files', new Blob([body.bytes], { type: body.type }), body.name);
        const at = Date.now();
        const response = await fetch(`${system.base}/api/intake/submissions`, { method: 'POST', headers: auth, body: form });
        if (response.status !== 201) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
        handedIn.set(((await response.json()) as { trackingId: string }).trackingId, at);
      }),
    );
    uploadSeconds = (Date.now() - started) / 1000;
    const db = new pg.Client({ connectionString: system.databaseUrl });
    await db.connect();
    let done: Array<{ tracking_id: string; finished: Date }> = [];
    try {
      for (;;) {
        const result = await db.query<{ tracking_id: string; finished: Date; open: number }>(
          `select s.tracking_id, max(d.status_changed_at) as finished, count(*) filter (where d.status not in ('routed', 'awaiting_review', 'quarantined', 'rejected'))::int as open
             from submissions s join submission_documents d on d.submission_id = s.id group by s.tracking_id`,
        );
        if (result.rows.length === pages.length && result.rows.every((r) => r.open === 0)) {
          done = result.rows;
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      const stats = await db.query<{ xact_commit: string }>('select xact_commit from pg_stat_database where datname = current_database()');
      statements = Number(stats.rows[0]?.xact_commit ?? 0);
    } finally {
      await db.end();
    }
    const latencies = done.map((r) => r.finished.getTime() - handedIn.get(r.tracking_id)!);
    const seconds = (Math.max(...done.map((r) => r.finished.getTime())) - started) / 1000;
    const cpu = cpuSeconds(services) - cpuBefore;
    cpuByProcess = Object.entries(groups)
      .map(([name, pids]) => `${name} ${((1000 * (cpuSeconds(pids) - groupBefore[name]!)) / pages.length).toFixed(0)}`)
      .join(', ');
    stageBreakdown = stageMeans(await (await fetch(`${system.base}/metrics`)).text());
    return { pages: pages.length, seconds, latencies, cpu };
  } finally {
    await system.stop();
  }
}

let stageBreakdown = '';
/** CPU ms per page by process: where the CPU goes. */
let cpuByProcess = '';
let uploadSeconds = 0;
let statements = 0;

/** Mean time per stage run from the pipeline's own histogram: where the time goes. */
function stageMeans(metrics: string): string {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const m of metrics.matchAll(/^intake_stage_duration_seconds_(sum|count)\{stage="(\w+)",next="\w+"\} ([\d.e+-]+)$/gm)) {
    const entry = sums.get(m[2]!) ?? { sum: 0, count: 0 };
    if (m[1] === 'sum') entry.sum += Number(m[3]);
    else entry.count += Number(m[3]);
    sums.set(m[2]!, entry);
  }
  return [...sums].map(([stage, { sum, count }]) => `${stage} ${((1000 * sum) / Math.max(1, count)).toFixed(0)} ms`).join(', ');
}

function describePipelineRun(pages: number): void {
  console.log(
    `  └ all ${pages} uploads answered (201) after ${uploadSeconds.toFixed(1)} s; mean time per stage run: ${stageBreakdown}; ${statements} database transactions; CPU ms per page: ${cpuByProcess}`,
  );
}

function print(label: string, figures: Figures): void {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  const perMinute = (figures.pages / figures.seconds) * 60;
  console.log(
    `${label.padEnd(34)} ${String(figures.pages).padStart(5)} ${perMinute.toFixed(1).padStart(10)} ${(percentile(sorted, 50) / 1000).toFixed(1).padStart(8)} ${(percentile(sorted, 95) / 1000).toFixed(1).padStart(8)} ${((1000 * figures.cpu) / figures.pages).toFixed(0).padStart(12)}`,
  );
}

async function main() {
  const version = await run('tesseract', ['--list-langs']).catch(() => undefined);
  if (!version || !/\bdeu\b/.test(version.stdout + version.stderr)) {
    console.error("The native baseline needs Debian's tesseract with German data: bash scripts/setup.sh --bench");
    process.exit(1);
  }
  if (!existsSync(path.join(CORPUS_DIR, 'labels.json'))) await generateCorpus();
  const labels = JSON.parse(await readFile(path.join(CORPUS_DIR, 'labels.json'), 'utf8')) as CorpusLabel[];
  const scans = labels.filter((l) => l.variant === 'scan').map((l) => ({ file: path.join(CORPUS_DIR, l.file), mediaType: l.mediaType }));
  const pages = Array.from({ length: ROUNDS }, () => scans).flat();

  console.log(`${pages.length} scanned pages (${scans.length} distinct × ${ROUNDS}), ${CORES} cores`);
  console.log(
    `${'run'.padEnd(34)} ${'pages'.padStart(5)} ${'pages/min'.padStart(10)} ${'p50 s'.padStart(8)} ${'p95 s'.padStart(8)} ${'CPU ms/page'.padStart(12)}`,
  );
  console.log(
    '(times from hand-in to done, all pages handed in at once; CPU of every process involved, on a shared machine the steadier figure)',
  );
  const files = pages.map((p) => p.file);
  print(`native CLI, packaged model`, await nativeTesseract(files, await pipelineTessdata()));
  print(`OCR engine alone, packaged model`, await engineAlone(files));
  print(`pipeline, packaged model`, await pipeline(pages));
  describePipelineRun(pages.length);
  print(`native CLI, Debian's model`, await nativeTesseract(files));
  print(`OCR engine alone, Debian's model`, await engineAlone(files, DEBIAN_TESSDATA));
  print(`pipeline, Debian's model`, await pipeline(pages, DEBIAN_TESSDATA));
  describePipelineRun(pages.length);
}

await main();
