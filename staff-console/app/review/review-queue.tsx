import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReviewQueueItem, SubmissionDocuments } from '../../../domain/documents/review.types.js';
import { api, describeError } from '../api.js';
import { waitingSince } from '../format.js';
import { navigate } from '../route.js';
import { useShortcuts } from '../shortcuts.js';
import { Confidence } from './confidence.js';
import { sourceLabel, statusLabel, typeLabel } from './labels.js';

const REFRESH_MS = 20_000;

/** Documents awaiting review, oldest and least certain first; j/k move, Enter opens, / searches. */
export function ReviewQueue() {
  const [items, setItems] = useState<ReviewQueueItem[] | undefined>();
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<SubmissionDocuments | undefined>();
  const [searchError, setSearchError] = useState('');
  const searchInput = useRef<HTMLInputElement>(null);

  async function load() {
    try {
      const { documents } = await api<{ documents: ReviewQueueItem[] }>('GET', '/api/review/queue');
      setItems(documents);
      setError('');
    } catch (err) {
      setError(describeError(err, 'Die Warteschlange konnte nicht geladen werden.'));
    }
  }

  useEffect(() => {
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  async function findSubmission(event: Event) {
    event.preventDefault();
    setFound(undefined);
    setSearchError('');
    try {
      setFound(await api<SubmissionDocuments>('GET', `/api/review/submissions/${encodeURIComponent(search.trim())}`));
    } catch (err) {
      setSearchError(describeError(err, 'Die Suche ist fehlgeschlagen.'));
    }
  }

  const count = items?.length ?? 0;
  useShortcuts({
    j: () => setSelected((i) => Math.min(i + 1, count - 1)),
    k: () => setSelected((i) => Math.max(i - 1, 0)),
    Enter: () => items?.[selected] && navigate('review', items[selected].id),
    '/': () => searchInput.current?.focus(),
  });

  return (
    <section aria-labelledby="queue-title">
      <div class="section-head">
        <h1 id="queue-title">Dokumentprüfung</h1>
        <form class="inline-form" onSubmit={findSubmission} role="search">
          <label for="tracking-search">Tracking-ID</label>
          <input
            id="tracking-search"
            ref={searchInput}
            placeholder="MK-…"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <button type="submit">Suchen</button>
        </form>
      </div>
      {searchError && (
        <p class="error" role="alert">
          {searchError}
        </p>
      )}
      {found && (
        <div class="card" aria-live="polite">
          <h2>Sendung {found.trackingId}</h2>
          <ul class="plain">
            {found.documents.map((d) => (
              <li key={d.id}>
                <a href={`#/review/${d.id}`}>Dokument {d.position + 1}</a> · {statusLabel(d.status)}
                {d.documentType ? ` · ${typeLabel(d.documentType)}` : ''}
                {d.department ? ` · ${d.department}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {items === undefined && !error && (
        <p class="loading" role="status">
          Warteschlange wird geladen …
        </p>
      )}
      {items?.length === 0 && <p class="empty">Keine Dokumente warten auf Prüfung.</p>}
      {items && items.length > 0 && (
        <table class="queue">
          <caption>
            {items.length} {items.length === 1 ? 'Dokument wartet' : 'Dokumente warten'} · älteste und unsicherste zuerst
          </caption>
          <thead>
            <tr>
              <th scope="col">Eingang</th>
              <th scope="col">Tracking-ID</th>
              <th scope="col">Quelle</th>
              <th scope="col">Vorschlag Typ</th>
              <th scope="col">Sicherheit</th>
              <th scope="col">Vorschlag KVNR</th>
              <th scope="col">Sicherheit</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={item.id} class={index === selected ? 'selected' : undefined} aria-selected={index === selected}>
                <td>{waitingSince(item.receivedAt)}</td>
                <td>
                  <a href={`#/review/${item.id}`}>{item.trackingId}</a>
                </td>
                <td>{sourceLabel(item.source)}</td>
                <td>{item.documentType ? typeLabel(item.documentType) : '–'}</td>
                <td>
                  <Confidence value={item.typeConfidence} />
                </td>
                <td>{item.suggestedKvnr ?? '–'}</td>
                <td>
                  <Confidence value={item.assignmentConfidence} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="shortcuts">
        Tastatur: <kbd>j</kbd>/<kbd>k</kbd> auswählen · <kbd>Enter</kbd> öffnen · <kbd>/</kbd> Tracking-ID suchen
      </p>
    </section>
  );
}
