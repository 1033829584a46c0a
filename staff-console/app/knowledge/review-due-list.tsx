import { useState } from 'preact/hooks';
import { germanDate, type ReviewDue } from '../../../domain/knowledge/figure-placeholders.js';
import { api } from '../api.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { useAdminList } from '../admin/use-admin-list.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Answers due for review (never reviewed, reviewed too long ago, a figure they use changed, a
 * number outside the dated table), each with why; a reviewer records sources and the check.
 */
export function ReviewDueList({ refresh, onReviewed, onEdit }: { refresh: number; onReviewed: () => void; onEdit: (id: string) => void }) {
  const due = useAdminList<ReviewDue>(
    '/api/knowledge/review-due',
    (body: { entries: ReviewDue[] }) => body.entries,
    'Die zu prüfenden Einträge konnten nicht geladen werden.',
    refresh,
  );
  const [open, setOpen] = useState<string | undefined>();

  const confirm = (entry: ReviewDue, sources: string, validFrom: string) =>
    due.act(async () => {
      await api('POST', `/api/knowledge/entries/${entry.id}/reviewed`, { sources: lines(sources), validFrom });
      setOpen(undefined);
      onReviewed();
      return `„${entry.question}“ ist als geprüft eingetragen.`;
    }, 'Die Prüfung konnte nicht eingetragen werden.');

  return (
    <section class="card" aria-labelledby="review-due-title">
      <h2 id="review-due-title">Zu prüfen</h2>
      <p class="muted">
        Antworten, deren Prüfung aussteht: noch nie geprüft, lange nicht geprüft, eine verwendete Zahl hat sich geändert, oder sie nennen
        Zahlen außerhalb der Zahlentabelle.
      </p>
      <ErrorMessage text={due.error} />
      <SuccessMessage text={due.notice} />
      {due.items?.length === 0 && <p class="muted">Alle Antworten sind geprüft.</p>}
      <ul class="plain groups">
        {due.items?.map((entry) => (
          <li key={entry.id} class="group">
            <p>
              <strong>{entry.question}</strong>{' '}
              <span class="muted">
                · {entry.reviewedAt ? `zuletzt geprüft am ${germanDate(entry.reviewedAt)} von ${entry.reviewer}` : 'nie geprüft'}
              </span>
            </p>
            <ul>
              {entry.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            {open === entry.id ? (
              <ReviewForm
                entry={entry}
                onConfirm={(sources, validFrom) => confirm(entry, sources, validFrom)}
                onCancel={() => setOpen(undefined)}
              />
            ) : (
              <div class="actions">
                <button type="button" onClick={() => onEdit(entry.id)}>
                  Antwort bearbeiten
                </button>
                <button type="button" onClick={() => setOpen(entry.id)}>
                  Als geprüft eintragen …
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewForm({
  entry,
  onConfirm,
  onCancel,
}: {
  entry: ReviewDue;
  onConfirm: (sources: string, validFrom: string) => void;
  onCancel: () => void;
}) {
  const [sources, setSources] = useState(entry.sources.join('\n'));
  const [validFrom, setValidFrom] = useState(entry.validFrom ?? '');
  const id = `review-${entry.id}`;
  return (
    <form
      class="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(sources, validFrom);
      }}
    >
      <label for={`${id}-sources`}>Quellen (eine je Zeile: Gesetz oder Unterlage der Musterkasse)</label>
      <textarea id={`${id}-sources`} rows={3} required value={sources} onInput={(e) => setSources(e.currentTarget.value)} />
      <label for={`${id}-valid-from`}>Regeln gültig ab</label>
      <input id={`${id}-valid-from`} type="date" required value={validFrom} onInput={(e) => setValidFrom(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit" class="primary">
          Geprüft: Antwort stimmt mit den Quellen überein
        </button>
        <button type="button" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </form>
  );
}
