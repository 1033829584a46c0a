/**
 * `npm run eval:faq`: the labelled member questions through the real retrieval. Prints the
 * rates the knowledge issue sets targets for, for the team's set, the development sets and the
 * held-out set (knowledge/evaluation.ts says which is which); `--misses` lists what went
 * wrong (never for the held-out set: look at its misses only when retiring it). Another
 * labelled set can be given as the first argument (same format).
 */
import path from 'node:path';
import { projectRoot } from '../platform/paths.js';
import { evaluate, EVALUATION_SETS, readLabelledSet } from '../knowledge/evaluation.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { FaqRetriever } from '../knowledge/retrieval/faq-retriever.js';
import { ACTION_SETS, evaluateActions, readActionSet } from '../bot/reading/evaluation.js';

const dir = path.join(projectRoot, 'knowledge');
const given = process.argv.slice(2).find((a) => !a.startsWith('--'));
const inEval = (file: string) => path.join(dir, 'eval', file);
const sets: Array<{ file: string; role: string }> = given
  ? [{ file: given, role: 'given' }]
  : [
      { file: inEval(EVALUATION_SETS.team), role: "team's set" },
      ...EVALUATION_SETS.development.map((f) => ({ file: inEval(f), role: 'development' })),
      ...EVALUATION_SETS.heldOut.map((f) => ({ file: inEval(f), role: 'held out' })),
    ];
const base = await loadKnowledgeBase(dir);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

console.log(`knowledge base: ${base.entries.size} entries`);
for (const { file, role } of sets) {
  const report = evaluate(base, await readLabelledSet(file));
  console.log(`\nset: ${path.relative(projectRoot, file)}, ${role} (${report.inScope} in scope, ${report.outOfScope} out of scope)`);
  if (report.inScope > 0) {
    console.log(`correct answer rate        ${pct(report.correctRate)}   (in-scope questions answered with the right entry)`);
    console.log(`wrong answer rate          ${pct(report.wrongRate)}   (confidently wrong, over all questions)`);
    const hits = report.didYouMeanRate > 0 ? `   (right entry offered in ${pct(report.didYouMeanHitRate)} of them)` : '';
    console.log(`"did you mean" rate        ${pct(report.didYouMeanRate)}${hits}`);
  }
  if (report.outOfScope > 0) console.log(`out-of-scope fallback rate ${pct(report.outOfScopeFallbackRate)}`);
  console.log(`retrieval latency          p50 ${report.p50Ms.toFixed(3)} ms, p95 ${report.p95Ms.toFixed(3)} ms`);
  if (process.argv.includes('--misses') && role !== 'held out') {
    for (const miss of report.misses)
      console.log(`  [${miss.decision}] expected ${miss.expect}, got ${miss.got.join(', ') || '–'}: ${miss.q}`);
  }
}

// What the member wants and the details they give, read before the knowledge base is asked.
for (const { file, role, clock } of ACTION_SETS) {
  const report = evaluateActions(await readActionSet(inEval(file)), clock);
  console.log(`\nset: knowledge/eval/${file}, ${role} (${report.actions} action messages, ${report.questions} questions)`);
  console.log(`action recognised          ${pct(report.actionRate)}   (action messages read as their action)`);
  console.log(`question read as action    ${pct(report.questionsAsActionRate)}   (questions kept from the knowledge base)`);
  console.log(
    `details read right         ${pct(report.detailRate)}   (labelled details with exactly their value; ${pct(report.spuriousDetailRate)} read but not said)`,
  );
  console.log(`whole message right        ${pct(report.wholeMessageRate)}`);
  console.log(`reading latency            p95 ${report.p95Ms.toFixed(3)} ms`);
  if (process.argv.includes('--misses') && role !== 'held out')
    for (const miss of report.misses)
      console.log(`  [${miss.expected} → ${miss.got}: ${miss.reason}] ${miss.text}${miss.details ? ` {${miss.details}}` : ''}`);
}

// Latency with a knowledge base of 300 entries (the current entries repeated with varied
// wording), since the target is set for that size. Only the timing is read here, so the
// questions are passed without labels (as out of scope).
const entries = [...base.entries.values()];
const FILLER = ['bitte', 'dringend', 'kurze frage', 'hallo zusammen', 'musterkasse'];
const large = Array.from({ length: 300 }, (_, i) => {
  const entry = entries[i % entries.length]!;
  const filler = FILLER[Math.floor(i / entries.length) % FILLER.length]!;
  return { ...entry, id: `${entry.id}_${i}`, followUps: [], phrasings: entry.phrasings.map((p) => `${p} ${filler}`) };
});
const largeReport = evaluate(
  { entries: new Map(large.map((e) => [e.id, e])), figures: base.figures, retriever: new FaqRetriever(large, []) },
  (await readLabelledSet(sets[0]!.file)).map((q) => ({ ...q, expect: 'out_of_scope' })),
);
console.log(`\nlatency at 300 entries     p50 ${largeReport.p50Ms.toFixed(3)} ms, p95 ${largeReport.p95Ms.toFixed(3)} ms`);
