/** Small real files for upload tests, made on the fly. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** A valid one-page PDF showing `text` (byte offsets in the xref table computed, not guessed). */
export function makePdf(text = 'Rechnung Musterkasse'): Buffer {
  return onePagePdf(Buffer.from(`BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`, 'latin1'));
}

/**
 * A small PDF whose one page's drawing commands inflate to `inflatedBytes` (a decompression
 * bomb: a few hundred kilobytes on the wire, hundreds of megabytes to interpret).
 */
export async function pdfBomb(inflatedBytes: number): Promise<Buffer> {
  const command = Buffer.from('10 10 500 700 re f 0 0 m 595 842 l S\n', 'latin1');
  const block = Buffer.concat(Array.from({ length: Math.ceil((1 << 20) / command.length) }, () => command));
  const compressed: Buffer[] = [];
  const deflate = zlib.createDeflate({ level: 9 });
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (let written = 0; written < inflatedBytes; written += block.length) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return onePagePdf(Buffer.concat(compressed), '/Filter /FlateDecode');
}

function streamObject(content: Buffer, streamKeys = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`<< /Length ${content.length} ${streamKeys} >>\nstream\n`, 'latin1'),
    content,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function onePagePdf(content: Buffer, streamKeys = ''): Buffer {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    streamObject(content, streamKeys),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** A PDF of these objects (numbered from 1), with a cross-reference table. */
function pdfOf(objectTexts: Array<string | Buffer>): Buffer {
  const objects = objectTexts.map((o) => (typeof o === 'string' ? Buffer.from(o, 'latin1') : o));
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), object, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(tail, 'latin1')]);
}

/**
 * A few kilobytes whose object stream, compressed twice, inflates to `inflatedBytes` of spaces
 * when the PDF is merely opened (found by an outside probe: it held a PDF thread for its whole
 * time limit, where a content-stream bomb costs nothing until a page is drawn).
 */
export async function objectStreamBomb(inflatedBytes = 2 * 1024 ** 3): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 1 });
  const inner: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => inner.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const block = Buffer.alloc(64 * 1024 * 1024, 32);
  for (let written = 0; written < inflatedBytes; written += block.length) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const twice = zlib.deflateSync(Buffer.concat(inner), { level: 9 });
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    streamObject(twice, '/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]'),
  ]);
}

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The industry-standard harmless test string every virus scanner reports (our dev signatures too). */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A PDF with `pages` pages; with `noisePx`, each page carries a random-noise image of that size (large, incompressible). */
export async function makePdfPages(pages: number, options: { noisePx?: number; text?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const noise = options.noisePx ? await pdf.embedPng(await noisyImage(options.noisePx, options.noisePx, 'png')) : undefined;
  for (let i = 1; i <= pages; i++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${options.text ?? 'Rechnung Musterkasse'} – Seite ${i}`, { x: 72, y: 760, size: 16, font });
    if (noise) page.drawImage(noise, { x: 72, y: 200, width: 450, height: 450 });
  }
  return Buffer.from(await pdf.save());
}

/** A one-page PDF with these lines in its text layer (a letter written on a computer). */
export async function letterPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 22, size: 13, font }));
  return Buffer.from(await pdf.save());
}

/** A photo-like image of random noise (compresses badly, like a real phone photo). */
export async function noisyImage(width: number, height: number, format: 'png' | 'jpeg', quality = 95): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality }).toBuffer();
}

/** The PDF encrypted with a user password by qpdf (a Debian package the test setup installs). */
export function encryptPdf(pdf: Buffer): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'mk-qpdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', 'geheim', 'owner-geheim', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    return readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A page "scanned" as an image: the lines as black text on white, slightly rotated and blurred like a scan. */
export async function scannedPage(lines: string[], options: { rotate?: number } = {}): Promise<Buffer> {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = lines
    .map((line, i) => `<text x="60" y="${120 + i * 80}" font-family="DejaVu Sans" font-size="44">${escape(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="${200 + lines.length * 80}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;
  return sharp(Buffer.from(svg))
    .rotate(options.rotate ?? 0.8, { background: '#ffffff' })
    .blur(0.6)
    .png()
    .toBuffer();
}

/** A row of form fields as an employer's report prints them: a small label and its value in each box. */
export async function boxedForm(fields: Array<[label: string, value: string]>): Promise<Buffer> {
  const boxes = fields
    .map(([label, value], i) => {
      const x = 120 + i * 560;
      return `<rect x="${x}" y="180" width="520" height="90" fill="none" stroke="black" stroke-width="2"/><text x="${x + 8}" y="204" font-family="DejaVu Sans" font-size="18">${label}</text><text x="${x + 14}" y="252" font-family="DejaVu Sans Mono" font-size="34">${value}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${240 + fields.length * 560}" height="420"><rect width="100%" height="100%" fill="white"/><text x="120" y="110" font-family="DejaVu Sans" font-size="40">Meldung zur Sozialversicherung</text>${boxes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A PDF without a text layer: the image as its only page (as scanners make them). */
export async function imageOnlyPdf(png: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([595, (595 * image.height) / image.width]);
  page.drawImage(image, { x: 0, y: 0, width: 595, height: (595 * image.height) / image.width });
  return Buffer.from(await pdf.save());
}

/**
 * A valid grey PNG of `side`×`side` pixels, all black: a decompression bomb (16000×16000 is
 * about 250 kB on the wire and 256 M pixels to decode). Built chunk by chunk, CRCs computed.
 */
export async function pngBomb(side: number): Promise<Buffer> {
  const row = Buffer.alloc(side + 1); // filter byte 0, then one byte per pixel
  const compressed: Buffer[] = [];
  const deflate = zlib.createDeflate({ level: 9 });
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const rows = Buffer.concat(Array.from({ length: 256 }, () => row));
  for (let y = 0; y < side; y += 256) {
    const block = rows.subarray(0, Math.min(256, side - y) * row.length);
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, no filter method, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.concat(compressed)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
