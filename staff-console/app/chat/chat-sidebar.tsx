import { useState } from 'preact/hooks';
import { dateTime } from '../format.js';
import { CallbackFromChat } from './callback-from-chat.js';
import type { ChatView } from './use-live-chat.js';
import { TrackingIdLink } from '../tracking-id-link.js';

interface Props {
  chat: ChatView;
  addNote(text: string): Promise<boolean>;
}

/** What the bot collected for the agent, and the private notes on this chat. */
export function ChatSidebar({ chat, addNote }: Props) {
  const [note, setNote] = useState('');
  const details = chat.details;

  async function save(event: Event) {
    event.preventDefault();
    if (note.trim() && (await addNote(note.trim()))) setNote('');
  }

  return (
    <aside class="chat-sidebar" aria-label="Angaben zum Gespräch">
      <h3>Vom Chatbot erfasst</h3>
      {!details && <p class="muted">Wird geladen …</p>}
      {details && (
        <dl class="facts">
          <dt>Anliegen</dt>
          <dd>{chat.topic}</dd>
          <dt>Name</dt>
          <dd>
            {details.name
              ? `${details.name.text} (${details.name.confirmed ? 'bestätigt mit KVNR und Geburtsdatum' : 'wie angegeben, nicht geprüft'})`
              : '– (nicht genannt)'}
          </dd>
          <dt>KVNR (wie angegeben)</dt>
          <dd>{details.kvnr ?? '–'}</dd>
          <dt>Tracking-IDs</dt>
          <dd>
            {details.trackingIds.length > 0
              ? details.trackingIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <TrackingIdLink trackingId={id} />
                  </span>
                ))
              : '–'}
          </dd>
          <dt>Anfragen im Chat</dt>
          <dd>{details.requests.length > 0 ? details.requests.join('; ') : '–'}</dd>
        </dl>
      )}
      <CallbackFromChat sessionId={chat.sessionId} topic={chat.topic} />
      <h3>Interne Notizen</h3>
      <p class="muted small">Nur für Mitarbeitende sichtbar; bleiben bei einer Übergabe erhalten.</p>
      <ul class="plain notes">
        {chat.notes.map((n) => (
          <li key={n.id}>
            <span class="muted small">
              {n.author} · {dateTime(n.createdAt)}
            </span>
            <p>{n.text}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={save}>
        <label for={`note-${chat.sessionId}`}>Neue Notiz</label>
        <textarea id={`note-${chat.sessionId}`} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit">Notiz speichern</button>
      </form>
    </aside>
  );
}
