import { useState } from 'preact/hooks';
import type { DocumentSearchHit } from '../../../domain/documents/review.types.js';
import { useSearch } from '../use-search.js';
import { ErrorMessage } from '../messages.js';
import { dateTime } from '../format.js';
import { DeliveryList, DuplicateFlag } from '../review/document-notes.js';
import { statusLabel, typeLabel } from '../review/labels.js';
import { TableHead } from '../table-head.js';

const FIELDS = [
  { key: 'trackingId', label: 'Vorgangsnummer', type: 'text', placeholder: 'MK-…' },
  { key: 'kvnr', label: 'KVNR', type: 'text', placeholder: 'A123456780' },
  { key: 'name', label: 'Name', type: 'text', placeholder: 'z. B. Krüger oder Krueger' },
  { key: 'from', label: 'Eingang von', type: 'date', placeholder: '' },
  { key: 'to', label: 'Eingang bis', type: 'date', placeholder: '' },
] as const;
type Query = Record<(typeof FIELDS)[number]['key'], string>;

/** Every document, whatever its status: by tracking ID, KVNR, name (Krüger = Krueger) and receipt date. */
export function DocumentSearch() {
  const [query, setQuery] = useState<Query>({ trackingId: '', kvnr: '', name: '', from: '', to: '' });
  const { results: hits, error, busy, run } = useSearch<DocumentSearchHit>();

  async function search(event: Event) {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value.trim() !== ''));
    await run(`/api/review/documents?${params.toString()}`, (body: { documents: DocumentSearchHit[] }) => body.documents);
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
          <TableHead
            columns={['Eingang', 'Vorgangsnummer', 'Status', 'Typ', 'Versicherte Person', 'Abteilung', 'Übermittlung', 'Hinweis']}
          />
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
