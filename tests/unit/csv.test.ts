import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../platform/http/csv.js';

describe('CSV export', () => {
  it('quotes what needs quoting and writes formulas as text', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['Müller, "Anna"', '=HYPERLINK("x")'],
        [null, new Date('2026-12-06T10:00:00Z')],
      ],
    );
    assert.ok(csv.startsWith('\uFEFFa,b\r\n'));
    assert.match(csv, /"Müller, ""Anna"""/);
    assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
    assert.match(csv, /,2026-12-06T10:00:00.000Z\r\n$/);
  });

  it('reads back as the cells it was given, for any text (a CSV parser agrees)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 20 }), (rows) => {
        const parsed = parse(toCsv(['x', 'y'], rows).slice(1), { relax_column_count: false }) as string[][];
        const expected = rows.map((row) => row.map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)));
        assert.deepEqual(parsed.slice(1), expected);
      }),
    );
  });
});
