import { waitingSince } from '../format.js';
import { ChatPane } from './chat-pane.js';
import { useLiveChat, type AgentStatus } from './use-live-chat.js';

const STATUS_LABELS: Record<AgentStatus, string> = { available: 'Verfügbar', busy: 'Beschäftigt', away: 'Abwesend' };

/**
 * The agents' section: status, the waiting queue with the bot's summary, and the running chats in
 * tabs. An admin starts "away": logging in to administer does not put them in line for chats.
 */
export function ChatSection({ self, initialStatus }: { self: string; initialStatus: AgentStatus }) {
  const live = useLiveChat(initialStatus);
  const { active } = live;

  return (
    <section aria-labelledby="chat-title">
      <div class="section-head">
        <h1 id="chat-title">Live-Chat</h1>
        <label class="inline-form">
          Status
          <select value={live.status} disabled={!live.connected} onChange={(e) => live.setStatus(e.currentTarget.value as AgentStatus)}>
            {(Object.keys(STATUS_LABELS) as AgentStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted" role="status">
        {live.connected ? 'Verbunden.' : 'Nicht verbunden: Neue Chats kommen erst wieder, wenn die Verbindung steht. Neuer Versuch …'}
      </p>
      {live.notice && (
        <p class="error" role="alert">
          {live.notice}
        </p>
      )}
      <div class="chat-grid">
        <div class="card">
          <h2>Warteschlange</h2>
          {live.queue.length === 0 && <p class="empty">Niemand wartet.</p>}
          <ul class="plain waiting">
            {live.queue.map((w) => (
              <li key={w.sessionId}>
                <strong>{w.topic}</strong> <span class="muted">· wartet seit {waitingSince(w.requestedAt).replace('vor ', '')}</span>
                {w.recentMessages.length > 0 && <p class="muted">Zuletzt: {w.recentMessages.join(' · ')}</p>}
                <button type="button" onClick={() => live.accept(w)}>
                  Annehmen
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          {live.chats.length > 0 && (
            <div role="tablist" aria-label="Ihre Gespräche" class="chat-tabs">
              {live.chats.map((c) => (
                <button
                  key={c.sessionId}
                  type="button"
                  role="tab"
                  aria-selected={c.sessionId === active?.sessionId}
                  onClick={() => live.open(c.sessionId)}
                >
                  {c.topic}
                  {c.unread > 0 && (
                    <span class="badge" aria-label={`${c.unread} ungelesen`}>
                      {c.unread}
                    </span>
                  )}
                </button>
              ))}
            </div>
          )}
          {active ? (
            <div role="tabpanel">
              <ChatPane key={active.sessionId} chat={active} live={live} self={self} />
            </div>
          ) : (
            <h2>{live.chats.length > 0 ? 'Wählen Sie ein Gespräch.' : 'Kein Gespräch geöffnet'}</h2>
          )}
        </div>
      </div>
    </section>
  );
}
