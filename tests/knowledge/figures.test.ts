import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../domain/submissions/document-check.js';
import { PIN_VALIDITY_DAYS } from '../../domain/members/einmal-pin/einmal-pin.service.js';
import { placeholdersIn } from '../../domain/knowledge/figure-placeholders.js';
import { figuresOutsideTable, FigureTable } from '../../knowledge/figures.js';
import { KnowledgeBaseError, KnowledgeService, loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { entriesDueForReview, reviewReasons } from '../../knowledge/review-due.js';
import type { KnowledgeEntry } from '../../knowledge/entry.schema.js';
import { testLogger } from '../helpers/log-scan.js';

/** The dated table of figures (issue 20): every number an answer states comes from one row of it. */
describe('dated figures', () => {
  describe('the shipped knowledge base', () => {
    let base: KnowledgeBase;
    before(async () => {
      base = await loadKnowledgeBase(path.join(projectRoot, 'knowledge'));
    });

    it('states no number outside the table: every figure an answer gives is dated and sourced', () => {
      const loose = [...base.entries.values()].flatMap((e) => figuresOutsideTable(e.answer).map((f) => `${e.id}: ${f}`));
      assert.deepEqual(loose, []);
    });

    it('gives every figure one meaning, so no two answers can state different values for the same thing', () => {
      const ids = base.figures.ids();
      const descriptions = ids.map((id) => base.figures.get(id)!.description);
      assert.equal(new Set(descriptions).size, descriptions.length, 'each description once');
      const used = new Set([...base.entries.values()].flatMap((e) => placeholdersIn(e.answer).map((p) => p.id)));
      assert.deepEqual(
        ids.filter((id) => !used.has(id)),
        [],
        'every figure is used by an answer (no stale rows)',
      );
    });

    it('names a source, the day its rules apply from and a reviewer for every entry', () => {
      const missing = [...base.entries.values()].filter((e) => !e.review).map((e) => e.id);
      assert.deepEqual(missing, []);
    });

    it("agrees with what the system enforces and what the bot's texts and the PIN letter say", () => {
      const today = (id: string) => base.figures.valueOn(id, '2026-12-07').value;
      assert.equal(today('upload_seiten'), `${DEFAULT_DOCUMENT_LIMITS.maxPages} Seiten`);
      assert.equal(today('upload_groesse_seite'), `${DEFAULT_DOCUMENT_LIMITS.maxPageBytes / 1024} kB`);
      assert.equal(today('einmal_pin_gueltig'), `${PIN_VALIDITY_DAYS} Tage`);
      const texts = ['member-texts.de.ts', 'members/einmal-pin/pin-letter.ts']
        .map((file) => readFileSync(path.join(projectRoot, 'domain', file), 'utf8'))
        .join('\n');
      const phones = new Set(texts.match(/\b0800[\d ]+\d/g));
      assert.deepEqual([...phones], [today('telefon_service')], 'one service number everywhere');
      for (const hours of texts.match(/Mo–Fr \d+–\d+ Uhr/g) ?? []) assert.equal(hours, today('servicezeiten'));
    });
  });

  describe('reading the table', () => {
    const table = new FigureTable(
      {
        grenze: {
          description: 'Eine Grenze',
          kind: 'law',
          source: '§ 1',
          changesYearly: true,
          values: [
            { from: '2026-01-01', value: '565 Euro' },
            { from: '2027-01-01', value: '590 Euro' },
          ],
        },
        tage: { description: 'Tage', kind: 'law', source: '§ 2', changesYearly: false, values: [{ from: '2020-01-01', value: '28 Tage' }] },
      },
      {},
    );

    it('fills in the value of the day, and its year', () => {
      const template = 'Höchstens {{grenze}} im Monat ({{grenze.jahr}}), {{tage}}.';
      assert.equal(table.render(template, '2026-12-31'), 'Höchstens 565 Euro im Monat (2026), 28 Tage.');
      assert.equal(table.render(template, '2027-01-01'), 'Höchstens 590 Euro im Monat (2027), 28 Tage.');
      assert.equal(table.render(template, '2019-06-01'), 'Höchstens 565 Euro im Monat (2026), 28 Tage.', 'before the first: the first');
    });

    it('says why an answer needs review: a new value since the review, a year without one', () => {
      assert.deepEqual(table.changesSince(['grenze'], '2026-12-07', '2026-12-20'), []);
      assert.match(table.changesSince(['grenze'], '2026-12-07', '2027-01-02').join(), /seit 01\.01\.2027 neu 590 Euro/);
      assert.match(table.changesSince(['grenze'], '2027-01-02', '2028-01-03').join(), /für 2028 ist noch kein Wert eingetragen/);
      assert.deepEqual(table.changesSince(['tage'], '2026-12-07', '2030-01-01'), [], 'a lasting figure stays');
    });

    it('finds numbers an answer states by itself, not counted steps, names or placeholders', () => {
      assert.deepEqual(figuresOutsideTable('Sie zahlen **10 Euro** pro Tag, höchstens {{tage}}.'), ['10 Euro']);
      assert.deepEqual(figuresOutsideTable('Bewahren Sie es zwei Monate auf; bis zu viermal im Jahr.'), ['zwei Monate', 'viermal im Jahr']);
      assert.deepEqual(figuresOutsideTable('Länger als drei Kalendertage, eine PIN mit sechs Stellen.'), [
        'drei Kalendertage',
        'sechs Stellen',
      ]);
      assert.deepEqual(figuresOutsideTable('So geht es:\n1. Antrag\n2. Pflegegrad 2 und Formular PTV 1, in zwei Schritten.'), []);
      assert.deepEqual(figuresOutsideTable('Rufen Sie 0800 123 an (Mo–Fr 8–18 Uhr).'), ['0800', '123', '8–18 Uhr']);
    });
  });

  describe('answers over time', () => {
    let dir: string;
    const entry = (extra: string, answer: string) =>
      `---\nid: family_limit\nquestion: "Wie viel darf ich verdienen?"\nphrasings:\n  - "Einkommensgrenze Familienversicherung"\n${extra}---\n${answer}\n`;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'mk-figures-'));
      mkdirSync(path.join(dir, 'entries'));
      writeFileSync(path.join(dir, 'synonyms.yaml'), '- [familienversicherung, familienversichert]\n');
      writeFileSync(
        path.join(dir, 'figures.yaml'),
        [
          'grenze:',
          '  description: Einkommensgrenze',
          '  kind: law',
          '  source: "§ 10 SGB V"',
          '  changesYearly: true',
          '  values:',
          '    - { from: "2026-01-01", value: "565 Euro" }',
          '    - { from: "2027-01-01", value: "590 Euro" }',
          '',
        ].join('\n'),
      );
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("answers with the new year's value from midnight in the insurer's time zone, without an edit or a restart", async () => {
      writeFileSync(path.join(dir, 'entries', 'family_limit.md'), entry('', 'Höchstens **{{grenze}} im Monat** ({{grenze.jahr}}).'));
      let now = new Date('2026-12-31T22:59:00Z'); // 23:59 in Berlin
      const service = await KnowledgeService.open(dir, testLogger(), { watch: false, clock: () => now });
      const answer = () => service.answerOf(service.entry('family_limit')!);
      assert.equal(answer(), 'Höchstens **565 Euro im Monat** (2026).');
      now = new Date('2026-12-31T23:00:00Z'); // midnight in Berlin, still the 31st in UTC
      assert.equal(answer(), 'Höchstens **590 Euro im Monat** (2027).');
      assert.equal(service.figure('grenze'), '590 Euro');
      service.close();
    });

    it('refuses an answer naming a figure the table does not have, with file and field', async () => {
      writeFileSync(path.join(dir, 'entries', 'family_limit.md'), entry('', 'Höchstens {{grenz}} im Monat, sagt die Tabelle.'));
      await assert.rejects(loadKnowledgeBase(dir), (err: unknown) => {
        assert.ok(err instanceof KnowledgeBaseError);
        assert.match(err.problems.join('\n'), /family_limit\.md: answer: unknown figure \{\{grenz\}\}/);
        return true;
      });
    });

    it('refuses a broken table: values out of order, an unknown kind', async () => {
      writeFileSync(path.join(dir, 'entries', 'family_limit.md'), entry('', 'Eine Antwort ohne Zahlen, lang genug.'));
      writeFileSync(
        path.join(dir, 'figures.yaml'),
        'grenze:\n  description: Grenze\n  kind: rumour\n  source: "§ 10"\n  values:\n    - { from: "2027-01-01", value: "1" }\n    - { from: "2026-01-01", value: "2" }\n',
      );
      await assert.rejects(loadKnowledgeBase(dir), (err: unknown) => {
        const text = (err as KnowledgeBaseError).problems.join('\n');
        assert.match(text, /figures\.yaml: grenze\.kind/);
        assert.match(text, /figures\.yaml: grenze\.values: values must be in order/);
        return true;
      });
    });

    it('lists an entry for review when never reviewed, reviewed too long ago, or a figure it uses changed', async () => {
      writeFileSync(path.join(dir, 'entries', 'family_limit.md'), entry('', 'Höchstens {{grenze}} im Monat, sonst 3 Tage.'));
      const base = await loadKnowledgeBase(dir);
      const family = base.entries.get('family_limit')!;
      const reviewed = (reviewedAt: string): KnowledgeEntry => ({
        ...family,
        answer: 'Höchstens {{grenze}} im Monat.',
        review: { sources: ['§ 10 SGB V'], validFrom: '2026-01-01', reviewedAt, reviewer: 'Frau Beispiel' },
      });
      const policy = { today: '2026-12-07', maxAgeDays: 365 };
      const never = reviewReasons(family, base.figures, policy);
      assert.match(never.join(' '), /Keine Quelle und keine Prüfung/);
      assert.match(never.join(' '), /Zahlen ohne Eintrag in der Zahlentabelle: „3 Tage“/);
      assert.deepEqual(reviewReasons(reviewed('2026-12-01'), base.figures, policy), []);
      assert.match(reviewReasons(reviewed('2025-11-30'), base.figures, policy).join(), /vor mehr als 365 Tagen/);
      assert.match(reviewReasons(reviewed('2026-12-01'), base.figures, { ...policy, today: '2027-01-04' }).join(), /590 Euro/);
      const due = entriesDueForReview([reviewed('2026-12-01'), family], base.figures, policy);
      assert.deepEqual(
        due.map((d) => d.id),
        ['family_limit'],
        'only the unreviewed one',
      );
    });
  });
});
