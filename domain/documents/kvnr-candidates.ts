import { isValidKvnr } from '../members/kvnr.js';
import { isoDate } from '../submissions/detail-parsers.js';

/**
 * What OCR reads for a letter where a digit belongs (each digit it may stand for; "g" is a 9 or
 * an 8 with its loop closed, "B" an 8 or a 3 with its left side filled in), and the other way round.
 */
const AS_DIGIT: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '83',
  G: '6',
  g: '98',
};
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G' };

export interface KvnrCandidate {
  kvnr: string;
  /** As it stood in the text. */
  raw: string;
  /** True when OCR confusions had to be undone to read it. */
  corrected: boolean;
}

/**
 * Between the characters of a KVNR: nothing, a space or two, a dash ("W-10457057-1"), or a line
 * break with blank lines (a number written into boxes comes out of a text layer or OCR one box
 * group per line).
 */
const GAP = String.raw`(?:[ 	]{1,2}|[ 	]?-[ 	]?|[ 	]*
[ 	
]{0,4})?`;
const DIGITISH = '[0-9OoDQIli|ZzSsBGg]';
// OCR may put a stray sign after the letter ("S$709762785"); the check digit still has to hold.
const KVNR_IN_OCR = new RegExp(
  String.raw`(?<![A-Za-z0-9])([A-Za-z0-9|])[$§]?${GAP}((?:${DIGITISH}${GAP}){8}${DIGITISH})(?![A-Za-z0-9])`,
  'g',
);

/**
 * KVNRs in a text: a letter and nine digits, possibly with spaces, dashes or line breaks between
 * them, and with the usual OCR confusions (O/0, I/1, B/8, S/5, Z/2) undone. Only numbers whose
 * check digit holds are returned: a number that fails it is never anybody's.
 */
export function findKvnrCandidates(text: string): KvnrCandidate[] {
  const found = new Map<string, KvnrCandidate>();
  // OCR drops the space after a label ("KVNRK 307266451"): the number starts after the label.
  const apart = text.replace(/\b(KVNR|KV-?Nr\.?|Vers\.?-?Nr\.?)(?=[A-Za-z][\s\d])/g, '$1 ');
  for (const match of apart.matchAll(KVNR_IN_OCR)) {
    const raw = match[0];
    const first = /[A-Za-z]/.test(match[1]!) ? match[1]!.toUpperCase() : AS_LETTER[match[1]!];
    if (!first) continue;
    const options = match[2]!
      .replace(/[\s-]/g, '')
      .split('')
      .map((c) => (/[0-9]/.test(c) ? c : (AS_DIGIT[c] ?? '?')));
    // Where a letter may stand for two digits, the check digit tells which; if both pass, neither is sure.
    const valid = readings(options)
      .map((digits) => `${first}${digits}`)
      .filter((kvnr) => /^[A-Z]\d{9}$/.test(kvnr) && isValidKvnr(kvnr));
    if (valid.length !== 1) continue;
    const kvnr = valid[0]!;
    if (!found.has(kvnr)) found.set(kvnr, { kvnr, raw, corrected: raw.replace(/[\s-]/g, '').toUpperCase() !== kvnr });
  }
  return [...found.values()];
}

/** Every digit string the options allow (at most a handful: few letters have two readings). */
function readings(options: string[]): string[] {
  return options.reduce<string[]>((prefixes, option) => prefixes.flatMap((prefix) => [...option].map((digit) => prefix + digit)), ['']);
}

/**
 * Dates in a text as ISO: DD.MM.YYYY, D.M.YYYY (also with a space after the dots), YYYY-MM-DD,
 * and DD.MM.YY as forms and birth dates are often written, read as both 19YY and 20YY (each is
 * only ever compared with a member's birth date or a claim's own date).
 */
export function findDates(text: string): string[] {
  const dates = new Set<string>();
  const add = (year: number, month: number, day: number) => {
    const date = isoDate(year, month, day);
    if (date) dates.add(date);
  };
  // A full stop may end the sentence after it ("geb. 13.05.1992."); a number after the stop makes it no date.
  for (const m of text.matchAll(/\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)(?!\.\d)/g)) {
    const [day, month, year] = [Number(m[1]), Number(m[2]), m[3]!];
    if (year.length === 4) add(Number(year), month, day);
    else for (const century of [1900, 2000]) add(century + Number(year), month, day);
  }
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(Number(m[1]), Number(m[2]), Number(m[3]));
  return [...dates];
}
