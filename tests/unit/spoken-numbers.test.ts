import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cardinal, ordinal, spokenNumbersAsDigits } from '../../platform/text/spoken-numbers.js';

/** German number words written independently of the parser, as the oracle. */
const UNITS = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'dreizehn'];
const TEENS = ['vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
const TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
const small = (n: number) => (n < 14 ? UNITS[n]! : TEENS[n - 14]!);
function below100(n: number): string {
  if (n < 20) return small(n);
  const unit = n % 10;
  return unit === 0 ? TENS[n / 10]! : `${unit === 1 ? 'ein' : small(unit)}und${TENS[Math.floor(n / 10)]}`;
}
function words(n: number, spellOne: boolean): string {
  const thousands = Math.floor(n / 1000);
  const hundreds = Math.floor((n % 1000) / 100);
  const rest = n % 100;
  const one = spellOne ? 'ein' : '';
  let text = '';
  if (thousands) text += `${thousands === 1 ? one : below100(thousands)}tausend`;
  if (hundreds) text += `${hundreds === 1 ? one : small(hundreds)}hundert`;
  if (rest || !text) text += below100(rest);
  return text;
}
const ORDINAL_STEMS: Record<number, string> = { 1: 'erst', 3: 'dritt', 7: 'siebt', 8: 'acht' };
const ordinalWord = (day: number, ending: string) => (ORDINAL_STEMS[day] ?? (day < 20 ? `${small(day)}t` : `${below100(day)}st`)) + ending;

describe('numbers written as words', () => {
  it('reads every cardinal from 0 to 9999, with or without "ein" before hundert and tausend', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.boolean(), fc.boolean(), (n, spellOne, capital) => {
        const written = words(n, spellOne);
        assert.equal(cardinal(capital ? written[0]!.toUpperCase() + written.slice(1) : written), n, written);
      }),
    );
  });

  it('reads every day of the month as an ordinal, in each of its endings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.constantFrom('e', 'en', 'er', 'em', 'es'), (day, ending) => {
        assert.equal(ordinal(ordinalWord(day, ending)), day, ordinalWord(day, ending));
      }),
    );
    for (const notADay of ['zweiunddreißigsten', 'Rechnungen', 'Osten', 'Ernte', 'hundertsten'])
      assert.equal(ordinal(notADay), undefined, notADay);
  });

  it('writes amounts, dates and dictated digits as digits', () => {
    assert.equal(spokenNumbersAsDigits('das waren neunundachtzig euro neunzig'), 'das waren 89,90 euro');
    assert.equal(spokenNumbersAsDigits('über einhundertzwölf Euro fünfzig, vom achten Januar'), 'über 112,50 Euro, vom 8. Januar');
    assert.equal(spokenNumbersAsDigits('zwölf Euro'), '12 Euro');
    assert.equal(spokenNumbersAsDigits('am einunddreißigsten Dezember'), 'am 31. Dezember');
    assert.equal(spokenNumbersAsDigits('unter null eins fünf eins zwei drei vier'), 'unter 0151234');
    // "null sieben elf": an area code is spoken in pairs too.
    assert.equal(spokenNumbersAsDigits('null sieben elf zwei drei vier fünf sechs sieben'), '0711234567');
    assert.equal(spokenNumbersAsDigits('nummer k fünf neun zwei null sechs sechs vier sieben sieben'), 'nummer k 592066477');
  });

  it('leaves articles, counts and ordinals without a month as words', () => {
    for (const text of [
      'Ich habe eine Rechnung und einen Brief',
      'seit zwei Wochen, drei Sitzungen, zwölf Termine',
      'die zweite Rechnung kam am dritten',
      'acht Stunden, elf Tage',
    ])
      assert.equal(spokenNumbersAsDigits(text), text);
  });

  it('keeps any text without number words exactly as it was', () => {
    const word = fc.constantFrom(
      'constructor',
      'toString',
      'Rechnung',
      'bitte',
      'Zahnreinigung',
      'Euro',
      'am',
      'Januar',
      'hallo',
      'Ärztin',
      'ß',
      '12,50',
      '€',
      '-',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '\n', '')), { maxLength: 12 }), (parts) => {
        const text = parts.map(([w, gap]) => w + gap).join('');
        assert.equal(spokenNumbersAsDigits(text), text);
      }),
    );
  });
});
