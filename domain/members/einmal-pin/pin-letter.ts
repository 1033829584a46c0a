import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatGermanDate as german } from '../../submissions/detail-parsers.js';

export interface PinLetter {
  recipient: {
    salutation: 'Frau' | 'Herr' | null;
    firstName: string;
    lastName: string;
    street: string;
    postalCode: string;
    city: string;
  };
  letterDate: string;
  validUntil: string;
  purpose: string;
  pin: string;
}

/** Where a line of text was drawn (PDF points, origin bottom left): for checking that nothing overlaps. */
export interface TextBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** How an insurer opens a letter: by salutation and surname, or neutrally with the full name. */
export function letterSalutation({ salutation, firstName, lastName }: PinLetter['recipient']): string {
  if (salutation === 'Frau') return `Sehr geehrte Frau ${lastName},`;
  if (salutation === 'Herr') return `Sehr geehrter Herr ${lastName},`;
  return `Guten Tag ${firstName} ${lastName},`;
}

/** Breaks text into lines that fit the width (pdf-lib draws single lines only). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** The letter with the Einmal-PIN, as an A4 PDF for printing and posting (window envelope layout). */
export async function renderPinLetter(letter: PinLetter): Promise<Buffer> {
  return (await layOutPinLetter(letter)).pdf;
}

/** The letter and where each line went. */
export async function layOutPinLetter(letter: PinLetter): Promise<{ pdf: Buffer; boxes: TextBox[] }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Ihre Einmal-PIN der Musterkasse');
  pdf.setCreator('Musterkasse Service');
  const page: PDFPage = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const boxes: TextBox[] = [];
  const left = 70;
  const width = 455;
  // The top of the next line: each line goes below the one before, whatever its size.
  let top = 790;
  const draw = (line: string, x: number, font: PDFFont, size: number) => {
    const ascent = font.heightAtSize(size, { descender: false });
    const height = font.heightAtSize(size);
    page.drawText(line, { x, y: top - ascent, size, font, color: rgb(0.1, 0.1, 0.1) });
    boxes.push({ text: line, left: x, right: x + font.widthOfTextAtSize(line, size), top, bottom: top - height });
    return height;
  };
  const text = (value: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    for (const line of wrap(value, font, size, width)) top -= Math.max(draw(line, left, font, size), size * 1.3) + size * 0.1;
    top -= options.gap ?? 0;
  };

  text('Musterkasse · Postfach 10 00 00 · 10000 Musterstadt', { size: 8, gap: 12 });
  const { recipient } = letter;
  const addressee = [recipient.salutation, recipient.firstName, recipient.lastName].filter(Boolean).join(' ');
  for (const line of [addressee, recipient.street, `${recipient.postalCode} ${recipient.city}`]) text(line);
  top -= 60;
  const date = german(letter.letterDate);
  top -= draw(date, left + width - regular.widthOfTextAtSize(date, 11), regular, 11) + 16;
  text('Ihre Einmal-PIN zum Einreichen von Unterlagen', { font: bold, size: 13, gap: 10 });
  text(letterSalutation(recipient), { gap: 6 });
  text(
    `wir bitten Sie um Unterlagen. Anlass: ${letter.purpose}. Mit der Einmal-PIN unten senden Sie uns diese sicher online – ohne Registrierung.`,
    { gap: 10 },
  );
  text('Ihre Einmal-PIN:', { font: bold, gap: 4 });
  text(letter.pin, { font: bold, size: 22, gap: 8 });
  text(`Gültig bis einschließlich ${german(letter.validUntil)} und nur für eine Sendung.`, { gap: 10 });
  text('So geht es:', { font: bold });
  for (const step of [
    '1. Öffnen Sie auf www.musterkasse.example den Chat und schreiben Sie „Einmal-PIN“.',
    '2. Geben Sie Ihre Krankenversichertennummer (vorn auf der Gesundheitskarte), die letzten sechs Ziffern der Kartennummer (auf der Rückseite der Karte) und diese PIN ein.',
    '3. Beantworten Sie die Fragen und laden Sie die Unterlagen hoch. Sie können jederzeit unterbrechen und später – auch an einem anderen Gerät – weitermachen.',
  ]) {
    text(step, { gap: 2 });
  }
  top -= 8;
  text(
    'Bitte geben Sie die PIN nicht weiter. Wir fragen Sie nie per E-Mail oder Telefon danach. Nach mehreren falschen Eingaben wird die PIN gesperrt; dann senden wir Ihnen gern eine neue: 0800 000 0000 (kostenfrei, Mo–Fr 8–18 Uhr).',
    { size: 9, gap: 10 },
  );
  text('Mit freundlichen Grüßen', { gap: 2 });
  text('Ihre Musterkasse');
  return { pdf: Buffer.from(await pdf.save()), boxes };
}
