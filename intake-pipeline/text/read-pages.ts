import type { OcrEngine } from './ocr-engine.js';
import { inspectPdf, PdfLimitError, pdfTexts, renderPdfPage } from '../../platform/imaging/pdf-pool.js';

export interface PageText {
  page: number;
  text: string;
  /** 0–100; a text layer counts as 100. */
  confidence: number;
  source: 'text_layer' | 'ocr';
}

/** Resolution pages are rendered at for OCR: enough for 8-pt print, small enough to be quick. */
const RENDER_DPI = 200;
/** A page whose text layer has fewer letters than this is treated as scanned. */
const MIN_TEXT_LAYER_LETTERS = 20;
const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/**
 * The text of every page: a PDF's own text layer where it has one (no OCR needed), otherwise
 * the page rendered and read by tesseract; images are read directly.
 */
export async function readPages(bytes: Buffer, mediaType: string, ocr: OcrEngine): Promise<PageText[]> {
  if (mediaType !== 'application/pdf') {
    const { text, confidence } = await ocr.recognise(bytes);
    return [{ page: 1, text, confidence, source: 'ocr' }];
  }
  const layers = await textLayers(bytes);
  const pages: PageText[] = [];
  for (const [index, layer] of layers.entries()) {
    if (letters(layer) >= MIN_TEXT_LAYER_LETTERS) pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer' });
    else pages.push({ page: index + 1, ...(await recogniseRendered(bytes, index, ocr)), source: 'ocr' });
  }
  return pages;
}

/** Each page's text layer; a PDF whose text cannot be read within the limits counts as scanned. */
async function textLayers(bytes: Buffer): Promise<string[]> {
  try {
    return await pdfTexts(bytes);
  } catch (err) {
    if (!(err instanceof PdfLimitError)) throw err;
    const inspection = await inspectPdf(bytes);
    return Array.from({ length: inspection.ok ? inspection.pageCount : 0 }, () => '');
  }
}

/** A page too costly to render within the limits is left to the clerk: no text, confidence 0. */
async function recogniseRendered(bytes: Buffer, index: number, ocr: OcrEngine): Promise<{ text: string; confidence: number }> {
  const image = await renderPdfPage(bytes, index, RENDER_DPI).catch((err: unknown) => {
    if (err instanceof PdfLimitError) return undefined;
    throw err;
  });
  return image ? ocr.recognise(image) : { text: '', confidence: 0 };
}
