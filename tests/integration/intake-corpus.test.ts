import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS_DIR, generateCorpus } from '../../bench/intake-corpus.js';
import { evaluateIntakeCorpus, type IntakeEvaluation } from '../../bench/intake-evaluation.js';
import { OcrEngine } from '../../intake-pipeline/text/ocr-engine.js';
import { testLogger } from '../helpers/log-scan.js';
import { runTs } from '../helpers/processes.js';

const share = (n: number, of: number) => n / Math.max(1, of);

/** What a report says, for an assertion message that shows the figures. */
const figures = (r: IntakeEvaluation) =>
  `type ${r.typeRight}/${r.documents}, automatic ${r.assignedOfValid}/${r.valid}, wrong ${r.wrong}\n${r.misses.join('\n')}`;

/**
 * The floors of `npm run eval:intake` (issue 16), on real OCR: the team's corpus, and a sample of
 * the hard corpus an independent author's generator makes (a seed of its own: neither the
 * development nor the held-out corpus), three documents of each of its 13 renderings.
 */
describe('intake on labelled corpora', function () {
  this.timeout(600_000);
  const ocr = new OcrEngine(2, testLogger());
  let hardDir: string;
  before(async () => {
    hardDir = await mkdtemp(path.join(tmpdir(), 'mk-hard-corpus-'));
    const generator = runTs('bench/hard-corpus/generate.ts', ['--seed', '3', '--count', '39', '--out', hardDir], process.env);
    assert.equal(await generator.exited, 0, generator.stderr());
  });
  after(async () => {
    await ocr.close();
    await rm(hardDir, { recursive: true, force: true });
  });

  it("reads the team's corpus: every type right, every document with its member's valid KVNR assigned, none wrong", async () => {
    await generateCorpus();
    const report = await evaluateIntakeCorpus(CORPUS_DIR, { ocr, inFlight: 4 });
    assert.equal(report.wrong, 0, figures(report));
    assert.ok(share(report.typeRight, report.documents) >= 0.97, figures(report));
    assert.ok(share(report.assignedOfValid, report.valid) >= 0.97, figures(report));
  });

  it('reads phone photos, faxes, turned pages, wrong text layers and family forms it never saw: floors held, no wrong member', async () => {
    const report = await evaluateIntakeCorpus(hardDir, { ocr, inFlight: 4 });
    assert.equal(report.byRendering.size, 13, [...report.byRendering.keys()].join());
    assert.equal(report.wrong, 0, figures(report));
    assert.ok(share(report.typeRight, report.documents) >= 0.8, figures(report));
    assert.ok(share(report.assignedOfValid, report.valid) >= 0.6, figures(report));
  });
});
