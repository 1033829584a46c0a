import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../../core/logging/logger.js';
import { projectRoot } from '../../core/paths.js';
import { evaluate, readLabelledSet } from '../../knowledge/evaluation.js';
import { KnowledgeBaseError, KnowledgeService, loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { waitUntil } from '../helpers/processes.js';

function entryFile(id: string, question: string, answer: string, extra = ''): string {
  return `---\nid: ${id}\nquestion: "${question}"\nphrasings:\n  - "${question} bitte"\n${extra}---\n${answer}\n`;
}

describe('knowledge base files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mk-kb-'));
    mkdirSync(path.join(dir, 'entries'));
    writeFileSync(path.join(dir, 'synonyms.yaml'), '- [krankmeldung, gelber schein]\n');
    writeFileSync(path.join(dir, 'entries', 'tracking_id.md'), entryFile('tracking_id', 'Was ist die Tracking-ID?', 'Die Tracking-ID ist Ihr Nachweis, dass Ihre Unterlagen angekommen sind.'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports every broken file and field at once', async () => {
    writeFileSync(path.join(dir, 'entries', 'broken.md'), entryFile('Broken Id', 'Kurz?', 'x'));
    writeFileSync(path.join(dir, 'entries', 'no_front.md'), 'Nur Text ohne Kopf.');
    writeFileSync(path.join(dir, 'entries', 'dangling.md'), entryFile('dangling', 'Was kommt danach?', 'Eine Antwort, die lang genug ist.', 'followUps:\n  - does_not_exist\n'));
    await assert.rejects(loadKnowledgeBase(dir), (err: unknown) => {
      assert.ok(err instanceof KnowledgeBaseError);
      const text = err.problems.join('\n');
      assert.match(text, /broken\.md: id:/);
      assert.match(text, /broken\.md: answer:/);
      assert.match(text, /no_front\.md: missing front matter/);
      assert.match(text, /dangling\.md: followUps: unknown entry does_not_exist/);
      return true;
    });
  });

  it('picks up an edit without a restart, and keeps the last good version when an edit is broken', async () => {
    const service = await KnowledgeService.open(dir, createLogger('silent'));
    try {
      assert.equal(service.ask('Was ist eine Einmal-PIN?').result.decision, 'fallback');
      writeFileSync(path.join(dir, 'entries', 'einmal_pin.md'), entryFile('einmal_pin', 'Was ist die Einmal-PIN?', 'Mit der Einmal-PIN aus unserem Brief senden Sie Unterlagen sicher online.'));
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
  const check = async (file: string, floors: typeof TEAM_FLOORS, minimum: { inScope: number; outOfScope: number }) => {
    const base = await loadKnowledgeBase(path.join(projectRoot, 'knowledge'));
    const report = evaluate(base, await readLabelledSet(path.join(projectRoot, 'knowledge', 'eval', file)));
    assert.ok(report.inScope >= minimum.inScope && report.outOfScope >= minimum.outOfScope, 'the set is large enough');
    assert.ok(report.correctRate >= floors.correct, `correct answer rate ${report.correctRate}`);
    assert.ok(report.wrongRate <= floors.wrong, `wrong answer rate ${report.wrongRate}`);
    assert.ok(report.outOfScopeFallbackRate >= floors.outOfScopeFallback, `out-of-scope fallback rate ${report.outOfScopeFallbackRate}`);
  };

  it("the team's set: answers correctly, rarely wrongly, and falls back on out-of-scope questions", () =>
    check('questions.yaml', TEAM_FLOORS, { inScope: 200, outOfScope: 30 }));

  it('the retired held-out set 1 (now a development set): no regression', () => check('heldout-1.yaml', RETIRED_HELD_OUT_FLOORS, { inScope: 150, outOfScope: 30 }));

  it('the held-out set 2, written without sight of the knowledge base: no regression', () => check('heldout-2.yaml', HELD_OUT_FLOORS, { inScope: 150, outOfScope: 30 }));
});

/**
 * Floors the suite enforces, a little under today's figures; raised as the knowledge base
 * improves. The targets are 95 % correct, at most 3 % wrong, at least 90 % fallback on both sets.
 */
const TEAM_FLOORS = { correct: 0.91, wrong: 0.025, outOfScopeFallback: 0.95 };
const RETIRED_HELD_OUT_FLOORS = { correct: 0.89, wrong: 0.05, outOfScopeFallback: 0.75 };
const HELD_OUT_FLOORS = { correct: 0.81, wrong: 0.025, outOfScopeFallback: 0.9 };
