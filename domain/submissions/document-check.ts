import { exceedsPixelLimit, openImage } from '../../platform/imaging/limits.js';
import { inspectPdf, PdfLimitError } from '../../platform/imaging/pdf-pool.js';
import type { ClamdClient } from '../../platform/scan/clamd.js';
import { detectAcceptedType, type AcceptedMediaType } from '../../platform/storage/accepted-types.js';

/** The insurer's upload rules: at most 15 pages per submission, each at most 800 kB. */
export interface DocumentLimits {
  maxPages: number;
  maxPageBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxPages: 15, maxPageBytes: 800 * 1024 };

export type RefusalReason = 'unsupported_type' | 'damaged' | 'encrypted_pdf' | 'page_too_large' | 'too_many_pixels' | 'infected';

export class DocumentRefusedError extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`Document refused: ${reason}`);
  }
}

export interface CheckedDocument {
  bytes: Buffer;
  mediaType: AcceptedMediaType;
  pageCount: number;
  /** True when a photo was made smaller to fit the page limit. */
  downscaled: boolean;
}

/** Side of the thumbnail an image is decoded into to prove it is whole (see readImage). */
const DECODE_CHECK_SIDE_PX = 64;

/** Longest side of a downscaled photo: an A4 page at 300 dpi stays readable for OCR and clerks. */
const MAX_SIDE_PX = 2480;

/**
 * Checks one uploaded file against the upload rules, from its bytes: type, damage, encryption,
 * size per page, viruses. A photo over the page limit is made smaller instead of refused.
 */
export async function checkDocument(bytes: Buffer, limits: DocumentLimits, scanner: Pick<ClamdClient, 'scan'>): Promise<CheckedDocument> {
  // Scanned first: malware is reported as such whatever its disguise.
  if ((await scanner.scan(bytes)).infected) throw new DocumentRefusedError('infected');
  const mediaType = await detectAcceptedType(bytes.subarray(0, 4100));
  if (!mediaType) throw new DocumentRefusedError('unsupported_type');
  if (mediaType === 'application/pdf') {
    const pageCount = await countPdfPages(bytes);
    // Pages share fonts and images in a PDF, so the limit applies to the average page.
    if (bytes.length > pageCount * limits.maxPageBytes) throw new DocumentRefusedError('page_too_large');
    return { bytes, mediaType, pageCount, downscaled: false };
  }
  await readImage(bytes);
  if (bytes.length <= limits.maxPageBytes) return { bytes, mediaType, pageCount: 1, downscaled: false };
  return { bytes: await shrinkPhoto(bytes, limits.maxPageBytes), mediaType: 'image/jpeg', pageCount: 1, downscaled: true };
}

/** Parsed in the PDF pool's threads: a hostile PDF costs a thread its time limit, not the event loop. */
async function countPdfPages(bytes: Buffer): Promise<number> {
  const inspection = await inspectPdf(bytes).catch((err: unknown) => {
    if (err instanceof PdfLimitError) throw new DocumentRefusedError('damaged');
    throw err;
  });
  if (!inspection.ok) throw new DocumentRefusedError(inspection.reason);
  return inspection.pageCount;
}

async function readImage(bytes: Buffer): Promise<void> {
  // From the header alone: an image of too many pixels is refused before anything is decoded.
  if (await exceedsPixelLimit(bytes).catch(() => false)) throw new DocumentRefusedError('too_many_pixels');
  try {
    const { width, height } = await openImage(bytes).metadata();
    if (!width || !height) throw new Error('no dimensions');
    // Decoding every pixel finds truncated and corrupt files that the header alone does not reveal.
    // Into a thumbnail, the cheapest full decode: stats() decoded the image three times over (mean,
    // entropy, sharpness), 434 ms of CPU for a 12-megapixel photo against 57 ms.
    await openImage(bytes)
      .resize({ width: DECODE_CHECK_SIDE_PX, height: DECODE_CHECK_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer();
  } catch {
    throw new DocumentRefusedError('damaged');
  }
}

/** A smaller JPEG: the pixel count is cut in proportion to how far the last try was over the limit. */
async function shrinkPhoto(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  const { width = MAX_SIDE_PX, height = MAX_SIDE_PX } = await openImage(bytes).metadata();
  let side = Math.min(MAX_SIDE_PX, Math.max(width, height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const out = await openImage(bytes)
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
    if (out.length <= maxBytes) return out;
    side = Math.floor(side * Math.sqrt(maxBytes / out.length) * 0.95);
  }
  throw new DocumentRefusedError('page_too_large');
}
