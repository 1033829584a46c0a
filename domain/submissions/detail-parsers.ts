import * as chrono from 'chrono-node';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

/** An ISO date (YYYY-MM-DD) from how members write dates: 3.11., 03.11.2026, gestern, 3. November. */
export function parseGermanDate(text: string, today: string, prefer: 'past' | 'future' = 'past'): string | undefined {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const short = /(?:^|\s|am\s)(\d{1,2})\.(\d{1,2})\.(?!\d)/.exec(text);
  if (short) {
    // Without a year, a date means the nearest one on the expected side of today.
    const candidate = isoDate(year, Number(short[2]), Number(short[1]));
    if (!candidate) return undefined;
    if (prefer === 'past' && candidate > today) return isoDate(year - 1, Number(short[2]), Number(short[1]));
    if (prefer === 'future' && candidate < today) return isoDate(year + 1, Number(short[2]), Number(short[1]));
    return candidate;
  }
  const reference = new Date(Date.UTC(year, month - 1, day, 12));
  const [result] = chrono.de.parse(text, { instant: reference, timezone: 0 }, { forwardDate: prefer === 'future' });
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

/** An amount mentioned in a longer message only counts with a currency next to it. */
export function findEuroAmount(text: string): number | undefined {
  const match = /(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:€|eur\b|euro\b)/i.exec(text);
  return match ? parseEuroAmount(match[0]) : undefined;
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
