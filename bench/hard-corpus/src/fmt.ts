// Formatting helpers: dates, money, IBANs, phone numbers, KVNR print styles, distractor numbers.
import type { Rng } from './prng.js';
import { makeKvnr } from './kvnr.js';

export const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
const p2 = (n: number) => String(n).padStart(2, '0');

export function parseISO(s: string): Date {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86400000);
}
export function dmy(d: Date | string): string {
  const x = typeof d === 'string' ? parseISO(d) : d;
  return `${p2(x.getUTCDate())}.${p2(x.getUTCMonth() + 1)}.${x.getUTCFullYear()}`;
}
export function dmy2(d: Date | string): string {
  const x = typeof d === 'string' ? parseISO(d) : d;
  return `${p2(x.getUTCDate())}.${p2(x.getUTCMonth() + 1)}.${String(x.getUTCFullYear()).slice(2)}`;
}
export function dmyCompact(d: Date | string): string {
  return dmy2(d).replace(/\./g, '');
}
export function longDate(d: Date | string): string {
  const x = typeof d === 'string' ? parseISO(d) : d;
  return `${x.getUTCDate()}. ${MONTHS[x.getUTCMonth()]} ${x.getUTCFullYear()}`;
}
export function iso(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}
/** A birth date in one of the ways documents print it. */
export function birthFmt(rng: Rng, iso8601: string, style?: number): string {
  const s = style ?? rng.int(0, 4);
  if (s === 0 || s === 3) return dmy(iso8601);
  if (s === 1) return dmy2(iso8601);
  if (s === 2) return longDate(iso8601);
  return dmy(iso8601).replace(/\./g, '/');
}
export function randDateBetween(rng: Rng, a: Date, b: Date): Date {
  return new Date(a.getTime() + Math.floor(rng.next() * ((b.getTime() - a.getTime()) / 86400000)) * 86400000);
}

export function euro(v: number, sym = ' €'): string {
  const [i, d] = Math.abs(v).toFixed(2).split('.');
  return (v < 0 ? '-' : '') + i.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + d + sym;
}

/** German IBAN with correct mod-97 check digits. */
export function iban(rng: Rng, spaced = true): string {
  const bban = rng.digits(8) + rng.digits(10);
  const num = bban + '131400'; // D=13 E=14 00
  let r = 0;
  for (const c of num) r = (r * 10 + Number(c)) % 97;
  const cd = p2(98 - r);
  const s = `DE${cd}${bban}`;
  return spaced ? s.replace(/(.{4})/g, '$1 ').trim() : s;
}
export function bic(rng: Rng): string {
  return (
    rng.pick(['COLSDE33', 'GENODEF1', 'COBADEFF', 'DEUTDEDB', 'PBNKDEFF', 'INGDDEFF', 'BYLADEM1', 'HELADEF1', 'SOLADES1']) +
    rng.pick(['XXX', 'K01', 'M02', ''])
  );
}
export function phone(rng: Rng, prefix?: string): string {
  const area =
    prefix ??
    rng.pick([
      '030',
      '040',
      '089',
      '0221',
      '0211',
      '069',
      '0711',
      '0341',
      '0351',
      '0511',
      '0911',
      '0231',
      '0201',
      '0421',
      '0431',
      '0381',
      '0361',
      '06131',
      '0681',
      '0521',
      '0251',
      '0228',
      '0721',
      '0621',
    ]);
  return `${area} ${rng.int(2, 9)}${rng.digits(rng.int(4, 6))}`;
}
export function phoneIntl(p: string): string {
  return '+49 ' + p.replace(/^0/, '');
}

/** Ways a KVNR is printed or written. */
export type KvStyle = 'plain' | 'spaceAfterLetter' | 'groups3' | 'spaced' | 'hyphen' | 'checkSep';
export function fmtKvnr(k: string, style: KvStyle): string {
  switch (style) {
    case 'plain':
      return k;
    case 'spaceAfterLetter':
      return `${k[0]} ${k.slice(1)}`;
    case 'groups3':
      return `${k[0]} ${k.slice(1, 4)} ${k.slice(4, 7)} ${k.slice(7)}`;
    case 'spaced':
      return k.split('').join(' ');
    case 'hyphen':
      return `${k[0]}-${k.slice(1, 9)}-${k[9]}`;
    case 'checkSep':
      return `${k.slice(0, 9)} ${k[9]}`;
  }
}

// ---- distractor numbers (realistic identifiers that are NOT the KVNR)
export const lanr = (rng: Rng) => rng.digits(7) + rng.pick(['01', '03', '34', '45', '58', '70', '10', '08']); // 9 digits: Arzt-ID + Fachgruppe
export const bsnr = (rng: Rng) => rng.pick(['01', '17', '20', '38', '46', '52', '71', '83', '93']) + rng.digits(7);
export const ikNr = (rng: Rng, prefix = '26') => prefix + rng.digits(7);
export const betriebsnummer = (rng: Rng) => String(rng.int(1, 9)) + rng.digits(7);
export const steuernummer = (rng: Rng) => `${rng.int(10, 99)}/${rng.digits(3)}/${rng.digits(5)}`;
export const ustId = (rng: Rng) => 'DE' + rng.digits(9);
export const rvnr = (rng: Rng, birthIso: string, last: string) => {
  const [y, m, d] = birthIso.split('-');
  return `${rng.int(10, 65)} ${d}${m}${y.slice(2)} ${last.replace(/[^A-Za-z]/, 'X')[0].toUpperCase()} ${rng.digits(3)}`;
};
/** A letter+9-digit customer/contract number that looks exactly like a KVNR (sometimes even check-valid). */
export const kvnrLookingNumber = (rng: Rng, exclude: Set<string>) => {
  for (;;) {
    const k = rng.chance(0.5) ? makeKvnr(rng) : String.fromCharCode(65 + rng.int(0, 25)) + rng.digits(9);
    if (!exclude.has(k)) return k;
  }
};
export const invoiceNo = (rng: Rng, year: number) =>
  rng.pick([
    () => `RE-${year}-${rng.digits(5)}`,
    () => `${year}${rng.digits(4)}`,
    () => `R${rng.digits(6)}/${String(year).slice(2)}`,
    () => `${rng.digits(2)}-${rng.digits(5)}`,
    () => `PR ${rng.digits(4)}-${year}`,
  ])();
