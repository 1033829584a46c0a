import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findTrackingId, newTrackingId, parseTrackingId } from '../../domain/submissions/tracking-id.js';
import { ACTION_SETS, readActionSet } from '../../bot/reading/evaluation.js';

/** Every line the project's knowledge entries and evaluation sets hold: members' own words. */
function knowledgeAndEvaluationLines(): string[] {
  const files = [
    ...readdirSync('knowledge/entries').map((f) => `knowledge/entries/${f}`),
    // The labelled action messages hold real tracking IDs on purpose; they are checked against their labels below.
    ...readdirSync('knowledge/eval')
      .filter((f) => !f.startsWith('actions'))
      .map((f) => `knowledge/eval/${f}`),
  ];
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
}

describe('tracking IDs', () => {
  it('look like MK-XXXX-XXXX-XXXX in unambiguous symbols and do not repeat', () => {
    const ids = Array.from({ length: 2000 }, newTrackingId);
    for (const id of ids) assert.match(id, /^MK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('read back as members type them', () => {
    const id = newTrackingId();
    assert.equal(parseTrackingId(id), id);
    assert.equal(parseTrackingId(id.toLowerCase().replace(/-/g, ' ')), id);
    assert.equal(parseTrackingId(id.slice(3)), id, 'without the prefix');
    const withLookalikes = id.replace(/0/g, 'O').replace(/1/g, 'l');
    assert.equal(parseTrackingId(withLookalikes), id);
  });

  it('catch every single mistyped symbol and swapped neighbours by the check symbol', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    let swapsCaught = 0;
    let swaps = 0;
    for (let n = 0; n < 200; n++) {
      const symbols = newTrackingId().replace(/^MK-|-/g, '');
      for (let i = 0; i < symbols.length; i++) {
        for (const replacement of alphabet) {
          if (replacement === symbols[i]) continue;
          const typo = symbols.slice(0, i) + replacement + symbols.slice(i + 1);
          assert.equal(parseTrackingId(typo), undefined, `${symbols} → ${typo}`);
        }
        if (i + 1 < symbols.length && symbols[i] !== symbols[i + 1]) {
          swaps++;
          const swapped = symbols.slice(0, i) + symbols[i + 1] + symbols[i] + symbols.slice(i + 2);
          if (parseTrackingId(swapped) === undefined) swapsCaught++;
        }
      }
    }
    assert.ok(swapsCaught / swaps > 0.95, `swapped neighbours caught: ${swapsCaught}/${swaps}`);
  });

  it('refuses what cannot be a tracking ID', () => {
    for (const bad of ['', 'MK-', 'MK-1234-5678', 'MK-UUUU-UUUU-UUUU', 'hallo']) assert.equal(parseTrackingId(bad), undefined, bad);
  });

  it('are found in a message in every shape a member writes them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('MK-', 'mk-', 'MK', 'MK ', ''),
        fc.constantFrom('-', ' ', ''),
        fc.boolean(),
        fc.constantFrom('Wo ist ', 'Status von ', '', 'Meine Nummer: '),
        (prefix, separator, lower, before) => {
          const id = newTrackingId();
          // A member leaves the prefix off only when the groups still hold a digit (see below).
          fc.pre(prefix !== '' || /\d/.test(id.slice(3)));
          const typed = prefix + id.slice(3).replace(/-/g, separator);
          assert.equal(findTrackingId(`${before}${lower ? typed.toLowerCase() : typed}?`), id, typed);
        },
      ),
    );
  });

  it('are never found in ordinary words: not in one line of the knowledge entries and evaluation sets', async () => {
    const lines = knowledgeAndEvaluationLines();
    assert.ok(lines.length > 9000, `${lines.length} lines`);
    // A few member questions quote a real tracking ID, with its prefix or in its three groups of four
    // (one with a digit); anything else found is a false detection.
    const quotesAnId = (line: string) =>
      /\bMK[\s-]?[0-9A-Z]{4}/i.test(line) ||
      [...line.matchAll(/\b[0-9A-Z]{4}[\s-][0-9A-Z]{4}[\s-][0-9A-Z]{4}\b/gi)].some((m) => /\d/.test(m[0]));
    const found = lines.filter((line) => findTrackingId(line) && !quotesAnId(line));
    assert.deepEqual(found, []);
    // In the action sets, an ID found is the labelled one or one the member quotes (a number they
    // then correct); IDs missed count in the detail figures (compared without printing the messages).
    for (const { file } of ACTION_SETS) {
      const items = await readActionSet(`knowledge/eval/${file}`);
      const wrong = items.filter((item) => {
        const found = findTrackingId(item.text);
        return found !== undefined && found !== item.details.trackingId && !quotesAnId(item.text);
      }).length;
      assert.equal(wrong, 0, `${wrong} messages of ${file} with a tracking ID found that is not their label`);
    }
    for (const phrase of ['beim Zahnarzt', 'schicken oder', 'eine Reha nach', 'Klassenfahrt', 'Kinderkrankengeld'])
      assert.equal(findTrackingId(phrase), undefined, phrase);
  });
});
