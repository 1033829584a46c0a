import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM, type RecognizeOptions, type Scheduler } from 'tesseract.js';
import { openImage } from '../../platform/imaging/limits.js';
import type { Logger } from '../../platform/logging/logger.js';
import { pageGeometry } from './page-geometry.js';

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
  /** Degrees the lines were tilted and straightened by (0: not needed). */
  skew: number;
  /** How much the page was enlarged for small print or a low-resolution fax (1: not). */
  scale: number;
}

/** A page ready for tesseract: grey pixels as PGM, and what was done to get there. */
export interface PreparedPage {
  pgm: Buffer;
  skew: number;
  scale: number;
}

/** Smaller tilts tesseract copes with itself; straightening them would only cost time. */
const MIN_SKEW_DEGREES = 1;
/**
 * Lines closer than MIN_LINE_PITCH_PX mean small print or a fax at 100–150 dpi: the page is
 * enlarged until they lie TARGET_LINE_PITCH_PX apart (as 10-pt print does at 300 dpi), at most 3×.
 */
const MIN_LINE_PITCH_PX = 36;
const TARGET_LINE_PITCH_PX = 50;
const MAX_ENLARGEMENT = 3;

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
        // A page is read as one block of text (the API's default, unlike the CLI's layout analysis):
        // on the team's corpora it keeps a label and its value on one line more often. See `readLayout`.
        await worker.setParameters({ user_defined_dpi: '300', tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
        scheduler.addWorker(worker);
      }
      this.logger.info({ workers: this.workers }, 'OCR workers started');
      return scheduler;
    })();
    return this.scheduler;
  }

  /**
   * Every image upright (EXIF and `rotation`), grey, at most A4 at 300 dpi, its lines straightened
   * and small print enlarged before tesseract reads it. Handed over as PGM (raw grey pixels behind
   * a short header): no compression to spend time on, and leptonica reads it directly. No contrast
   * stretch: tesseract binarises each page itself, and the stretch cost more than it gained.
   */
  static async prepare(image: Buffer, rotation: Rotation = 0, maxSide = MAX_SIDE_PX, enlarge = true): Promise<PreparedPage> {
    const grey = await openImage(image)
      .autoOrient()
      .rotate(rotation)
      // Transparent parts (screenshots, some PNG scans) become paper white, not black.
      .flatten({ background: '#ffffff' })
      .grayscale()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (grey.info.channels !== 1) throw new Error(`expected one grey channel, got ${grey.info.channels}`);
    const { skew, linePitch } = pageGeometry({ data: grey.data, width: grey.info.width, height: grey.info.height });
    const straighten = Math.abs(skew) >= MIN_SKEW_DEGREES;
    const scale = enlarge && linePitch && linePitch < MIN_LINE_PITCH_PX ? Math.min(MAX_ENLARGEMENT, TARGET_LINE_PITCH_PX / linePitch) : 1;
    if (!straighten && scale === 1) return { pgm: toPgm(grey.data, grey.info.width, grey.info.height), skew: 0, scale };
    let page = sharp(grey.data, { raw: { width: grey.info.width, height: grey.info.height, channels: 1 } });
    if (straighten) page = page.rotate(-skew, { background: '#ffffff' });
    if (scale > 1) page = page.resize({ width: Math.round(grey.info.width * scale), kernel: 'lanczos3' });
    const { data, info } = await page.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    return { pgm: toPgm(data, info.width, info.height), skew: straighten ? skew : 0, scale: Math.round(scale * 10) / 10 };
  }

  /**
   * The page's text. A page that reads badly upright is probed small in all four ways; if one
   * reads clearly better, the page is read again turned that way (phone photos on their side,
   * faxes fed upside down).
   */
  async recognise(image: Buffer): Promise<OcrResult> {
    this.recognised++;
    const upright = await this.readPrepared(image, 0);
    if (upright.confidence >= UPRIGHT_CONFIDENCE) return upright;
    const rotation = await this.wayUp(image);
    if (rotation === 0) return upright;
    const turned = await this.readPrepared(image, rotation);
    return turned.confidence > upright.confidence ? turned : upright;
  }

  /**
   * The page read again, turned as `recognise` found it, with tesseract's own layout analysis: a
   * form whose values stand in boxes (an employer's DEÜV report) loses them when read as one block.
   */
  async readLayout(image: Buffer, rotation: Rotation): Promise<OcrResult> {
    this.recognised++;
    return this.readPrepared(image, rotation, PSM.AUTO);
  }

  private async readPrepared(image: Buffer, rotation: Rotation, layout = PSM.SINGLE_BLOCK): Promise<OcrResult> {
    const { pgm, skew, scale } = await OcrEngine.prepare(image, rotation);
    return { ...(await this.read(pgm, layout)), rotation, skew, scale };
  }

  /** Which way up the page reads best, from four small renders. */
  private async wayUp(image: Buffer): Promise<Rotation> {
    const probes = await Promise.all(
      ROTATIONS.map(async (rotation) => ({
        rotation,
        ...(await this.read((await OcrEngine.prepare(image, rotation, PROBE_SIDE_PX, false)).pgm)),
      })),
    );
    // Confidence counts only where there is text to be confident about.
    const score = (p: { text: string; confidence: number }) => p.confidence * Math.min(1, (p.text.match(/\p{L}/gu) ?? []).length / 40);
    const [upright, ...turned] = probes;
    const best = turned.reduce((a, b) => (score(b) > score(a) ? b : a));
    return score(best) > score(upright!) + ROTATION_MARGIN ? best.rotation : 0;
  }

  private async read(pgm: Buffer, layout = PSM.SINGLE_BLOCK): Promise<{ text: string; confidence: number }> {
    const scheduler = await this.warmUp();
    // tesseract.js passes other options through as tesseract parameters for this one job; its types do not say so.
    const options = layout === PSM.SINGLE_BLOCK ? {} : ({ tessedit_pageseg_mode: layout } as unknown as Partial<RecognizeOptions>);
    const { data } = await scheduler.addJob('recognize', pgm, options);
    return { text: data.text, confidence: data.confidence };
  }

  async close(): Promise<void> {
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    if (scheduler) await (await scheduler).terminate();
  }
}

function toPgm(data: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii'), data]);
}
