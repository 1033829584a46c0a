import { randomInt } from 'node:crypto';
import { kvnrCheckDigit } from '../../core/members/kvnr.js';

/** A valid KVNR no other test uses (Z-prefixed: the demo data never uses Z). */
export function randomKvnr(): string {
  const firstNine = `Z${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  return `${firstNine}${kvnrCheckDigit(firstNine)}`;
}

/** The same KVNR with a wrong check digit. */
export function withWrongCheckDigit(kvnr: string): string {
  return `${kvnr.slice(0, 9)}${(Number(kvnr[9]) + 1) % 10}`;
}
