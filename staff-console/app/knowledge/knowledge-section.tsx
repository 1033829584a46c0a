import { useState } from 'preact/hooks';
import type { UnansweredGroup } from '../../../domain/knowledge/knowledge-care.types.js';
import type { FigureSummary } from '../../../domain/knowledge/figure-placeholders.js';
import { api } from '../api.js';
import { germanDate } from '../format.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { TableHead } from '../table-head.js';
import { useAdminList } from '../admin/use-admin-list.js';
import { EntryEditor, type EditorTarget } from './entry-editor.js';
import { FigureTable } from './figure-table.js';
import { ReviewDueList } from './review-due-list.js';

interface EntrySummary {
  id: string;
  question: string;
  phrasings: number;
  action: string | null;
  reviewedAt: string | null;
  helpful: number;
  notHelpful: number;
}

/** Knowledge care: members' unanswered questions (grouped), the entries with their ratings, and the editor. */
export function KnowledgeSection() {
  const [target, setTarget] = useState<EditorTarget | undefined>();
  const [changes, setChanges] = useState(0);
  const entries = useAdminList<EntrySummary>(
    '/api/knowledge/entries',
    (body: { entries: EntrySummary[] }) => body.entries,
    'Die Einträge konnten nicht geladen werden.',
    changes,
  );
  const unanswered = useAdminList<UnansweredGroup>(
    '/api/knowledge/unanswered',
    (body: { groups: UnansweredGroup[] }) => body.groups,
    'Die unbeantworteten Fragen konnten nicht geladen werden.',
    changes,
  );
  const figures = useAdminList<FigureSummary>(
    '/api/knowledge/figures',
    (body: { figures: FigureSummary[] }) => body.figures,
    'Die Zahlentabelle konnte nicht geladen werden.',
  );
  const questionOf = (id: string) => entries.items?.find((e) => e.id === id)?.question ?? id;

  const addPhrasing = (question: string, entryId: string) =>
    unanswered.act(async () => {
      await api('POST', `/api/knowledge/entries/${entryId}/phrasings`, { question });
      setChanges((n) => n + 1);
      return `„${question}“ ist jetzt eine Formulierung von „${questionOf(entryId)}“.`;
    }, 'Die Formulierung konnte nicht hinzugefügt werden.');

  return (
    <section aria-labelledby="knowledge-title">
      <h1 id="knowledge-title">Wissen</h1>
      {target && (
        <EntryEditor
          target={target}
          figures={figures.items ?? []}
          onSaved={() => setChanges((n) => n + 1)}
          onClose={() => setTarget(undefined)}
        />
      )}

      <section class="card" aria-labelledby="unanswered-title">
        <h2 id="unanswered-title">Unbeantwortete Fragen</h2>
        <p class="muted">Was Versicherte gefragt haben und der Chatbot nicht sicher beantworten konnte, nach Ähnlichkeit gruppiert.</p>
        <ErrorMessage text={unanswered.error} />
        <SuccessMessage text={unanswered.notice} />
        {unanswered.items?.length === 0 && <p class="muted">Keine offenen Fragen.</p>}
        <ul class="plain groups">
          {unanswered.items?.map((group) => (
            <li key={group.question} class="group">
              <p>
                <strong>„{group.question}“</strong> <span class="muted">· {group.count}× gefragt</span>
              </p>
              {group.questions.length > 1 && (
                <details>
                  <summary>{group.questions.length} ähnliche Fragen</summary>
                  <ul>
                    {group.questions.map((q) => (
                      <li key={q.question}>
                        „{q.question}“ ({q.count}×)
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <div class="actions">
                {group.closestEntries.map((id) => (
                  <button key={id} type="button" onClick={() => addPhrasing(group.question, id)}>
                    Als Formulierung zu „{questionOf(id)}“
                  </button>
                ))}
                <button type="button" onClick={() => setTarget({ mode: 'new', question: group.question })}>
                  Neuen Eintrag anlegen
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <ReviewDueList refresh={changes} onReviewed={() => setChanges((n) => n + 1)} onEdit={(id) => setTarget({ mode: 'edit', id })} />

      <section class="card" aria-labelledby="entries-title">
        <h2 id="entries-title">Einträge</h2>
        <ErrorMessage text={entries.error} />
        <button type="button" onClick={() => setTarget({ mode: 'new', question: '' })}>
          Neuer Eintrag
        </button>
        {entries.items && (
          <table class="queue">
            <TableHead columns={['Frage', 'Formulierungen', 'hilfreich', 'nicht hilfreich', 'geprüft am', '']} />
            <tbody>
              {entries.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    {entry.question}
                    <br />
                    <span class="muted small">{entry.id}</span>
                  </td>
                  <td>{entry.phrasings}</td>
                  <td>{entry.helpful}</td>
                  <td>{entry.notHelpful}</td>
                  <td>{entry.reviewedAt ? germanDate(entry.reviewedAt) : '–'}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`„${entry.question}“ bearbeiten`}
                      onClick={() => setTarget({ mode: 'edit', id: entry.id })}
                    >
                      Bearbeiten
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ErrorMessage text={figures.error} />
      {figures.items && <FigureTable figures={figures.items} />}
    </section>
  );
}
