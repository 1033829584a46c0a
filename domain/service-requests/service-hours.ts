import { addDaysIso } from '../../platform/clock.js';

/**
 * When the insurer calls back: Monday to Friday, 8 to 18 o'clock (as the service hours the bot
 * names), in two-hour windows. Public holidays are not known here; agents reschedule those.
 */
export const TIME_WINDOWS = ['08-10', '10-12', '12-14', '14-16', '16-18'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

const WEEKDAYS = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

const weekday = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay();

/** Windows still ahead on a day (today: only those starting at least an hour from now). */
export function windowsOn(day: string, now: { date: string; hour: number }): TimeWindow[] {
  if (weekday(day) === 0 || weekday(day) === 6 || day < now.date) return [];
  return TIME_WINDOWS.filter((w) => day > now.date || Number(w.slice(0, 2)) >= now.hour + 1);
}

/** The next working days that still have a window, starting today. */
export function callbackDays(now: { date: string; hour: number }, count = 5): string[] {
  const days: string[] = [];
  for (let offset = 0; days.length < count && offset < 14; offset++) {
    const day = addDaysIso(now.date, offset);
    if (windowsOn(day, now).length > 0) days.push(day);
  }
  return days;
}

/** "Di, 24.11." */
export function dayLabel(iso: string): string {
  return `${WEEKDAYS[weekday(iso)]}, ${iso.slice(8, 10)}.${iso.slice(5, 7)}.`;
}

/** "10 und 12 Uhr", after "zwischen" in a sentence. */
export function windowSpan(window: string): string {
  return `${Number(window.slice(0, 2))} und ${Number(window.slice(3, 5))} Uhr`;
}

/** "10–12 Uhr", on a button or in a list. */
export function windowLabel(window: string): string {
  return `${Number(window.slice(0, 2))}–${Number(window.slice(3, 5))} Uhr`;
}
