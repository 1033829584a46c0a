/** Injected wherever time decides an outcome (session expiry, lockouts), so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The calendar date (YYYY-MM-DD) at this moment in a time zone ("sv-SE" formats dates as ISO). */
export function isoDateIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Date and hour at this moment in a time zone. */
export function localNow(timeZone: string, at: Date): { date: string; hour: number } {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  return { date: isoDateIn(timeZone, at), hour };
}

/** An ISO date (YYYY-MM-DD) moved by whole days, independent of time zones. */
export function addDaysIso(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
