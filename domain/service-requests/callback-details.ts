import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { addDaysIso } from '../../platform/clock.js';
import { spokenNumbersAsDigits, UNIT_WORDS } from '../../platform/text/spoken-numbers.js';
import { parseGermanDate } from '../submissions/detail-parsers.js';
import { callbackDays, TIME_WINDOWS, type TimeWindow } from './service-hours.js';

/**
 * The details of a callback request as members write them in one message ("Ruft mich morgen
 * zwischen 10 und 12 unter 0171 2345678 an"): a German phone number, a day we offer, a window.
 */

/** A number we can dial: written with its area code (0…, +…, 00…) and valid by the numbering plan. */
export function readPhoneNumber(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^(\+|00|0)[1-9]/.test(trimmed.replace(/[\s()]/g, ''))) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), 'DE');
  // Without an area code ("12345") libphonenumber may still call a short number valid.
  // German numbers only: the callback desk dials within Germany.
  if (!parsed?.isValid() || parsed.country !== 'DE' || parsed.nationalNumber.length < 6) return undefined;
  return parsed.number;
}

/** A phone number somewhere in a longer message, as E.164. */
export function findPhoneNumber(message: string): string | undefined {
  // "am 04.01.2027" is a day, though 0401 2027 would be a Hamburg number.
  const withoutDates = spokenNumbersAsDigits(message)
    .replace(/\bplus\s*(?=[1-9])/gi, '+')
    .replace(/\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?/g, ' ');
  for (const match of withoutDates.matchAll(/(?:\+|\b00|\b0)\s?[1-9][\d\s/().-]{4,18}\d/g)) {
    const number = readPhoneNumber(match[0]);
    if (number) return number;
  }
  return undefined;
}

const WEEKDAY_WORDS = /\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday)s?\b/i;
/** "Mo", "Di", "Do." … only before a date, a time or a comma ("rückruf do 14:30"): alone they are other words. */
const WEEKDAY_SHORT = /\b(mo|di|mi|do|fr)\.?(?=\s*(?:,|\d))/i;
const SHORT_WEEKDAYS: Record<string, string> = { mo: 'Montag', di: 'Dienstag', mi: 'Mittwoch', do: 'Donnerstag', fr: 'Freitag' };
// Letters outside ASCII ("übermorgen") have no \b before them: the boundaries are spelt out.
const DAY_WORDS =
  /(?<!\p{L})(heute|morgen|morgn|morga|moang|übermorgen|uebermorgen|today|tomorrow)(?!\p{L})|\d{1,2}\.\s?(\d{1,2}\.|\p{L}{3,})/iu;

/**
 * A day of the month without its month: "the 20th", "20th", "den 20.", "am 20." (not "am 20.
 * Januar", "20th January" or "20.1.", which name their month).
 */
const MONTHS = String.raw`(?:jan|feb|m(?:ä|ae)r|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)`;
const DAY_OF_MONTH = new RegExp(
  String.raw`(?<![\d.])(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?${MONTHS})|\b(?:den|am)\s+(\d{1,2})\.(?!\s*(?:\d|${MONTHS}))`,
  'iu',
);
/** A date with its month: "20.1.", "20. Januar", "20th January", "January 20". */
const STATED_DATE = new RegExp(
  String.raw`\d{1,2}\.\s?(?:\d{1,2}\.|\p{L}{3,})|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTHS}|(?<!\p{L})${MONTHS}\p{L}*\.?\s+\d{1,2}(?!\d)`,
  'iu',
);
const GERMAN_WEEKDAYS = ['sonntag', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag'];

/**
 * The day we can call on with this day of the month (within two weeks there is at most one),
 * if it is also the weekday named with it ("Wednesday the 20th").
 */
function onDayOfMonth(dayOfMonth: number, weekdayNamed: string | undefined, now: { date: string; hour: number }): string | undefined {
  const day = callbackDays(now, 14).find((d) => Number(d.slice(8, 10)) === dayOfMonth);
  if (!day || (weekdayNamed && GERMAN_WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()] !== weekdayNamed)) return undefined;
  return day;
}

/**
 * The day a member names ("morgen", "Freitag", "am 10.12.", "Wednesday the 20th"), when it is
 * one we can still call on; otherwise nothing (the bot then offers the days).
 */
export function findCallbackDay(written: string, now: { date: string; hour: number }): string | undefined {
  const message = spokenNumbersAsDigits(written);
  const short = WEEKDAY_SHORT.exec(message)?.[1]?.toLowerCase();
  const spelt = short ? message.replace(WEEKDAY_SHORT, SHORT_WEEKDAYS[short]!) : message;
  if (!DAY_WORDS.test(spelt) && !WEEKDAY_WORDS.test(spelt) && !DAY_OF_MONTH.test(spelt)) return undefined;
  // "morgen früh" is tomorrow; a bare "morgens" is a time of day, not a day.
  const text = spelt.replace(/\bmorgens\b/gi, '').replace(/\b(?:tomorrow|morgn|morga|moang)\b/gi, 'morgen');
  const english = WEEKDAY_WORDS.exec(text)?.[1]?.toLowerCase();
  const germanText = english ? text.replace(WEEKDAY_WORDS, ENGLISH_WEEKDAYS[english] ?? english) : text;
  const relative = /(?<!\p{L})(heute|übermorgen|uebermorgen|morgen)(?!\p{L})/iu.exec(germanText)?.[1]?.toLowerCase();
  const dayOfMonth = DAY_OF_MONTH.exec(germanText);
  if (dayOfMonth && !relative) {
    const named = /(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)/i.exec(germanText)?.[1]?.toLowerCase();
    return onDayOfMonth(Number(dayOfMonth[1] ?? dayOfMonth[2]), named, now);
  }
  // A weekday is read on its own ("am Dienstag"): the rest of a story ("gestern ins Pflegeheim") names other days.
  const weekdayPhrase = STATED_DATE.test(germanText)
    ? undefined
    : /(?:n(?:ä|ae)chste[nr]?\s+(?:woche,?\s+)?|\S+\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag)s?\b(?:,?\s+n(?:ä|ae)chste[nr]?\s+woche)?/i.exec(
        germanText,
      )?.[0];
  // "Donnerstag oder Freitag": the member leaves the choice to us; the bot asks.
  if (
    /(?:montag|dienstag|mittwoch|donnerstag|freitag)\s+oder\s+(?:am\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag)/i.test(germanText)
  )
    return undefined;
  const day = relative ? addDaysIso(now.date, RELATIVE_DAYS[relative]!) : parseGermanDate(weekdayPhrase ?? germanText, now.date, 'future');
  if (!day || day < now.date) return undefined;
  return callbackDays(now, 14).includes(day) ? day : undefined;
}

const RELATIVE_DAYS: Record<string, number> = { heute: 0, morgen: 1, übermorgen: 2, uebermorgen: 2 };

const ENGLISH_WEEKDAYS: Record<string, string> = {
  monday: 'Montag',
  tuesday: 'Dienstag',
  wednesday: 'Mittwoch',
  thursday: 'Donnerstag',
  friday: 'Freitag',
};

const windowStart = (w: TimeWindow) => Number(w.slice(0, 2));

/**
 * The two-hour window a member names: a range inside one window ("zwischen 10 und 12",
 * "10-12 Uhr") or a time ("gegen 15 Uhr", "um 8:30"). "vormittags" spans several: nothing.
 */
export function findTimeWindow(spoken: string): TimeWindow | undefined {
  const message = clockTimes(spokenNumbersAsDigits(spoken));
  const range =
    /\b(?:zwischen|von|between|from)?\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h)?\s*(?:und|bis|-|–|and|to)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(uhr|h|am|pm)?\b/i.exec(
      message,
    );
  // A range counts with a word that makes it one ("zwischen", "Uhr"), or when it is exactly one of our windows ("Mo 10-12", "8 to 10").
  const exactWindow =
    range &&
    !range[2] &&
    !range[4] &&
    TIME_WINDOWS.some((w) => windowStart(w) === Number(range[1]) && windowStart(w) + 2 === Number(range[3]));
  if (range && (exactWindow || /zwischen|between|von|from/i.test(range[0]) || /uhr|h\b|pm/i.test(range[0]))) {
    // "zwischen 2 und 4": we call from 8 to 18, so small hours are the afternoon's.
    const afternoon = /pm/i.test(range[5] ?? '') || (Number(range[1]) < 8 && Number(range[3]) <= 8) ? 12 : 0;
    const from = Number(range[1]) + Number(range[2] ?? 0) / 60 + (Number(range[1]) < 12 ? afternoon : 0);
    const to = Number(range[3]) + Number(range[4] ?? 0) / 60 + (Number(range[3]) < 12 ? afternoon : 0);
    const inside = TIME_WINDOWS.filter((w) => windowStart(w) <= from && to <= windowStart(w) + 2 && from < to);
    return inside.length === 1 ? inside[0] : undefined;
  }
  // "ab 16 Uhr", "ab vier Uhr nachmittags": from then on, when only one window is left.
  const from = /\b(?:ab|nach|after|from)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(?:uhr|h\b|pm)?/i.exec(message);
  if (from) {
    let hour = Number(from[1]) + Number(from[2] ?? 0) / 60;
    if (hour < 8) hour += 12;
    const left = TIME_WINDOWS.filter((w) => windowStart(w) + 2 > hour && windowStart(w) >= hour - 1);
    if (left.length === 1) return left[0];
  }
  const halfPast = /\bhalf past (\d{1,2})\b/i.exec(message);
  if (halfPast) return windowAt(Number(halfPast[1]) + 0.5);
  const time =
    /\b(?:um|gegen|at|around|so um)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(uhr|h|am|pm)?/i.exec(message) ??
    /(?<!\b(?:ab|nach|vor|bis|after|before|from)\s)\b(\d{1,2})(?:[:.](\d{2}))?\s*(uhr)\b/i.exec(message) ??
    // "Freitag 10:30": a clock time on its own.
    /(?<!\b(?:ab|nach|vor|bis|after|before|from)\s)\b(\d{1,2}):(\d{2})\b()/.exec(message);
  if (!time) return undefined;
  let hour = Number(time[1]) + Number(time[2] ?? 0) / 60;
  // "um 3" in a call request means the afternoon: we call between 8 and 18.
  if ((/pm/i.test(time[3] ?? '') || hour < 8) && hour < 12) hour += 12;
  return windowAt(hour);
}

/** Hours as words: the numbers one to twelve, and as they are spoken in the south ("um neune", "zwischn zehne und zwöife", "gegn elfe"). */
const HOUR_WORDS: Record<string, number> = {
  ...Object.fromEntries([...UNIT_WORDS].filter(([, n]) => n >= 1 && n <= 12)),
  ein: 1,
  elfe: 11,
  oans: 1,
  zwoae: 2,
  zwoi: 2,
  dreie: 3,
  zwoa: 2,
  viere: 4,
  fünfe: 5,
  sechse: 6,
  achte: 8,
  neune: 9,
  zehne: 10,
  zwöife: 12,
  zwoife: 12,
  zwölfe: 12,
};
const HOUR = `(\\d{1,2}|${Object.keys(HOUR_WORDS).join('|')})`;
const hourOf = (written: string) => HOUR_WORDS[written.toLowerCase()] ?? Number(written);
const clock = (hour: number, minutes: number) => `${(hour + 24) % 24}:${String(minutes).padStart(2, '0')}`;

/**
 * Spoken times as clock times: "halb elf" → 10:30, "viertel nach drei" → 3:15, "dreiviertel
 * zwölf" and "viertel vor zwölf" → 11:45, "um elfe" → um 11.
 */
function clockTimes(message: string): string {
  return message
    .replace(new RegExp(`\\bhalb\\s+${HOUR}(?!\\p{L})`, 'giu'), (_, h: string) => clock(hourOf(h) - 1, 30))
    .replace(new RegExp(`\\bviertel\\s+nach\\s+${HOUR}(?!\\p{L})`, 'giu'), (_, h: string) => clock(hourOf(h), 15))
    .replace(new RegExp(`\\b(?:viertel\\s+vor|dreiviertel)\\s+${HOUR}(?!\\p{L})`, 'giu'), (_, h: string) => clock(hourOf(h) - 1, 45))
    .replace(
      new RegExp(`\\b(um|gegen|gegn|zwischen|zwischn|zwischa|zw\\.|von|und|ond|bis|ab)\\s+${HOUR}(?!\\p{L})`, 'giu'),
      (_, word: string, h: string) => `${SPOKEN_LINKS[word.toLowerCase()] ?? word} ${hourOf(h)}`,
    );
}

/** The words around hours as the south and shorthand write them ("zwischa zwoi ond vier", "gegn elfe"). */
const SPOKEN_LINKS: Record<string, string> = { zwischn: 'zwischen', zwischa: 'zwischen', 'zw.': 'zwischen', gegn: 'gegen', ond: 'und' };

function windowAt(hour: number): TimeWindow | undefined {
  return TIME_WINDOWS.find((w) => windowStart(w) <= hour && hour < windowStart(w) + 2);
}
