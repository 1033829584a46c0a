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
/** Each letter a character may stand for where the KVNR's letter belongs ("8" is a B or an S on a fax). */
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'BS', '6': 'G', $: 'S', '§': 'S' };

export interface KvnrCandidate {
  kvnr: string;
  /** As it stood in the text. */
  raw: string;
  /** True when OCR confusions had to be undone to read it. */
  corrected: boolean;
  /**
   * OCR lost the letter of a labelled number ("Versichertennr. 806772669"): this is one of the
   * letters the check digit allows. It counts only if exactly one of them is a member's.
   */
  letterGuessed?: boolean;
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
// OCR may put a stray sign after the letter ("S$709762785") or read the S itself as one ("$281994537");
// the check digit still has to hold.
const KVNR_IN_OCR = new RegExp(
  String.raw`(?<![A-Za-z0-9])([A-Za-z0-9|$§])[$§]?${GAP}((?:${DIGITISH}${GAP}){8}${DIGITISH})(?![A-Za-z0-9])`,
  'g',
);
/** A letter and ten characters of which one is a stray stroke OCR put in ("N4I38395458"). */
const KVNR_WITH_STRAY_STROKE = new RegExp(
  String.raw`(?<![A-Za-z0-9])([A-Za-z])${GAP}((?:${DIGITISH}${GAP}){9}${DIGITISH})(?![A-Za-z0-9])`,
  'g',
);
/** A telephone or fax label right before a number. */
const PHONE_LABEL_BEFORE = /(?:tel(?:efon)?|fax|mobil|handy|fon)\.?\s*(?:nr\.?)?\s*:?\s*$/i;
/** Characters OCR makes of a speck or a stroke between digits. */
const STRAY_STROKES = new Set(['I', 'l', 'i', '|']);
/** Words naming the number itself ("Versicherten-Nr.", "KVNR"), which say nothing about whose number it is. */
export const NUMBER_LABEL = /versicherten\s?-?\s?(?:nr|nummer)\.?|vers\.?\s?-?\s?nr\.?|kv\s?-?\s?nr\.?|krankenversichertennummer|kvnr/gi;
/** Labels a KVNR stands behind on forms, letters and invoices: those, and a member number ("Mitgl.-Nr."). */
const KVNR_LABEL = String.raw`(?:${NUMBER_LABEL.source}|Mitgl(?:ieds)?\.?-?\s?Nr\.?)`;
/** A KVNR label anywhere ("Krankenversichertennummer", "Vers.-Nr.", "KVNR"). */
const LABELLED = new RegExp(KVNR_LABEL, 'i');
/** Anything shaped like a KVNR, whatever its check digit: a letter and nine digits. */
const KVNR_SHAPED = /(?<![A-Za-z0-9])[A-Za-z]\s?\d{9}(?![A-Za-z0-9])/;
/** Nine digits right behind such a label, their letter lost. */
const LETTERLESS_KVNR = new RegExp(String.raw`${KVNR_LABEL}[:.\s]{0,3}((?:\d${GAP}){8}\d)(?![A-Za-z0-9])`, 'gi');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * KVNRs in a text: a letter and nine digits, possibly with spaces, dashes or line breaks between
 * them, and with the usual OCR confusions (O/0, I/1, B/8, S/5, Z/2) undone. Only numbers whose
 * check digit holds are returned: a number that fails it is never anybody's.
 */
export function findKvnrCandidates(text: string): KvnrCandidate[] {
  const found = new Map<string, KvnrCandidate>();
  // OCR drops the space after a label ("KVNRK 307266451"): the number starts after the label.
  const apart = text.replace(/\b(KVNR|KV-?Nr\.?|Vers\.?-?Nr\.?)(?=[A-Za-z][\s\d])/g, '$1 ');
  for (const candidate of [...asWritten(apart), ...withoutStrayStroke(apart), ...withLostLetter(text)])
    if (!found.has(candidate.kvnr)) found.set(candidate.kvnr, candidate);
  return [...found.values()];
}

const readAs = (kvnr: string, raw: string): KvnrCandidate => ({
  kvnr,
  raw,
  corrected: raw.replace(/[\s-]/g, '').toUpperCase() !== kvnr,
});

/** A letter (or what OCR made of it) and nine digits or their look-alikes. */
function* asWritten(text: string): Generator<KvnrCandidate> {
  for (const match of text.matchAll(KVNR_IN_OCR)) {
    // "Tel. 0711 941742": a telephone number's leading 0 is a zero, not an O.
    if (/\d/.test(match[1]!) && PHONE_LABEL_BEFORE.test(text.slice(Math.max(0, match.index! - 20), match.index))) continue;
    const chars = match[2]!.replace(/[\s-]/g, '').split('');
    const kvnrs = lettersOf(match[1]!)
      .map((letter) => onlyValid(letter, chars))
      .filter((kvnr) => kvnr !== undefined);
    if (kvnrs.length === 1) yield readAs(kvnrs[0]!, match[0]);
    // A digit that may be either of two letters, both passing the check digit: guesses, as with a lost letter.
    else for (const kvnr of kvnrs) yield { kvnr, raw: match[0], corrected: true, letterGuessed: true };
  }
}

/** A letter and ten characters, one of them a stray stroke: read without each stroke in turn (never without a digit). */
function* withoutStrayStroke(text: string): Generator<KvnrCandidate> {
  for (const match of text.matchAll(KVNR_WITH_STRAY_STROKE)) {
    const chars = match[2]!.replace(/[\s-]/g, '').split('');
    const shortened = chars.flatMap((c, i) => (STRAY_STROKES.has(c) ? [chars.filter((_, j) => j !== i)] : []));
    const kvnrs = new Set(shortened.map((rest) => onlyValid(match[1]!.toUpperCase(), rest)).filter((k) => k !== undefined));
    if (kvnrs.size === 1) yield readAs([...kvnrs][0]!, match[0]);
  }
}

/** Nine digits behind a KVNR label: every letter the check digit allows, each marked as guessed. */
function* withLostLetter(text: string): Generator<KvnrCandidate> {
  for (const match of text.matchAll(LETTERLESS_KVNR)) {
    const digits = match[1]!.replace(/\s/g, '');
    for (const letter of LETTERS) {
      const kvnr = `${letter}${digits}`;
      if (isValidKvnr(kvnr)) yield { kvnr, raw: match[1]!, corrected: true, letterGuessed: true };
    }
  }
}

/**
 * A page where a KVNR label was read but no number shaped like a KVNR: OCR lost the value (a
 * form's boxed fields), and reading the page another way may find it.
 */
export function kvnrValueLost(text: string): boolean {
  return LABELLED.test(text) && !KVNR_SHAPED.test(text) && findKvnrCandidates(text).length === 0;
}

const lettersOf = (c: string): string[] => (/[A-Za-z]/.test(c) ? [c.toUpperCase()] : [...(AS_LETTER[c] ?? '')]);

/** The one KVNR the letter and these characters can be read as; none when no reading or several pass the check digit. */
function onlyValid(letter: string, chars: string[]): string | undefined {
  const options = chars.map((c) => (/[0-9]/.test(c) ? c : (AS_DIGIT[c] ?? '?')));
  // Where a letter may stand for two digits, the check digit tells which; if both pass, neither is sure.
  const valid = readings(options)
    .map((digits) => `${letter}${digits}`)
    .filter((kvnr) => /^[A-Z]\d{9}$/.test(kvnr) && isValidKvnr(kvnr));
  return valid.length === 1 ? valid[0] : undefined;
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
  const addWritten = ([, day, month, year]: RegExpMatchArray) => {
    if (year!.length === 4) add(Number(year), Number(month), Number(day));
    else for (const century of [1900, 2000]) add(century + Number(year), Number(month), Number(day));
  };
  // A full stop may end the sentence after it ("geb. 13.05.1992."); a number after the stop makes it no date.
  for (const m of text.matchAll(/\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)(?!\.\d)/g)) addWritten(m);
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(Number(m[1]), Number(m[2]), Number(m[3]));
  // OCR reads the dots of small print as colons ("geb. am 18:12:94"); a time of day rarely makes a valid date.
  for (const m of text.matchAll(/\b(\d{2}):(\d{2}):(\d{4}|\d{2})(?![\d:])/g)) addWritten(m);
  return [...dates];
}
