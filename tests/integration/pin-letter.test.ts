import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { layOutPinLetter, letterSalutation, type PinLetter, type TextBox } from '../../domain/members/einmal-pin/pin-letter.js';
import { renderPdfPage } from '../../platform/imaging/pdf-pool.js';
import { screenshotPath } from '../helpers/browser.js';

const KARL: PinLetter = {
  recipient: { salutation: 'Herr', firstName: 'Karl', lastName: 'Muster', street: 'Lindenallee 7', postalCode: '20095', city: 'Hamburg' },
  letterDate: '2026-12-07',
  validUntil: '2027-01-07',
  purpose: 'Unterlagen zu Ihrem Krankengeld',
  pin: 'K7QM-4TXP',
};

const overlap = (a: TextBox, b: TextBox) => a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top;

/** Boxes that overlap, and boxes off the printable area of an A4 page. */
function layoutProblems(boxes: TextBox[]): string[] {
  const problems: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (overlap(a, b)) problems.push(`„${a.text}“ overlaps „${b.text}“`);
    }),
  );
  for (const box of boxes)
    if (box.left < 56 || box.right > 540 || box.bottom < 40 || box.top > 815) problems.push(`„${box.text}“ is off the printable area`);
  return problems;
}

/** The Einmal-PIN letter (issue 21): how an insurer writes, and nothing printed over anything else. */
describe('Einmal-PIN letter', function () {
  this.timeout(60_000);

  it('opens as an insurer writes: by salutation and surname, or neutrally with the full name', async () => {
    assert.equal(letterSalutation(KARL.recipient), 'Sehr geehrter Herr Muster,');
    assert.equal(letterSalutation({ ...KARL.recipient, salutation: 'Frau', firstName: 'Karla' }), 'Sehr geehrte Frau Muster,');
    assert.equal(letterSalutation({ ...KARL.recipient, salutation: null }), 'Guten Tag Karl Muster,');
    const { boxes } = await layOutPinLetter(KARL);
    assert.ok(
      boxes.some((b) => b.text === 'Herr Karl Muster'),
      'the address names Herr Karl Muster',
    );
    assert.ok(boxes.some((b) => b.text === 'Sehr geehrter Herr Muster,'));
  });

  it('prints the PIN below its label, as the page rendered to PNG shows', async () => {
    const { pdf, boxes } = await layOutPinLetter(KARL);
    assert.deepEqual(layoutProblems(boxes), []);
    const label = boxes.find((b) => b.text === 'Ihre Einmal-PIN:')!;
    const pin = boxes.find((b) => b.text === KARL.pin)!;
    assert.ok(pin.top <= label.bottom, 'the PIN starts below its label');

    // The page as a printer gets it: the rows between the label's ink and the PIN's are blank.
    const dpi = 100;
    const png = await renderPdfPage(pdf, 0, dpi);
    assert.ok(png, 'the letter renders');
    mkdirSync(path.dirname(screenshotPath('pin-letter.png')), { recursive: true });
    writeFileSync(screenshotPath('pin-letter.png'), png);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const scale = dpi / 72;
    const rowOf = (pdfY: number) => Math.round((841.89 - pdfY) * scale);
    const inkIn = (fromRow: number, toRow: number) => {
      let ink = 0;
      for (let y = fromRow; y < toRow; y++)
        for (let x = Math.floor(label.left * scale); x < Math.ceil(pin.right * scale); x++) if (data[y * info.width + x]! < 128) ink++;
      return ink;
    };
    assert.ok(inkIn(rowOf(label.top), rowOf(label.bottom)) > 0, 'the label is printed');
    assert.ok(inkIn(rowOf(pin.top), rowOf(pin.bottom)) > 0, 'the PIN is printed');
    assert.equal(inkIn(rowOf(label.bottom) + 1, rowOf(pin.top) - 1), 0, 'nothing between label and PIN: no overprint');
  });

  it('keeps every line apart and on the page for any name, address and purpose', async () => {
    const text = (max: number) =>
      fc.string({ minLength: 1, maxLength: max, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ -') });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          salutation: fc.constantFrom('Frau' as const, 'Herr' as const, null),
          firstName: text(40),
          lastName: text(60),
          street: text(60),
          city: text(40),
          purpose: text(200),
        }),
        async ({ purpose, ...person }) => {
          const { boxes } = await layOutPinLetter({ ...KARL, purpose, recipient: { ...KARL.recipient, ...person } });
          assert.deepEqual(layoutProblems(boxes), []);
        },
      ),
      { numRuns: 40 },
    );
  });
});
