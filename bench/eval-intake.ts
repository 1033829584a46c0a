/**
 * `npm run eval:intake`: a labelled corpus through the pipeline's decision code — text layer or
 * tesseract OCR, type rules and model, member assignment, routing rule — as paper mail (no chat
 * metadata). Prints type accuracy, automatic assignment rate (of documents carrying their
 * member's valid KVNR), wrong assignments (must be 0) and review rate, in all and per rendering
 * kind. Transport (queues, database) is left out here; the integration tests cover it.
 *
 * Corpora: the team's own (default; var/corpus, made here if missing); `--hard`: the development
 * part of the hard corpus an independent author wrote (var/corpus-hard/dev, `npm run
 * corpus:generate`); `--heldout`: its held-out part, never fitted on (its misses are not
 * printed); INTAKE_CORPUS_DIR: any other corpus in the same format. `--misses` lists what went
 * wrong. OCR_WORKERS (default 2) and OCR_LANG_PATH (another German model, e.g.
 * /usr/share/tesseract-ocr/5/tessdata) as in the system's configuration.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
import { projectRoot } from '../platform/paths.js';
import { CORPUS_DIR, generateCorpus, type CorpusLabel, type CorpusMember } from './intake-corpus.js';

const hardPart = process.argv.includes('--heldout') ? 'heldout' : process.argv.includes('--hard') ? 'dev' : undefined;
const corpusDir = process.env.INTAKE_CORPUS_DIR ?? (hardPart ? path.join(projectRoot, 'var', 'corpus-hard', hardPart) : CORPUS_DIR);
const heldOut = hardPart === 'heldout';
if (!process.env.INTAKE_CORPUS_DIR && !hardPart && !existsSync(path.join(CORPUS_DIR, 'labels.json'))) await generateCorpus();
if (!existsSync(path.join(corpusDir, 'labels.json'))) {
  console.error(`No corpus in ${corpusDir}: run \`npm run corpus:generate\` first.`);
  process.exit(2);
}
const labels = JSON.parse(await readFile(path.join(corpusDir, 'labels.json'), 'utf8')) as CorpusLabel[];
const corpusMembers = JSON.parse(await readFile(path.join(corpusDir, 'members.json'), 'utf8')) as CorpusMember[];
const members = new Map<string, MemberRecord>(
  corpusMembers.map((m) => [
    m.kvnr,
    // A corpus may give addresses (then name + birth date + address can assign); the team's has none.
    { street: 'Weg 1', postalCode: '12345', city: 'Musterstadt', ...m, cardNumberLast6: '000000', salutation: null, updatedAt: new Date() },
  ]),
);
const ocr = new OcrEngine(Number(process.env.OCR_WORKERS ?? 2), createLogger('warn'), process.env.OCR_LANG_PATH);

/**
 * The document's text as the pipeline reads it. With INTAKE_TEXT_CACHE (a folder), texts are kept
 * there and read back on the next run: for working on classification and assignment without
 * waiting for OCR again (never for figures about reading pages).
 */
async function pageTexts(label: CorpusLabel): Promise<string> {
  const cached = process.env.INTAKE_TEXT_CACHE ? path.join(process.env.INTAKE_TEXT_CACHE, `${label.file}.txt`) : undefined;
  if (cached && existsSync(cached)) return readFile(cached, 'utf8');
  const bytes = await readFile(path.join(corpusDir, label.file));
  const text = (await readPages(bytes, label.mediaType, ocr)).map((p) => p.text).join('\n');
  if (cached) await mkdir(path.dirname(cached), { recursive: true }).then(() => writeFile(cached, text));
  return text;
}

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
/** Documents in flight at once: enough to keep the OCR workers busy, few enough for the PDF pool's queue. */
const IN_FLIGHT = Number(process.env.OCR_WORKERS ?? 2) * 2;
let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < labels.length) await evaluateOne(labels[next++]!);
  }),
);

async function evaluateOne(label: CorpusLabel): Promise<void> {
  const t0 = performance.now();
  const text = await pageTexts(label);
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
    documentType: type.type,
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
}
const totalMs = performance.now() - started;
await ocr.close();
times.sort((a, b) => a - b);
const valid = labels.filter((l) => l.validKvnrInText).length;
console.log(
  `corpus: ${path.relative(projectRoot, corpusDir) || corpusDir}${heldOut ? ' (held out)' : ''}, ${labels.length} documents in ${byVariant.size} rendering kinds, ${valid} with their member's valid KVNR`,
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
if (process.argv.includes('--misses') && !heldOut) for (const miss of misses) console.log(`  ${miss}`);
