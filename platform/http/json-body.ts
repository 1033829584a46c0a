import express, { type RequestHandler } from 'express';
import { HttpError } from '../errors/index.js';

/** Deeper than any request of ours needs; deep enough nesting overflows recursive checks and serialisers. */
export const MAX_JSON_DEPTH = 32;

export type JsonProblem = 'too_deep' | 'nul_character' | 'lone_surrogate';

/**
 * Finds what no JSON value from a client may hold: nesting beyond `maxDepth`, a NUL character
 * (PostgreSQL cannot store it in text) or a lone UTF-16 surrogate (not valid Unicode). Walks
 * with its own stack, so a hostile nesting depth cannot overflow the call stack here.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) return problem;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return 'too_deep';
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const problem = stringProblem(key);
      if (problem) return problem;
      stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function stringProblem(text: string): JsonProblem | undefined {
  if (text.includes('\u0000')) return 'nul_character';
  // With the u flag a paired surrogate is one code point; only unpaired halves are category Cs.
  if (/\p{Cs}/u.test(text)) return 'lone_surrogate';
  return undefined;
}

const MESSAGES: Record<JsonProblem, string> = {
  too_deep: `Der JSON-Inhalt ist tiefer als ${MAX_JSON_DEPTH} Ebenen verschachtelt.`,
  nul_character: 'Der Inhalt enthält ein NUL-Zeichen (\\u0000).',
  lone_surrogate: 'Der Inhalt enthält ungültige Unicode-Zeichen (einzelne Surrogate).',
};

/** A 400 for a value `jsonProblem` found fault with, or nothing. */
export function assertCleanJson(value: unknown, code = 'invalid_json'): void {
  const problem = jsonProblem(value);
  if (problem) throw new HttpError(400, code, MESSAGES[problem], { problem });
}

/**
 * `express.json` plus the checks every client JSON body must pass before any schema or
 * database sees it. Compressed bodies are not accepted: nobody of ours sends them, and
 * inflating is work an attacker chooses the size of.
 */
export function jsonBody(options: { limit: string; type?: string[]; code?: string }): RequestHandler[] {
  const code = options.code ?? 'invalid_json';
  return [
    (req, _res, next) => {
      const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
      const hasBody = req.get('transfer-encoding') !== undefined || (req.get('content-length') ?? '0') !== '0';
      if (encoding !== 'identity' && hasBody)
        return next(new HttpError(415, 'unsupported_encoding', 'Komprimierte Anfragen (Content-Encoding) werden nicht angenommen.'));
      next();
    },
    express.json({ limit: options.limit, ...(options.type ? { type: options.type } : {}) }),
    (req, _res, next) => {
      try {
        if (req.body !== undefined) assertCleanJson(req.body, code);
        next();
      } catch (err) {
        next(err);
      }
    },
  ];
}
