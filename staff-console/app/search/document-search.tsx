import { useEffect, useState } from 'preact/hooks';
import type { DocumentSearchHit } from '../../../domain/documents/review.types.js';
import { useSearch } from '../use-search.js';
import { ErrorMessage } from '../messages.js';
import { dateTime } from '../format.js';
import { DeliveryList, DuplicateFlag } from '../review/document-notes.js';
import { statusLabel, typeLabel } from '../review/labels.js';
import { TableHead } from '../table-head.js';

const FIELDS = [
  { key: 'trackingId', label: 'Tracking-ID', type: 'text', placeholder: 'MK-…' },
  { key: 'kvnr', label: 'KVNR', type: 'text', placeholder: 'A123456780' },
  { key: 'name', label: 'Name', type: 'text', placeholder: 'z. B. Krüger oder Krueger' },
  { key: 'from', label: 'Eingang von', type: 'date', placeholder: '' },
  { key: 'to', label: 'Eingang bis', type: 'date', placeholder: '' },
] as const;
type Query = Record<(typeof FIELDS)[number]['key'], string>;

const EMPTY: Query = { trackingId: '', kvnr: '', name: '', from: '', to: '' };

/**
 * Every document, whatever its status: by tracking ID, KVNR, name (Krüger = Krueger) and receipt
 * date. Opened from a tracking ID elsewhere in the console (#/search/<id>), it searches at once.
 */
export function DocumentSearch({ trackingId }: { trackingId?: string }) {
  const [query, setQuery] = useState<Query>({ ...EMPTY, trackingId: trackingId ?? '' });
  const { results: hits, error, busy, run } = useSearch<DocumentSearchHit>();

  const searchFor = (q: Query) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, value]) => value.trim() !== ''));
    return run(`/api/review/documents?${params.toString()}`, (body: { documents: DocumentSearchHit[] }) => body.documents);
  };
  useEffect(() => {
    if (!trackingId) return;
    const linked = { ...EMPTY, trackingId };
    setQuery(linked);
    void searchFor(linked);
  }, [trackingId]);

  async function search(event: Event) {
    event.preventDefault();
    await searchFor(query);
  }

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Dokumentsuche</h1>
      <form class="search-form card" role="search" onSubmit={search}>
        {FIELDS.map((field) => (
          <div key={field.key}>
            <label for={`search-${field.key}`}>{field.label}</label>
            <input
              id={`search-${field.key}`}
              type={field.type}
              placeholder={field.placeholder}
              value={query[field.key]}
              onInput={(e) => setQuery({ ...query, [field.key]: e.currentTarget.value })}
            />
          </div>
        ))}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Sucht …' : 'Suchen'}
        </button>
      </form>
      <ErrorMessage text={error} />
      {hits?.length === 0 && (
        <p class="empty" role="status">
          Keine Dokumente gefunden.
        </p>
      )}
      {hits && hits.length > 0 && (
        <table class="queue">
          <caption role="status">
            {hits.length} {hits.length === 1 ? 'Dokument' : 'Dokumente'} gefunden · neueste zuerst
          </caption>
          <TableHead columns={['Eingang', 'Tracking-ID', 'Status', 'Typ', 'Versicherte Person', 'Abteilung', 'Übermittlung', 'Hinweis']} />
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.id}>
                <td>{dateTime(hit.receivedAt)}</td>
                <td>
                  <a href={`#/review/${encodeURIComponent(hit.id)}`}>
                    {hit.trackingId} · Dok. {hit.position + 1}
                  </a>
                </td>
                <td>{statusLabel(hit.status)}</td>
                <td>{hit.documentType ? typeLabel(hit.documentType) : '–'}</td>
                <td>
                  {hit.member ? `${hit.member.firstName} ${hit.member.lastName} · ${hit.member.kvnr}` : '–'}
                  {hit.member && !hit.member.certain && <span class="muted"> (Vorschlag)</span>}
                </td>
                <td>{hit.department ?? '–'}</td>
                <td>
                  <DeliveryList deliveries={hit.deliveries} />
                </td>
                <td>
                  {hit.duplicateOf && <DuplicateFlag duplicateOf={hit.duplicateOf} />}
                  {hit.purged && <span class="muted">Datei nach Aufbewahrungsfrist gelöscht</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
