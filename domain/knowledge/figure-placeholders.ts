/**
 * How answers name a dated figure: `{{id}}` for its value, `{{id.jahr}}` for the year that value
 * applies from. Shared by the knowledge base and the console's preview, so both fill in alike.
 */
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)(\.jahr)?\s*\}\}/g;

export interface FigureValue {
  /** As the answers state it: "5.812,50 Euro". */
  value: string;
  /** The day it applies from (YYYY-MM-DD). */
  from: string;
}

/** 2026-01-01 → 01.01.2026, as reviewers read dates. */
export const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The placeholders of a template, in order. */
export function placeholdersIn(template: string): Array<{ id: string; year: boolean }> {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ id: m[1]!, year: !!m[2] }));
}

/** A template with its placeholders filled in; one without a value stays as written. */
export function fillFigures(template: string, valueOf: (id: string) => FigureValue | undefined): string {
  return template.replace(PLACEHOLDER, (match, id: string, year: string | undefined) => {
    const figure = valueOf(id);
    if (!figure) return match;
    return year ? figure.from.slice(0, 4) : figure.value;
  });
}

/** A template with its placeholders taken out (to look at what it states by itself). */
export const withoutPlaceholders = (template: string) => template.replace(PLACEHOLDER, ' ');

/** One row of the dated table as the console lists it. */
export interface FigureSummary {
  id: string;
  description: string;
  kind: 'law' | 'public' | 'insurer';
  source: string;
  changesYearly: boolean;
  /** The value today and the day it applies from. */
  current: FigureValue;
  /** A value entered for a later day, if any. */
  next: FigureValue | null;
}

/** An entry the console lists for review, with why. */
export interface ReviewDue {
  id: string;
  question: string;
  reviewedAt: string | null;
  reviewer: string | null;
  sources: string[];
  validFrom: string | null;
  reasons: string[];
}
