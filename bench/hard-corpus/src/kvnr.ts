// Krankenversichertennummer (unchangeable part): letter + 8 digits + check digit.
// Check digit: letter -> two-digit alphabet position (A=01..Z=26), followed by the
// 8 digits = 10 digits; weights 1,2,1,2,...; sum the digit sums of the products; mod 10.
import type { Rng } from './prng.js';

export function kvnrCheckDigit(letter: string, eight: string): number {
  const pos = letter.toUpperCase().charCodeAt(0) - 64;
  if (pos < 1 || pos > 26 || !/^\d{8}$/.test(eight)) throw new Error(`bad kvnr body ${letter}${eight}`);
  const ds = String(pos).padStart(2, '0') + eight;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const p = Number(ds[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10;
}

export function isValidKvnr(k: string): boolean {
  if (!/^[A-Z]\d{9}$/.test(k)) return false;
  return kvnrCheckDigit(k[0], k.slice(1, 9)) === Number(k[9]);
}

export function makeKvnr(rng: Rng, letter?: string): string {
  const L = (letter ?? String.fromCharCode(65 + rng.int(0, 25))).toUpperCase();
  // first digit of the real numbers is never 0 in practice; keep that look
  const eight = String(rng.int(1, 9)) + rng.digits(7);
  return L + eight + kvnrCheckDigit(L, eight);
}

/** A plausible but invalid KVNR derived from a valid one (typo, transposition or wrong check digit). */
export function corruptKvnr(rng: Rng, k: string): { value: string; how: string } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const kind = rng.pick(['check', 'transpose', 'digit'] as const);
    let v = k;
    if (kind === 'check') v = k.slice(0, 9) + String((Number(k[9]) + rng.int(1, 9)) % 10);
    else if (kind === 'transpose') {
      const i = rng.int(1, 8);
      v = k.slice(0, i) + k[i + 1] + k[i] + k.slice(i + 2);
    } else {
      const i = rng.int(1, 8);
      v = k.slice(0, i) + String((Number(k[i]) + rng.int(1, 9)) % 10) + k.slice(i + 1);
    }
    if (v !== k && !isValidKvnr(v))
      return {
        value: v,
        how:
          kind === 'check'
            ? 'wrong check digit'
            : kind === 'transpose'
              ? 'two digits transposed (check fails)'
              : 'one digit mistyped (check fails)',
      };
  }
  throw new Error('could not corrupt ' + k);
}
