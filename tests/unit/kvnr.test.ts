import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findKvnr, isValidKvnr, kvnrProblem, kvnrSchema } from '../../domain/members/kvnr.js';

describe('KVNR', () => {
  it('accepts numbers whose check digit matches (letter as its alphabet position, weights 1,2,1,2,…)', () => {
    assert.equal(isValidKvnr('A123456780'), true);
    assert.equal(isValidKvnr('K876543217'), true);
  });

  it('names what is wrong: the shape or the check digit', () => {
    assert.equal(kvnrProblem('A123456789'), 'check_digit');
    for (const bad of ['', 'A12345678', 'A1234567800', '1234567890', 'ä123456780', 'AA23456780'])
      assert.equal(kvnrProblem(bad), 'format', bad);
  });

  it('forgives spaces and lower case at the boundary, not a wrong digit', () => {
    assert.equal(kvnrSchema.parse(' a 123 456 780 '), 'A123456780');
    assert.equal(kvnrSchema.safeParse('A123456789').success, false);
  });

  it('finds a KVNR typed in a sentence, as written on the card or run together, only with the right check digit', () => {
    assert.equal(findKvnr('Meine Nummer ist A 12345678 0, bitte prüfen'), 'A123456780');
    assert.equal(findKvnr('k876543217'), 'K876543217');
    assert.equal(findKvnr('erst A123456789 (vertippt), dann A123456780'), 'A123456780');
    for (const none of ['A123456789', 'MK-A123456780X', 'Tel 0171 2345678', 'beim Zahnarzt', 'BA123456780'])
      assert.equal(findKvnr(none), undefined, none);
  });

  it('finds nothing that is not a valid KVNR in any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const found = findKvnr(text);
        return found === undefined || isValidKvnr(found);
      }),
    );
  });
});
