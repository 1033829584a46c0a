import type { z } from 'zod';
import { ValidationError } from '../errors/index.js';

/** Parses untrusted input at the boundary; a failure becomes a 400 listing each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
}

/** Text from outside without NUL characters, which PostgreSQL cannot store: a 400, not a failed query. */
export const withoutNul = (text: string) => !text.includes('\u0000');
export const NO_NUL = { error: 'Die Eingabe enthält ein unzulässiges Steuerzeichen.' } as const;
