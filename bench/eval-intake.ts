/**
 * `npm run eval:intake`: a labelled corpus through the pipeline's decision code — text layer or
 * tesseract OCR, type rules and model, member assignment, routing rule — as paper mail (no chat
 * metadata). Prints type accuracy, automatic assignment rate (of documents carrying their
 * member's valid KVNR), wrong assignments (must be 0) and review rate, in all and per rendering
 * kind. Transport (queues, database) is left out here; the integration tests cover it.
 *
 * Corpora: the team's own (default; var/corpus, made here if missing); `--hard`: the development
 * part of the hard corpus an independent author wrote (var/corpus-hard/dev, `npm run
 * corpus:generate`, seed 1); `--heldout`: its held-out part (seed 7; seed 2 until it was retired
 * on 2026-12-07), never fitted on (its misses are not printed); INTAKE_CORPUS_DIR: any other
 * corpus in the same format. `--misses` lists what went wrong. OCR_WORKERS (default 2) and
 * OCR_LANG_PATH (another German model, e.g. /usr/share/tesseract-ocr/5/tessdata) as in the
 * system's configuration.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../platform/logging/logger.js';
import { OcrEngine } from '../intake-pipeline/text/ocr-engine.js';
import { projectRoot } from '../platform/paths.js';
import { CORPUS_DIR, generateCorpus } from './intake-corpus.js';
import { evaluateIntakeCorpus } from './intake-evaluation.js';

const hardPart = process.argv.includes('--heldout') ? 'heldout' : process.argv.includes('--hard') ? 'dev' : undefined;
const corpusDir = process.env.INTAKE_CORPUS_DIR ?? (hardPart ? path.join(projectRoot, 'var', 'corpus-hard', hardPart) : CORPUS_DIR);
const heldOut = hardPart === 'heldout';
if (!process.env.INTAKE_CORPUS_DIR && !hardPart && !existsSync(path.join(CORPUS_DIR, 'labels.json'))) await generateCorpus();
if (!existsSync(path.join(corpusDir, 'labels.json'))) {
  console.error(`No corpus in ${corpusDir}: run \`npm run corpus:generate\` first.`);
  process.exit(2);
}
const ocr = new OcrEngine(Number(process.env.OCR_WORKERS ?? 2), createLogger('warn'), process.env.OCR_LANG_PATH);
const report = await evaluateIntakeCorpus(corpusDir, {
  ocr,
  inFlight: Number(process.env.OCR_WORKERS ?? 2) * 2,
  textCache: process.env.INTAKE_TEXT_CACHE,
});
await ocr.close();

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
const { times } = report;
console.log(
  `corpus: ${path.relative(projectRoot, corpusDir) || corpusDir}${heldOut ? ' (held out)' : ''}, ${report.documents} documents in ${report.byRendering.size} rendering kinds, ${report.valid} with their member's valid KVNR`,
);
console.log(`type accuracy              ${pct(report.typeRight, report.documents)}`);
console.log(`  model alone              ${pct(report.modelRight, report.documents)}`);
console.log(
  `automatic assignment       ${pct(report.assignedOfValid, report.valid)} of documents with a valid KVNR (${report.assigned} assigned in all)`,
);
console.log(`wrong assignments          ${report.wrong}`);
console.log(`review rate                ${pct(report.review, report.documents)}`);
console.log(
  `time per document          p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, p95 ${times[Math.ceil(times.length * 0.95) - 1]!.toFixed(0)} ms; ${(report.documents / (report.totalMs / 60000)).toFixed(0)} documents/min with ${process.env.OCR_WORKERS ?? 2} OCR workers`,
);
for (const [rendering, kind] of [...report.byRendering].sort(([a], [b]) => a.localeCompare(b)))
  console.log(
    `  ${rendering.padEnd(24)} ${String(kind.documents).padStart(3)} documents, type ${pct(kind.typeRight, kind.documents)}, automatic ${kind.valid ? pct(kind.assigned, kind.valid) : '–'} of ${kind.valid} with a valid KVNR`,
  );
if (process.argv.includes('--misses') && !heldOut) for (const miss of report.misses) console.log(`  ${miss}`);
