import * as chrono from 'chrono-node';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

const WEEKDAYS: Record<string, number> = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** "seit Mittwoch", "letzten Freitag", "am Dienstag": the nearest such day on the expected side of today. */
function weekdayDate(text: string, today: string, prefer: 'past' | 'future'): string | undefined {
  const match =
    /\b(sonntag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?\b/i.exec(
      text,
    );
  if (!match) return undefined;
  const wanted = WEEKDAYS[match[1]!.toLowerCase()]!;
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const base = new Date(Date.UTC(year, month - 1, day, 12));
  const current = base.getUTCDay();
  const step = prefer === 'past' ? -((current - wanted + 7) % 7 || 7) : (wanted - current + 7) % 7 || 7;
  // "nächste Woche Mittwoch" / "nächsten Montag": the one in the coming week, not the next one.
  const nextWeek = prefer === 'future' && /\bn(ä|ae)chste[nr]?\s+(woche\s+)?\w+/i.test(text) && step < 7 && wanted >= current ? 7 : 0;
  base.setUTCDate(base.getUTCDate() + step + nextWeek);
  return base.toISOString().slice(0, 10);
}

/** An ISO date (YYYY-MM-DD) from how members write dates: 3.11., 03.11.2026, 5.1.27, gestern, 3. November, seit Mittwoch, Nov 30. */
export function parseGermanDate(text: string, today: string, prefer: 'past' | 'future' = 'past'): string | undefined {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const twoDigitYear = /(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])/.exec(text);
  if (twoDigitYear) return isoDate(2000 + Number(twoDigitYear[3]), Number(twoDigitYear[2]), Number(twoDigitYear[1]));
  // "am 3.12." and, typed in a hurry, "vom 3.12" (after a word that introduces a date: "Version 3.12" is none).
  const short =
    /(?:^|\s|am\s)(\d{1,2})\.(\d{1,2})\.(?!\d)/.exec(text) ??
    /\b(?:am|vom|seit|ab|bis|den)\s+(\d{1,2})\.(\d{1,2})(?=[\s,;!?)]|$)(?!\s*(?:€|eur|euro|uhr|h\b))/i.exec(text);
  if (short) {
    // Without a year, a date means the nearest one on the expected side of today.
    const candidate = isoDate(year, Number(short[2]), Number(short[1]));
    if (!candidate) return undefined;
    if (prefer === 'past' && candidate > today) return isoDate(year - 1, Number(short[2]), Number(short[1]));
    if (prefer === 'future' && candidate < today) return isoDate(year + 1, Number(short[2]), Number(short[1]));
    return candidate;
  }
  const reference = { instant: new Date(Date.UTC(year, month - 1, day, 12)), timezone: 0 };
  // "am 30. November, 75 Euro" is no date in 1975: a number after a comma starts something else.
  // "Guten Morgen" is a greeting, not tomorrow; "vor ner Woche" is "vor einer Woche".
  const cleaned = text
    .replace(/,\s*(?=\d)/g, '; ')
    .replace(/\bguten morgen\b/gi, '')
    .replace(/\bvor ne[rm]\b/gi, 'vor einer')
    // Austrian month names; "2. Dezember 120 Euro" is no date in the year 120.
    .replace(/\bj(?:ä|ae)nner\b/gi, 'Januar')
    .replace(/\bfeber\b/gi, 'Februar')
    .replace(/\s(?=\d+(?:[.,]\d{1,2})?\s*(?:€|euro\b|eur\b))/gi, '; ');
  const options = { forwardDate: prefer === 'future' };
  // Only a named day counts: "im November" or "um 15 Uhr" name no day.
  const results = [...chrono.de.parse(cleaned, reference, options), ...chrono.en.parse(cleaned, reference, options)].filter(
    (r) =>
      // "jetzt einreichen" says when the member acts, not when anything happened.
      !/^(?:jetzt|now|right now|gerade|sofort)$/i.test(r.text.trim()) &&
      (r.start.isCertain('day') ||
        /\b(heute|gestern|vorgestern|morgen|übermorgen|today|yesterday|tomorrow|vor|ago|letzte[nr]?|last)\b/i.test(r.text)),
  );
  // A stated calendar date wins over a relative word ("heute") or a weekday elsewhere in the message.
  const stated = results.find((r) => /\d/.test(r.text) && r.start.isCertain('month'));
  if (!stated) {
    const weekday = weekdayDate(text, today, prefer);
    if (weekday && !/\b(heute|gestern|vorgestern|morgen|today|yesterday|tomorrow)\b/i.test(text)) return weekday;
  }
  const result = stated ?? results[0];
  if (!result) return undefined;
  return isoDate(result.start.get('year')!, result.start.get('month')!, result.start.get('day')!);
}

/** YYYY-MM-DD for a calendar date, or undefined when it does not exist (31.02.). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Euro amounts as members write them: 120, 120,50, 1.234,56 €, 89.90 EUR. In cents. */
export function parseEuroAmount(text: string): number | undefined {
  const match = /(-?)\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?\s*(?:€|eur|euro)?/i.exec(text.replace(/\s+(?=\d)/g, ''));
  if (!match) return undefined;
  const euros = Number(match[2]!.replace(/\./g, ''));
  const cents = match[3] ? Number(match[3].padEnd(2, '0')) : 0;
  return (match[1] ? -1 : 1) * (euros * 100 + cents);
}

const EUROS = String.raw`(\d{1,3}(?:\.\d{3})+|\d+)`;
/** Cents after a comma ("95,50", "120,-") or, before a currency, after a point ("134.90 EUR"). */
const CENTS = String.raw`(?:,(\d{1,2}|-|–)|\.(\d{2})(?!\d))`;
const CURRENCY = String.raw`(?:€|eur\b|euros?\b)`;
const AMOUNT_THEN_CURRENCY = new RegExp(`${EUROS}${CENTS}?\\s*${CURRENCY}(?:\\s+(\\d{2})\\b(?!\\s*(?:€|eur|euro|uhr|\\.)))?`, 'i');
const CURRENCY_THEN_AMOUNT = new RegExp(`${CURRENCY}\\s*${EUROS}${CENTS}?`, 'i');
/** Euros and cents with a decimal comma and no currency ("quittung 23,80"), not a measure ("1,50 m"). */
const DECIMAL_AMOUNT = /(?<![\d.,])(\d{1,4}),(\d{2})(?![\d.,])(?!\s*(?:%|m\b|cm|mm|kg|g\b|km|l\b|ml|mg|uhr|h\b|std|tage|wochen|jahre))/i;

const toCents = (euros: string, cents: string | undefined) =>
  Number(euros.replace(/\./g, '')) * 100 + (cents && cents !== '-' && cents !== '–' ? Number(cents.padEnd(2, '0')) : 0);

/**
 * An amount mentioned in a longer message: with a currency next to it ("95 €", "120,- €",
 * "38 Euro 50", "90 euros", "EUR 98.50", "€ 64,–"), or euros and cents with a decimal comma.
 */
export function findEuroAmount(text: string): number | undefined {
  const after = AMOUNT_THEN_CURRENCY.exec(text);
  if (after) return toCents(after[1]!, after[2] ?? after[3] ?? after[4]);
  const before = CURRENCY_THEN_AMOUNT.exec(text);
  if (before) return toCents(before[1]!, before[2] ?? before[3]);
  const decimal = DECIMAL_AMOUNT.exec(text);
  return decimal ? toCents(decimal[1]!, decimal[2]) : undefined;
}

export function formatEuro(cents: number): string {
  return `${(cents / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
}

/** An IBAN in its electronic format (no spaces, upper case) when it is valid. */
export function parseIban(text: string): string | undefined {
  const iban = electronicFormatIBAN(text.trim()) ?? undefined;
  return iban && isValidIBAN(iban) ? iban : undefined;
}

/** Shows only the country and the last four characters. */
export function maskIban(iban: string): string {
  return `${iban.slice(0, 2)}•• •••• •••• •••• ${iban.slice(-4)}`;
}

export function formatGermanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
