import { useState } from 'preact/hooks';
import type { ServiceFigures, StatisticsRange } from '../../../domain/statistics/service-statistics.js';
import { percent } from '../format.js';
import { ErrorMessage } from '../messages.js';
import { typeLabel } from '../review/labels.js';
import { TableHead } from '../table-head.js';
import { useApi } from '../use-api.js';
import { BarChart } from './chart.js';
import { duration, periodLabel } from './statistics-format.js';

type Answer = Partial<ServiceFigures> & { range: StatisticsRange; scope: 'all' | 'own' };

const today = () => new Date().toLocaleDateString('en-CA');
const daysBefore = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString().slice(0, 10);

/** The service's figures per day or week, as charts and tables with CSV export; agents see their own chats. */
export function StatisticsSection() {
  const [form, setForm] = useState<StatisticsRange>({ from: daysBefore(today(), 29), to: today(), period: 'day' });
  const [range, setRange] = useState(form);
  const query = new URLSearchParams(range).toString();
  const { data, error } = useApi<Answer>(`/api/statistics?${query}`, 'Die Statistik konnte nicht geladen werden.');
  const shown = data && new URLSearchParams(data.range).toString() === query ? data : undefined;
  const csv = (table: string) => `/api/statistics/${table}.csv?${query}`;

  return (
    <section aria-labelledby="statistics-title">
      <h1 id="statistics-title">Statistik</h1>
      <form
        class="search-form card"
        onSubmit={(e) => {
          e.preventDefault();
          setRange(form);
        }}
      >
        <div>
          <label for="stats-from">von</label>
          <input
            id="stats-from"
            type="date"
            required
            value={form.from}
            onInput={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="stats-to">bis</label>
          <input id="stats-to" type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </div>
        <div>
          <label for="stats-period">je</label>
          <select
            id="stats-period"
            value={form.period}
            onChange={(e) => setForm({ ...form, period: e.currentTarget.value as 'day' | 'week' })}
          >
            <option value="day">Tag</option>
            <option value="week">Woche</option>
          </select>
        </div>
        <button type="submit" class="primary">
          Anzeigen
        </button>
      </form>
      <ErrorMessage text={error} />
      {!shown && !error && <p class="muted">Wird geladen …</p>}
      {shown && (
        <>
          {shown.conversations && <Conversations figures={shown.conversations} period={range.period} csv={csv('conversations')} />}
          {shown.liveChat && <LiveChat figures={shown.liveChat} period={range.period} own={shown.scope === 'own'} csv={csv('live-chat')} />}
          {shown.callbacks && <Callbacks figures={shown.callbacks} period={range.period} csv={csv('callbacks')} />}
          {shown.documents && shown.documentTypes && (
            <Documents figures={shown.documents} types={shown.documentTypes} period={range.period} csv={csv} />
          )}
        </>
      )}
    </section>
  );
}

const documentTypeLabel = (type: string) => (type === 'unknown' ? 'noch nicht bestimmt' : typeLabel(type));

interface Card<T> {
  figures: T[];
  period: StatisticsRange['period'];
}

function CsvLink({ href, what }: { href: string; what: string }) {
  return (
    <a href={href} download>
      {what} als CSV herunterladen
    </a>
  );
}

function Conversations({ figures, period, csv }: Card<ServiceFigures['conversations'][number]> & { csv: string }) {
  return (
    <section class="card" aria-labelledby="stats-conversations">
      <h2 id="stats-conversations">Gespräche und Antworten</h2>
      <BarChart
        title="Fragen an den Chatbot nach Ergebnis, und der Anteil der Gespräche ohne Person"
        labels={figures.map((f) => periodLabel(f.period, period))}
        stacked
        series={[
          { label: 'Antwort', values: figures.map((f) => f.answers) },
          { label: 'Vorgang gestartet', values: figures.map((f) => f.actions) },
          { label: '„Meinten Sie …?“', values: figures.map((f) => f.suggestions) },
          { label: 'Keine Antwort', values: figures.map((f) => f.fallbacks) },
          { label: 'ohne Person gelöst', values: figures.map((f) => f.resolvedByBotShare), line: true },
        ]}
        lineTick={(v) => percent(v)}
        lineMax={1}
      />
      <table class="queue">
        <TableHead columns={['Zeitraum', 'Gespräche', 'mit Person', 'ohne Person gelöst', 'Fragen', '„Meinten Sie …?“', 'Keine Antwort']} />
        <tbody>
          {figures.map((f) => (
            <tr key={f.period}>
              <td>{periodLabel(f.period, period)}</td>
              <td>{f.conversations}</td>
              <td>{f.withPerson}</td>
              <td>{percent(f.resolvedByBotShare)}</td>
              <td>{f.answers + f.actions + f.suggestions + f.fallbacks}</td>
              <td>{percent(f.suggestionRate)}</td>
              <td>{percent(f.fallbackRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvLink href={csv} what="Gespräche" />
    </section>
  );
}

function LiveChat({ figures, period, own, csv }: Card<ServiceFigures['liveChat'][number]> & { own: boolean; csv: string }) {
  return (
    <section class="card" aria-labelledby="stats-livechat">
      <h2 id="stats-livechat">{own ? 'Ihre Live-Chats' : 'Live-Chat'}</h2>
      <BarChart
        title={own ? 'Ihre angenommenen Chats und die Wartezeit der Versicherten' : 'Übergaben an Personen, angenommen, und die Wartezeit'}
        labels={figures.map((f) => periodLabel(f.period, period))}
        series={[
          { label: 'Übergaben', values: figures.map((f) => f.handoffs) },
          { label: 'angenommen', values: figures.map((f) => f.accepted) },
          { label: 'Wartezeit (Median)', values: figures.map((f) => f.waitP50Seconds), line: true },
        ]}
        lineTick={(v) => duration(v)}
      />
      <table class="queue">
        <TableHead
          columns={[
            'Zeitraum',
            'Übergaben',
            'angenommen',
            'vorher verlassen',
            'Wartezeit p50',
            'p95',
            'Chatdauer p50',
            'p95',
            'Bewertungen',
            'Ø Bewertung',
          ]}
        />
        <tbody>
          {figures.map((f) => (
            <tr key={f.period}>
              <td>{periodLabel(f.period, period)}</td>
              <td>{f.handoffs}</td>
              <td>{f.accepted}</td>
              <td>{f.cancelled}</td>
              <td>{duration(f.waitP50Seconds)}</td>
              <td>{duration(f.waitP95Seconds)}</td>
              <td>{duration(f.lengthP50Seconds)}</td>
              <td>{duration(f.lengthP95Seconds)}</td>
              <td>{f.ratings}</td>
              <td>{f.ratingAverage === null ? '–' : f.ratingAverage.toLocaleString('de-DE')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvLink href={csv} what="Live-Chat" />
    </section>
  );
}

function Callbacks({ figures, period, csv }: Card<ServiceFigures['callbacks'][number]> & { csv: string }) {
  return (
    <section class="card" aria-labelledby="stats-callbacks">
      <h2 id="stats-callbacks">Rückrufe</h2>
      <BarChart
        title="Rückrufwünsche, davon offen und erledigt"
        labels={figures.map((f) => periodLabel(f.period, period))}
        series={[
          { label: 'gewünscht', values: figures.map((f) => f.requested) },
          { label: 'offen', values: figures.map((f) => f.open) },
          { label: 'erledigt', values: figures.map((f) => f.done) },
        ]}
      />
      <table class="queue">
        <TableHead columns={['Zeitraum', 'gewünscht', 'davon offen', 'davon erledigt']} />
        <tbody>
          {figures.map((f) => (
            <tr key={f.period}>
              <td>{periodLabel(f.period, period)}</td>
              <td>{f.requested}</td>
              <td>{f.open}</td>
              <td>{f.done}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvLink href={csv} what="Rückrufe" />
    </section>
  );
}

function Documents({
  figures,
  types,
  period,
  csv,
}: Card<ServiceFigures['documents'][number]> & { types: ServiceFigures['documentTypes']; csv: (table: string) => string }) {
  const labels = figures.map((f) => periodLabel(f.period, period));
  const documentTypes = [...new Set(types.map((t) => t.documentType))];
  return (
    <section class="card" aria-labelledby="stats-documents">
      <h2 id="stats-documents">Dokumente</h2>
      <BarChart
        title="Eingegangene Dokumente nach Art, und der Anteil ohne Prüfung weitergeleitet"
        labels={labels}
        stacked
        series={[
          ...documentTypes.map((type) => ({
            label: documentTypeLabel(type),
            values: figures.map((f) =>
              types.filter((t) => t.period === f.period && t.documentType === type).reduce((sum, t) => sum + t.documents, 0),
            ),
          })),
          { label: 'automatisch weitergeleitet', values: figures.map((f) => f.automaticShare), line: true },
        ]}
        lineTick={(v) => percent(v)}
        lineMax={1}
      />
      <table class="queue">
        <TableHead columns={['Zeitraum', 'eingegangen', 'automatisch weitergeleitet', 'geprüft', 'Prüfzeit p50', 'p95', 'Quarantäne']} />
        <tbody>
          {figures.map((f) => (
            <tr key={f.period}>
              <td>{periodLabel(f.period, period)}</td>
              <td>{f.received}</td>
              <td>
                {f.routedAutomatically} ({percent(f.automaticShare)})
              </td>
              <td>{f.reviewed}</td>
              <td>{duration(f.reviewP50Seconds)}</td>
              <td>{duration(f.reviewP95Seconds)}</td>
              <td>{f.quarantined}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvLink href={csv('documents')} what="Dokumente" />
      <h3>Nach Art und Kanal</h3>
      {types.length === 0 ? (
        <p class="muted">Keine Dokumente in diesem Zeitraum.</p>
      ) : (
        <table class="queue">
          <TableHead columns={['Zeitraum', 'Art', 'Kanal', 'Dokumente']} />
          <tbody>
            {types.map((t) => (
              <tr key={`${t.period} ${t.documentType} ${t.channel}`}>
                <td>{periodLabel(t.period, period)}</td>
                <td>{documentTypeLabel(t.documentType)}</td>
                <td>{t.channel === 'chat' ? 'Chat' : t.channel}</td>
                <td>{t.documents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CsvLink href={csv('document-types')} what="Dokumente nach Art und Kanal" />
    </section>
  );
}
