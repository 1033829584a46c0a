import { openImage } from '../../platform/imaging/limits.js';
import { renderPdfPage } from '../../platform/imaging/pdf-pool.js';

/** Clerks read pages on screen: about 100 dpi for PDFs, photos no wider than this. */
const DISPLAY_DPI = 100;
const DISPLAY_WIDTH = 1400;

/**
 * One page of a stored document as a PNG for the review screen, or undefined when the
 * document has no such page. Photos are turned upright by their EXIF orientation. Both are
 * decoded within limits, PDFs in the PDF pool's threads (a `PdfLimitError` when a page is too costly).
 */
export async function pageImage(bytes: Buffer, mediaType: string, page: number): Promise<Buffer | undefined> {
  if (mediaType !== 'application/pdf') {
    if (page !== 1) return undefined;
    return openImage(bytes).rotate().resize({ width: DISPLAY_WIDTH, withoutEnlargement: true }).png().toBuffer();
  }
  return renderPdfPage(bytes, page - 1, DISPLAY_DPI);
}
