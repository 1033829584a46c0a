/**
 * `npm run eval:intake`: the synthetic corpus (var/corpus, made by `npm run corpus:generate`
 * if missing) through the pipeline's decision code — text layer or tesseract OCR, type rules,
 * member assignment, routing rule — as paper mail (no chat metadata). Prints type accuracy,
 * automatic assignment rate (of documents carrying their member's valid KVNR), wrong
 * assignments (must be 0) and review rate. Transport (queues, database) is left out here; the
 * integration tests cover it. OCR_WORKERS (default 2) and OCR_LANG_PATH (another German model,
 * e.g. /usr/share/tesseract-ocr/5/tessdata) as in the system's configuration.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../platform/logging/logger.js';
import type { MemberRecord } from '../domain/members/members.repository.js';
import { assignMember } from '../intake-pipeline/assignment/assign.js';
import { findDates, findKvnrCandidates } from '../domain/documents/kvnr-candidates.js';
import { classifyText } from '../intake-pipeline/classification/classify.js';
import { typeIsSure } from '../intake-pipeline/stages/route.stage.js';
import { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { readPages } from '../intake-pipeline/text/read-pages.js';
import { shippedExamples, TypeModel } from '../intake-pipeline/classification/type-model.js';
import { CORPUS_DIR, generateCorpus, type CorpusLabel, type CorpusMember } from './intake-corpus.js';

// Another corpus in the same format (labels.json, members.json, the files), e.g. one written by someone else.
const corpusDir = process.env.INTAKE_CORPUS_DIR ?? CORPUS_DIR;
if (!process.env.INTAKE_CORPUS_DIR && !existsSync(path.join(CORPUS_DIR, 'labels.json'))) await generateCorpus();
const labels = JSON.parse(await readFile(path.join(corpusDir, 'labels.json'), 'utf8')) as CorpusLabel[];
const corpusMembers = JSON.parse(await readFile(path.join(corpusDir, 'members.json'), 'utf8')) as CorpusMember[];
const members = new Map<string, MemberRecord>(
  corpusMembers.map((m) => [
    m.kvnr,
    { ...m, street: 'Weg 1', postalCode: '12345', city: 'Musterstadt', cardNumberLast6: '000000', salutation: null, updatedAt: new Date() },
  ]),
);
const ocr = new OcrEngine(Number(process.env.OCR_WORKERS ?? 2), createLogger('warn'), process.env.OCR_LANG_PATH);

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
let typeRight = 0;
let modelRight = 0;
const modelProbabilities: string[] = [];
// The model as the workers use it before any clerk decision: trained on the shipped examples only.
const model = TypeModel.train(shippedExamples());
let automatic = 0;
let automaticOfValid = 0;
let wrong = 0;
let review = 0;
const times: number[] = [];
const misses: string[] = [];
/** Per rendering kind: documents, type right, carrying a valid KVNR, assigned automatically of those. */
const byVariant = new Map<string, { documents: number; typeRight: number; valid: number; assigned: number }>();
const started = performance.now();
await Promise.all(
  labels.map(async (label) => {
    const t0 = performance.now();
    const bytes = await readFile(path.join(corpusDir, label.file));
    const text = (await readPages(bytes, label.mediaType, ocr)).map((p) => p.text).join('\n');
    const opinion = model.opinion(text);
    const type = classifyText(text, null, opinion);
    if (opinion?.type === label.type) modelRight++;
    modelProbabilities.push(`${opinion?.type === label.type ? 'right' : 'wrong'} ${opinion?.probability.toFixed(2)}`);
    const dates = findDates(text);
    const assignment = assignMember({
      text,
      candidates: findKvnrCandidates(text),
      members,
      declaredKvnr: null,
      bornOnFoundDates: [...members.values()].filter((m) => dates.includes(m.birthDate)),
      dates,
    });
    times.push(performance.now() - t0);
    if (type.type === label.type) typeRight++;
    else misses.push(`type ${label.file}: got ${type.type} (${type.confidence})`);
    if (assignment.assignedKvnr) {
      automatic++;
      if (assignment.assignedKvnr !== label.memberKvnr) {
        wrong++;
        misses.push(`WRONG MEMBER ${label.file}: ${assignment.assignedKvnr}`);
      }
    }
    if (label.validKvnrInText && assignment.assignedKvnr === label.memberKvnr) automaticOfValid++;
    else if (label.validKvnrInText) misses.push(`not assigned ${label.file}: ${assignment.reasons.join('; ')}`);
    if (!(assignment.assignedKvnr && typeIsSure(type.type, type.confidence))) review++;
    const kind = byVariant.get(label.variant) ?? { documents: 0, typeRight: 0, valid: 0, assigned: 0 };
    kind.documents++;
    if (type.type === label.type) kind.typeRight++;
    if (label.validKvnrInText) kind.valid++;
    if (label.validKvnrInText && assignment.assignedKvnr === label.memberKvnr) kind.assigned++;
    byVariant.set(label.variant, kind);
  }),
);
const totalMs = performance.now() - started;
await ocr.close();
times.sort((a, b) => a - b);
const valid = labels.filter((l) => l.validKvnrInText).length;
console.log(
  `corpus: ${labels.length} documents (${labels.filter((l) => l.variant === 'scan').length} scans, ${valid} with their member's valid KVNR)`,
);
console.log(`type accuracy              ${pct(typeRight, labels.length)}`);
console.log(`  model alone              ${pct(modelRight, labels.length)}`);
if (process.env.VERBOSE) console.log(modelProbabilities.sort().join('\n'));
console.log(`automatic assignment       ${pct(automaticOfValid, valid)} of documents with a valid KVNR (${automatic} assigned in all)`);
console.log(`wrong assignments          ${wrong}`);
console.log(`review rate                ${pct(review, labels.length)}`);
console.log(
  `time per document          p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, p95 ${times[Math.ceil(times.length * 0.95) - 1]!.toFixed(0)} ms; ${(labels.length / (totalMs / 60000)).toFixed(0)} documents/min with ${process.env.OCR_WORKERS ?? 2} OCR workers`,
);
for (const [variant, kind] of [...byVariant].sort(([a], [b]) => a.localeCompare(b)))
  console.log(
    `  ${variant.padEnd(24)} ${String(kind.documents).padStart(3)} documents, type ${pct(kind.typeRight, kind.documents)}, automatic ${kind.valid ? pct(kind.assigned, kind.valid) : '–'} of ${kind.valid} with a valid KVNR`,
  );
if (process.argv.includes('--misses')) for (const miss of misses) console.log(`  ${miss}`);
