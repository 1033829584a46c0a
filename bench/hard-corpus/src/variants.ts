// One function per rendering variant: page models in, file bytes + notes out.
import sharp from 'sharp';
import { PDFDocument, StandardFonts, rgb, pushGraphicsState, popGraphicsState, setTextRenderingMode, TextRenderingMode } from 'pdf-lib';
import type { Page } from './page.js';
import type { Theme } from './fonts.js';
import { STD_THEME } from './fonts.js';
import type { Rng } from './prng.js';
import { drawPage, PdfFonts, isWinAnsi } from './render/pdf.js';
import { renderRaw, scanNoise, toSharp, scannerImage, phonePhoto, faxImage, jpegUnder } from './render/raster.js';
import { dmy, phone, phoneIntl } from './fmt.js';

export const VARIANTS = [
  'text_pdf',
  'clean_png',
  'noisy_jpeg',
  'scanned_pdf',
  'phone_photo',
  'rotated',
  'exif_rotated',
  'fax',
  'multipage_pdf',
  'bad_text_layer',
  'transparent_png',
  'family_two_kvnr',
  'lookalike',
] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Output {
  buf: Buffer;
  ext: 'pdf' | 'png' | 'jpg';
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  notes: string[];
}

const A4 = [595.28, 841.89] as const;
const FIXED_DATE = new Date(Date.UTC(2025, 0, 15, 9, 0, 0)); // deterministic PDF metadata

async function newPdf(rng: Rng): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(FIXED_DATE.getTime() - rng.int(0, 3e7) * 1000));
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer(
    rng.pick(['pdf-lib', 'Scan2PDF 3.1', 'KONICA MINOLTA bizhub', 'Canon iR-ADV', 'Microsoft: Print To PDF', 'PracticeSoft PDF-Export']),
  );
  doc.setCreator(rng.pick(['', 'TurboMed', 'Office', 'ScanApp']));
  return doc;
}
const savePdf = async (doc: PDFDocument) => Buffer.from(await doc.save({ useObjectStreams: false }));

/** A4 PDF page carrying one full-page JPEG. */
async function imagePage(doc: PDFDocument, jpg: Buffer) {
  const img = await doc.embedJpg(jpg);
  const page = doc.addPage([...A4]);
  page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return page;
}

/** Light scan used for image pages inside PDFs. */
async function scanJpeg(p: Page, th: Theme, rng: Rng, o: { dpi?: number; heavy?: boolean } = {}) {
  const dpi = o.dpi ?? rng.int(200, 300);
  const gray = rng.chance(0.6);
  const s = await scannerImage(p, th, rng, {
    dpi,
    skew: rng.float(-1.2, 1.2),
    gray,
    sigma: o.heavy ? rng.float(5, 9) : rng.float(2, 5),
    speckle: o.heavy ? rng.int(40, 120) : rng.int(5, 40),
    blur: rng.float(0.3, 0.8),
  });
  const { buf, q } = await jpegUnder(() => s.img.clone(), rng.int(68, 85), 3.2e6);
  return { buf, dpi, gray, q };
}

export async function textPdf(pages: Page[], rng: Rng): Promise<Output> {
  const doc = await newPdf(rng);
  const fonts = new PdfFonts(doc);
  for (const p of pages) await drawPage(doc.addPage([...A4]), p, STD_THEME, fonts);
  return {
    buf: await savePdf(doc),
    ext: 'pdf',
    mediaType: 'application/pdf',
    notes: ['PDF with real text layer (standard fonts, embedded TTF where needed)'],
  };
}

export async function cleanPng(p: Page, th: Theme): Promise<Output> {
  const r = await renderRaw(p, th, 300);
  const buf = await toSharp(r).png({ compressionLevel: 7 }).toBuffer();
  return { buf, ext: 'png', mediaType: 'image/png', notes: [`clean 300 dpi PNG (${r.w}x${r.h}, font theme ${th.name})`] };
}

export async function noisyJpeg(p: Page, th: Theme, rng: Rng): Promise<Output> {
  const dpi = rng.pick([200, 240, 300]);
  const skew = (rng.chance(0.5) ? 1 : -1) * rng.float(0.3, 2);
  const s = await scannerImage(p, th, rng, {
    dpi,
    skew,
    gray: rng.chance(0.5),
    sigma: rng.float(5, 10),
    speckle: rng.int(60, 220),
    blur: rng.float(0.5, 1.0),
  });
  const { buf, q } = await jpegUnder(() => s.img.clone(), rng.int(50, 70));
  return {
    buf,
    ext: 'jpg',
    mediaType: 'image/jpeg',
    notes: [`scanner-like JPEG ${dpi} dpi, q${q}, skew ${skew.toFixed(1)}°, speckle/blur`],
  };
}

export async function scannedPdf(pages: Page[], th: Theme, rng: Rng): Promise<Output> {
  const doc = await newPdf(rng);
  let info = '';
  for (const p of pages) {
    const s = await scanJpeg(p, th, rng, { heavy: rng.chance(0.3) });
    await imagePage(doc, s.buf);
    info = `${s.dpi} dpi ${s.gray ? 'grey' : 'colour'}`;
  }
  return { buf: await savePdf(doc), ext: 'pdf', mediaType: 'application/pdf', notes: [`image-only PDF (no text layer), scan ${info}`] };
}

export async function phone_(p: Page, th: Theme, rng: Rng): Promise<Output> {
  const { buf, info, q } = await phonePhoto(p, th, rng);
  return {
    buf,
    ext: 'jpg',
    mediaType: 'image/jpeg',
    notes: [
      `phone photo ${info.W}x${info.H}, rotation ${info.rot.toFixed(1)}°, keystone ${info.keystone.toFixed(2)}, light gradient + shadow, q${q}`,
    ],
  };
}

/** Pixels physically turned by 90/180/270 degrees (clockwise), no metadata. */
export async function rotated(p: Page, th: Theme, rng: Rng, turn: 90 | 180 | 270): Promise<Output> {
  const dpi = rng.pick([200, 300]);
  const r = await renderRaw(p, th, dpi, '#ffffff', rng.chance(0.4));
  const asJpg = rng.chance(0.5);
  // sensor noise only for JPEGs: it would blow PNG sizes far beyond 4 MB
  if (asJpg) scanNoise(r, rng, { sigma: rng.float(1, 4), speckle: rng.int(0, 30) });
  else if (rng.chance(0.5)) scanNoise(r, rng, { sigma: 0, speckle: rng.int(5, 30) });
  const img = () => toSharp(r).rotate(turn);
  if (asJpg) {
    const { buf, q } = await jpegUnder(img, rng.int(75, 90));
    return {
      buf,
      ext: 'jpg',
      mediaType: 'image/jpeg',
      notes: [`page content rotated ${turn}° clockwise in the pixels, ${dpi} dpi JPEG q${q}`],
    };
  }
  return {
    buf: await img().png({ compressionLevel: 7 }).toBuffer(),
    ext: 'png',
    mediaType: 'image/png',
    notes: [`page content rotated ${turn}° clockwise in the pixels, ${dpi} dpi PNG`],
  };
}

/** Stored pixels sideways/upside down; EXIF Orientation says how a viewer must turn them. */
export async function exifRotated(p: Page, th: Theme, rng: Rng, orientation: 3 | 6 | 8): Promise<Output> {
  const dpi = rng.pick([200, 250, 300]);
  const r = await renderRaw(p, th, dpi);
  scanNoise(r, rng, { sigma: rng.float(2, 5), speckle: rng.int(5, 40) });
  // Orientation 6: viewer rotates 90° CW -> store the upright image rotated 90° CCW (=270 CW).
  // Orientation 8: viewer rotates 90° CCW -> store rotated 90° CW. Orientation 3: 180°.
  const storeTurn = orientation === 6 ? 270 : orientation === 8 ? 90 : 180;
  const { buf, q } = await jpegUnder(
    () => toSharp(r).rotate(storeTurn),
    rng.int(78, 90),
    3.9e6,
    (s) => s.withMetadata({ orientation }),
  );
  return {
    buf,
    ext: 'jpg',
    mediaType: 'image/jpeg',
    notes: [`JPEG pixels stored turned ${storeTurn}° CW, EXIF Orientation=${orientation} (auto-orient needed), q${q}`],
  };
}

export async function fax(pages: Page[], th: Theme, rng: Rng, sender: string, cover?: Page): Promise<Output> {
  const asPdf = rng.chance(0.5);
  const all = asPdf && cover ? [cover, ...pages] : pages;
  const num = phoneIntl(phone(rng));
  const time = `${String(rng.int(7, 19)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
  const date = dmy(new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28))));
  const imgs: { png: Buffer; w: number; h: number; mode: string; dpi: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const header = rng.chance(0.5)
      ? `${date} ${time}  Fax von ${num}  ${sender.slice(0, 34)}  Seite ${i + 1}/${all.length}`
      : `FROM: ${num.replace(/ /g, '')}   ${date} ${time}   ${sender.slice(0, 30).toUpperCase()}   P.${String(i + 1).padStart(3, '0')}/${String(all.length).padStart(3, '0')}`;
    imgs.push(await faxImage(all[i], th, rng, header));
  }
  const note = `bitonal fax ${imgs[0].dpi} dpi, ${imgs[0].mode}, header line`;
  if (!asPdf) return { buf: imgs[0].png, ext: 'png', mediaType: 'image/png', notes: [note + ', 1-bit PNG'] };
  const doc = await newPdf(rng);
  for (const im of imgs) {
    const img = await doc.embedPng(im.png);
    const page = doc.addPage([...A4]);
    page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  }
  return {
    buf: await savePdf(doc),
    ext: 'pdf',
    mediaType: 'application/pdf',
    notes: [note + `, image PDF with ${imgs.length} page(s)${cover ? ' (fax cover first)' : ''}`],
  };
}

/** 2–3 page PDF. mode: all text pages, all image pages, or mixed. */
export async function multipage(pages: Page[], rng: Rng): Promise<Output> {
  const mode = rng.wpick([
    ['text', 4],
    ['image', 3],
    ['mixed', 3],
  ] as [string, number][]);
  const doc = await newPdf(rng);
  const fonts = new PdfFonts(doc);
  const kinds: string[] = [];
  for (const p of pages) {
    const asImage = mode === 'image' || (mode === 'mixed' && rng.chance(0.5));
    if (asImage) {
      const s = await scanJpeg(p, STD_THEME, rng, { dpi: rng.int(150, 220) });
      await imagePage(doc, s.buf);
      kinds.push('image');
    } else {
      await drawPage(doc.addPage([...A4]), p, STD_THEME, fonts);
      kinds.push('text');
    }
  }
  return {
    buf: await savePdf(doc),
    ext: 'pdf',
    mediaType: 'application/pdf',
    notes: [`${pages.length}-page PDF, pages: ${kinds.join('/')}`],
  };
}

const CIPHER = "ÄÖÜ§$%&/()=?`´*+#'<>|^°~{}[]@µ";
/** Text-layer corruptions. */
function cipherText(s: string): string {
  return [...s].map((ch) => (ch === ' ' ? ' ' : CIPHER[(ch.codePointAt(0)! * 7) % CIPHER.length])).join('');
}
function mojibake(s: string): string {
  // UTF-8 bytes read as cp1252 ("MÃ¼ller"), and digits shifted as with a wrong font encoding
  const b = Buffer.from(s, 'utf8');
  let out = '';
  for (const byte of b)
    out +=
      byte >= 0x30 && byte <= 0x39
        ? String.fromCharCode(0x21 + (((byte - 0x30) * 3) % 15))
        : byte < 0x80
          ? String.fromCharCode(byte)
          : String.fromCharCode(byte >= 0xa0 ? byte : 0xc0 + (byte & 0x1f));
  return out;
}

/** Image of the real page with a wrong (invisible) text layer on top. */
export async function badTextLayer(
  p: Page,
  th: Theme,
  rng: Rng,
  kind: 'empty' | 'garbage' | 'cipher' | 'mojibake' | 'otherdoc',
  other?: { page: Page; th: Theme },
): Promise<Output> {
  const doc = await newPdf(rng);
  const fonts = new PdfFonts(doc);
  const s = await scanJpeg(p, th, rng, { dpi: rng.int(200, 300) });
  const page = await imagePage(doc, s.buf);
  const glyphs = 'abcdefghijklmnopqrstuvwxyzÄÖÜäöüß0123456789.,;:-_#+*~!"§$%&/()=?{}[]';
  if (kind === 'empty') {
    const f = await doc.embedFont(StandardFonts.Helvetica);
    page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
    for (let i = 0; i < rng.int(3, 12); i++)
      page.drawText(' '.repeat(rng.int(1, 5)), { x: rng.int(40, 500), y: rng.int(40, 800), size: 10, font: f, color: rgb(0, 0, 0) });
    page.pushOperators(popGraphicsState());
  } else if (kind === 'otherdoc' && other) {
    await drawPage(page, other.page, other.th, fonts, { invisible: true, textOnly: true });
  } else {
    const tf =
      kind === 'garbage'
        ? (t: string) => [...t].map((ch) => (ch === ' ' ? ' ' : glyphs[Math.floor(rng.next() * glyphs.length)])).join('')
        : kind === 'cipher'
          ? cipherText
          : (t: string) => {
              const m = mojibake(t);
              return isWinAnsi(m) ? m : m.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
            };
    await drawPage(page, p, th, fonts, { invisible: true, textOnly: true, transform: tf });
  }
  const desc = {
    empty: 'text layer present but empty (whitespace only)',
    garbage: 'text layer of random glyphs',
    cipher: 'text layer in a broken encoding (symbol soup like "ÄÖ§$%&/")',
    mojibake: 'text layer mojibake (UTF-8 read as cp1252, digits mapped to symbols)',
    otherdoc: 'text layer belongs to a DIFFERENT document (another member)',
  }[kind];
  return { buf: await savePdf(doc), ext: 'pdf', mediaType: 'application/pdf', notes: [`scanned page image + invisible ${desc}`] };
}

export async function transparentPng(p: Page, th: Theme, rng: Rng): Promise<Output> {
  const dpi = rng.pick([200, 300]);
  // drop light full-page "paper" plates so that the page itself is see-through
  const lum = (hex: string) => {
    const v = parseInt(hex.replace('#', '').padEnd(6, 'f').slice(0, 6), 16);
    return 0.3 * (v >> 16) + 0.59 * ((v >> 8) & 255) + 0.11 * (v & 255);
  };
  const els = p.els.filter((e) => !(e.k === 'rect' && e.fill && e.w * e.h > 0.4 * 210 * 297 && lum(e.fill) > 200));
  const r = await renderRaw({ els }, th, dpi, null);
  const buf = await toSharp(r).png({ compressionLevel: 7 }).toBuffer();
  return {
    buf,
    ext: 'png',
    mediaType: 'image/png',
    notes: [`RGBA PNG ${dpi} dpi, page background fully transparent (black on black if not flattened)`],
  };
}

export async function verifyExif(buf: Buffer) {
  const m = await sharp(buf).metadata();
  return m.orientation;
}
