import type { OcrEngine } from './ocr-engine.js';
import { PdfPages } from './pdf-pages.js';

export interface PageText {
  page: number;
  text: string;
  /** 0–100; a text layer counts as 100. */
  confidence: number;
  source: 'text_layer' | 'ocr';
}

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
  const pdf = await PdfPages.open(bytes);
  try {
    const pages: PageText[] = [];
    for (let index = 0; index < pdf.count; index++) {
      const layer = pdf.text(index);
      if (letters(layer) >= MIN_TEXT_LAYER_LETTERS) pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer' });
      else pages.push({ page: index + 1, ...(await ocr.recognise(pdf.render(index))), source: 'ocr' });
    }
    return pages;
  } finally {
    pdf.close();
  }
}
