/**
 * Numbers written as words, as dictation and some members write them, turned into digits so the
 * detail finders read them: "neunundachtzig euro neunzig" → "89,90 euro", "vom siebten januar" →
 * "vom 7. januar", "null eins fünf eins zwei drei …" → "0151 23…" (digit by digit, as phone
 * numbers and KVNRs are spoken). No npm package reads German number words (words-to-numbers and
 * text2num know English only), hence this small parser.
 *
 * "ein", "eine", "einen" stay words: they are articles far more often than numbers; so do numbers
 * below 13 on their own ("zwei Wochen"), which count things rather than name dates or amounts.
 */

/** The numbers 0–19 as words, with the spellings members use without umlauts. */
export const UNIT_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ['null', 0],
  ['eins', 1],
  ['zwei', 2],
  ['zwo', 2],
  ['drei', 3],
  ['vier', 4],
  ['fünf', 5],
  ['fuenf', 5],
  ['sechs', 6],
  ['sieben', 7],
  ['acht', 8],
  ['neun', 9],
  ['zehn', 10],
  ['elf', 11],
  ['zwölf', 12],
  ['zwoelf', 12],
  ['dreizehn', 13],
  ['vierzehn', 14],
  ['fünfzehn', 15],
  ['fuenfzehn', 15],
  ['sechzehn', 16],
  ['siebzehn', 17],
  ['achtzehn', 18],
  ['neunzehn', 19],
]);
const TENS = new Map<string, number>([
  ['zwanzig', 20],
  ['dreißig', 30],
  ['dreissig', 30],
  ['vierzig', 40],
  ['fünfzig', 50],
  ['fuenfzig', 50],
  ['sechzig', 60],
  ['siebzig', 70],
  ['achtzig', 80],
  ['neunzig', 90],
]);
/** Units as the first part of a compound ("einundzwanzig", "einhundert"). */
const COMPOUND_UNITS = new Map([...UNIT_WORDS, ['ein', 1]]);

/** 0–99 in one word: "sieben", "zwölf", "vierzig", "neunundachtzig". */
function belowHundred(word: string): number | undefined {
  const simple = UNIT_WORDS.get(word) ?? TENS.get(word);
  if (simple !== undefined) return simple;
  const compound = /^(\p{L}+?)und(\p{L}+)$/u.exec(word);
  if (!compound) return undefined;
  const unit = COMPOUND_UNITS.get(compound[1]!);
  const tens = TENS.get(compound[2]!);
  return unit !== undefined && unit >= 1 && unit <= 9 && tens !== undefined ? tens + unit : undefined;
}

/** 0–9999 in one word: "hundertzwanzig", "einhundertzwölf", "zweitausendsiebenundzwanzig". */
export function cardinal(written: string): number | undefined {
  const word = written.toLowerCase();
  const thousand = /^(\p{L}*?)tausend(\p{L}*)$/u.exec(word);
  if (thousand) {
    const times = thousand[1] ? (COMPOUND_UNITS.get(thousand[1]) ?? belowHundred(thousand[1])) : 1;
    const rest = thousand[2] ? belowThousand(thousand[2]) : 0;
    return times !== undefined && times >= 1 && rest !== undefined ? times * 1000 + rest : undefined;
  }
  return belowThousand(word);
}

function belowThousand(word: string): number | undefined {
  const hundred = /^(\p{L}*?)hundert(\p{L}*)$/u.exec(word);
  if (!hundred) return belowHundred(word);
  const times = hundred[1] ? COMPOUND_UNITS.get(hundred[1]) : 1;
  const rest = hundred[2] ? belowHundred(hundred[2]) : 0;
  return times !== undefined && times >= 1 && times <= 9 && rest !== undefined ? times * 100 + rest : undefined;
}

const IRREGULAR_ORDINALS = new Map([
  ['erst', 1],
  ['dritt', 3],
  ['siebt', 7],
  ['siebent', 7],
  ['acht', 8],
]);

/** A day of the month as an ordinal ("siebten", "zweiter", "einunddreißigsten"), 1–31. */
export function ordinal(written: string): number | undefined {
  const stem = /^(\p{L}+?)(?:e|en|er|em|es)$/u.exec(written.toLowerCase())?.[1];
  if (!stem) return undefined;
  let day = IRREGULAR_ORDINALS.get(stem);
  // 2–19 take -t- ("zweit", "zwölft"), from 20 on -st- ("zwanzigst", "einundzwanzigst").
  if (day === undefined && stem.endsWith('st')) {
    const n = belowHundred(stem.slice(0, -2));
    if (n !== undefined && n >= 20) day = n;
  }
  if (day === undefined && stem.endsWith('t')) {
    const n = belowHundred(stem.slice(0, -1));
    if (n !== undefined && n >= 2 && n <= 19) day = n;
  }
  return day !== undefined && day >= 1 && day <= 31 ? day : undefined;
}

const MONTH = /^(?:januar|jänner|jaenner|februar|feber|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)$/iu;
const CURRENCY = /^(?:euro|eur|€)$/iu;

/** The text with number words as digits (see the module comment). Everything else is kept as written. */
export function spokenNumbersAsDigits(text: string): string {
  // Words and the gaps between them, so the text can be put back together unchanged where nothing is read.
  const parts = text.split(/(\p{L}+)/u);
  const words = parts.map((part, i) => (i % 2 === 1 ? part : undefined));
  const gapIsSpace = (i: number) => /^[ \t]*$/.test(parts[i + 1] ?? 'x');
  const out = [...parts];
  let i = 1;
  while (i < parts.length) {
    const word = words[i]!;
    // Digit by digit: three or more numbers below 100 in a row, mostly single digits ("null sieben elf zwei drei …").
    const run: number[] = [];
    let j = i;
    while (j < parts.length && belowHundred(words[j]!.toLowerCase()) !== undefined) {
      run.push(belowHundred(words[j]!.toLowerCase())!);
      if (!gapIsSpace(j)) break;
      j += 2;
    }
    const consumed = run.length;
    if (run.length >= 3 && run.filter((n) => n < 10).length >= 2) {
      out[i] = run.join('');
      for (let k = 1; k < consumed; k++) {
        out[i + 2 * k - 1] = '';
        out[i + 2 * k] = '';
      }
      i += 2 * consumed;
      continue;
    }
    const next = words[i + 2];
    const day = ordinal(word);
    if (day !== undefined && next && MONTH.test(next) && gapIsSpace(i)) {
      out[i] = `${day}.`;
      i += 2;
      continue;
    }
    const value = /^(?:ein|eine|einen|einem|einer|eines)$/iu.test(word) ? undefined : cardinal(word);
    // Small numbers alone are counts ("zwei Wochen", "drei Sitzungen") and stay words, unless they are money.
    const money = !!next && CURRENCY.test(next) && gapIsSpace(i);
    if (value !== undefined && (value >= 13 || money)) {
      out[i] = String(value);
      // "neunundachtzig euro neunzig": the cents spoken after the currency.
      const cents = money && gapIsSpace(i + 2) && words[i + 4] ? belowHundred(words[i + 4]!.toLowerCase()) : undefined;
      if (cents !== undefined && cents > 0) {
        out[i] = `${value},${String(cents).padStart(2, '0')}`;
        out[i + 3] = '';
        out[i + 4] = '';
        i += 6;
        continue;
      }
    }
    i += 2;
  }
  return out.join('');
}
