/** How the statistics read in German: periods and durations. */

/** ISO 8601 week number of a day (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(isoDay: string): number {
  const date = new Date(`${isoDay}T12:00:00Z`);
  // The week belongs to the year its Thursday is in.
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const januaryFirst = Date.UTC(thursday.getUTCFullYear(), 0, 1, 12);
  return 1 + Math.floor((thursday.getTime() - januaryFirst) / 86_400_000 / 7);
}

/** "03.03." for a day, "KW 10 (ab 03.03.)" for the week starting then. */
export function periodLabel(isoDay: string, period: 'day' | 'week'): string {
  const day = `${isoDay.slice(8, 10)}.${isoDay.slice(5, 7)}.`;
  return period === 'week' ? `KW ${isoWeek(isoDay)} (ab ${day})` : day;
}

/** "45 s", "12 Min.", "1 Std. 5 Min."; "–" when there is nothing to measure. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} Min.`;
  return `${Math.floor(minutes / 60)} Std.${minutes % 60 ? ` ${minutes % 60} Min.` : ''}`;
}
