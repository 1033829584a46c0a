import { z } from 'zod';

/** One capital letter, eight digits, one check digit (the "unveränderbarer Teil" of the KVNR). */
const KVNR_SHAPE = /^[A-Z]\d{9}$/;

/**
 * The check digit: the letter becomes its two-digit position in the alphabet (A=01 … Z=26),
 * the resulting ten digits are weighted 1,2,1,2,…, the digit sums of the products are added,
 * and the total modulo 10 is the check digit.
 */
export function kvnrCheckDigit(firstNine: string): number {
  const position = firstNine.charCodeAt(0) - 64;
  const digits = `${String(position).padStart(2, '0')}${firstNine.slice(1, 9)}`;
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
    total += Math.floor(product / 10) + (product % 10);
  }
  return total % 10;
}

/** How members type it: spaces and lower case are forgiven. */
export function normaliseKvnr(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

export type KvnrProblem = 'format' | 'check_digit';

/** What is wrong with a (normalised) KVNR, if anything. */
export function kvnrProblem(kvnr: string): KvnrProblem | undefined {
  if (!KVNR_SHAPE.test(kvnr)) return 'format';
  if (kvnrCheckDigit(kvnr) !== Number(kvnr[9])) return 'check_digit';
  return undefined;
}

export function isValidKvnr(kvnr: string): boolean {
  return kvnrProblem(kvnr) === undefined;
}

/** A letter and ten digits as members type them in a sentence, with spaces or dashes between groups. */
const KVNR_IN_TEXT = /(?<![\p{L}\d])[A-Za-z][\s-]?\d(?:[\s-]?\d){8}(?![\p{L}\d])/gu;

/** The last valid KVNR (check digit right) in a member's message, normalised; none in "A123". */
export function findKvnr(text: string): string | undefined {
  let found: string | undefined;
  for (const match of text.matchAll(KVNR_IN_TEXT)) {
    const kvnr = normaliseKvnr(match[0]);
    if (isValidKvnr(kvnr)) found = kvnr;
  }
  return found;
}

export const KVNR_MESSAGES: Record<KvnrProblem, string> = {
  format:
    'Die Krankenversichertennummer besteht aus einem Großbuchstaben und neun Ziffern, z. B. A123456780. Sie steht auf der Gesundheitskarte.',
  check_digit:
    'Diese Krankenversichertennummer kann nicht stimmen: Die letzte Ziffer (Prüfziffer) passt nicht. Bitte prüfen Sie die Nummer auf Ihrer Gesundheitskarte.',
};

function kvnrSchemaSaying(messages: Record<KvnrProblem, string>) {
  return z
    .string({ error: messages.format })
    .max(40, { error: messages.format })
    .transform(normaliseKvnr)
    .superRefine((kvnr, ctx) => {
      const problem = kvnrProblem(kvnr);
      if (problem) ctx.addIssue({ code: 'custom', message: messages[problem] });
    });
}

/** A KVNR at a boundary: normalised, then checked for shape and check digit. German messages for people using the API and the console. */
export const kvnrSchema = kvnrSchemaSaying(KVNR_MESSAGES);

/** The same for the operator's member files, whose reports are in English. */
export const kvnrFileSchema = kvnrSchemaSaying({
  format: 'not a KVNR (letter + 9 digits)',
  check_digit: 'KVNR check digit does not match',
});
