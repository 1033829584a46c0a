import { addDaysIso } from '../../platform/clock.js';
import type { DocumentLimits } from '../../domain/submissions/document-check.js';
import { parseGermanDate } from '../../domain/submissions/detail-parsers.js';
import { PIN_VALIDITY_DAYS } from '../../domain/members/einmal-pin/einmal-pin.service.js';

/**
 * The rule of an answer applied to the numbers the member gave ("Mein Brief ist vom 2. März",
 * "22 Seiten", "2,5 MB", "11 Tage im Krankenhaus"): one sentence that says what it means for
 * them, added under the general answer. Only for rules the knowledge base states.
 */
export interface OwnNumbersContext {
  /** Today in the insurer's time zone, YYYY-MM-DD. */
  today: string;
  limits: DocumentLimits;
  /** A figure of the knowledge base's dated table, as today's answers state it ("10 Euro"). */
  figure: (id: string) => string;
}

/** The number a figure states ("28 Tage" → 28). */
function amountOf(figure: string): number {
  const digits = /\d+(?:,\d+)?/.exec(figure.replace(/\./g, ''));
  if (!digits) throw new Error(`figure without a number: ${figure}`);
  return Number(digits[0].replace(',', '.'));
}

const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function pinValidity(message: string, { today }: OwnNumbersContext): string | undefined {
  // The letter's date, not today's ("Brief vom 2. März, heute ist der 20.").
  const stated = /(?:brief|schreiben|letter)\w*\s+(?:ist\s+)?(?:vom|von|datiert(?:\s+auf)?|dated|from)\s+([^,;?!]+)/i.exec(message)?.[1];
  const letter = stated ? parseGermanDate(stated, today, 'past') : undefined;
  if (!letter || letter > today) return undefined;
  const validUntil = addDaysIso(letter, PIN_VALIDITY_DAYS);
  return validUntil < today
    ? `Ihr Brief ist vom ${longDate(letter)}: Die PIN galt bis zum ${longDate(validUntil)} und ist abgelaufen. Gern schicken wir Ihnen eine neue.`
    : `Ihr Brief ist vom ${longDate(letter)}: Die PIN gilt bis zum ${longDate(validUntil)}, wenn Sie nicht vorher absenden.`;
}

function readBytes(message: string): number | undefined {
  const size = /(\d+(?:[.,]\d+)?)\s*(mb|megabyte|kb|kilobyte)\b/i.exec(message);
  if (!size) return undefined;
  const value = Number(size[1]!.replace(',', '.'));
  return Math.round(value * (/^m/i.test(size[2]!) ? 1024 * 1024 : 1024));
}

function documentLimits(message: string, { limits }: OwnNumbersContext): string | undefined {
  const pagesMatch = /(\d{1,3})\s*(?:seiten|pages|blatt|blätter)\b/i.exec(message);
  const pages = pagesMatch ? Number(pagesMatch[1]) : undefined;
  const bytes = readBytes(message);
  const maxKb = Math.round(limits.maxPageBytes / 1024);
  const sentences: string[] = [];
  if (pages !== undefined && pages > 0) {
    sentences.push(
      pages > limits.maxPages
        ? `Ihre ${pages} Seiten sind mehr als die ${limits.maxPages} einer Sendung: Bitte teilen Sie sie auf ${Math.ceil(pages / limits.maxPages)} Sendungen auf.`
        : `${pages} ${pages === 1 ? 'Seite passt' : 'Seiten passen'} in eine Sendung (höchstens ${limits.maxPages}).`,
    );
  }
  if (bytes !== undefined) {
    const perPage = Math.round(bytes / (pages && pages > 0 ? Math.min(pages, limits.maxPages) : 1) / 1024);
    const fits = perPage <= maxKb;
    sentences.push(
      pages && pages > 1
        ? `Im Schnitt sind das etwa ${perPage} kB je Seite – ${fits ? 'das passt' : `mehr als die erlaubten ${maxKb} kB; bitte verringern Sie die Auflösung`}.`
        : fits
          ? `Eine Datei dieser Größe (etwa ${perPage} kB) passt.`
          : `Als einzelne Seite ist die Datei mit etwa ${perPage} kB zu groß (höchstens ${maxKb} kB je Seite); ein Foto verkleinere ich im Chat selbst, ein PDF verkleinern Sie bitte vorher.`,
    );
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

/** The statutory co-payment for a hospital stay (§ 39 Abs. 4 SGB V), by the table's figures. */
function hospitalCoPayment(message: string, { figure }: OwnNumbersContext): string | undefined {
  const days = /(\d{1,3})\s*(?:tage?n?|days|nächte|naechte)\b/i.exec(message);
  if (!days || Number(days[1]) < 1) return undefined;
  const count = Number(days[1]);
  const perDay = amountOf(figure('zuzahlung_krankenhaus_tag'));
  const maxDays = amountOf(figure('zuzahlung_krankenhaus_tage'));
  const paid = Math.min(count, maxDays) * perDay;
  return `Für ${count} ${count === 1 ? 'Tag' : 'Tage'} im Krankenhaus zahlen Erwachsene ${paid} Euro Zuzahlung (${perDay} Euro je Tag, höchstens ${maxDays} Tage im Kalenderjahr).`;
}

const RULES: Record<string, (message: string, context: OwnNumbersContext) => string | undefined> = {
  einmal_pin_validity: pinValidity,
  document_formats_limits: documentLimits,
  send_document_chat: documentLimits,
  hospital_stay: hospitalCoPayment,
};

export function applyToOwnNumbers(entryId: string, message: string, context: OwnNumbersContext): string | undefined {
  return RULES[entryId]?.(message, context);
}
