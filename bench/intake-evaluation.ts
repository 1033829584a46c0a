/**
 * A labelled corpus (labels.json, members.json, the files) through the pipeline's decision code:
 * text layer or tesseract OCR, type rules and model, member assignment, routing rule, as paper
 * mail (no chat metadata). Used by `npm run eval:intake` and by the tests that hold its floors.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MemberRecord } from '../domain/members/members.repository.js';
import { findDates, findKvnrCandidates } from '../domain/documents/kvnr-candidates.js';
import { assignMember } from '../intake-pipeline/assignment/assign.js';
import { classifyPages } from '../intake-pipeline/classification/classify.js';
import { shippedExamples, TypeModel } from '../intake-pipeline/classification/type-model.js';
import { typeIsSure } from '../intake-pipeline/stages/route.stage.js';
import type { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { readPages } from '../intake-pipeline/text/read-pages.js';
import type { CorpusLabel, CorpusMember } from './intake-corpus.js';

export interface RenderingFigures {
  documents: number;
  typeRight: number;
  /** Documents carrying their member's valid KVNR, and of those the ones assigned to that member without a clerk. */
  valid: number;
  assigned: number;
}

export interface IntakeEvaluation {
  documents: number;
  typeRight: number;
  modelRight: number;
  valid: number;
  /** Of the documents with a valid KVNR: assigned to their member without a clerk. */
  assignedOfValid: number;
  /** Assigned without a clerk, of all documents. */
  assigned: number;
  /** Assigned without a clerk to someone else than the document's member: must stay 0. */
  wrong: number;
  review: number;
  /** Milliseconds per document, sorted. */
  times: number[];
  totalMs: number;
  byRendering: Map<string, RenderingFigures>;
  misses: string[];
}

export interface EvaluationOptions {
  ocr: OcrEngine;
  /** Documents in flight at once: enough to keep the OCR workers busy, few enough for the PDF pool's queue. */
  inFlight: number;
  /**
   * A folder where texts are kept and read back on the next run: for working on classification
   * and assignment without waiting for OCR again (never for figures about reading pages).
   */
  textCache?: string;
}

/** The corpus's members as the members table would hold them (a corpus without addresses gets a placeholder). */
function memberRecords(corpusMembers: CorpusMember[]): Map<string, MemberRecord> {
  return new Map(
    corpusMembers.map((m) => [
      m.kvnr,
      {
        street: 'Weg 1',
        postalCode: '12345',
        city: 'Musterstadt',
        ...m,
        cardNumberLast6: '000000',
        salutation: null,
        updatedAt: new Date(),
      },
    ]),
  );
}

export async function evaluateIntakeCorpus(corpusDir: string, options: EvaluationOptions): Promise<IntakeEvaluation> {
  const labels = JSON.parse(await readFile(path.join(corpusDir, 'labels.json'), 'utf8')) as CorpusLabel[];
  const members = memberRecords(JSON.parse(await readFile(path.join(corpusDir, 'members.json'), 'utf8')) as CorpusMember[]);
  // The model as the workers use it before any clerk decision: trained on the shipped examples only.
  const model = TypeModel.train(shippedExamples());
  const report: IntakeEvaluation = {
    documents: labels.length,
    typeRight: 0,
    modelRight: 0,
    valid: labels.filter((l) => l.validKvnrInText).length,
    assignedOfValid: 0,
    assigned: 0,
    wrong: 0,
    review: 0,
    times: [],
    totalMs: 0,
    byRendering: new Map(),
    misses: [],
  };

  /** Each page's text (kept in the cache as one file, pages apart by form feeds). */
  async function pageTexts(label: CorpusLabel): Promise<string[]> {
    const cached = options.textCache ? path.join(options.textCache, `${label.file}.txt`) : undefined;
    if (cached && existsSync(cached)) return (await readFile(cached, 'utf8')).split('\f');
    const bytes = await readFile(path.join(corpusDir, label.file));
    const pages = (await readPages(bytes, label.mediaType, options.ocr)).map((p) => p.text);
    if (cached) await mkdir(path.dirname(cached), { recursive: true }).then(() => writeFile(cached, pages.join('\f')));
    return pages;
  }

  async function evaluateOne(label: CorpusLabel): Promise<void> {
    const started = performance.now();
    const pages = await pageTexts(label);
    const text = pages.join('\n');
    const opinion = model.opinion(text);
    const type = classifyPages(pages, null, (page) => model.opinion(page));
    const dates = findDates(text);
    const assignment = assignMember({
      text,
      candidates: findKvnrCandidates(text),
      members,
      declaredKvnr: null,
      bornOnFoundDates: [...members.values()].filter((m) => dates.includes(m.birthDate)),
      dates,
      documentType: type.type,
      typeSure: typeIsSure(type.type, type.confidence),
    });
    report.times.push(performance.now() - started);
    const typeRight = type.type === label.type;
    const assignedRight = assignment.assignedKvnr === label.memberKvnr;
    if (opinion?.type === label.type) report.modelRight++;
    if (typeRight) report.typeRight++;
    else report.misses.push(`type ${label.file}: got ${type.type} (${type.confidence})`);
    if (assignment.assignedKvnr) report.assigned++;
    if (assignment.assignedKvnr && !assignedRight) {
      report.wrong++;
      report.misses.push(`WRONG MEMBER ${label.file}: ${assignment.assignedKvnr}`);
    }
    if (label.validKvnrInText && assignedRight) report.assignedOfValid++;
    else if (label.validKvnrInText)
      report.misses.push(
        `not assigned ${label.file} (read as ${type.type} ${type.confidence}${typeIsSure(type.type, type.confidence) ? '' : ', not sure'}): ${assignment.reasons.join('; ')}`,
      );
    if (!(assignment.assignedKvnr && typeIsSure(type.type, type.confidence))) report.review++;
    const kind = report.byRendering.get(label.variant) ?? { documents: 0, typeRight: 0, valid: 0, assigned: 0 };
    kind.documents++;
    if (typeRight) kind.typeRight++;
    if (label.validKvnrInText) kind.valid++;
    if (label.validKvnrInText && assignedRight) kind.assigned++;
    report.byRendering.set(label.variant, kind);
  }

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (next < labels.length) await evaluateOne(labels[next++]!);
    }),
  );
  report.totalMs = performance.now() - started;
  report.times.sort((a, b) => a - b);
  return report;
}
