import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVALUATION_SETS, evaluate, readLabelledSet, type EvaluationReport, type LabelledQuestion } from './evaluation.js';
import type { ChangedQuestion, CheckResult, EvaluationSummary } from '../domain/knowledge/knowledge-care.types.js';
import { KnowledgeBaseError, loadKnowledgeBase } from './knowledge-base.js';

/**
 * Runs in a worker thread (loading the knowledge base and answering a few thousand questions
 * takes seconds, which the web process's event loop must not wait for): checks an edited entry
 * file together with all the others, and measures the edit on the team's and the development
 * evaluation sets (never the held-out sets: showing an author those would fit the entries to
 * them).
 */

export interface CheckTask {
  dir: string;
  file: string;
  text: string;
}

/** At most this many changed questions of each kind are listed. */
const LISTED = 15;

let questions: LabelledQuestion[] | undefined;
/**
 * Evaluations by the content of the entry files: the files on disk, and a checked edit (which
 * is the files on disk once it is saved, so the next check after a save starts from it).
 */
const evaluations = new Map<string, EvaluationReport>();
const KEPT_EVALUATIONS = 4;

function keep(stamp: string, report: EvaluationReport): EvaluationReport {
  evaluations.delete(stamp);
  evaluations.set(stamp, report);
  for (const old of evaluations.keys()) if (evaluations.size > KEPT_EVALUATIONS) evaluations.delete(old);
  return report;
}

async function labelledQuestions(dir: string): Promise<LabelledQuestion[]> {
  const files = [EVALUATION_SETS.team, ...EVALUATION_SETS.development];
  // A knowledge directory of one's own may have fewer sets than the project's: those present are used.
  const present = files.map((file) => path.join(dir, 'eval', file)).filter((file) => existsSync(file));
  questions ??= (await Promise.all(present.map((file) => readLabelledSet(file)))).flat();
  return questions;
}

/** A fingerprint of the entry files, as on disk or with one file replaced. */
async function stampOf(dir: string, replaced?: { file: string; text: string }): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(path.join(dir, 'entries'))).filter((f) => f.endsWith('.md'));
  if (replaced && !files.includes(replaced.file)) files.push(replaced.file);
  for (const file of files.sort())
    hash.update(file).update(file === replaced?.file ? replaced.text : await readFile(path.join(dir, 'entries', file), 'utf8'));
  return hash.digest('hex');
}

const summary = (report: EvaluationReport): EvaluationSummary => ({
  questions: report.inScope + report.outOfScope,
  correctRate: report.correctRate,
  wrongRate: report.wrongRate,
  didYouMeanRate: report.didYouMeanRate,
  outOfScopeFallbackRate: report.outOfScopeFallbackRate,
});

/** How a question fared: "richtig", "falsch: <id>", "Meinten Sie", "keine Antwort". */
function outcomeOf(report: EvaluationReport, question: LabelledQuestion): string {
  const miss = report.misses.find((m) => m.q === question.q && m.expect === question.expect);
  if (!miss) return 'richtig';
  if (miss.decision === 'answer') return `falsch: ${miss.got[0] ?? '?'}`;
  return miss.decision === 'suggest' ? 'Meinten Sie' : 'keine Antwort';
}

export default async function check(task: CheckTask): Promise<CheckResult> {
  const labelled = await labelledQuestions(task.dir);
  // Only edits that loaded are kept: one seen before (the preview before its save) needs no second load.
  const edited = await stampOf(task.dir, task);
  let after = evaluations.get(edited);
  if (!after) {
    let candidate;
    try {
      candidate = await loadKnowledgeBase(task.dir, undefined, new Map([[task.file, task.text]]));
    } catch (err) {
      if (err instanceof KnowledgeBaseError) return { ok: false, problems: err.problems };
      throw err;
    }
    after = keep(edited, evaluate(candidate, labelled));
  }
  const onDisk = await stampOf(task.dir);
  const before = evaluations.get(onDisk) ?? keep(onDisk, evaluate(await loadKnowledgeBase(task.dir), labelled));
  const improved: ChangedQuestion[] = [];
  const worsened: ChangedQuestion[] = [];
  for (const question of labelled) {
    const [was, is] = [outcomeOf(before, question), outcomeOf(after, question)];
    if (was === is) continue;
    // Now answered right, or no longer: other shifts (a wrong answer becoming a "Meinten Sie") only move the rates.
    if (is === 'richtig') improved.push({ q: question.q, expect: question.expect, before: was, after: is });
    else if (was === 'richtig') worsened.push({ q: question.q, expect: question.expect, before: was, after: is });
  }
  return {
    ok: true,
    before: summary(before),
    after: summary(after),
    improved: improved.slice(0, LISTED),
    worsened: worsened.slice(0, LISTED),
  };
}
