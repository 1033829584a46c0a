import type { z } from 'zod';
import { de } from 'zod/v4/locales';
import { ValidationError } from '../errors/index.js';

/** zod's own messages in German, where a schema has none of its own. */
const GERMAN = de().localeError;

/** Parses untrusted input at the boundary; a failure becomes a 400 listing each bad field (in German). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: GERMAN });
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })));
}

/** Text from outside without NUL characters, which PostgreSQL cannot store: a 400, not a failed query. */
export const withoutNul = (text: string) => !text.includes('\u0000');
export const NO_NUL = { error: 'Die Eingabe enthält ein unzulässiges Steuerzeichen.' } as const;
