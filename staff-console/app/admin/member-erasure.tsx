import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { ErrorMessage } from '../messages.js';

const REPORT_LABELS: Record<string, string> = {
  member: 'Stammdatensatz',
  dependantsUnlinked: 'Verknüpfungen von Familienangehörigen gelöst',
  einmalPins: 'Einmal-PINs',
  submissions: 'Sendungen',
  documents: 'Dokumente',
  documentPages: 'Seitentexte',
  deliveries: 'Übermittlungen',
  deliveredToCoreSystem: 'davon schon im Kernsystem',
  classificationExamples: 'Trainingstexte',
  certificateRequests: 'Bescheinigungsanforderungen',
  callbackRequests: 'Rückrufwünsche',
  conversations: 'Chatverläufe',
  botState: 'Dialogzustände',
  draftFiles: 'Entwurfsdateien',
  unansweredQuestions: 'unbeantwortete Fragen',
  files: 'Dateien',
  auditRowsScrubbed: 'Protokolleinträge geleert',
};

/** Erasure on request (Art. 17 DSGVO): the KVNR twice, then the report of what was removed. */
export function MemberErasureForm() {
  const [kvnr, setKvnr] = useState('');
  const [confirm, setConfirm] = useState('');
  const [report, setReport] = useState<Record<string, number> | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function erase(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setReport(undefined);
    try {
      const { report: removed } = await api<{ report: Record<string, number> }>(
        'POST',
        `/api/admin/members/${encodeURIComponent(kvnr.trim())}/erase`,
        { confirm },
      );
      setReport(removed);
      setKvnr('');
      setConfirm('');
    } catch (err) {
      setError(describeError(err, 'Die Löschung ist fehlgeschlagen.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="erase-title">
      <h2 id="erase-title">Löschung auf Antrag (Art. 17 DSGVO)</h2>
      <p class="muted">Entfernt alle Daten der versicherten Person aus diesem Dienst. Das lässt sich nicht rückgängig machen.</p>
      <form class="search-form" onSubmit={erase}>
        <div>
          <label for="erase-kvnr">Krankenversichertennummer</label>
          <input id="erase-kvnr" value={kvnr} onInput={(e) => setKvnr(e.currentTarget.value)} autocomplete="off" />
        </div>
        <div>
          <label for="erase-confirm">Zur Bestätigung noch einmal</label>
          <input id="erase-confirm" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} autocomplete="off" />
        </div>
        <button type="submit" class="primary" disabled={busy || !kvnr.trim() || !confirm.trim()}>
          {busy ? 'Wird gelöscht …' : 'Endgültig löschen'}
        </button>
      </form>
      <ErrorMessage text={error} />
      {report && (
        <div role="status">
          <p class="success">Gelöscht. Entfernt wurden:</p>
          <ul class="plain">
            {Object.entries(report).map(([kind, count]) => (
              <li key={kind}>
                {REPORT_LABELS[kind] ?? kind}: {count}
              </li>
            ))}
          </ul>
          {(report.deliveredToCoreSystem ?? 0) > 0 && (
            <p class="flag">Dokumente waren schon im Kernsystem: Die Löschung muss dort ebenfalls erfolgen.</p>
          )}
        </div>
      )}
    </section>
  );
}
