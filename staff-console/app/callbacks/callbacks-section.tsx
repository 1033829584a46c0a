import { useEffect, useState } from 'preact/hooks';
import type { CallbackStatusView, CallbackView } from '../../api.types.js';
import { api, describeError } from '../api.js';
import { dateTime, germanDate } from '../format.js';

type Tab = 'open' | 'scheduled' | 'done';
const TABS: Record<Tab, string> = { open: 'Neu', scheduled: 'Geplant', done: 'Erledigt' };
const STATUS_LABELS: Record<CallbackStatusView, string> = { open: 'Neu', scheduled: 'Geplant', done: 'Erledigt', cancelled: 'Storniert' };

/** "2026-12-01T09:30:00Z" as the value of a local datetime field, and back. */
const toLocalInput = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** The callbacks members asked for in the chat: new ones to plan, planned ones to make, done ones. */
export function CallbacksSection() {
  const [tab, setTab] = useState<Tab>('open');
  const [callbacks, setCallbacks] = useState<CallbackView[] | null>(null);
  const [error, setError] = useState('');

  async function load(which: Tab) {
    setCallbacks(null);
    try {
      setCallbacks((await api<{ callbacks: CallbackView[] }>('GET', `/api/livechat/callbacks?status=${which}`)).callbacks);
      setError('');
    } catch (err) {
      setError(describeError(err, 'Die Rückrufe konnten nicht geladen werden.'));
      setCallbacks([]);
    }
  }

  useEffect(() => void load(tab), [tab]);

  return (
    <section aria-labelledby="callbacks-title">
      <div class="section-head">
        <h1 id="callbacks-title">Rückrufe</h1>
        <div role="tablist" aria-label="Rückrufe nach Stand" class="chat-tabs">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={t === tab} onClick={() => setTab(t)}>
              {TABS[t]}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {callbacks === null && <p role="status">Rückrufe werden geladen …</p>}
      {callbacks?.length === 0 && !error && <p class="empty">Keine Rückrufe in „{TABS[tab]}“.</p>}
      <ul class="plain callbacks">
        {callbacks?.map((c) => (
          <CallbackCard key={c.id} callback={c} onSaved={() => load(tab)} />
        ))}
      </ul>
    </section>
  );
}

function CallbackCard({ callback, onSaved }: { callback: CallbackView; onSaved(): void }) {
  const [status, setStatus] = useState<CallbackStatusView>(callback.status);
  const [when, setWhen] = useState(toLocalInput(callback.scheduledFor));
  const [notes, setNotes] = useState(callback.notes);
  const [message, setMessage] = useState('');

  async function save(event: Event) {
    event.preventDefault();
    try {
      await api('PUT', `/api/livechat/callbacks/${callback.id}`, { status, scheduledFor: fromLocalInput(when), notes });
      onSaved();
    } catch (err) {
      setMessage(describeError(err, 'Der Rückruf konnte nicht gespeichert werden.'));
    }
  }

  const id = `callback-${callback.id}`;
  return (
    <li class="card">
      <h2>
        {callback.name} · <a href={`tel:${callback.phone}`}>{callback.phone}</a>
      </h2>
      <p>
        {callback.topic} · Wunschtermin {germanDate(callback.preferredDate)}, {callback.timeWindow.replace('-', '–')} Uhr ·{' '}
        <span class="muted">
          {callback.reference} · {STATUS_LABELS[callback.status]} · eingegangen {dateTime(callback.createdAt)}
        </span>
      </p>
      <form class="callback-form" onSubmit={save}>
        <label for={`${id}-status`}>Stand</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.currentTarget.value as CallbackStatusView)}>
          {(Object.keys(STATUS_LABELS) as CallbackStatusView[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <label for={`${id}-when`}>Geplant für</label>
        <input id={`${id}-when`} type="datetime-local" value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
        <label for={`${id}-notes`}>Notizen</label>
        <textarea id={`${id}-notes`} rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Speichern
        </button>
        {message && (
          <p class="error" role="alert">
            {message}
          </p>
        )}
      </form>
    </li>
  );
}
