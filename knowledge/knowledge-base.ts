import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Logger } from '../platform/logging/logger.js';
import { isoDateIn, systemClock, type Clock } from '../platform/clock.js';
import { knowledgeEntrySchema, notCoveredSchema, synonymsSchema, type KnowledgeEntry } from './entry.schema.js';
import { FIGURES_FILE, FigureTable, figuresSchema } from './figures.js';
import { CONFIDENCE_MODEL_FILE, parseConfidenceModel, type ConfidenceModel } from './retrieval/confidence.js';
import { FaqRetriever, type RetrievalResult } from './retrieval/faq-retriever.js';

export class KnowledgeBaseError extends Error {
  constructor(readonly problems: string[]) {
    super(`The knowledge base has errors:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'KnowledgeBaseError';
  }
}

export interface KnowledgeBase {
  /** The entries as written: answers hold `{{figure}}` placeholders (render them with `figures`). */
  entries: Map<string, KnowledgeEntry>;
  figures: FigureTable;
  retriever: FaqRetriever;
}

export interface KnowledgeOptions {
  /** Values the running system decides (upload limits from its settings), by figure id. */
  settings?: Readonly<Record<string, string>>;
  /** The day the answers are indexed for (figures filled in); today by default. */
  day?: string;
}

/** Splits "---\n<yaml>\n---\n<markdown>" into its two parts. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string } | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return match ? { frontMatter: match[1]!, body: match[2]! } : undefined;
}

/**
 * Reads every `entries/*.md` file and `synonyms.yaml`, checks them all and reports every
 * problem at once (file and field), so an editor sees all mistakes in one go.
 */
export async function loadKnowledgeBase(
  dir: string,
  model?: ConfidenceModel,
  /** Entry files to read as given instead of from disk (file name → text): an edit checked before it is saved. */
  overrides: ReadonlyMap<string, string> = new Map(),
  options: KnowledgeOptions = {},
): Promise<KnowledgeBase> {
  const problems: string[] = [];
  const entries = new Map<string, KnowledgeEntry>();
  const onDisk = (await readdir(path.join(dir, 'entries'))).filter((f) => f.endsWith('.md'));
  const files = [...new Set([...onDisk, ...overrides.keys()])].sort();
  for (const file of files) {
    const parts = splitFrontMatter(overrides.get(file) ?? (await readFile(path.join(dir, 'entries', file), 'utf8')));
    if (!parts) {
      problems.push(`${file}: missing front matter (--- … ---)`);
      continue;
    }
    let frontMatter: unknown;
    try {
      frontMatter = parseYaml(parts.frontMatter);
    } catch (err) {
      problems.push(`${file}: front matter is not valid YAML (${(err as Error).message.split('\n')[0]})`);
      continue;
    }
    const parsed = knowledgeEntrySchema.safeParse({ ...(frontMatter as object), answer: parts.body });
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || 'entry'}: ${i.message}`));
      continue;
    }
    if (`${parsed.data.id}.md` !== file) problems.push(`${file}: id "${parsed.data.id}" must match the file name`);
    if (entries.has(parsed.data.id)) problems.push(`${file}: duplicate id ${parsed.data.id}`);
    entries.set(parsed.data.id, parsed.data);
  }
  const figures = await readFigures(dir, problems, options.settings);
  for (const entry of entries.values()) {
    for (const id of figures.unknownIn(entry.answer))
      problems.push(`${entry.id}.md: answer: unknown figure {{${id}}} (see ${FIGURES_FILE})`);
    for (const next of entry.followUps) if (!entries.has(next)) problems.push(`${entry.id}.md: followUps: unknown entry ${next}`);
  }
  const synonyms = synonymsSchema.safeParse(parseYaml(await readFile(path.join(dir, 'synonyms.yaml'), 'utf8')));
  if (!synonyms.success) problems.push(...synonyms.error.issues.map((i) => `synonyms.yaml: ${i.path.join('.')}: ${i.message}`));
  const notCovered = notCoveredSchema.safeParse(parseYaml(await readOptional(path.join(dir, NOT_COVERED_FILE))) ?? undefined);
  if (!notCovered.success) problems.push(...notCovered.error.issues.map((i) => `${NOT_COVERED_FILE}: ${i.path.join('.')}: ${i.message}`));
  const confidenceModel = model ?? (await readConfidenceModel(dir, problems));
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  // The retrieval reads the answers as members see them, with today's figures.
  const day = options.day ?? isoDateIn(DEFAULT_TIME_ZONE, new Date());
  const rendered = [...entries.values()].map((entry) => ({ ...entry, answer: figures.render(entry.answer, day) }));
  return { entries, figures, retriever: new FaqRetriever(rendered, synonyms.data!, confidenceModel, notCovered.data!) };
}

const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** The dated table of figures; a directory without one has none (answers then may use none). */
async function readFigures(dir: string, problems: string[], settings: Readonly<Record<string, string>> = {}): Promise<FigureTable> {
  let raw: unknown;
  try {
    raw = parseYaml(await readOptional(path.join(dir, FIGURES_FILE))) ?? {};
  } catch (err) {
    problems.push(`${FIGURES_FILE}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
    return new FigureTable({});
  }
  const parsed = figuresSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `${FIGURES_FILE}: ${i.path.join('.')}: ${i.message}`));
    return new FigureTable({});
  }
  // A directory without a figure the system sets (a test's small knowledge base) simply has none.
  return new FigureTable(parsed.data, settings);
}

/** Subjects the knowledge base does not answer; a directory may have none. */
const NOT_COVERED_FILE = 'not-covered.yaml';

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** The directory's calibrated confidence model (`npm run calibrate:faq`); without one, the shipped model. */
async function readConfidenceModel(dir: string, problems: string[]): Promise<ConfidenceModel | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CONFIDENCE_MODEL_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return parseConfidenceModel(JSON.parse(text));
  } catch (err) {
    const detail =
      err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
    problems.push(`${CONFIDENCE_MODEL_FILE}: ${detail}`);
    return undefined;
  }
}

export interface Answer {
  result: RetrievalResult;
  /** The entries behind the candidates, best first. */
  entries: KnowledgeEntry[];
  /** The entries that answer the message's other questions, if it asked several. */
  alsoAnswered: KnowledgeEntry[];
}

export interface KnowledgeServiceOptions extends Omit<KnowledgeOptions, 'day'> {
  /** Pick up edits to the files without a restart (default on). */
  watch?: boolean;
  /** The insurer's time zone: figures change at its midnight (default Europe/Berlin). */
  timeZone?: string;
  clock?: Clock;
}

/**
 * The knowledge base in use. Edits to the files are picked up without a restart; an edit that
 * breaks validation is logged and the last good version stays in service.
 */
export class KnowledgeService {
  private watcher: FSWatcher | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly dir: string,
    private base: KnowledgeBase,
    private readonly logger: Logger,
    private readonly options: KnowledgeServiceOptions,
  ) {}

  static async open(dir: string, logger: Logger, options: KnowledgeServiceOptions = {}): Promise<KnowledgeService> {
    const service = new KnowledgeService(dir, await loadKnowledgeBase(dir, undefined, new Map(), options), logger, options);
    if (options.watch ?? true) service.watch();
    return service;
  }

  /** Today in the insurer's time zone: the day whose figures the answers state. */
  today(): string {
    return isoDateIn(this.options.timeZone ?? DEFAULT_TIME_ZONE, (this.options.clock ?? systemClock)());
  }

  /** The dated figures the answers use. */
  get figures(): FigureTable {
    return this.base.figures;
  }

  /** A figure's value today, as the answers state it. */
  figure(id: string): string {
    return this.base.figures.valueOn(id, this.today()).value;
  }

  /** An entry's answer as a member reads it today, its figures filled in. */
  answerOf(entry: KnowledgeEntry): string {
    return this.base.figures.render(entry.answer, this.today());
  }

  get size(): number {
    return this.base.entries.size;
  }

  /** Where the entry files are (the console's edits are written there). */
  get directory(): string {
    return this.dir;
  }

  /** Every entry in use, by id. */
  entries(): KnowledgeEntry[] {
    return [...this.base.entries.values()];
  }

  entry(id: string): KnowledgeEntry | undefined {
    return this.base.entries.get(id);
  }

  ask(question: string): Answer {
    const result = this.base.retriever.search(question);
    const entriesOf = (candidates: Array<{ id: string }>) => candidates.map((c) => this.base.entries.get(c.id)!).filter(Boolean);
    return { result, entries: entriesOf(result.candidates), alsoAnswered: entriesOf(result.alsoAsked ?? []) };
  }

  /** Loads the files again now; keeps the current version if they are broken. */
  async reload(): Promise<boolean> {
    try {
      this.base = await loadKnowledgeBase(this.dir, undefined, new Map(), this.options);
      this.logger.info({ entries: this.base.entries.size }, 'Knowledge base reloaded');
      return true;
    } catch (err) {
      this.logger.error({ err }, 'Knowledge base edit rejected; the previous version stays in use');
      return false;
    }
  }

  private watch(): void {
    this.watcher = watch(this.dir, { recursive: true }, () => {
      clearTimeout(this.reloadTimer);
      // Editors write files in several steps: wait until they are done.
      this.reloadTimer = setTimeout(() => void this.reload(), 200);
    });
    this.watcher.on('error', (err) => this.logger.warn({ err }, 'Knowledge base watcher failed; edits need a restart'));
  }

  close(): void {
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
  }
}
