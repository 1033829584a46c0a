import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, OEM, type Scheduler } from 'tesseract.js';
import { openImage } from '../../platform/imaging/limits.js';
import type { Logger } from '../../platform/logging/logger.js';

const require = createRequire(import.meta.url);
/** German LSTM data shipped in the npm package (gzipped): nothing is downloaded at run time. */
const PACKAGED_LANG_PATH = path.dirname(require.resolve('@tesseract.js-data/deu/4.0.0_best_int/deu.traineddata.gz'));
/** Longest side an image is scaled down to before OCR (A4 at 300 dpi). */
const MAX_SIDE_PX = 2480;

export type Rotation = 0 | 90 | 180 | 270;
const ROTATIONS: Rotation[] = [0, 90, 180, 270];

export interface OcrResult {
  text: string;
  /** tesseract's mean word confidence, 0–100. */
  confidence: number;
  /** How far the page was turned (clockwise) to be read: a photo on its side, a fax upside down. */
  rotation: Rotation;
}

/** Below this confidence a page may be on its side or upside down: the other three ways are tried. */
const UPRIGHT_CONFIDENCE = 60;
/** Longest side of the small renders that decide which way is up (quick to read, enough to tell). */
const PROBE_SIDE_PX = 1100;
/** How much better a turned probe must read to be believed. */
const ROTATION_MARGIN = 10;

/**
 * tesseract.js with German data from `@tesseract.js-data/deu`, a scheduler over reused workers
 * (one per core by default). Started by `warmUp` or on first use, so processes that never OCR pay nothing.
 */
export class OcrEngine {
  private scheduler: Promise<Scheduler> | undefined;
  /** Pages recognised so far (observable in tests and metrics). */
  recognised = 0;

  /**
   * @param langPath a folder with an uncompressed deu.traineddata to use instead of the packaged
   *   model, e.g. Debian's /usr/share/tesseract-ocr/5/tessdata (tessdata_fast: faster, less exact)
   */
  constructor(
    private readonly workers: number,
    private readonly logger: Logger,
    private readonly langPath?: string,
  ) {}

  /** Starts the workers (all at once) unless running; worker processes call it at start so the first page waits for nothing. */
  warmUp(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      const workers = await Promise.all(
        Array.from({ length: this.workers }, () =>
          createWorker(['deu'], OEM.LSTM_ONLY, {
            langPath: this.langPath ?? PACKAGED_LANG_PATH,
            gzip: !this.langPath,
            cacheMethod: 'none',
            // Without it a worker failure is thrown where no caller can catch it and ends the process.
            errorHandler: (err: unknown) => this.logger.error({ err }, 'OCR worker error'),
          }),
        ),
      );
      for (const worker of workers) {
        // Phone photos and renders rarely state their resolution; A4 scans are read as 300 dpi.
        await worker.setParameters({ user_defined_dpi: '300' });
        scheduler.addWorker(worker);
      }
      this.logger.info({ workers: this.workers }, 'OCR workers started');
      return scheduler;
    })();
    return this.scheduler;
  }

  /**
   * Every image upright (EXIF), grey and at most A4 at 300 dpi before tesseract reads it. Handed
   * over as PGM (raw grey pixels behind a short header): no compression to spend time on, and
   * leptonica reads it directly. The resolution is a worker parameter (300 dpi). No contrast
   * stretch: tesseract binarises each page itself, and the stretch cost more than it gained.
   */
  static async normalise(image: Buffer, rotation: Rotation = 0, maxSide = MAX_SIDE_PX): Promise<Buffer> {
    const { data, info } = await openImage(image)
      .autoOrient()
      .rotate(rotation)
      // Transparent parts (screenshots, some PNG scans) become paper white, not black.
      .flatten({ background: '#ffffff' })
      .grayscale()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
    return Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii'), data]);
  }

  /**
   * The page's text. A page that reads badly upright is probed small in all four ways; if one
   * reads clearly better, the page is read again turned that way (phone photos on their side,
   * faxes fed upside down).
   */
  async recognise(image: Buffer): Promise<OcrResult> {
    this.recognised++;
    const upright = await this.read(await OcrEngine.normalise(image));
    if (upright.confidence >= UPRIGHT_CONFIDENCE) return { ...upright, rotation: 0 };
    const rotation = await this.wayUp(image);
    if (rotation === 0) return { ...upright, rotation: 0 };
    const turned = await this.read(await OcrEngine.normalise(image, rotation));
    return turned.confidence > upright.confidence ? { ...turned, rotation } : { ...upright, rotation: 0 };
  }

  /** Which way up the page reads best, from four small renders. */
  private async wayUp(image: Buffer): Promise<Rotation> {
    const probes = await Promise.all(
      ROTATIONS.map(async (rotation) => ({ rotation, ...(await this.read(await OcrEngine.normalise(image, rotation, PROBE_SIDE_PX))) })),
    );
    // Confidence counts only where there is text to be confident about.
    const score = (p: { text: string; confidence: number }) => p.confidence * Math.min(1, (p.text.match(/\p{L}/gu) ?? []).length / 40);
    const [upright, ...turned] = probes;
    const best = turned.reduce((a, b) => (score(b) > score(a) ? b : a));
    return score(best) > score(upright!) + ROTATION_MARGIN ? best.rotation : 0;
  }

  private async read(pgm: Buffer): Promise<{ text: string; confidence: number }> {
    const scheduler = await this.warmUp();
    const { data } = await scheduler.addJob('recognize', pgm);
    return { text: data.text, confidence: data.confidence };
  }

  async close(): Promise<void> {
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    if (scheduler) await (await scheduler).terminate();
  }
}
