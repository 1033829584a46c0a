import type { OcrEngine, OcrResult } from './ocr-engine.js';
import { inspectPdf, PdfLimitError, pdfTexts, renderPdfPage } from '../../platform/imaging/pdf-pool.js';
import type { PageLayer } from '../../platform/imaging/pdf.worker.js';
import { foldForMatching } from '../../platform/text/fold-for-matching.js';
import { kvnrValueLost } from '../../domain/documents/kvnr-candidates.js';

export interface PageText {
  page: number;
  text: string;
  /** 0–100; a text layer counts as 100. */
  confidence: number;
  source: 'text_layer' | 'ocr';
  /** What was done to read the page, for the clerk ("um 90° gedreht", "Textebene unbrauchbar"). */
  notes: string[];
}

/** Said to the clerk about a page read a second time (see alsoByLayout). */
export const SECOND_READING_NOTE = 'KVNR-Feld ohne lesbare Nummer: zusätzlich mit Layoutanalyse gelesen';
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
  if (mediaType !== 'application/pdf') return [{ page: 1, ...(await readImage(bytes, ocr)) }];
  const layers = await textLayers(bytes);
  const pages: PageText[] = [];
  for (const [index, { text: layer, scanned }] of layers.entries()) {
    const readable = readableTextLayer(layer);
    if (readable && !scanned) {
      pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer', notes: [] });
      continue;
    }
    const image = await renderedPage(bytes, index);
    const first = image ? await ocr.recognise(image) : NOTHING_READ;
    // A scan's searchable layer is kept only when it says what the image shows, words and numbers: a
    // layer from another document is not, nor one whose font lost the digits ("geb. !-.!!.$$").
    if (readable && sameWords(layer, first.text) && keepsTheNumbers(layer, first.text)) {
      pages.push({ page: index + 1, text: layer, confidence: 100, source: 'text_layer', notes: [] });
      continue;
    }
    const page = image ? await alsoByLayout(image, first, ocr) : read(first);
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
const NOTHING_READ: OcrResult = { text: '', confidence: 0, rotation: 0, skew: 0, scale: 1 };

async function renderedPage(bytes: Buffer, index: number): Promise<Buffer | undefined> {
  return renderPdfPage(bytes, index, RENDER_DPI).catch((err: unknown) => {
    if (err instanceof PdfLimitError) return undefined;
    throw err;
  });
}

/** An image page: see alsoByLayout. */
async function readImage(image: Buffer, ocr: OcrEngine): Promise<Omit<PageText, 'page'>> {
  return alsoByLayout(image, await ocr.recognise(image), ocr);
}

/**
 * A page image as OCR read it as one block of text (`first`). One where a KVNR label was read but no
 * number like a KVNR is read a second time with tesseract's layout analysis, and both readings are
 * kept: a form's values in boxes (an employer's DEÜV report) come out only in the second, a label
 * and its value on one line more often in the first. On the hard development corpus: 93.9 %
 * assigned automatically with the first reading alone, 92.2 % with the second alone, 94.9 % with
 * the second where the KVNR's value was lost (33 of about 430 OCR pages), 95.9 % with both on every page
 * without a KVNR (a second reading for a third of all pages).
 */
async function alsoByLayout(image: Buffer, first: OcrResult, ocr: OcrEngine): Promise<Omit<PageText, 'page'>> {
  const page = read(first);
  if (!kvnrValueLost(first.text)) return page;
  const byLayout = await ocr.readLayout(image, first.rotation);
  return { ...page, text: `${first.text}\n${byLayout.text}`, notes: [...page.notes, SECOND_READING_NOTE] };
}
