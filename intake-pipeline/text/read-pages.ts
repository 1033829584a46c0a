import type { OcrEngine, OcrResult } from './ocr-engine.js';
import { inspectPdf, PdfLimitError, pdfTexts, renderPdfPage } from '../../platform/imaging/pdf-pool.js';
import type { PageLayer } from '../../platform/imaging/pdf.worker.js';
import { foldForMatching } from '../../platform/text/fold-for-matching.js';

export interface PageText {
  page: number;
  text: string;
  /** 0–100; a text layer counts as 100. */
  confidence: number;
  source: 'text_layer' | 'ocr';
  /** What was done to read the page, for the clerk ("um 90° gedreht", "Textebene unbrauchbar"). */
  notes: string[];
}

/** Resolution pages are rendered at for OCR: enough for 8-pt print, small enough to be quick. */
const RENDER_DPI = 200;
/** A page whose text layer has fewer letters than this is treated as scanned. */
const MIN_TEXT_LAYER_LETTERS = 20;
const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/**
 * A text layer worth trusting reads like text: mostly Latin letters and digits, and words with
 * vowels. A broken font encoding ("ÕÖ×Ø", "!#$%&"), a layer of private-use glyphs or consonant
 * soup is not, and the page is read from its image instead.
 */
export function readableTextLayer(text: string): boolean {
  const visible = text.replace(/\s+/g, '');
  if (letters(text) < MIN_TEXT_LAYER_LETTERS) return false;
  const latin = (visible.match(/[A-Za-zÄÖÜäöüß0-9]/g) ?? []).length;
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const voiced = words.filter((w) => /[aeiouyäöü]/i.test(w)).length;
  return latin / visible.length >= 0.6 && words.length > 0 && voiced / words.length >= 0.6;
}

/**
 * The text of every page: a PDF's own text layer where it has one (no OCR needed), otherwise
 * the page rendered and read by tesseract; images are read directly.
 */
export async function readPages(bytes: Buffer, mediaType: string, ocr: OcrEngine): Promise<PageText[]> {
  if (mediaType !== 'application/pdf') return [{ page: 1, ...read(await ocr.recognise(bytes)) }];
  const layers = await textLayers(bytes);
  const pages: PageText[] = [];
  for (const [index, { text: layer, scanned }] of layers.entries()) {
    const readable = readableTextLayer(layer);
    if (readable && !scanned) {
      pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer', notes: [] });
      continue;
    }
    const page = read(await recogniseRendered(bytes, index, ocr));
    // A scan's searchable layer is kept only when it says what the image shows, words and numbers: a
    // layer from another document is not, nor one whose font lost the digits ("geb. !-.!!.$$").
    if (readable && sameWords(layer, page.text) && keepsTheNumbers(layer, page.text)) {
      pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer', notes: [] });
      continue;
    }
    if (readable) page.notes.unshift('Textebene passt nicht zum Seitenbild, per Texterkennung gelesen');
    // A layer with letters that do not read as text was there, but not trusted.
    else if (letters(layer) >= MIN_TEXT_LAYER_LETTERS) page.notes.unshift('Textebene unbrauchbar, per Texterkennung gelesen');
    pages.push({ page: index + 1, ...page });
  }
  return pages;
}

/** Each page's text layer; a PDF whose text cannot be read within the limits counts as scanned. */
async function textLayers(bytes: Buffer): Promise<PageLayer[]> {
  try {
    return await pdfTexts(bytes);
  } catch (err) {
    if (!(err instanceof PdfLimitError)) throw err;
    const inspection = await inspectPdf(bytes);
    return Array.from({ length: inspection.ok ? inspection.pageCount : 0 }, () => ({ text: '', scanned: true }));
  }
}

/** Words worth comparing: four letters or more, folded. */
const wordsOf = (text: string) =>
  new Set(
    foldForMatching(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4),
  );
/** Share of the words OCR read off the image that the text layer must hold for the two to be the same page. */
const SAME_PAGE_SHARE = 0.5;

/** Whether a text layer and the OCR of the page image say the same (OCR slips allowed for). */
export function sameWords(layer: string, ocrText: string): boolean {
  const seen = wordsOf(ocrText);
  if (seen.size === 0) return true;
  const inLayer = wordsOf(layer);
  const shared = [...seen].filter((w) => inLayer.has(w)).length;
  return shared / seen.size >= SAME_PAGE_SHARE;
}

/** Share of the digits OCR read off the image that the text layer must hold too. */
const DIGIT_SHARE = 0.5;
const digits = (text: string) => (text.match(/\d/g) ?? []).length;

/** Whether the text layer carries the page's numbers (dates, KVNR) as the image shows them. */
export function keepsTheNumbers(layer: string, ocrText: string): boolean {
  return digits(layer) >= DIGIT_SHARE * digits(ocrText);
}

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

function read({ text, confidence, rotation, skew, scale }: OcrResult): Omit<PageText, 'page'> {
  const notes = [
    ...(rotation === 0 ? [] : [`um ${rotation}° gedreht`]),
    ...(skew === 0 ? [] : [`um ${germanNumber.format(Math.abs(skew))}° begradigt`]),
    ...(scale === 1 ? [] : [`für kleine Schrift ${germanNumber.format(scale)}-fach vergrößert`]),
  ];
  return { text, confidence, source: 'ocr', notes };
}

/** A page too costly to render within the limits is left to the clerk: no text, confidence 0. */
async function recogniseRendered(bytes: Buffer, index: number, ocr: OcrEngine): Promise<OcrResult> {
  const image = await renderPdfPage(bytes, index, RENDER_DPI).catch((err: unknown) => {
    if (err instanceof PdfLimitError) return undefined;
    throw err;
  });
  return image ? ocr.recognise(image) : { text: '', confidence: 0, rotation: 0, skew: 0, scale: 1 };
}
