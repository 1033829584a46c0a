import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../platform/paths.js';
import { evaluate, EVALUATION_SETS, readLabelledSet } from '../../knowledge/evaluation.js';
import { KnowledgeBaseError, KnowledgeService, loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { waitUntil } from '../helpers/processes.js';
import { testLogger } from '../helpers/log-scan.js';

function entryFile(id: string, question: string, answer: string, extra = ''): string {
  return `---\nid: ${id}\nquestion: "${question}"\nphrasings:\n  - "${question} bitte"\n${extra}---\n${answer}\n`;
}

describe('knowledge base files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mk-kb-'));
    mkdirSync(path.join(dir, 'entries'));
    writeFileSync(path.join(dir, 'synonyms.yaml'), '- [krankmeldung, gelber schein]\n');
    writeFileSync(
      path.join(dir, 'entries', 'tracking_id.md'),
      entryFile('tracking_id', 'Was ist die Tracking-ID?', 'Die Tracking-ID ist Ihr Nachweis, dass Ihre Unterlagen angekommen sind.'),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every broken file and field at once', async () => {
    writeFileSync(path.join(dir, 'entries', 'broken.md'), entryFile('Broken Id', 'Kurz?', 'x'));
    writeFileSync(path.join(dir, 'entries', 'no_front.md'), 'Nur Text ohne Kopf.');
    writeFileSync(
      path.join(dir, 'entries', 'dangling.md'),
      entryFile('dangling', 'Was kommt danach?', 'Eine Antwort, die lang genug ist.', 'followUps:\n  - does_not_exist\n'),
    );
    writeFileSync(path.join(dir, 'confidence-model.json'), '{ "bias": "high" }');
    await assert.rejects(loadKnowledgeBase(dir), (err: unknown) => {
      assert.ok(err instanceof KnowledgeBaseError);
      const text = err.problems.join('\n');
      assert.match(text, /broken\.md: id:/);
      assert.match(text, /broken\.md: answer:/);
      assert.match(text, /no_front\.md: missing front matter/);
      assert.match(text, /dangling\.md: followUps: unknown entry does_not_exist/);
      assert.match(text, /confidence-model\.json: .*bias/);
      return true;
    });
  });

  it("checks an entry's review (sources, dates, reviewer) at load and names the broken field", async () => {
    writeFileSync(
      path.join(dir, 'entries', 'reviewed.md'),
      entryFile(
        'reviewed',
        'Wie lange gibt es Krankengeld?',
        'Höchstens 78 Wochen innerhalb von drei Jahren.',
        'review:\n  sources: []\n  validFrom: "2026-13-01"\n  reviewedAt: "2026-12-06"\n  reviewer: "Team"\n',
      ),
    );
    await assert.rejects(loadKnowledgeBase(dir), (err: unknown) => {
      const text = (err as KnowledgeBaseError).message;
      assert.match(text, /reviewed\.md: review\.sources:/);
      assert.match(text, /reviewed\.md: review\.validFrom:/);
      return true;
    });
  });

  it('picks up an edit without a restart, and keeps the last good version when an edit is broken', async () => {
    const service = await KnowledgeService.open(dir, testLogger());
    try {
      assert.equal(service.ask('Was ist eine Einmal-PIN?').result.decision, 'fallback');
      writeFileSync(
        path.join(dir, 'entries', 'einmal_pin.md'),
        entryFile('einmal_pin', 'Was ist die Einmal-PIN?', 'Mit der Einmal-PIN aus unserem Brief senden Sie Unterlagen sicher online.'),
      );
      await waitUntil(() => service.size === 2, 5000, 'the new entry to be loaded');
      assert.equal(service.ask('Was ist eine Einmal-PIN?').entries[0]?.id, 'einmal_pin');

      writeFileSync(path.join(dir, 'entries', 'einmal_pin.md'), '---\nid: [\n---\nkaputt');
      await sleep(600);
      assert.equal(service.size, 2, 'the broken edit was not taken');
      assert.equal(service.ask('Was ist eine Einmal-PIN?').entries[0]?.id, 'einmal_pin');
    } finally {
      service.close();
    }
  });
});

describe('FAQ evaluation floors (real knowledge base)', () => {
  const evalDir = path.join(projectRoot, 'knowledge', 'eval');
  let base: Awaited<ReturnType<typeof loadKnowledgeBase>>;
  before(async () => {
    base = await loadKnowledgeBase(path.join(projectRoot, 'knowledge'));
  });
  const check = async (file: string, floors: Floors) => {
    const report = evaluate(base, await readLabelledSet(path.join(evalDir, file)));
    assert.ok(report.inScope >= floors.inScope && report.outOfScope >= floors.outOfScope, 'the set is large enough');
    if (floors.inScope > 0) {
      assert.ok(report.correctRate >= floors.correct, `correct answer rate ${report.correctRate}`);
      assert.ok(report.wrongRate <= floors.wrong, `wrong answer rate ${report.wrongRate}`);
    }
    assert.ok(report.outOfScopeFallbackRate >= floors.outOfScopeFallback, `out-of-scope fallback rate ${report.outOfScopeFallbackRate}`);
  };

  it("the team's set: no regression", () => check(EVALUATION_SETS.team, TEAM_FLOORS));

  it('searches any text without failing, German, English or several questions, and never shows a not-covered subject', () => {
    const sentence = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom('Wie lange gilt die Einmal-PIN?', 'Where do I find my tracking ID?', 'Zahlt ihr die Zahnspange?', 'Kindergeld?'),
    );
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 6 }), (parts) => {
        const result = base.retriever.search(parts.join(' '));
        assert.ok(['answer', 'suggest', 'fallback'].includes(result.decision));
        for (const { id } of [...result.candidates, ...(result.alsoAsked ?? [])]) assert.ok(base.entries.has(id), id);
      }),
      { numRuns: 500 },
    );
    assert.equal(base.retriever.search('Zahlt ihr die Zahnspange für meine Tochter?').decision, 'fallback');
  });

  it('the entries corrected after the expert review (issue 20) name their sources and review', () => {
    for (const id of ['sick_pay', 'child_sick_pay', 'switch_insurer', 'psychotherapy', 'abroad_ehic', 'maternity_benefit', 'glasses'])
      assert.ok((base.entries.get(id)?.review?.sources.length ?? 0) > 0, id);
    for (const id of ['co_payment', 'care_level', 'contribution', 'e_prescription', 'dentures', 'family_add'])
      assert.ok((base.entries.get(id)?.review?.sources.length ?? 0) > 0, id);
  });

  for (const file of EVALUATION_SETS.heldOut) {
    it(`held-out set ${file}, written without sight of the knowledge base: no regression (below the targets for now)`, () =>
      check(file, HELD_OUT_FLOORS[file]!));
  }

  for (const file of EVALUATION_SETS.development) {
    it(`development set ${file}: no regression`, () => check(file, DEVELOPMENT_FLOORS[file]!));
  }
});

interface Floors {
  inScope: number;
  outOfScope: number;
  correct: number;
  wrong: number;
  outOfScopeFallback: number;
}

/**
 * The issue's targets are 95 % correct, at most 3 % wrong and at least 90 % fallback on held-out
 * sets. They are not met yet: the held-out and development sets keep floors a little under
 * today's figures (measured 2026-12-07 with `npm run eval:faq`) so that a regression shows, raised
 * as the retrieval improves. The team's set lost 2.4 points (96.8 → 94.4 %) when the confidence
 * model was fitted on three more authors' voices, while held-out sets 5 and 6 gained 12 and 20.
 */
const TEAM_FLOORS: Floors = { inScope: 200, outOfScope: 30, correct: 0.93, wrong: 0.03, outOfScopeFallback: 0.9 };
const outOfScopeOnly = (count: number, fallback: number): Floors => ({
  inScope: 0,
  outOfScope: count,
  correct: 0,
  wrong: 1,
  outOfScopeFallback: fallback,
});
const heldOutFloors = (correct: number, wrong: number, outOfScopeFallback: number): Floors => ({
  inScope: 150,
  outOfScope: 30,
  correct,
  wrong,
  outOfScopeFallback,
});
const HELD_OUT_FLOORS: Record<string, Floors> = {
  'heldout-5.yaml': heldOutFloors(0.92, 0.02, 0.92),
  'heldout-6.yaml': heldOutFloors(0.87, 0.015, 0.925),
  'heldout-7.yaml': heldOutFloors(0.94, 0.02, 0.95),
  'heldout-8.yaml': heldOutFloors(0.86, 0.01, 0.95),
};
const DEVELOPMENT_FLOORS: Record<string, Floors> = {
  'heldout-1.yaml': heldOutFloors(0.96, 0.03, 0.85),
  'heldout-2.yaml': heldOutFloors(0.95, 0.02, 0.9),
  'heldout-3.yaml': heldOutFloors(0.95, 0.04, 0.82),
  'heldout-4.yaml': heldOutFloors(0.93, 0.03, 0.87),
  'dev-a.yaml': { inScope: 240, outOfScope: 40, correct: 0.93, wrong: 0.025, outOfScopeFallback: 0.85 },
  'dev-b.yaml': { inScope: 240, outOfScope: 40, correct: 0.85, wrong: 0.015, outOfScopeFallback: 0.95 },
  'dev-d-out-of-scope.yaml': outOfScopeOnly(55, 0.74),
  'dev-e-out-of-scope.yaml': outOfScopeOnly(100, 0.87),
  'dev-f-out-of-scope.yaml': outOfScopeOnly(130, 0.92),
  // 1,080 new phrasings by two more authors (2026-12-07) raised the held-out sets by 0.6–3.1 points;
  // on this set of long letters two more near misses out of scope were answered (88.6 → 82.9 %).
  'dev-g-long.yaml': { inScope: 140, outOfScope: 30, correct: 0.8, wrong: 0.05, outOfScopeFallback: 0.8 },
  'dev-h.yaml': { inScope: 240, outOfScope: 50, correct: 0.77, wrong: 0.045, outOfScopeFallback: 0.95 },
  'dev-i.yaml': { inScope: 240, outOfScope: 50, correct: 0.86, wrong: 0.02, outOfScopeFallback: 0.93 },
  'dev-j.yaml': { inScope: 240, outOfScope: 50, correct: 0.86, wrong: 0.02, outOfScopeFallback: 0.92 },
  'dev-k.yaml': { inScope: 280, outOfScope: 80, correct: 0.87, wrong: 0.02, outOfScopeFallback: 0.95 },
  'dev-l.yaml': { inScope: 290, outOfScope: 90, correct: 0.84, wrong: 0.03, outOfScopeFallback: 0.94 },
};
