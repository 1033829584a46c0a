import { useRef, useState } from 'preact/hooks';
import { insertResponse, matchingResponses, typedShortcut, useCannedResponses } from '../canned/use-canned.js';
import { TYPING_SHOWN_MS } from './use-live-chat.js';

interface Props {
  sessionId: string;
  send(text: string): Promise<boolean>;
  typing(): void;
}

/**
 * The agent's message box. "#" and a shortcut offer the prepared answers; Tab inserts the
 * first, Enter sends, Shift+Enter starts a new line. The member sees "schreibt …" meanwhile.
 */
export function Compose({ sessionId, send, typing }: Props) {
  // Read when a chat opens, so an answer an admin just added is there.
  const responses = useCannedResponses();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  /** The last send failed: the text stays in the box, with a button to send it again. */
  const [unsent, setUnsent] = useState(false);
  const lastTyping = useRef(0);
  const typed = typedShortcut(draft);
  const suggestions = typed === undefined ? [] : matchingResponses(responses, typed);

  function change(value: string) {
    setDraft(value);
    if (!value.trim() || Date.now() - lastTyping.current < TYPING_SHOWN_MS - 1000) return;
    lastTyping.current = Date.now();
    typing();
  }

  async function submit(event?: Event) {
    event?.preventDefault();
    if (!draft.trim() || sending) return;
    setSending(true);
    const sent = await send(draft.trim());
    if (sent) setDraft('');
    setUnsent(!sent);
    setSending(false);
  }

  function keyDown(event: KeyboardEvent) {
    if (event.key === 'Tab' && !event.shiftKey && suggestions[0]) {
      event.preventDefault();
      setDraft(insertResponse(draft, suggestions[0]));
    } else if (event.key === 'Enter' && !event.shiftKey) {
      void submit(event);
    }
  }

  const hintId = `compose-hint-${sessionId}`;
  return (
    <form onSubmit={submit} class="send">
      <label for={`agent-message-${sessionId}`}>Nachricht</label>
      {/* The prepared answers open above the box, in view whatever the window's height. */}
      <div class="compose-field">
        {suggestions.length > 0 && (
          <ul class="plain suggestions" aria-label={`Passende Textvorlagen (${suggestions.length})`}>
            {suggestions.map((s) => (
              <li key={s.id}>
                <button type="button" class="link" onClick={() => setDraft(insertResponse(draft, s))}>
                  #{s.shortcut}
                </button>{' '}
                <span class="muted">{s.title}</span>
              </li>
            ))}
          </ul>
        )}
        <textarea
          id={`agent-message-${sessionId}`}
          rows={3}
          value={draft}
          aria-describedby={hintId}
          onInput={(e) => change(e.currentTarget.value)}
          onKeyDown={keyDown}
        />
      </div>
      <p id={hintId} class="muted small">
        Enter sendet, Umschalt+Enter für eine neue Zeile. Mit „#“ und Kürzel eine Textvorlage wählen, Tab fügt sie ein.
      </p>
      {unsent && (
        <p role="alert" class="error unsent">
          Nicht gesendet. Ihre Nachricht steht noch im Eingabefeld.{' '}
          <button type="button" class="link" onClick={() => void submit()}>
            Erneut senden
          </button>
        </p>
      )}
      <button type="submit" class="primary" disabled={sending}>
        {sending ? 'Wird gesendet …' : 'Senden'}
      </button>
    </form>
  );
}
