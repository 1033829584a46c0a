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

  it("answers the questions members ask first, in plain words (a not-covered subject phrased with an entry's words would turn them into a suggestion)", () => {
    const plain: Array<[string, string]> = [
      ['Wie reiche ich eine Rechnung ein?', 'invoice_reimbursement'],
      ['Wie reiche ich meine Krankmeldung ein?', 'sick_note_submit'],
      ['Wie bekomme ich eine Versicherungsbescheinigung?', 'certificate_request'],
      ['Wie ändere ich meine Bankverbindung?', 'bank_details'],
      ['Zahlt ihr eine Brille?', 'glasses'],
      ['Wie viel zahlt ihr beim Zahnersatz dazu?', 'dentures'],
      ['Wie lange dauert die Bearbeitung meiner Unterlagen?', 'submission_status'],
      ['Kann ich Dokumente per E-Mail schicken?', 'why_not_email'],
      ['Wie erreiche ich euch telefonisch?', 'contact_hours'],
    ];
    for (const [question, id] of plain) {
      const result = base.retriever.search(question);
      assert.equal(`${result.decision} ${result.candidates[0]?.id}`, `answer ${id}`, `${question}: ${result.reasons.join('; ')}`);
    }
  });

  it('the entries corrected after the expert review (issue 20) name their sources and review', () => {
    for (const id of ['sick_pay', 'child_sick_pay', 'switch_insurer', 'psychotherapy', 'abroad_ehic', 'maternity_benefit', 'glasses'])
      assert.ok((base.entries.get(id)?.review?.sources.length ?? 0) > 0, id);
    for (const id of ['co_payment', 'care_level', 'contribution', 'e_prescription', 'dentures', 'family_add'])
      assert.ok((base.entries.get(id)?.review?.sources.length ?? 0) > 0, id);
  });

  for (const file of EVALUATION_SETS.heldOut) {
    it(`held-out set ${file}, written without sight of the knowledge base: the issue's targets hold`, () =>
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
 * The targets are 95 % correct, at most 3 % wrong and at least 90 % fallback on held-out
 * sets; the current held-out sets (9–12) meet them. The development sets keep floors a little
 * under today's figures (measured 2026-12-08 with `npm run eval:faq`) so that a regression shows,
 * raised as the retrieval improves.
 */
const TEAM_FLOORS: Floors = { inScope: 200, outOfScope: 30, correct: 0.95, wrong: 0.02, outOfScopeFallback: 0.9 };
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
  // First count, unseen (2026-12-08), right / wrong / fallback: 9: 95.6 / 2.0 / 95.0 %;
  // 10: 96.3 / 0.5 / 100 %; 11: 95.6 / 2.0 / 95.0 %; 12: 96.3 / 1.0 / 100 %.
  'heldout-9.yaml': heldOutFloors(0.95, 0.025, 0.92),
  'heldout-10.yaml': heldOutFloors(0.95, 0.01, 0.97),
  'heldout-11.yaml': heldOutFloors(0.95, 0.025, 0.92),
  'heldout-12.yaml': heldOutFloors(0.95, 0.015, 0.97),
};
const DEVELOPMENT_FLOORS: Record<string, Floors> = {
  'heldout-1.yaml': heldOutFloors(0.96, 0.02, 0.9),
  'heldout-2.yaml': heldOutFloors(0.96, 0.015, 0.95),
  'heldout-3.yaml': heldOutFloors(0.97, 0.03, 0.9),
  'heldout-4.yaml': heldOutFloors(0.95, 0.025, 0.92),
  'dev-a.yaml': { inScope: 240, outOfScope: 40, correct: 0.97, wrong: 0.025, outOfScopeFallback: 0.9 },
  'dev-b.yaml': { inScope: 240, outOfScope: 40, correct: 0.91, wrong: 0.03, outOfScopeFallback: 0.93 },
  // Near misses by design (another company's app, another authority): the hardest out-of-scope questions.
  'dev-d-out-of-scope.yaml': outOfScopeOnly(55, 0.82),
  'dev-e-out-of-scope.yaml': outOfScopeOnly(100, 0.83),
  'dev-f-out-of-scope.yaml': outOfScopeOnly(130, 0.88),
  // Long letters: above the 3 % wrong (2026-12-08: 6.1 %, of which 3.3 points out-of-scope
  // letters answered); the confidence model answers letters more readily since it weighs their length.
  'dev-g-long.yaml': { inScope: 140, outOfScope: 30, correct: 0.91, wrong: 0.07, outOfScopeFallback: 0.77 },
  'dev-h.yaml': { inScope: 240, outOfScope: 50, correct: 0.89, wrong: 0.04, outOfScopeFallback: 0.95 },
  'dev-i.yaml': { inScope: 240, outOfScope: 50, correct: 0.9, wrong: 0.02, outOfScopeFallback: 0.97 },
  'dev-j.yaml': { inScope: 240, outOfScope: 50, correct: 0.91, wrong: 0.02, outOfScopeFallback: 0.92 },
  'dev-k.yaml': { inScope: 280, outOfScope: 80, correct: 0.92, wrong: 0.015, outOfScopeFallback: 0.94 },
  'dev-l.yaml': { inScope: 290, outOfScope: 90, correct: 0.89, wrong: 0.03, outOfScopeFallback: 0.95 },
  // Held out until 2026-12-08 (their totals were then read to choose between confidence features).
  'heldout-5.yaml': heldOutFloors(0.95, 0.025, 0.9),
  'heldout-6.yaml': heldOutFloors(0.95, 0.015, 0.95),
  'heldout-7.yaml': heldOutFloors(0.95, 0.025, 0.95),
  'heldout-8.yaml': heldOutFloors(0.92, 0.01, 0.95),
};
