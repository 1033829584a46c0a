import assert from 'node:assert/strict';
import { isValidKvnr, kvnrProblem, kvnrSchema } from '../../domain/members/kvnr.js';

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
});
