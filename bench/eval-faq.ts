/**
 * `npm run eval:faq`: the team's labelled member questions through the real retrieval.
 * Prints the rates the knowledge issue sets targets for; `--misses` lists what went wrong.
 * Another labelled set can be given as the first argument (same format).
 */
import path from 'node:path';
import { projectRoot } from '../core/paths.js';
import { evaluate, readLabelledSet } from '../knowledge/evaluation.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';

const dir = path.join(projectRoot, 'knowledge');
const setFile = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(dir, 'eval', 'questions.yaml');
const base = await loadKnowledgeBase(dir);
const report = evaluate(base, await readLabelledSet(setFile));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

console.log(`knowledge base: ${base.entries.size} entries; set: ${path.relative(projectRoot, setFile)} (${report.inScope} in scope, ${report.outOfScope} out of scope)`);
console.log(`correct answer rate        ${pct(report.correctRate)}   (in-scope questions answered with the right entry)`);
console.log(`wrong answer rate          ${pct(report.wrongRate)}   (confidently wrong, over all questions)`);
console.log(`"did you mean" rate        ${pct(report.didYouMeanRate)}   (right entry offered in ${pct(report.didYouMeanHitRate)} of them)`);
console.log(`out-of-scope fallback rate ${pct(report.outOfScopeFallbackRate)}`);
console.log(`retrieval latency          p50 ${report.p50Ms.toFixed(3)} ms, p95 ${report.p95Ms.toFixed(3)} ms`);
if (process.argv.includes('--misses')) {
  for (const miss of report.misses) console.log(`  [${miss.decision}] expected ${miss.expect}, got ${miss.got.join(', ') || '–'}: ${miss.q}`);
}
