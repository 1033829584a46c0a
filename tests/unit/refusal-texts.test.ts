import assert from 'node:assert/strict';
import { fileOutcomeText } from '../../domain/member-texts.de.js';
import { refusalReason } from '../../domain/submissions/refusal-reasons.de.js';

describe('refusal texts', () => {
  const limits = { maxPages: 7, maxPageBytes: 400 * 1024 };

  it('name the limits in force, for members and for intake senders', () => {
    const refused = (reason: 'page_too_large' | 'too_many_pages') =>
      fileOutcomeText('scan.pdf', { accepted: false, reason, totalPages: 0 }, limits);
    assert.match(refused('page_too_large'), /^„scan\.pdf“ ist zu groß: Jede Seite darf höchstens 400 kB haben/);
    assert.match(refused('too_many_pages'), /mehr als 7 Seiten/);
    assert.equal(refusalReason('page_too_large', limits), 'eine Seite größer als 400 kB');
    assert.equal(refusalReason('too_many_pages', limits), 'mehr als 7 Seiten in einer Sendung');
    assert.match(
      fileOutcomeText('a.pdf', { accepted: true, pages: 2, totalPages: 3, downscaled: false }, limits),
      /insgesamt 3 von höchstens 7/,
    );
  });
});
