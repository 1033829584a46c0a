import Holidays from 'date-holidays';
import { isoDateIn } from '../../platform/clock.js';

/**
 * When people answer the live chat: weekly hours ("Mo-Fr 08:00-18:00,Sa 09:00-12:00"), the
 * public holidays of a region (date-holidays, e.g. "DE" or "DE-NW"), and extra closed days.
 */

const DAY_NAMES = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'] as const;

export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after midnight. */
  from: number;
  to: number;
}

export interface OpeningHoursSpec {
  weekly: WeeklyHours[];
  /** Country and optional state for public holidays; null: holidays are not closed days. */
  holidayRegion: { country: string; state?: string } | null;
  closedDays: string[];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Parses "Mo-Fr 08:00-18:00,Sa 09:00-12:00"; returns an error sentence instead when it cannot. */
export function parseWeeklyHours(text: string): WeeklyHours[] | string {
  const segments: WeeklyHours[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(So|Mo|Di|Mi|Do|Fr|Sa)(?:-(So|Mo|Di|Mi|Do|Fr|Sa))? ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(part);
    if (!match) return `expected segments like "Mo-Fr 08:00-18:00", got "${part}"`;
    const first = DAY_NAMES.indexOf(match[1] as (typeof DAY_NAMES)[number]);
    const last = match[2] ? DAY_NAMES.indexOf(match[2] as (typeof DAY_NAMES)[number]) : first;
    if (last < first) return `day range must run forward within a week (Mo-Fr, not Fr-Mo): "${part}"`;
    const from = minutes(`${match[3]}:${match[4]}`);
    const to = minutes(`${match[5]}:${match[6]}`);
    if (to <= from) return `closing time must be after opening time: "${part}"`;
    segments.push({ days: Array.from({ length: last - first + 1 }, (_, i) => first + i), from, to });
  }
  return segments.length > 0 ? segments : 'expected at least one segment like "Mo-Fr 08:00-18:00"';
}

function clock(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60);
  const m = minutesOfDay % 60;
  return m === 0 ? String(h) : `${h}:${String(m).padStart(2, '0')}`;
}

export class OpeningHours {
  private readonly holidays: Holidays | undefined;
  private readonly holidayDates = new Map<number, Map<string, string>>();

  constructor(
    private readonly spec: OpeningHoursSpec,
    private readonly timeZone: string,
  ) {
    this.holidays = spec.holidayRegion ? new Holidays(spec.holidayRegion.country, spec.holidayRegion.state ?? '') : undefined;
  }

  isOpen(at: Date): boolean {
    const date = isoDateIn(this.timeZone, at);
    if (this.isClosedDay(date)) return false;
    const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(at)
      .split(':')
      .map(Number);
    const now = hour! * 60 + minute!;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return this.spec.weekly.some((s) => s.days.includes(weekday) && now >= s.from && now < s.to);
  }

  /** "Mo–Fr 8–18 Uhr": the weekly hours as members read them. */
  describe(): string {
    return this.spec.weekly
      .map((s) => `${DAY_NAMES[s.days[0]!]}${s.days.length > 1 ? `–${DAY_NAMES[s.days.at(-1)!]}` : ''} ${clock(s.from)}–${clock(s.to)} Uhr`)
      .join(', ');
  }

  /** Days from `from` to `to` (inclusive) closed although the weekly hours would open: holidays by name, extra closed days. */
  closedDaysBetween(from: string, to: string): Array<{ date: string; reason: string }> {
    const closed = new Map<string, string>();
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
      for (const [date, name] of this.holidaysOf(year)) if (date >= from && date <= to) closed.set(date, name);
    for (const date of this.spec.closedDays)
      if (date >= from && date <= to) closed.set(date, closed.get(date) ?? 'Zusätzlicher Schließtag');
    const opensOn = (date: string) => this.spec.weekly.some((s) => s.days.includes(new Date(`${date}T12:00:00Z`).getUTCDay()));
    return [...closed]
      .filter(([date]) => opensOn(date))
      .map(([date, reason]) => ({ date, reason }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  private isClosedDay(date: string): boolean {
    return this.spec.closedDays.includes(date) || this.holidaysOf(Number(date.slice(0, 4))).has(date);
  }

  /** The region's public holidays of a year, date → German name (cached per year). */
  private holidaysOf(year: number): Map<string, string> {
    if (!this.holidays) return new Map();
    let dates = this.holidayDates.get(year);
    if (!dates) {
      dates = new Map(
        this.holidays
          .getHolidays(year, 'de')
          .filter((h) => h.type === 'public')
          .map((h) => [h.date.slice(0, 10), h.name]),
      );
      this.holidayDates.set(year, dates);
    }
    return dates;
  }
}
