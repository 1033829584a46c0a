import { useEffect, useState } from 'preact/hooks';
import type { QuarantinedDocument } from '../../../domain/documents/review.types.js';
import { api, describeError } from '../api.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { dateTime } from '../format.js';
import { sourceLabel } from '../review/labels.js';

/** Quarantined documents (what was found, never the content); a false positive is released after a rescan. */
export function QuarantineList() {
  const [items, setItems] = useState<QuarantinedDocument[] | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState('');

  async function load() {
    try {
      setItems((await api<{ documents: QuarantinedDocument[] }>('GET', '/api/admin/quarantine')).documents);
    } catch (err) {
      setError(describeError(err, 'Die Quarantäne konnte nicht geladen werden.'));
    }
  }
  useEffect(() => void load(), []);

  async function release(item: QuarantinedDocument) {
    setBusy(item.documentId);
    setError('');
    setNotice('');
    try {
      await api('POST', `/api/admin/quarantine/${encodeURIComponent(item.documentId)}/release`);
      setNotice(`${item.trackingId}: erneut geprüft, keine Funde; freigegeben und in der Verarbeitung.`);
    } catch (err) {
      setError(describeError(err, 'Die Freigabe ist fehlgeschlagen.'));
    } finally {
      setBusy('');
      await load();
    }
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
          <thead>
            <tr>
              <th scope="col">Vorgangsnummer</th>
              <th scope="col">Quelle</th>
              <th scope="col">Eingang</th>
              <th scope="col">Datei</th>
              <th scope="col">Fund</th>
              <th scope="col">Aktion</th>
            </tr>
          </thead>
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
