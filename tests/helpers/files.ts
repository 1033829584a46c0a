/** Small real files for upload tests, made on the fly. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/** A valid one-page PDF showing `text` (byte offsets in the xref table computed, not guessed). */
export function makePdf(text = 'Rechnung Musterkasse'): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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
  const body = lines.map((line, i) => `<text x="60" y="${120 + i * 80}" font-family="DejaVu Sans" font-size="44">${escape(line)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="${200 + lines.length * 80}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;
  return sharp(Buffer.from(svg))
    .rotate(options.rotate ?? 0.8, { background: '#ffffff' })
    .blur(0.6)
    .png()
    .toBuffer();
}

/** A PDF without a text layer: the image as its only page (as scanners make them). */
export async function imageOnlyPdf(png: Buffer): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  const page = pdf.addPage([595, (595 * image.height) / image.width]);
  page.drawImage(image, { x: 0, y: 0, width: 595, height: (595 * image.height) / image.width });
  return Buffer.from(await pdf.save());
}
