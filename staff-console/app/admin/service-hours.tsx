import { germanDate } from '../format.js';
import { ErrorMessage } from '../messages.js';
import { TableHead } from '../table-head.js';
import { useApi } from '../use-api.js';

interface ServiceHours {
  timeZone: string;
  openNow: boolean;
  liveChat: { hours: string; holidayRegion: string | null; closedDays: string[] };
  closedAhead: Array<{ date: string; reason: string }>;
  callbacks: { days: string; windows: string[] };
}

const WEEKDAY = new Intl.DateTimeFormat('de-DE', { weekday: 'short', timeZone: 'UTC' });
const weekday = (iso: string) => WEEKDAY.format(new Date(`${iso}T12:00:00Z`));

/** The live chat's hours, holidays and closed days as configured (read-only: they are set in the environment). */
export function ServiceHoursView() {
  const { data, error } = useApi<ServiceHours>('/api/admin/service-hours', 'Die Servicezeiten konnten nicht geladen werden.');
  return (
    <section class="card" aria-labelledby="hours-title">
      <h2 id="hours-title">Servicezeiten</h2>
      <ErrorMessage text={error} />
      {!data && !error && <p class="muted">Wird geladen …</p>}
      {data && (
        <>
          <dl class="pairs">
            <dt>Live-Chat</dt>
            <dd>
              {data.liveChat.hours} ({data.openNow ? 'gerade geöffnet' : 'gerade geschlossen'})
            </dd>
            <dt>Feiertage</dt>
            <dd>
              {data.liveChat.holidayRegion ? `gesetzliche Feiertage in ${data.liveChat.holidayRegion} geschlossen` : 'nicht berücksichtigt'}
            </dd>
            <dt>Zusätzliche Schließtage</dt>
            <dd>{data.liveChat.closedDays.length ? data.liveChat.closedDays.map(germanDate).join(', ') : 'keine'}</dd>
            <dt>Rückrufe</dt>
            <dd>
              {data.callbacks.days} in den Zeitfenstern {data.callbacks.windows.join(', ')}
            </dd>
            <dt>Zeitzone</dt>
            <dd>{data.timeZone}</dd>
          </dl>
          <h3>Geschlossen in den nächsten Monaten</h3>
          {data.closedAhead.length === 0 ? (
            <p class="muted">Keine Feiertage oder Schließtage.</p>
          ) : (
            <table class="queue">
              <TableHead columns={['Tag', 'Grund']} />
              <tbody>
                {data.closedAhead.map((day) => (
                  <tr key={day.date}>
                    <td>
                      {weekday(day.date)}, {germanDate(day.date)}
                    </td>
                    <td>{day.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="muted">
            Geändert werden die Zeiten in der Konfiguration (LIVECHAT_HOURS, LIVECHAT_HOLIDAYS, LIVECHAT_CLOSED_DAYS) und gelten nach einem
            Neustart.
          </p>
        </>
      )}
    </section>
  );
}
