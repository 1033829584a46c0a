import { z } from 'zod';
import {
  fillFigures,
  germanDate,
  placeholdersIn,
  withoutPlaceholders,
  type FigureSummary,
} from '../domain/knowledge/figure-placeholders.js';

/**
 * knowledge/figures.yaml: every figure the answers state (ceilings, days, limits, phone numbers),
 * each with its source and the values it had over time (issue 20). Answers write `{{id}}` for
 * the value that applies on the day they are given and `{{id.jahr}}` for the year it applies
 * from, so a new year is one edit in one place and no two answers can state different values.
 */
export const FIGURES_FILE = 'figures.yaml';

const isoDate = z.iso.date();
const figureId = z.string().regex(/^[a-z][a-z0-9_]{2,63}$/);

const figureSchema = z
  .object({
    description: z.string().trim().min(3).max(200),
    kind: z.enum(['law', 'public', 'insurer']),
    source: z.string().trim().min(3).max(200),
    /** Fixed for one calendar year: due for review when the year is over without a new value. */
    changesYearly: z.boolean().default(false),
    values: z
      .array(z.object({ from: isoDate, value: z.string().trim().min(1).max(200) }).strict())
      .min(1)
      .refine((values) => values.every((v, i) => i === 0 || values[i - 1]!.from < v.from), {
        error: 'values must be in order of their date, each from a later day',
      }),
  })
  .strict();

export const figuresSchema = z.record(figureId, figureSchema);
export type Figure = z.infer<typeof figureSchema>;
export type FigureKind = Figure['kind'];

/** Numbers that are names, not figures: "Pflegegrad 2", the form "PTV 1", an example tracking ID. */
const NAMED_NUMBERS = [/\bPflegegrad \d\b/g, /\bPTV \d\b/g, /\bMK(?:-[0-9A-Z]{4}){3}\b/g];
/** A numbered list item ("1. Ihre Krankenversichertennummer") counts its steps, it states no figure. */
const LIST_NUMBER = /^\s*\d+\.\s/gm;
const NUMBER_WORD = String.raw`(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|hundert)`;
const UNIT = String.raw`(?:Jahre?n?|Monate?n?|Wochen?|(?:Kalender|Arbeits|Werk)?tage?n?|Stunden?|Minuten?|Euro|Prozent|Ziffern|Stellen|Seiten|Mal)\b`;
/**
 * Figures written as words: "drei Jahre", "zwei Monate", "viermal im Jahr", "sechsstellige".
 * Counting the answer's own steps ("in zwei Schritten", "drei Angaben") is not a figure.
 */
const WORD_FIGURES = [
  new RegExp(String.raw`\b${NUMBER_WORD}\s+${UNIT}`, 'gi'),
  new RegExp(String.raw`\b${NUMBER_WORD}mal\s+(?:im|pro|je)\s+(?:Jahr|Monat|Woche|Tag)\b`, 'gi'),
  new RegExp(String.raw`\b${NUMBER_WORD}stellig\w*`, 'gi'),
];

/**
 * The figures an answer states outside the table: digits, and numbers written as words before
 * a unit. An answer with any of these states a rule nobody dates; the test forbids them and the
 * console lists them for review.
 */
export function figuresOutsideTable(template: string): string[] {
  let text = withoutPlaceholders(template).replace(LIST_NUMBER, '');
  for (const name of NAMED_NUMBERS) text = text.replace(name, ' ');
  const found = [...text.matchAll(/[^\s(]*\d[\d.,:–-]*(?:\s?(?:%|Euro|kB|MB|Jahre?n?|Monate?n?|Wochen?|Tage?n?|Uhr)\b)?/g)].map(
    (m) => m[0],
  );
  for (const pattern of WORD_FIGURES) found.push(...[...text.matchAll(pattern)].map((m) => m[0]));
  return found.map((f) => f.replace(/\*+/g, '').trim()).filter(Boolean);
}

/** The dated table, read for one day at a time. */
export class FigureTable {
  constructor(
    private readonly figures: Readonly<Record<string, Figure>>,
    /** Values the running system decides (its upload limits), used instead of the table's. */
    private readonly settings: Readonly<Record<string, string>> = {},
  ) {}

  has(id: string): boolean {
    return Object.hasOwn(this.figures, id);
  }

  get(id: string): Figure | undefined {
    return this.has(id) ? this.figures[id] : undefined;
  }

  ids(): string[] {
    return Object.keys(this.figures);
  }

  /** The value that applies on a day: the latest from that day or before (the first, if all are later). */
  valueOn(id: string, day: string): { from: string; value: string } {
    const figure = this.get(id);
    if (!figure) throw new Error(`unknown figure ${id}`);
    const value = figure.values.findLast((v) => v.from <= day) ?? figure.values[0]!;
    const setting = this.settings[id];
    return setting === undefined ? value : { from: value.from, value: setting };
  }

  /** A template with every `{{id}}` and `{{id.jahr}}` filled in for a day. */
  render(template: string, day: string): string {
    return fillFigures(template, (id) => (this.has(id) ? this.valueOn(id, day) : undefined));
  }

  /** The placeholders in a template that name no figure (reported at load with the file). */
  unknownIn(template: string): string[] {
    return [...new Set(placeholdersIn(template).map((u) => u.id))].filter((id) => !this.has(id));
  }

  /** Every figure with today's value and the next one entered, for the console. */
  summaries(today: string): FigureSummary[] {
    return this.ids().map((id) => {
      const figure = this.figures[id]!;
      const next = figure.values.find((v) => v.from > today);
      return {
        id,
        description: figure.description,
        kind: figure.kind,
        source: figure.source,
        changesYearly: figure.changesYearly,
        current: this.valueOn(id, today),
        next: next ? { from: next.from, value: next.value } : null,
      };
    });
  }

  /**
   * Why an answer using these figures needs another look since it was reviewed: a figure got a
   * new value after the review, or a yearly figure's year is over without a new one.
   */
  changesSince(ids: Iterable<string>, reviewedAt: string, today: string): string[] {
    const reasons: string[] = [];
    for (const id of new Set(ids)) {
      const figure = this.get(id);
      if (!figure) continue;
      const current = this.valueOn(id, today);
      const changed = figure.values.findLast((v) => v.from > reviewedAt && v.from <= today);
      if (changed) reasons.push(`${figure.description}: seit ${germanDate(changed.from)} neu ${changed.value}.`);
      else if (figure.changesYearly && current.from.slice(0, 4) < today.slice(0, 4))
        reasons.push(`${figure.description}: für ${today.slice(0, 4)} ist noch kein Wert eingetragen (zuletzt ${current.value}).`);
    }
    return reasons;
  }
}
