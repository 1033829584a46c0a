import assert from 'node:assert/strict';
import { applyToOwnNumbers } from '../../bot/answers/own-numbers.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../domain/submissions/document-check.js';

/** An answer's rule applied to the numbers a member gives. */
describe('answers applied to the member’s own numbers', () => {
  const figures2026: Record<string, string> = { zuzahlung_krankenhaus_tag: '10 Euro', zuzahlung_krankenhaus_tage: '28 Tage' };
  const context = { today: '2026-03-20', limits: DEFAULT_DOCUMENT_LIMITS, figure: (id: string) => figures2026[id]! };

  it('tells until when an Einmal-PIN is valid from the letter date, not from today', () => {
    assert.equal(
      applyToOwnNumbers('einmal_pin_validity', 'Mein Brief ist vom 2. März, heute ist der 20. Gilt die PIN noch?', context),
      'Ihr Brief ist vom 2. März 2026: Die PIN gilt bis zum 2. April 2026, wenn Sie nicht vorher absenden.',
    );
    assert.match(
      applyToOwnNumbers('einmal_pin_validity', 'Der Brief vom 10.01. liegt hier, kann ich die PIN noch nutzen?', context) ?? '',
      /galt bis zum 10\. Februar 2026 und ist abgelaufen/,
    );
    assert.equal(applyToOwnNumbers('einmal_pin_validity', 'Wie lange gilt die PIN?', context), undefined, 'no date: no sentence');
  });

  it('applies the page and size limits to the pages and megabytes a member names', () => {
    assert.match(
      applyToOwnNumbers('document_formats_limits', 'Mein Entlassungsbericht hat 22 Seiten, geht das?', context) ?? '',
      /22 Seiten sind mehr als die 15 einer Sendung: Bitte teilen Sie sie auf 2 Sendungen auf/,
    );
    assert.match(
      applyToOwnNumbers('document_formats_limits', 'Ein PDF mit 9 Seiten und 2,5 MB, passt das?', context) ?? '',
      /9 Seiten passen in eine Sendung.*etwa 284 kB je Seite – das passt/,
    );
    assert.match(applyToOwnNumbers('document_formats_limits', 'Mein Foto hat 3 MB, ist das zu groß?', context) ?? '', /zu groß/);
    assert.equal(applyToOwnNumbers('document_formats_limits', 'Welche Formate nehmt ihr?', context), undefined);
  });

  it('computes the hospital co-payment for the days named, at most 28', () => {
    assert.match(applyToOwnNumbers('hospital_stay', 'Ich war 11 Tage im Krankenhaus, was zahle ich?', context) ?? '', /110 Euro Zuzahlung/);
    assert.match(applyToOwnNumbers('hospital_stay', '40 Tage Klinik, was kostet mich das?', context) ?? '', /280 Euro Zuzahlung/);
  });

  it('takes the co-payment from the dated figures, so a new amount needs no code change', () => {
    const raised = { ...context, figure: (id: string) => ({ ...figures2026, zuzahlung_krankenhaus_tag: '12 Euro' })[id]! };
    assert.match(applyToOwnNumbers('hospital_stay', 'Ich war 11 Tage im Krankenhaus', raised) ?? '', /132 Euro Zuzahlung \(12 Euro je Tag/);
  });

  it('adds nothing to other answers', () => {
    assert.equal(applyToOwnNumbers('glasses', 'Meine Brille hat 6 Dioptrien und kostet 300 Euro', context), undefined);
  });
});
