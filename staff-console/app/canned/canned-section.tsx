import { RunTask } from '../admin/run-task.js';
import { useEffect, useState } from 'preact/hooks';
import type { CannedResponseView } from '../../api.types.js';
import { api, describeError } from '../api.js';

interface Draft {
  id?: string;
  shortcut: string;
  title: string;
  text: string;
}

const EMPTY: Draft = { shortcut: '', title: '', text: '' };

/** Admins keep the prepared answers that agents insert with "#shortcut". */
export function CannedSection() {
  const [responses, setResponses] = useState<CannedResponseView[] | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [message, setMessage] = useState('');

  async function load() {
    try {
      setResponses((await api<{ responses: CannedResponseView[] }>('GET', '/api/livechat/canned-responses')).responses);
    } catch (err) {
      setMessage(describeError(err, 'Die Textvorlagen konnten nicht geladen werden.'));
      setResponses([]);
    }
  }

  useEffect(() => void load(), []);

  async function save(event: Event) {
    event.preventDefault();
    const body = { shortcut: draft.shortcut, title: draft.title, text: draft.text };
    try {
      if (draft.id) await api('PUT', `/api/livechat/canned-responses/${draft.id}`, body);
      else await api('POST', '/api/livechat/canned-responses', body);
      setDraft(EMPTY);
      setMessage('Gespeichert.');
      await load();
    } catch (err) {
      setMessage(describeError(err, 'Die Textvorlage konnte nicht gespeichert werden.'));
    }
  }

  async function remove(response: CannedResponseView) {
    if (!window.confirm(`Textvorlage „#${response.shortcut}“ löschen?`)) return;
    try {
      await api('DELETE', `/api/livechat/canned-responses/${response.id}`);
      await load();
    } catch (err) {
      setMessage(describeError(err, 'Die Textvorlage konnte nicht gelöscht werden.'));
    }
  }

  return (
    <section aria-labelledby="canned-title">
      <h1 id="canned-title">Textvorlagen</h1>
      <p class="muted">Im Live-Chat tippen Mitarbeitende „#“ und das Kürzel; Tab fügt den Text ein.</p>
      <form class="card canned-form" onSubmit={save}>
        <h2>{draft.id ? `#${draft.shortcut} bearbeiten` : 'Neue Textvorlage'}</h2>
        <label for="canned-shortcut">Kürzel</label>
        <input id="canned-shortcut" value={draft.shortcut} onInput={(e) => setDraft({ ...draft, shortcut: e.currentTarget.value })} />
        <label for="canned-title-input">Titel</label>
        <input id="canned-title-input" value={draft.title} onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
        <label for="canned-text">Text</label>
        <textarea id="canned-text" rows={3} value={draft.text} onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })} />
        <button type="submit" class="primary">
          Speichern
        </button>
        {draft.id && (
          <button type="button" class="link" onClick={() => setDraft(EMPTY)}>
            Abbrechen
          </button>
        )}
        {message && <p role="status">{message}</p>}
      </form>
      <RunTask<{ added: number; kept: number; rejected: unknown[] }>
        id="canned-starters"
        title="Startvorlagen"
        description="Übernimmt die mitgelieferten Textvorlagen, deren Kürzel es noch nicht gibt; bearbeitete bleiben, wie sie sind."
        label="Startvorlagen übernehmen"
        path="/api/admin/canned-responses/import-starters"
        describe={(r) => `${r.added} Textvorlagen übernommen, ${r.kept} vorhandene behalten.`}
        onDone={() => void load()}
      />
      {responses === null && <p role="status">Textvorlagen werden geladen …</p>}
      {responses?.length === 0 && <p class="empty">Noch keine Textvorlagen.</p>}
      <ul class="plain canned-list">
        {responses?.map((r) => (
          <li key={r.id} class="card">
            <strong>#{r.shortcut}</strong> · {r.title}
            <p>{r.text}</p>
            <button type="button" onClick={() => setDraft({ id: r.id, shortcut: r.shortcut, title: r.title, text: r.text })}>
              Bearbeiten
            </button>{' '}
            <button type="button" onClick={() => remove(r)}>
              Löschen
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
