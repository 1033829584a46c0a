import { randomInt } from 'node:crypto';

/**
 * Tracking IDs like `MK-7KQ3-M9XD-4R2C`: eleven random symbols (55 bits, so unguessable) and a
 * check symbol, in Crockford's base 32 (no I, L, O, U: nothing to misread or mistype). The
 * check symbol (Luhn mod 32) catches every single typo and most swapped neighbours before a
 * lookup is even tried.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const RANDOM_SYMBOLS = 11;
/** Tracking IDs of submissions; other records (callbacks, certificates) use their own prefix. */
const PREFIX = 'MK';

function luhnCheckSymbol(symbols: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = symbols.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(symbols[i]!);
    sum += Math.floor(addend / BASE) + (addend % BASE);
    factor = factor === 2 ? 1 : 2;
  }
  return ALPHABET[(BASE - (sum % BASE)) % BASE]!;
}

function format(symbols: string, prefix: string): string {
  return `${prefix}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** A reference in the same form with another prefix, e.g. `RR-…` for a callback request. */
export function newReference(prefix: string): string {
  let symbols = '';
  for (let i = 0; i < RANDOM_SYMBOLS; i++) symbols += ALPHABET[randomInt(BASE)];
  return format(symbols + luhnCheckSymbol(symbols), prefix);
}

export function newTrackingId(): string {
  return newReference(PREFIX);
}

/**
 * Reads a tracking ID as a member types it (any case, with or without dashes or spaces,
 * O for 0 and I or L for 1). Undefined when it cannot be one of ours.
 */
export function parseTrackingId(input: string): string | undefined {
  let symbols = input.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length === PREFIX.length + RANDOM_SYMBOLS + 1 && symbols.startsWith(PREFIX)) symbols = symbols.slice(PREFIX.length);
  symbols = symbols.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (symbols.length !== RANDOM_SYMBOLS + 1 || [...symbols].some((s) => !ALPHABET.includes(s))) return undefined;
  if (luhnCheckSymbol(symbols.slice(0, RANDOM_SYMBOLS)) !== symbols[RANDOM_SYMBOLS]) return undefined;
  return format(symbols, PREFIX);
}

/**
 * A tracking ID somewhere in a member's message ("wo steht MK-7KQ3-M9XD-4R2C?"), in the shapes
 * members write it: with or without the prefix, with dashes, spaces or nothing between the
 * groups (one kind throughout), any case. Without the prefix it must hold a digit: twelve letters
 * ("Klassenfahrt", "eine Reha nach") pass the check symbol one time in 32 and are words.
 */
export function findTrackingId(message: string): string | undefined {
  const shapes = /\b(MK[\s-]?)?([0-9A-Z]{4})(?:(-)([0-9A-Z]{4})-|( )([0-9A-Z]{4}) |()([0-9A-Z]{4}))([0-9A-Z]{4})\b/gi;
  for (const match of message.matchAll(shapes)) {
    const [text, prefix] = match;
    if (!prefix && !/\d/.test(text)) continue;
    const id = parseTrackingId(text);
    if (id) return id;
  }
  return undefined;
}
