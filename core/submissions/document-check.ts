import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { ClamdClient } from '../scan/clamd.js';
import { detectAcceptedType, type AcceptedMediaType } from '../storage/accepted-types.js';

/** The insurer's upload rules: at most 15 pages per submission, each at most 800 kB. */
export interface DocumentLimits {
  maxPages: number;
  maxPageBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxPages: 15, maxPageBytes: 800 * 1024 };

export type RefusalReason = 'unsupported_type' | 'damaged' | 'encrypted_pdf' | 'page_too_large' | 'infected';

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

async function countPdfPages(bytes: Buffer): Promise<number> {
  // An encrypted PDF names its /Encrypt dictionary in the trailer; pdf-lib confirms it.
  if (bytes.includes('/Encrypt') && (await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }).catch(() => undefined))?.isEncrypted) {
    throw new DocumentRefusedError('encrypted_pdf');
  }
  let pages: number;
  try {
    // Strict parsing finds broken objects that a lenient reader would skip.
    pages = (await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false })).getPageCount();
  } catch {
    throw new DocumentRefusedError('damaged');
  }
  if (pages < 1) throw new DocumentRefusedError('damaged');
  return pages;
}

async function readImage(bytes: Buffer): Promise<void> {
  try {
    const { width, height } = await sharp(bytes).metadata();
    if (!width || !height) throw new Error('no dimensions');
    // Decoding the pixels finds truncated files that the header alone does not reveal.
    await sharp(bytes).stats();
  } catch {
    throw new DocumentRefusedError('damaged');
  }
}

/** A smaller JPEG: the pixel count is cut in proportion to how far the last try was over the limit. */
async function shrinkPhoto(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  const { width = MAX_SIDE_PX, height = MAX_SIDE_PX } = await sharp(bytes).metadata();
  let side = Math.min(MAX_SIDE_PX, Math.max(width, height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const out = await sharp(bytes).rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    if (out.length <= maxBytes) return out;
    side = Math.floor(side * Math.sqrt(maxBytes / out.length) * 0.95);
  }
  throw new DocumentRefusedError('page_too_large');
}
