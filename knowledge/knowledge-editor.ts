import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Piscina } from 'piscina';
import { z } from 'zod';
import type { AuditRepository } from '../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/index.js';
import type { FieldProblem } from '../platform/errors/index.js';
import type { Logger } from '../platform/logging/logger.js';
import { ENTRY_ACTIONS, knowledgeEntrySchema, type KnowledgeEntry } from './entry.schema.js';
import { entryFileName, entryToFile } from './entry-file.js';
import type { FaqFeedbackRepository } from './feedback.repository.js';
import type { KnowledgeService } from './knowledge-base.js';
import type { CheckResult, EditEffect } from '../domain/knowledge/knowledge-care.types.js';
import type { CheckTask } from './knowledge-check.worker.js';

const text = (min: number, max: number, what: string) =>
  z
    .string({ error: `${what}: bitte Text angeben.` })
    .trim()
    .min(min, { error: `${what}: mindestens ${min} Zeichen.` })
    .max(max, { error: `${what}: höchstens ${max} Zeichen.` })
    .refine((t) => !t.includes('\u0000'), { error: `${what}: enthält ein unzulässiges Steuerzeichen.` });

/** What the console edits of an entry; its id and review block stay as they are. */
export const entryInputSchema = z
  .object({
    question: text(5, 200, 'Frage'),
    phrasings: z
      .array(text(2, 200, 'Formulierung'))
      .max(100, { error: 'Höchstens 100 Formulierungen.' })
      .default([]),
    english: z
      .array(text(2, 200, 'Englische Formulierung'))
      .max(50, { error: 'Höchstens 50 englische Formulierungen.' })
      .default([]),
    followUps: z.array(knowledgeEntrySchema.shape.id).max(5, { error: 'Höchstens 5 Anschlussfragen.' }).default([]),
    action: z.enum(ENTRY_ACTIONS, { error: 'Unbekannte Aktion.' }).nullable().default(null),
    answer: text(10, 2000, 'Antwort'),
  })
  .strict();
export type EntryInput = z.output<typeof entryInputSchema>;

export const newEntrySchema = entryInputSchema.extend({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{2,63}$/, { error: 'Kennung: 3–64 Kleinbuchstaben, Ziffern oder _, beginnend mit einem Buchstaben.' }),
});

export const phrasingSchema = z.object({ question: text(2, 200, 'Formulierung') }).strict();

/** What a reviewer confirms: the sources the answer was checked against and the day their rules apply from. */
export const reviewInputSchema = z
  .object({
    sources: z
      .array(text(3, 200, 'Quelle'))
      .min(1, { error: 'Bitte mindestens eine Quelle angeben (Gesetz oder Unterlage der Musterkasse).' })
      .max(10, { error: 'Höchstens 10 Quellen.' }),
    validFrom: z.iso.date({ error: 'Gültig ab: bitte ein Datum angeben.' }),
  })
  .strict();
export type ReviewInput = z.output<typeof reviewInputSchema>;

export interface Editor {
  label: string;
  /** The name recorded as reviewer. */
  name: string;
  userId?: string;
  requestId?: string;
  ip?: string;
}

/** Built, the worker is a .js file beside this one; from sources its thread starts through tsx. */
function workerOptions(): { filename: string; workerData?: { tsWorker: string } } {
  if (!import.meta.url.endsWith('.ts')) return { filename: new URL('./knowledge-check.worker.js', import.meta.url).href };
  return {
    filename: new URL('../platform/imaging/tsx-worker.mjs', import.meta.url).href,
    workerData: { tsWorker: new URL('./knowledge-check.worker.ts', import.meta.url).href },
  };
}

/** "entry.md: followUps: unknown entry x" from the loader, as a field and a German sentence. */
function fieldProblem(problem: string): FieldProblem {
  const match = /^[^:]+: ([\w.]+): (.*)$/.exec(problem);
  if (!match) return { field: '(body)', message: problem };
  const unknown = /^unknown entry (\S+)$/.exec(match[2]!);
  if (unknown) return { field: match[1]!, message: `Anschlussfrage: Den Eintrag „${unknown[1]}“ gibt es nicht.` };
  const figure = /^unknown figure (\S+)/.exec(match[2]!);
  if (figure) return { field: match[1]!, message: `Antwort: Die Zahl ${figure[1]} steht nicht in der Zahlentabelle.` };
  return { field: match[1]!, message: match[2]! };
}

/**
 * Edits of the knowledge base from the console: checked with every other entry and measured on
 * the evaluation sets in a worker thread, written as the entry's file (atomically) and taken
 * into service at once, every change in the audit log. An edit that does not pass leaves the
 * file and the version in use untouched.
 */
export class KnowledgeEditor {
  private readonly pool = new Piscina<CheckTask, CheckResult>({ ...workerOptions(), minThreads: 0, maxThreads: 1, idleTimeout: 600_000 });

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly feedback: FaqFeedbackRepository,
    private readonly audit: AuditRepository,
    private readonly logger: Logger,
  ) {
    this.pool.on('error', (err: unknown) => logger.error({ err }, 'Knowledge check thread failed'));
  }

  /** The entry an edit would make, checked and measured; nothing is written. */
  async preview(id: string, input: EntryInput, mode: 'edit' | 'new'): Promise<{ entry: KnowledgeEntry; effect: EditEffect }> {
    const existing = this.knowledge.entry(id);
    if (mode === 'edit' && !existing) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
    if (mode === 'new' && existing) throw new ConflictError('entry_exists', `Einen Eintrag „${id}“ gibt es schon.`);
    const { action, ...rest } = input;
    const entry: KnowledgeEntry = { ...rest, id, ...(action ? { action } : {}), ...(existing?.review ? { review: existing.review } : {}) };
    const result = await this.pool.run({ dir: this.knowledge.directory, file: entryFileName(id), text: entryToFile(entry) });
    if (!result.ok) throw new ValidationError(result.problems.map(fieldProblem), 'Der Eintrag wurde nicht gespeichert.');
    return { entry, effect: result };
  }

  /** Checks, writes and takes the entry into service; the chat answers with it from the next question on. */
  async save(id: string, input: EntryInput, mode: 'edit' | 'new', editor: Editor) {
    const before = this.knowledge.entry(id);
    const checked = await this.preview(id, input, mode);
    await this.write(checked.entry);
    const changed = (Object.keys(entryInputSchema.shape) as Array<keyof EntryInput>).filter(
      (key) =>
        JSON.stringify(before?.[key as keyof KnowledgeEntry] ?? null) !==
        JSON.stringify(checked.entry[key as keyof KnowledgeEntry] ?? null),
    );
    await this.audit.record({
      actor: editor.label,
      actorUserId: editor.userId,
      action: mode === 'new' ? 'knowledge.entry.create' : 'knowledge.entry.update',
      outcome: 'success',
      targetType: 'knowledge_entry',
      targetId: id,
      requestId: editor.requestId,
      ip: editor.ip,
      details: { changed },
    });
    this.logger.info({ entry: id, changed }, 'Knowledge entry saved from the console');
    // A member's question that is now a phrasing has its answer: it leaves the unanswered list.
    await this.feedback.forgetUnanswered(checked.entry.phrasings);
    return checked;
  }

  /**
   * A reviewer confirms the answer against its sources: the review block gets the sources, the
   * day their rules apply from, today and the reviewer's name. The answer itself is unchanged.
   */
  async markReviewed(id: string, input: ReviewInput, editor: Editor): Promise<KnowledgeEntry> {
    const entry = this.knowledge.entry(id);
    if (!entry) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
    const reviewed: KnowledgeEntry = {
      ...entry,
      review: { sources: input.sources, validFrom: input.validFrom, reviewedAt: this.knowledge.today(), reviewer: editor.name },
    };
    await this.write(reviewed);
    await this.audit.record({
      actor: editor.label,
      actorUserId: editor.userId,
      action: 'knowledge.entry.reviewed',
      outcome: 'success',
      targetType: 'knowledge_entry',
      targetId: id,
      requestId: editor.requestId,
      ip: editor.ip,
      details: { sources: input.sources, validFrom: input.validFrom, reviewedAt: reviewed.review!.reviewedAt },
    });
    return reviewed;
  }

  /** Writes an entry's file atomically and takes the knowledge base with it into service. */
  private async write(entry: KnowledgeEntry): Promise<void> {
    const file = path.join(this.knowledge.directory, 'entries', entryFileName(entry.id));
    const previous = await readFile(file, 'utf8').catch(() => undefined);
    // Written beside it and renamed: the file watcher never reads half an entry.
    const temporary = path.join(path.dirname(file), `.${entryFileName(entry.id)}.${process.pid}.tmp`);
    await writeFile(temporary, entryToFile(entry), 'utf8');
    await rename(temporary, file);
    if (!(await this.knowledge.reload())) {
      // Checked a moment ago; another file must have broken meanwhile. Put this one back as it was.
      if (previous === undefined) await rm(file, { force: true });
      else await writeFile(file, previous, 'utf8');
      throw new Error('The knowledge base did not load after a checked edit');
    }
  }

  /** A member's question becomes a phrasing of the entry that answers it (and so leaves the unanswered list). */
  async addPhrasing(id: string, question: string, editor: Editor) {
    const entry = this.knowledge.entry(id);
    if (!entry) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
    const known = entry.phrasings.some((p) => p.toLowerCase() === question.toLowerCase());
    return this.save(
      id,
      {
        question: entry.question,
        phrasings: known ? entry.phrasings : [...entry.phrasings, question],
        english: entry.english,
        followUps: entry.followUps,
        action: entry.action ?? null,
        answer: entry.answer,
      },
      'edit',
      editor,
    );
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
