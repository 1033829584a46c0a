import os from 'node:os';
import { Piscina } from 'piscina';
import { DependencyUnavailableError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { PageLayer, PdfInspection, RenderTask } from './pdf.worker.js';

/**
 * The worker threads that parse and render untrusted PDFs (piscina). A task that runs past
 * its time limit is aborted and its thread terminated: a PDF whose few hundred kilobytes
 * inflate to hundreds of megabytes of drawing commands costs one thread a few seconds.
 *
 * Tasks wait for a free thread in our own queue, so the time limit counts from when a task
 * starts, not from when it was queued: a member's ordinary PDF queued behind a few bombs is
 * read, not refused as too costly. A task that cannot start within the wait limit is refused
 * as "busy" (503, try again), never as a broken file.
 */

/** A PDF that could not be read within the limits; the caller decides what the member or clerk sees. */
export class PdfLimitError extends Error {
  constructor(readonly task: string) {
    super(`PDF ${task} exceeded its limits`);
    this.name = 'PdfLimitError';
  }
}

/** Pixels of one rendered page at most: A4 at 300 dpi is 8.7 M; larger pages are rendered at lower resolution. */
const MAX_RENDER_PIXELS = 12_000_000;

const settings: { timeLimitMs: number; logger?: Logger } = { timeLimitMs: 15_000 };
/** Reading a PDF's structure (pages, encryption) takes milliseconds; only a bomb needs longer. */
const INSPECT_TIME_LIMIT_MS = 5_000;
/** How long a task may wait for a thread before the caller is told to try again. */
const MAX_WAIT_MS = 20_000;
const THREADS = Math.max(1, Math.min(4, os.availableParallelism()));
let pool: Piscina | undefined;

/** Sets the time limit per task (config: `PDF_TIME_LIMIT_MS`) and where thread failures are logged. */
export function configurePdfPool(options: { timeLimitMs: number; logger: Logger }): void {
  Object.assign(settings, options);
}

/** Built, the worker is a .js file beside this one; from sources its thread starts through tsx. */
function workerOptions(): { filename: string; workerData?: { tsWorker: string } } {
  const fromSources = import.meta.url.endsWith('.ts');
  if (!fromSources) return { filename: new URL('./pdf.worker.js', import.meta.url).href };
  return {
    filename: new URL('./tsx-worker.mjs', import.meta.url).href,
    workerData: { tsWorker: new URL('./pdf.worker.ts', import.meta.url).href },
  };
}

function poolOf(): Piscina {
  if (pool) return pool;
  pool = new Piscina({
    ...workerOptions(),
    minThreads: 0,
    maxThreads: THREADS,
    idleTimeout: 30_000,
  });
  // A thread that dies outside a task is replaced; without a listener the event would end the process.
  pool.on('error', (err: unknown) => settings.logger?.error({ err }, 'PDF worker thread failed'));
  return pool;
}

/** Free threads, and the tasks waiting for one in the order they came. */
let running = 0;
const waiting: Array<() => void> = [];

function acquireThread(): Promise<void> {
  if (running < THREADS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const start = () => {
      clearTimeout(timer);
      running++;
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(start), 1);
      reject(new DependencyUnavailableError('pdf-workers', 'Gerade werden sehr viele PDF-Dateien geprüft. Bitte später erneut senden.'));
    }, MAX_WAIT_MS);
    waiting.push(start);
  });
}

function releaseThread(): void {
  running--;
  waiting.shift()?.();
}

async function run<T>(name: string, task: object, timeLimitMs = settings.timeLimitMs): Promise<T> {
  await acquireThread();
  try {
    return (await poolOf().run({ ...task, op: name }, { signal: AbortSignal.timeout(timeLimitMs) })) as T;
  } catch (err) {
    if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) throw new PdfLimitError(name);
    throw err;
  } finally {
    releaseThread();
  }
}

// The bytes are copied into the thread (not transferred): the caller keeps its buffer.
export const inspectPdf = (bytes: Buffer) =>
  run<PdfInspection>('inspect', { bytes }, Math.min(INSPECT_TIME_LIMIT_MS, settings.timeLimitMs));
export const pdfTexts = (bytes: Buffer) => run<PageLayer[]>('texts', { bytes });

export async function renderPdfPage(bytes: Buffer, index: number, dpi: number): Promise<Buffer | undefined> {
  const png = await run<Uint8Array | undefined>('render', { bytes, index, dpi, maxPixels: MAX_RENDER_PIXELS } satisfies RenderTask);
  return png && Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** Ends the threads (shutdown). */
export async function closePdfPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
