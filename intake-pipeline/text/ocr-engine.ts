import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, type Scheduler } from 'tesseract.js';
import type { Logger } from '../../core/logging/logger.js';

const require = createRequire(import.meta.url);
/** German LSTM data shipped in the npm package: nothing is downloaded at run time. */
const LANG_PATH = path.dirname(require.resolve('@tesseract.js-data/deu/4.0.0_best_int/deu.traineddata.gz'));
/** Longest side an image is scaled down to before OCR (A4 at 300 dpi). */
const MAX_SIDE_PX = 2480;

export interface OcrResult {
  text: string;
  /** tesseract's mean word confidence, 0–100. */
  confidence: number;
}

/**
 * tesseract.js with German data from `@tesseract.js-data/deu`, a scheduler over reused workers
 * (one per core by default). Started on first use, so processes that never OCR pay nothing.
 */
export class OcrEngine {
  private scheduler: Promise<Scheduler> | undefined;
  /** Pages recognised so far (observable in tests and metrics). */
  recognised = 0;

  constructor(
    private readonly workers: number,
    private readonly logger: Logger,
  ) {}

  private start(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      for (let i = 0; i < this.workers; i++) {
        const worker = await createWorker(['deu'], OEM.LSTM_ONLY, {
          langPath: LANG_PATH,
          gzip: true,
          cacheMethod: 'none',
          // Without it a worker failure is thrown where no caller can catch it and ends the process.
          errorHandler: (err: unknown) => this.logger.error({ err }, 'OCR worker error'),
        });
        scheduler.addWorker(worker);
      }
      this.logger.info({ workers: this.workers }, 'OCR workers started');
      return scheduler;
    })();
    return this.scheduler;
  }

  /** Upright (EXIF), grey, at most A4 at 300 dpi, contrast stretched: what tesseract reads best. */
  static normalise(image: Buffer): Promise<Buffer> {
    // The density tells tesseract the scale (phone photos and renders often carry none).
    return sharp(image).rotate().grayscale().resize({ width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true }).normalise().withMetadata({ density: 300 }).png().toBuffer();
  }

  async recognise(image: Buffer): Promise<OcrResult> {
    const scheduler = await this.start();
    const { data } = await scheduler.addJob('recognize', await OcrEngine.normalise(image));
    this.recognised++;
    return { text: data.text, confidence: data.confidence };
  }

  async close(): Promise<void> {
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    if (scheduler) await (await scheduler).terminate();
  }
}
