import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCallbackDay, findPhoneNumber, findTimeWindow } from '../../domain/service-requests/callback-details.js';
import { TIME_WINDOWS } from '../../domain/service-requests/service-hours.js';

describe("callback details in the member's words", () => {
  // Tuesday 15 December 2026, 10 o'clock.
  const now = { date: '2026-12-15', hour: 10 };

  it('reads the day: relative words with umlauts, weekdays, short weekdays before a time or date', () => {
    for (const [message, day] of [
      ['übermorgen so gegen halb elf', '2026-12-17'],
      ['Bitte Rückruf Übermorgen', '2026-12-17'],
      ['Ruafts mi am Donnerstag um elfe zruck', '2026-12-17'],
      ['rückruf do 14:30', '2026-12-17'],
      ['Fr, 18.12. passt', '2026-12-18'],
      ['morgen früh', '2026-12-16'],
    ] as const)
      assert.equal(findCallbackDay(message, now), day, message);
    // "do" and "mi" alone are other words; "morgens" is a time of day.
    for (const message of ['Was kann ich do machen', 'ruft mi an', 'morgens passt es mir'])
      assert.equal(findCallbackDay(message, now), undefined, message);
  });

  it('reads a day of the month without its month, with or without its weekday, and a weekday before a stated date', () => {
    // Tuesday 15 December 2026: the 22nd is next Tuesday, within the two weeks we offer.
    for (const [message, day] of [
      ['Tuesday the 22nd, after 4pm', '2026-12-22'],
      ['on the 22nd please', '2026-12-22'],
      ['am Dienstag, den 22.', '2026-12-22'],
      ['am 22. um 10 Uhr', '2026-12-22'],
      ['Tuesday 22nd December', '2026-12-22'],
      ['Dienstag, 22. Dezember', '2026-12-22'],
    ] as const)
      assert.equal(findCallbackDay(message, now), day, message);
    // The 22nd is no Wednesday; the 5th is more than two weeks ahead: the bot asks.
    for (const message of ['Wednesday the 22nd', 'am 5.', 'am Mittwoch, den 22.'])
      assert.equal(findCallbackDay(message, now), undefined, message);
  });

  it('reads spoken times as the window they fall in, afternoon hours without "Uhr" included', () => {
    for (const [message, window] of [
      ['gegen halb elf', '10-12'],
      ['um elfe', '10-12'],
      ['um viertel nach drei', '14-16'],
      ['dreiviertel zwölf', '10-12'],
      ['viertel vor zwei', '12-14'],
      ['so um 12:30', '12-14'],
      ['um 3', '14-16'],
      ['zwischen 10 und 12', '10-12'],
    ] as const)
      assert.equal(findTimeWindow(message), window, message);
    assert.equal(findTimeWindow('das dauert halb so lang'), undefined);
  });

  it('reads hours as words and as spoken in the south, a bare range that is one of our windows, and "ab 16 Uhr"', () => {
    for (const [message, window] of [
      ['morgen früh zwischen acht und zehn', '08-10'],
      ['zwischn zehne und zwöife bin i dahoam', '10-12'],
      ['Montag früh so um neune', '08-10'],
      ['bitte rückruf mo 10-12', '10-12'],
      ['on Tuesday morning, 8 to 10', '08-10'],
      ['heute ab 16 Uhr', '16-18'],
      ['bin ab vier Uhr nachmittags zu Hause', '16-18'],
    ] as const)
      assert.equal(findTimeWindow(message), window, message);
    // From 14 o'clock two windows are left; 9 to 11 lies across two: the member chooses.
    for (const message of ['ab 14 Uhr', 'rückruf 9-11']) assert.equal(findTimeWindow(message), undefined, message);
  });

  it('never reads a date as a phone number, and reads a weekday apart from the story around it', () => {
    assert.equal(findPhoneNumber('Rückruf am 04.01.2027 zw. 10 und 12 Uhr, Tel. 0177-3344556'), '+491773344556');
    assert.equal(findPhoneNumber('Rückruf am 04.01.2027 bitte'), undefined);
    assert.equal(
      findCallbackDay('Meine Mutter ist gestern ins Pflegeheim gekommen. Bitte rufen Sie mich am Donnerstag zurück.', now),
      '2026-12-17',
    );
  });

  it('reads any text without failing, and finds only windows and days that exist', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const window = findTimeWindow(text);
        assert.ok(window === undefined || TIME_WINDOWS.includes(window));
        const day = findCallbackDay(text, now);
        assert.ok(day === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(day) && day >= now.date));
      }),
      { numRuns: 2000 },
    );
  });
});
