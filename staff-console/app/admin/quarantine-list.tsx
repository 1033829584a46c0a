import { useState } from 'preact/hooks';
import type { QuarantinedDocument } from '../../../domain/documents/review.types.js';
import { api } from '../api.js';
import { useAdminList } from './use-admin-list.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { dateTime } from '../format.js';
import { sourceLabel } from '../review/labels.js';
import { TableHead } from '../table-head.js';

/** Quarantined documents (what was found, never the content); a false positive is released after a rescan. */
export function QuarantineList() {
  const { items, error, notice, act } = useAdminList<QuarantinedDocument>(
    '/api/admin/quarantine',
    (body: { documents: QuarantinedDocument[] }) => body.documents,
    'Die Quarantäne konnte nicht geladen werden.',
  );
  const [busy, setBusy] = useState('');
  async function release(item: QuarantinedDocument) {
    setBusy(item.documentId);
    await act(async () => {
      await api('POST', `/api/admin/quarantine/${encodeURIComponent(item.documentId)}/release`);
      return `${item.trackingId}: erneut geprüft, keine Funde; freigegeben und in der Verarbeitung.`;
    }, 'Die Freigabe ist fehlgeschlagen.');
    setBusy('');
  }

  return (
    <section class="card" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Quarantäne</h2>
      <SuccessMessage text={notice} />
      <ErrorMessage text={error} />
      {items === undefined && !error && <p class="loading">Wird geladen …</p>}
      {items?.length === 0 && <p class="empty">Keine Dokumente in Quarantäne.</p>}
      {items && items.length > 0 && (
        <table class="queue">
          <caption>Inhalte werden nie angezeigt; nur eine erneute Prüfung ohne Funde gibt eine Datei frei.</caption>
          <TableHead columns={['Tracking-ID', 'Quelle', 'Eingang', 'Datei', 'Fund', 'Aktion']} />
          <tbody>
            {items.map((item) => (
              <tr key={item.documentId}>
                <td>{item.trackingId}</td>
                <td>{sourceLabel(item.source)}</td>
                <td>{dateTime(item.receivedAt)}</td>
                <td>
                  {item.mediaType}, {Math.max(1, Math.round(item.sizeBytes / 1024))} kB
                </td>
                <td>{item.findings.join(', ') || '–'}</td>
                <td>
                  <button type="button" onClick={() => release(item)} disabled={busy !== ''}>
                    {busy === item.documentId ? 'Wird geprüft …' : 'Erneut prüfen und freigeben'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
