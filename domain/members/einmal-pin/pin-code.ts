import { randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O, U, so a printed PIN cannot be misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** A new PIN like `7KQ3-M9XD` (40 random bits; wrong attempts are limited). */
export function newPinCode(): string {
  let pin = '';
  for (let i = 0; i < LENGTH; i++) pin += ALPHABET[randomInt(ALPHABET.length)];
  return `${pin.slice(0, 4)}-${pin.slice(4)}`;
}

/** The PIN as typed (any case, with or without the dash, O for 0, I or L for 1), in its canonical form. */
export function normalisePinCode(input: string): string | undefined {
  const symbols = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (symbols.length !== LENGTH || [...symbols].some((s) => !ALPHABET.includes(s))) return undefined;
  return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}
