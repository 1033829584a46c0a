import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ErrorMessage } from '../messages.js';

interface ImportReport {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; problems: string[] }>;
}

/** The insurer's member master data as CSV, as `members:import` reads it; rejected rows by line and field, never by value. */
export function MemberImport() {
  const [file, setFile] = useState<File | undefined>();
  const [report, setReport] = useState<ImportReport | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function upload(event: Event) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError('');
    setReport(undefined);
    try {
      // Sent as text/csv whatever the browser calls the file.
      const body = new Blob([file], { type: 'text/csv' });
      setReport((await api<{ report: ImportReport }>('POST', '/api/admin/members/import', body)).report);
    } catch (err) {
      setError(describeError(err, 'Die Datei konnte nicht importiert werden.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="member-import-title">
      <h2 id="member-import-title">Versichertendaten</h2>
      <p class="muted">
        CSV aus dem Bestandssystem mit der Kopfzeile kvnr,firstName,lastName,birthDate,street,postalCode,city,cardNumberLast6,familyOf.
        Dieselbe Datei erneut zu importieren ändert nichts.
      </p>
      <form class="search-form" onSubmit={upload}>
        <div>
          <label for="member-file">CSV-Datei</label>
          <input id="member-file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <button type="submit" class="primary" disabled={busy || !file}>
          {busy ? 'Wird importiert …' : 'Importieren'}
        </button>
      </form>
      <ErrorMessage text={error} />
      {report && (
        <div role="status">
          <p class="success">
            {report.read} Zeilen gelesen: {report.inserted} neu, {report.updated} geändert, {report.unchanged} unverändert,{' '}
            {report.rejected.length} abgelehnt.
          </p>
          {report.rejected.length > 0 && (
            <ul>
              {report.rejected.slice(0, 50).map((row) => (
                <li key={row.line}>
                  Zeile {row.line}: {row.problems.join('; ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
