import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatGermanDate as german } from '../../submissions/detail-parsers.js';

export interface PinLetter {
  recipient: { name: string; street: string; postalCode: string; city: string };
  letterDate: string;
  validUntil: string;
  purpose: string;
  pin: string;
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
  const pdf = await PDFDocument.create();
  pdf.setTitle('Ihre Einmal-PIN der Musterkasse');
  pdf.setCreator('Musterkasse Service');
  const page: PDFPage = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const left = 70;
  const width = 455;
  let y = 780;
  const text = (value: string, options: { font?: PDFFont; size?: number; gap?: number } = {}) => {
    const size = options.size ?? 11;
    for (const line of wrap(value, options.font ?? regular, size, width)) {
      page.drawText(line, { x: left, y, size, font: options.font ?? regular, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.4;
    }
    y -= options.gap ?? 0;
  };

  text('Musterkasse · Postfach 10 00 00 · 10000 Musterstadt', { size: 8, gap: 12 });
  const { recipient } = letter;
  for (const line of [recipient.name, recipient.street, `${recipient.postalCode} ${recipient.city}`]) text(line);
  y -= 60;
  page.drawText(german(letter.letterDate), {
    x: left + width - regular.widthOfTextAtSize(german(letter.letterDate), 11),
    y,
    size: 11,
    font: regular,
  });
  y -= 30;
  text('Ihre Einmal-PIN zum Einreichen von Unterlagen', { font: bold, size: 13, gap: 10 });
  text(`Guten Tag ${recipient.name},`, { gap: 6 });
  text(
    `für folgendes Anliegen bitten wir Sie um Unterlagen: ${letter.purpose}. Mit der Einmal-PIN unten senden Sie uns diese sicher online – ohne Registrierung.`,
    { gap: 10 },
  );
  text('Ihre Einmal-PIN:', { font: bold });
  text(letter.pin, { font: bold, size: 22, gap: 8 });
  text(`Gültig bis einschließlich ${german(letter.validUntil)} und nur für eine Sendung.`, { gap: 10 });
  text('So geht es:', { font: bold });
  for (const step of [
    '1. Öffnen Sie auf www.musterkasse.example den Chat und schreiben Sie „Einmal-PIN“.',
    '2. Geben Sie Ihre Krankenversichertennummer, die letzten sechs Ziffern der Kartennummer Ihrer Gesundheitskarte und diese PIN ein.',
    '3. Beantworten Sie die Fragen und laden Sie die Unterlagen hoch. Sie können jederzeit unterbrechen und später – auch an einem anderen Gerät – weitermachen.',
  ]) {
    text(step, { gap: 2 });
  }
  y -= 8;
  text(
    'Bitte geben Sie die PIN nicht weiter. Wir fragen Sie nie per E-Mail oder Telefon danach. Nach mehreren falschen Eingaben wird die PIN gesperrt; dann senden wir Ihnen gern eine neue.',
    { size: 9, gap: 10 },
  );
  text('Mit freundlichen Grüßen', { gap: 2 });
  text('Ihre Musterkasse');
  return Buffer.from(await pdf.save());
}
