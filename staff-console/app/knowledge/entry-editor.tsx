import { useEffect, useState } from 'preact/hooks';
import type { EditEffect } from '../../../domain/knowledge/knowledge-care.types.js';
import { fillFigures, type FigureSummary } from '../../../domain/knowledge/figure-placeholders.js';
import { api, ApiError, describeError } from '../api.js';
import { percent } from '../format.js';
import { Markdown } from '../markdown.js';
import { ErrorMessage, SuccessMessage } from '../messages.js';
import { TableHead } from '../table-head.js';

const ACTIONS: Record<string, string> = {
  '': 'keine',
  submit_document: 'Dokument einreichen',
  callback: 'Rückruf',
  handoff: 'Mitarbeiter/in',
  certificate: 'Bescheinigung',
  status: 'Bearbeitungsstand',
  pin_login: 'Einmal-PIN-Anmeldung',
};

interface Draft {
  id: string;
  question: string;
  phrasings: string;
  english: string;
  followUps: string;
  action: string;
  answer: string;
}

/** What the editor opens with: an entry to change, or a new one (from a member's question). */
export type EditorTarget = { mode: 'edit'; id: string } | { mode: 'new'; question: string };

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function bodyOf(draft: Draft) {
  return {
    question: draft.question,
    phrasings: lines(draft.phrasings),
    english: lines(draft.english),
    followUps: draft.followUps
      .split(/[\s,]+/)
      .map((f) => f.trim())
      .filter(Boolean),
    action: draft.action || null,
    answer: draft.answer,
  };
}

/**
 * One entry's question, phrasings (one per line), follow-ups, action and answer (markdown, shown
 * as the member sees it). "Wirkung prüfen" measures the change on the evaluation sets; saving
 * checks again and puts it into service at once.
 */
export function EntryEditor({
  target,
  figures,
  onSaved,
  onClose,
}: {
  target: EditorTarget;
  /** The dated figures, to show the answer with today's values. */
  figures: FigureSummary[];
  onSaved: (id: string) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Draft | undefined>();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [effect, setEffect] = useState<EditEffect | undefined>();
  const [busy, setBusy] = useState<'' | 'preview' | 'save'>('');

  useEffect(() => {
    setEffect(undefined);
    setNotice('');
    if (target.mode === 'new') {
      setDraft({ id: '', question: target.question, phrasings: target.question, english: '', followUps: '', action: '', answer: '' });
      return;
    }
    api<{
      entry: { id: string; question: string; phrasings: string[]; english: string[]; followUps: string[]; action?: string; answer: string };
    }>('GET', `/api/knowledge/entries/${target.id}`)
      .then(({ entry }) =>
        setDraft({
          id: entry.id,
          question: entry.question,
          phrasings: entry.phrasings.join('\n'),
          english: entry.english.join('\n'),
          followUps: entry.followUps.join(', '),
          action: entry.action ?? '',
          answer: entry.answer,
        }),
      )
      .catch((err: unknown) => setError(describeError(err, 'Der Eintrag konnte nicht geladen werden.')));
  }, [target]);

  if (!draft) return error ? <ErrorMessage text={error} /> : <p class="muted">Wird geladen …</p>;
  const set = (key: keyof Draft) => (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value });

  async function run(kind: 'preview' | 'save') {
    setBusy(kind);
    setError('');
    setNotice('');
    setProblems({});
    const isNew = target.mode === 'new';
    const body = isNew ? { id: draft!.id, ...bodyOf(draft!) } : bodyOf(draft!);
    const url =
      kind === 'preview'
        ? isNew
          ? '/api/knowledge/entries/preview'
          : `/api/knowledge/entries/${draft!.id}/preview`
        : isNew
          ? '/api/knowledge/entries'
          : `/api/knowledge/entries/${draft!.id}`;
    try {
      const result = await api<{ effect: EditEffect }>(kind === 'save' && !isNew ? 'PUT' : 'POST', url, body);
      setEffect(result.effect);
      if (kind === 'save') {
        setNotice('Gespeichert. Der Chatbot antwortet ab der nächsten Frage damit.');
        onSaved(draft!.id);
      }
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0)
        setProblems(Object.fromEntries(err.fields.map((f) => [f.field.split('.')[0]!, f.message])));
      setError(describeError(err, kind === 'save' ? 'Der Eintrag wurde nicht gespeichert.' : 'Die Wirkung konnte nicht geprüft werden.'));
    } finally {
      setBusy('');
    }
  }

  const field = (key: keyof Draft, label: string, input: preact.JSX.Element, hint?: string) => (
    <div class="editor-field">
      <label for={`entry-${key}`}>{label}</label>
      {hint && (
        <p class="muted small" id={`entry-${key}-hint`}>
          {hint}
        </p>
      )}
      {input}
      {problems[key] && (
        <p class="error" id={`entry-${key}-problem`}>
          {problems[key]}
        </p>
      )}
    </div>
  );
  const described = (key: keyof Draft) => ({
    id: `entry-${key}`,
    'aria-invalid': problems[key] ? true : undefined,
    'aria-describedby': problems[key] ? `entry-${key}-problem` : undefined,
  });

  return (
    <section class="card" aria-labelledby="entry-editor-title">
      <div class="section-head">
        <h2 id="entry-editor-title">{target.mode === 'new' ? 'Neuer Eintrag' : `Eintrag „${draft.id}“ bearbeiten`}</h2>
        <button type="button" onClick={onClose}>
          Schließen
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('save');
        }}
      >
        {target.mode === 'new' &&
          field(
            'id',
            'Kennung',
            <input {...described('id')} required value={draft.id} onInput={set('id')} placeholder="z. B. gym_membership" />,
          )}
        {field('question', 'Frage', <input {...described('question')} required value={draft.question} onInput={set('question')} />)}
        {field(
          'phrasings',
          'Formulierungen (eine je Zeile)',
          <textarea {...described('phrasings')} rows={6} value={draft.phrasings} onInput={set('phrasings')} />,
          'So fragen Versicherte danach – in ihren eigenen Worten.',
        )}
        {field(
          'english',
          'Englische Formulierungen (eine je Zeile)',
          <textarea {...described('english')} rows={2} value={draft.english} onInput={set('english')} />,
        )}
        {field(
          'followUps',
          'Anschlussfragen (Kennungen, durch Komma getrennt)',
          <input {...described('followUps')} value={draft.followUps} onInput={set('followUps')} />,
        )}
        {field(
          'action',
          'Aktion',
          <select {...described('action')} value={draft.action} onChange={set('action')}>
            {Object.entries(ACTIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>,
        )}
        <div class="answer-editor">
          {field(
            'answer',
            'Antwort (Markdown)',
            <textarea {...described('answer')} required rows={10} value={draft.answer} onInput={set('answer')} />,
            'Zahlen, die sich ändern können, als {{kennung}} aus der Zahlentabelle unten; {{kennung.jahr}} setzt das Jahr ein.',
          )}
          <div>
            <h3>Vorschau</h3>
            <Markdown text={fillFigures(draft.answer, (id) => figures.find((f) => f.id === id)?.current)} class="md answer-preview" />
          </div>
        </div>
        <div class="actions">
          <button type="button" disabled={busy !== ''} onClick={() => void run('preview')}>
            {busy === 'preview' ? 'Wird geprüft …' : 'Wirkung prüfen'}
          </button>
          <button type="submit" class="primary" disabled={busy !== ''}>
            {busy === 'save' ? 'Wird gespeichert …' : 'Speichern'}
          </button>
        </div>
      </form>
      <ErrorMessage text={error} />
      <SuccessMessage text={notice} />
      {effect && <Effect effect={effect} />}
    </section>
  );
}

/** The change's effect on the team's and the development evaluation sets. */
function Effect({ effect }: { effect: EditEffect }) {
  const rows: Array<[string, keyof EditEffect['before']]> = [
    ['richtig beantwortet', 'correctRate'],
    ['falsch beantwortet', 'wrongRate'],
    ['„Meinten Sie …?“', 'didYouMeanRate'],
    ['Themen außerhalb: ehrlich keine Antwort', 'outOfScopeFallbackRate'],
  ];
  return (
    <section aria-labelledby="effect-title" class="effect">
      <h3 id="effect-title">Wirkung auf die Auswertungsfragen ({effect.before.questions})</h3>
      <table class="queue">
        <TableHead columns={['', 'vorher', 'nachher']} />
        <tbody>
          {rows.map(([label, key]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{percent(effect.before[key])}</td>
              <td>{percent(effect.after[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {effect.worsened.length > 0 && (
        <>
          <h4>Nicht mehr richtig</h4>
          <ul>
            {effect.worsened.map((c) => (
              <li key={c.q}>
                „{c.q}“ ({c.expect}): jetzt {c.after}
              </li>
            ))}
          </ul>
        </>
      )}
      {effect.improved.length > 0 && (
        <>
          <h4>Jetzt richtig</h4>
          <ul>
            {effect.improved.map((c) => (
              <li key={c.q}>
                „{c.q}“ ({c.expect}): vorher {c.before}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
