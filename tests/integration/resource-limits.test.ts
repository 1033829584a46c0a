import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { openImage } from '../../platform/imaging/limits.js';
import { configurePdfPool, PdfLimitError } from '../../platform/imaging/pdf-pool.js';
import { loadConfig } from '../../server/config/index.js';
import { ClamdClient } from '../../platform/scan/clamd.js';
import { checkDocument, DEFAULT_DOCUMENT_LIMITS, DocumentRefusedError } from '../../domain/submissions/document-check.js';
import { pageImage } from '../../staff-console/review/page-image.js';
import type { OcrEngine } from '../../intake-pipeline/text/ocr-engine.js';
import { readPages } from '../../intake-pipeline/text/read-pages.js';
import { makePdfPages, pdfBomb, pngBomb } from '../helpers/files.js';
import { testLogger } from '../helpers/log-scan.js';

/** How long the event loop was blocked at most (ms) while `work` ran. */
async function worstLoopDelay(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** Decompression bombs cost a bounded thread and time, never the event loop or unbounded memory. */
describe('resource limits for untrusted documents', () => {
  const scanner = new ClamdClient(loadConfig().clamd);
  const config = loadConfig();
  let bomb: Buffer;

  before(async () => {
    configurePdfPool({ timeLimitMs: 2000, logger: testLogger() });
    bomb = await pdfBomb(30e6);
  });
  after(() => configurePdfPool({ timeLimitMs: config.intake.pdfTimeLimitMs, logger: testLogger() }));

  it('refuses a 16000×16000 PNG from its header, as too many pixels, without decoding it', async () => {
    const png = await pngBomb(16000);
    assert.ok(png.length < 1_000_000, `bomb is ${png.length} bytes`);
    const before = process.memoryUsage().rss;
    await assert.rejects(
      checkDocument(png, DEFAULT_DOCUMENT_LIMITS, scanner),
      (err: unknown) => err instanceof DocumentRefusedError && err.reason === 'too_many_pixels',
    );
    assert.ok(process.memoryUsage().rss - before < 100e6, 'decoding would have cost over 256 MB');
    // Every other decode of untrusted images is held to the same limit.
    await assert.rejects(openImage(png).png().toBuffer(), /pixel limit/);
  });

  it('still takes a 48-megapixel phone photo (the limit is above what cameras make)', async () => {
    const photo = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#f4f4f0' } })
      .jpeg({ quality: 60 })
      .toBuffer();
    const checked = await checkDocument(photo, DEFAULT_DOCUMENT_LIMITS, scanner);
    assert.equal(checked.pageCount, 1);
  });

  it('renders a PDF bomb for the review screen off the event loop and gives up at the time limit', async () => {
    assert.ok(bomb.length < 200_000, `bomb is ${bomb.length} bytes`);
    let outcome: unknown;
    const started = Date.now();
    const worst = await worstLoopDelay(async () => {
      outcome = await pageImage(bomb, 'application/pdf', 1).catch((err: unknown) => err);
    });
    assert.ok(outcome instanceof PdfLimitError, `expected a PdfLimitError, got ${String(outcome)}`);
    assert.ok(Date.now() - started < 6000, `took ${Date.now() - started} ms`);
    assert.ok(worst < 250, `event loop blocked for ${worst} ms`);
    // The pool is still there for the next, harmless document.
    const image = await pageImage(await makePdfPages(1), 'application/pdf', 1);
    assert.ok(image && image.length > 1000);
  });

  it('gives a PDF queued behind bombs its whole time limit: waiting for a thread does not count', async () => {
    // More bombs than threads, each holding a thread for the whole (2 s) limit: the harmless
    // PDF waits about 4 s for a thread, longer than its own limit.
    const bombs = Array.from({ length: 4 }, () => pageImage(bomb, 'application/pdf', 1).catch((err: unknown) => err));
    const harmless = await checkDocument(await makePdfPages(2), DEFAULT_DOCUMENT_LIMITS, scanner);
    assert.equal(harmless.pageCount, 2);
    for (const outcome of await Promise.all(bombs)) assert.ok(outcome instanceof PdfLimitError, String(outcome));
  });

  it('leaves a page too costly to render to the clerk (no text) instead of failing the document', async () => {
    const ocr = { recognise: () => Promise.reject(new Error('OCR must not be reached')) } as unknown as OcrEngine;
    const pages = await readPages(bomb, 'application/pdf', ocr);
    assert.deepEqual(pages, [{ page: 1, text: '', confidence: 0, source: 'ocr', notes: [] }]);
  });

  it('accepts the bomb at upload (it is a valid PDF) without parsing its drawing on the event loop', async () => {
    const worst = await worstLoopDelay(async () =>
      assert.equal((await checkDocument(bomb, DEFAULT_DOCUMENT_LIMITS, scanner)).pageCount, 1),
    );
    assert.ok(worst < 250, `event loop blocked for ${worst} ms`);
  });
});
