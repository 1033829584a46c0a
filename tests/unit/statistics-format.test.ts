import assert from 'node:assert/strict';
import fc from 'fast-check';
import { duration, isoWeek, periodLabel } from '../../staff-console/app/statistics/statistics-format.js';

describe('statistics in German', () => {
  it('numbers weeks as ISO 8601 does, also across the turn of the year', () => {
    assert.equal(isoWeek('2025-03-03'), 10);
    assert.equal(isoWeek('2024-12-30'), 1, 'the Monday of 2025’s first week');
    assert.equal(isoWeek('2021-01-03'), 53, 'a Sunday still in 2020’s last week');
    assert.equal(isoWeek('2026-12-28'), 53);
    assert.equal(periodLabel('2025-03-03', 'week'), 'KW 10 (ab 03.03.)');
    assert.equal(periodLabel('2025-03-03', 'day'), '03.03.');
  });

  it('keeps every day of a Monday-to-Sunday week in one week number between 1 and 53', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
        const monday = new Date(Date.UTC(2000, 0, 3) + offset * 7 * 86_400_000);
        const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * 86_400_000).toISOString().slice(0, 10));
        const weeks = new Set(days.map(isoWeek));
        return weeks.size === 1 && [...weeks][0]! >= 1 && [...weeks][0]! <= 53;
      }),
    );
  });

  it('says durations as people do', () => {
    assert.equal(duration(null), '–');
    assert.equal(duration(45), '45 s');
    assert.equal(duration(90), '90 s');
    assert.equal(duration(120), '2 Min.');
    assert.equal(duration(552), '9 Min.');
    assert.equal(duration(3900), '1 Std. 5 Min.');
    assert.equal(duration(7200), '2 Std.');
  });
});
