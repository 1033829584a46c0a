// Builds ~60 fictitious members: families, look-alike pairs, hard-to-spell names.
import type { Rng } from './prng.js';
import { makeKvnr } from './kvnr.js';
import * as D from './data.js';

export interface Member {
  kvnr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  familyOf: string | null;
  street: string;
  postalCode: string;
  city: string;
  // internal (not written to members.json)
  sex: 'f' | 'm';
  role: 'main' | 'spouse' | 'child';
  asciiLast: string;
  asciiFirst: string;
  nonWinAnsi: boolean;
  lookalike?: { other: string; kind: string };
  employer: string;
  job: string;
}

export const PUBLIC_FIELDS = ['kvnr', 'firstName', 'lastName', 'birthDate', 'familyOf', 'street', 'postalCode', 'city'] as const;

const ASCII_MAP: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ı: 'i',
  İ: 'I',
  Ł: 'L',
  ł: 'l',
  ş: 's',
  Ş: 'S',
  ç: 'c',
  Ç: 'C',
  ğ: 'g',
  ą: 'a',
  ę: 'e',
  ó: 'o',
  ź: 'z',
  ż: 'z',
  ń: 'n',
  ś: 's',
  ć: 'c',
};
export function toAscii(s: string): string {
  return s.replace(/[^\p{ASCII}]/gu, (c) => ASCII_MAP[c] ?? c);
}
/** Characters outside WinAnsi (cp1252) that the PDF standard fonts cannot encode. */
export function hasNonWinAnsi(s: string): boolean {
  return /[ıİŁłşŞğĞąęźżńśćĄĘŹŻŃŚĆ]/.test(s);
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}
function dateStr(y: number, m: number, d: number) {
  return `${y}-${pad(m)}-${pad(d)}`;
}
function randDate(rng: Rng, y0: number, y1: number): string {
  return dateStr(rng.int(y0, y1), rng.int(1, 12), rng.int(1, 28));
}

export function buildMembers(rng: Rng): Member[] {
  const used = new Set<string>();
  const out: Member[] = [];
  const usedFullNames = new Set<string>();
  const newKvnr = (last: string) => {
    // the letter of a real KVNR is usually the initial of the surname at issue time;
    // ~15% differ (marriage, migration), which is realistic and keeps it from being a shortcut
    const letter = rng.chance(0.85) ? toAscii(last)[0].toUpperCase() : undefined;
    for (;;) {
      const k = makeKvnr(rng, letter);
      if (!used.has(k)) {
        used.add(k);
        return k;
      }
    }
  };
  const addr = () => {
    const p = rng.pick(D.PLACES);
    const no = rng.chance(0.15) ? `${rng.int(1, 90)}${rng.pick(['a', 'b', 'c'])}` : String(rng.int(1, 140));
    return { street: `${rng.pick(D.STREETS)} ${no}`, postalCode: p.plz, city: p.city };
  };
  const job = () => ({ employer: `${rng.pick(D.EMPLOYER_BASE)} ${rng.pick(D.EMPLOYER_KIND)}`, job: rng.pick(D.JOBS) });
  const firstFor = (sex: 'f' | 'm', year: number) => {
    if (year >= 2010) return rng.pick(sex === 'f' ? D.FEMALE_KID : D.MALE_KID);
    if (year >= 1985) return rng.pick(sex === 'f' ? D.FEMALE_YOUNG : D.MALE_YOUNG);
    if (year >= 1960) return rng.pick(sex === 'f' ? D.FEMALE_MID : D.MALE_MID);
    return rng.pick(sex === 'f' ? D.FEMALE_OLD : D.MALE_OLD);
  };
  const add = (m: Omit<Member, 'kvnr' | 'asciiLast' | 'asciiFirst' | 'nonWinAnsi' | 'employer' | 'job'> & Partial<Member>) => {
    const full: Member = {
      ...job(),
      ...m,
      kvnr: newKvnr(m.lastName),
      asciiLast: toAscii(m.lastName),
      asciiFirst: toAscii(m.firstName),
      nonWinAnsi: hasNonWinAnsi(m.firstName + m.lastName),
    } as Member;
    usedFullNames.add(full.firstName + ' ' + full.lastName);
    out.push(full);
    return full;
  };
  const freshLast = () => {
    for (;;) {
      const l = rng.pick(D.LAST_COMMON);
      if (![...usedFullNames].some((n) => n.endsWith(' ' + l))) return l;
    }
  };

  // --- special (umlaut / non-Latin-1) surnames: 8 per seed, at least 3 not WinAnsi-encodable
  // every seed gets a dotless ı, an Ł, an ß and a double-barrelled name, the rest at random
  const specials = rng.shuffle([...D.SPECIAL_NAMES]);
  const must = [/ı/, /Ł/, /ß/, /-/];
  const chosenSpecial: D.SpecialName[] = [];
  for (const re of must) {
    const s = specials.find((x) => re.test(x.last) && !chosenSpecial.includes(x));
    if (s) chosenSpecial.push(s);
  }
  for (const s of specials) if (chosenSpecial.length < 9 && !chosenSpecial.includes(s)) chosenSpecial.push(s);
  rng.shuffle(chosenSpecial);

  // --- families: 8 (2 of them with special surnames). Some have a female main member (maternity, newborn).
  const famSpecs: { last: string; special?: D.SpecialName; motherMain: boolean; baby: boolean; sameNameSon: boolean }[] = [];
  for (let i = 0; i < 8; i++) {
    const special = i < 2 ? chosenSpecial[i] : undefined;
    famSpecs.push({
      last: special ? special.last : freshLast(),
      special,
      motherMain: i % 2 === 1,
      baby: i === 1 || i === 3 || i === 4,
      sameNameSon: i === 5,
    });
  }
  for (const f of famSpecs) {
    const a = addr();
    const mainSex: 'f' | 'm' = f.motherMain && !f.sameNameSon ? 'f' : 'm'; // the same-name son needs a father
    const mainYear = f.sameNameSon ? rng.int(1962, 1972) : f.baby ? rng.int(1986, 1996) : rng.int(1978, 1992);
    const fn = (sex: 'f' | 'm', y: number) => (f.special ? rng.pick(sex === 'f' ? f.special.firstF : f.special.firstM) : firstFor(sex, y));
    const main = add({
      firstName: fn(mainSex, mainYear),
      lastName: f.last,
      birthDate: randDate(rng, mainYear, mainYear),
      familyOf: null,
      ...a,
      sex: mainSex,
      role: 'main',
    });
    const spSex: 'f' | 'm' = mainSex === 'f' ? 'm' : 'f';
    if (rng.chance(0.8) || f.sameNameSon) {
      const y = mainYear + rng.int(-3, 3);
      add({
        firstName: fn(spSex, y),
        lastName: f.last,
        birthDate: randDate(rng, y, y),
        familyOf: main.kvnr,
        ...a,
        sex: spSex,
        role: 'spouse',
      });
    }
    const kidYears: number[] = [];
    if (f.sameNameSon) kidYears.push(rng.int(1999, 2002));
    const nKids = rng.int(1, 3);
    for (let k = 0; k < nKids; k++) kidYears.push(rng.int(2013, 2022));
    if (f.baby) kidYears.push(2024);
    const kidNames = new Set<string>();
    kidYears.forEach((y, idx) => {
      const sex: 'f' | 'm' = f.sameNameSon && idx === 0 ? 'm' : rng.chance(0.5) ? 'f' : 'm';
      let first = f.sameNameSon && idx === 0 ? main.firstName : fn(sex, y);
      if (sex === 'm' && f.sameNameSon && idx === 0) {
        /* same first name as father */
      } else {
        let guard = 0;
        while (kidNames.has(first) && guard++ < 20) first = fn(sex, y);
      }
      kidNames.add(first);
      const bd = y === 2024 ? dateStr(2024, rng.int(1, 9), rng.int(1, 28)) : randDate(rng, y, y);
      const kid = add({ firstName: first, lastName: f.last, birthDate: bd, familyOf: main.kvnr, ...a, sex, role: 'child' });
      if (f.sameNameSon && idx === 0) {
        kid.lookalike = { other: main.kvnr, kind: 'same name and same address as father (family-insured student son)' };
        main.lookalike = { other: kid.kvnr, kind: 'same name and same address as son' };
      }
    });
  }

  // --- look-alike pairs with identical first+last names, different birth dates and addresses
  for (let i = 0; i < 3; i++) {
    const sex: 'f' | 'm' = i % 2 === 0 ? 'm' : 'f';
    const last = rng.pick(
      ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Wagner', 'Hoffmann', 'Schulz', 'Koch'].filter(
        (l) => ![...usedFullNames].some((n) => n.endsWith(' ' + l)),
      ),
    );
    const y1 = rng.int(1955, 1995);
    const first = firstFor(sex, y1);
    const bd1 = randDate(rng, y1, y1);
    let kind: string;
    if (i === 0) {
      // day and month swapped: e.g. 03.04. vs 04.03. of the same year
      const m = rng.int(1, 12);
      let d = rng.int(1, 12);
      if (d === m) d = (m % 12) + 1;
      kind = 'same name, birth date with day and month swapped';
      const a = add({ firstName: first, lastName: last, birthDate: dateStr(y1, m, d), familyOf: null, ...addr(), sex, role: 'main' });
      const b = add({ firstName: first, lastName: last, birthDate: dateStr(y1, d, m), familyOf: null, ...addr(), sex, role: 'main' });
      a.lookalike = { other: b.kvnr, kind };
      b.lookalike = { other: a.kvnr, kind };
      continue;
    }
    const y2 = i === 1 ? y1 + rng.int(20, 35) : y1 + rng.int(1, 3);
    const bd2 = randDate(rng, y2, y2);
    kind = i === 1 ? 'same name, different generation' : 'same name, birth years close';
    const a1 = addr();
    const a2 = i === 2 ? { ...addr(), city: a1.city, postalCode: a1.postalCode } : addr(); // same city for one pair
    const a = add({ firstName: first, lastName: last, birthDate: bd1, familyOf: null, ...a1, sex, role: 'main' });
    const b = add({ firstName: first, lastName: last, birthDate: bd2, familyOf: null, ...a2, sex, role: 'main' });
    a.lookalike = { other: b.kvnr, kind };
    b.lookalike = { other: a.kvnr, kind };
  }
  // --- one-letter-different pairs: 2 by surname, 2 by first name
  const lastPairs = rng.sample(D.ONE_LETTER_LAST, 2);
  const firstPairs = rng.sample(D.ONE_LETTER_FIRST, 2);
  for (const [l1, l2] of lastPairs) {
    const sex: 'f' | 'm' = rng.chance(0.5) ? 'f' : 'm';
    const y = rng.int(1950, 2000);
    const first = firstFor(sex, y);
    const a = add({ firstName: first, lastName: l1, birthDate: randDate(rng, y, y), familyOf: null, ...addr(), sex, role: 'main' });
    const y2 = y + rng.int(-6, 6);
    const b = add({ firstName: first, lastName: l2, birthDate: randDate(rng, y2, y2), familyOf: null, ...addr(), sex, role: 'main' });
    a.lookalike = { other: b.kvnr, kind: `surname differs by one letter (${l1}/${l2})` };
    b.lookalike = { other: a.kvnr, kind: `surname differs by one letter (${l2}/${l1})` };
  }
  for (const [f1, f2, sex] of firstPairs) {
    const last = freshLast();
    const y = rng.int(1975, 2000);
    const a = add({ firstName: f1, lastName: last, birthDate: randDate(rng, y, y), familyOf: null, ...addr(), sex, role: 'main' });
    const y2 = y + rng.int(-4, 4);
    const b = add({ firstName: f2, lastName: last, birthDate: randDate(rng, y2, y2), familyOf: null, ...addr(), sex, role: 'main' });
    a.lookalike = { other: b.kvnr, kind: `first name differs by one letter (${f1}/${f2})` };
    b.lookalike = { other: a.kvnr, kind: `first name differs by one letter (${f2}/${f1})` };
  }
  // --- singles with the remaining special names
  for (const sp of chosenSpecial.slice(2)) {
    const sex: 'f' | 'm' = rng.chance(0.5) ? 'f' : 'm';
    const y = rng.int(1942, 2003);
    add({
      firstName: rng.pick(sex === 'f' ? sp.firstF : sp.firstM),
      lastName: sp.last,
      birthDate: randDate(rng, y, y),
      familyOf: null,
      ...addr(),
      sex,
      role: 'main',
    });
  }
  // --- fill up to 60 with ordinary singles; deliberately include the very old (1940s) and young adults
  const decades = [1939, 1944, 1948, 1952, 1958, 1965, 1970, 1977, 1983, 1988, 1990, 1993, 1996, 1999, 2002, 2004, 1986, 1991, 1994, 1962];
  let di = 0;
  while (out.length < 60) {
    const y = di === 0 ? (di++, 1940) : decades[di++ % decades.length] + rng.int(1, 3); // oldest member born 1940; others up to 2006
    // mothers-to-be among young singles
    const sex: 'f' | 'm' = y >= 1986 && y <= 1998 ? (rng.chance(0.7) ? 'f' : 'm') : rng.chance(0.5) ? 'f' : 'm';
    add({
      firstName: firstFor(sex, y),
      lastName: freshLast(),
      birthDate: randDate(rng, Math.min(y, 2006), Math.min(y, 2006)),
      familyOf: null,
      ...addr(),
      sex,
      role: 'main',
    });
  }
  return rng.shuffle(out);
}

export function ageAt(m: Member, date: Date): number {
  const [y, mo, d] = m.birthDate.split('-').map(Number);
  let a = date.getUTCFullYear() - y;
  if (date.getUTCMonth() + 1 < mo || (date.getUTCMonth() + 1 === mo && date.getUTCDate() < d)) a--;
  return a;
}
export function childrenOf(m: Member, all: Member[]) {
  return all.filter((x) => x.familyOf === m.kvnr && x.role === 'child');
}
export function spouseOf(m: Member, all: Member[]) {
  return all.find((x) => x.familyOf === m.kvnr && x.role === 'spouse');
}
export function mainOf(m: Member, all: Member[]) {
  return m.familyOf ? all.find((x) => x.kvnr === m.familyOf) : undefined;
}
