import sharp from 'sharp';
import { PdfPages } from '../text/pdf-pages.js';

/** Clerks read pages on screen: about 100 dpi for PDFs, photos no wider than this. */
const DISPLAY_DPI = 100;
const DISPLAY_WIDTH = 1400;

/**
 * One page of a stored document as a PNG for the review screen, or undefined when the
 * document has no such page. Photos are turned upright by their EXIF orientation.
 */
export async function pageImage(bytes: Buffer, mediaType: string, page: number): Promise<Buffer | undefined> {
  if (mediaType !== 'application/pdf') {
    if (page !== 1) return undefined;
    return sharp(bytes).rotate().resize({ width: DISPLAY_WIDTH, withoutEnlargement: true }).png().toBuffer();
  }
  const pdf = await PdfPages.open(bytes);
  try {
    return page <= pdf.count ? pdf.render(page - 1, DISPLAY_DPI) : undefined;
  } finally {
    pdf.close();
  }
}
