import os from 'node:os';
import { Piscina } from 'piscina';
import type { Logger } from '../logging/logger.js';
import type { PdfInspection, RenderTask } from './pdf.worker.js';

/**
 * The worker threads that parse and render untrusted PDFs (piscina). A task that runs past
 * its time limit is aborted and its thread terminated: a PDF whose few hundred kilobytes
 * inflate to hundreds of megabytes of drawing commands costs one thread a few seconds.
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
    maxThreads: Math.max(1, Math.min(4, os.availableParallelism())),
    idleTimeout: 30_000,
  });
  // A thread that dies outside a task is replaced; without a listener the event would end the process.
  pool.on('error', (err: unknown) => settings.logger?.error({ err }, 'PDF worker thread failed'));
  return pool;
}

async function run<T>(name: string, task: object): Promise<T> {
  try {
    return (await poolOf().run({ ...task, op: name }, { signal: AbortSignal.timeout(settings.timeLimitMs) })) as T;
  } catch (err) {
    if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) throw new PdfLimitError(name);
    throw err;
  }
}

// The bytes are copied into the thread (not transferred): the caller keeps its buffer.
export const inspectPdf = (bytes: Buffer) => run<PdfInspection>('inspect', { bytes });
export const pdfTexts = (bytes: Buffer) => run<string[]>('texts', { bytes });

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
