import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatLine, WaitingChat } from '../../socket/events.js';
import { waitingSince } from '../format.js';
import { connectConsole, type ConsoleSocket } from './live-socket.js';

type AgentStatus = 'available' | 'busy' | 'away';
const STATUS_LABELS: Record<AgentStatus, string> = { available: 'Verfügbar', busy: 'Beschäftigt', away: 'Abwesend' };
/** The server forgets an agent not heard from for 60 s; the console reports well within that. */
const HEARTBEAT_MS = 20_000;
/** How long "schreibt …" stays without a new sign of typing. */
const TYPING_SHOWN_MS = 4000;
const AUTHORS: Record<ChatLine['from'], string> = { member: 'Mitglied', bot: 'Chatbot', agent: 'Sie' };

/** The agents' section: status, the waiting queue with the bot's summary, and the running chat. */
export function ChatSection() {
  const socket = useRef<ConsoleSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [status, setStatus] = useState<AgentStatus>('available');
  const [queue, setQueue] = useState<WaitingChat[]>([]);
  const [chat, setChat] = useState<{ sessionId: string; topic: string } | null>(null);
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState('');
  const [memberTyping, setMemberTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastTypingSent = useRef(0);
  const statusRef = useRef(status);
  statusRef.current = status;
  const chatRef = useRef(chat);
  chatRef.current = chat;

  useEffect(() => {
    const s = connectConsole();
    socket.current = s;
    const refresh = () => s.emit('queue:list', (r) => r.ok && setQueue(r.chats));
    const report = () => s.emit('agent:status', statusRef.current, () => undefined);
    s.on('connect', () => {
      setConnected(true);
      report();
      refresh();
      // After a reconnect, what was said meanwhile comes from the stored transcript.
      if (chatRef.current) void loadTranscript(s, chatRef.current.sessionId);
    });
    s.on('disconnect', () => setConnected(false));
    s.on('connect_error', (err) => setNotice(err.message === 'forbidden' ? 'Der Live-Chat ist nur für die Kundenberatung.' : 'Keine Verbindung zum Live-Chat. Neuer Versuch …'));
    s.on('queue:changed', refresh);
    s.on('chat:line', (line) => {
      setLines((current) => (current.some((l) => l.id === line.id) ? current : [...current, line]));
      if (line.from === 'member') setMemberTyping(false);
    });
    s.on('chat:typing', () => {
      setMemberTyping(true);
      clearTimeout(typingTimer.current);
      typingTimer.current = setTimeout(() => setMemberTyping(false), TYPING_SHOWN_MS);
    });
    const heartbeat = setInterval(() => {
      report();
      refresh();
    }, HEARTBEAT_MS);
    return () => {
      clearInterval(heartbeat);
      s.disconnect();
    };
  }, []);

  function changeStatus(next: AgentStatus) {
    setStatus(next);
    socket.current?.emit('agent:status', next, () => undefined);
  }

  async function accept(waiting: WaitingChat) {
    const s = socket.current!;
    const result = await s.emitWithAck('queue:accept', waiting.sessionId);
    if (!result.ok) {
      setNotice(result.message);
      return;
    }
    setNotice('');
    setChat({ sessionId: waiting.sessionId, topic: waiting.topic });
    await loadTranscript(s, waiting.sessionId);
  }

  /** The stored transcript, merged with lines that arrived live (by id, in order). */
  async function loadTranscript(s: ConsoleSocket, sessionId: string) {
    const transcript = await s.emitWithAck('chat:transcript', sessionId);
    if (transcript.ok) setLines((current) => [...transcript.lines, ...current.filter((l) => !transcript.lines.some((t) => t.id === l.id))]);
  }

  /** Tells the member the agent is typing, at most every few seconds. */
  function typing(value: string) {
    setDraft(value);
    if (!chat || !value.trim() || Date.now() - lastTypingSent.current < TYPING_SHOWN_MS - 1000) return;
    lastTypingSent.current = Date.now();
    socket.current?.emit('chat:typing', chat.sessionId, () => undefined);
  }

  async function send(event: Event) {
    event.preventDefault();
    if (!chat || !draft.trim()) return;
    const result = await socket.current!.emitWithAck('chat:send', chat.sessionId, draft.trim());
    if (result.ok) setDraft('');
    else setNotice(result.message);
  }

  async function end() {
    if (!chat) return;
    const result = await socket.current!.emitWithAck('chat:end', chat.sessionId);
    if (!result.ok) setNotice(result.message);
    setChat(null);
    setLines([]);
  }

  return (
    <section aria-labelledby="chat-title">
      <div class="section-head">
        <h1 id="chat-title">Live-Chat</h1>
        <label class="inline-form">
          Status
          <select value={status} onChange={(e) => changeStatus(e.currentTarget.value as AgentStatus)}>
            {(Object.keys(STATUS_LABELS) as AgentStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted" role="status">
        {connected ? 'Verbunden.' : 'Verbindung wird hergestellt …'}
      </p>
      {notice && (
        <p class="error" role="alert">
          {notice}
        </p>
      )}
      <div class="chat-grid">
        <div class="card">
          <h2>Warteschlange</h2>
          {queue.length === 0 && <p class="empty">Niemand wartet.</p>}
          <ul class="plain waiting">
            {queue.map((w) => (
              <li key={w.sessionId}>
                <strong>{w.topic}</strong> <span class="muted">· wartet seit {waitingSince(w.requestedAt).replace('vor ', '')}</span>
                {w.recentMessages.length > 0 && <p class="muted">Zuletzt: {w.recentMessages.join(' · ')}</p>}
                <button type="button" onClick={() => accept(w)} disabled={!!chat}>
                  Annehmen
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h2>{chat ? `Gespräch: ${chat.topic}` : 'Kein Gespräch geöffnet'}</h2>
          {chat && (
            <>
              <ol class="plain transcript" aria-live="polite">
                {lines.map((l) => (
                  <li key={l.id} class={`line ${l.from}`}>
                    <span class="author">{AUTHORS[l.from]}</span> {l.text}
                  </li>
                ))}
              </ol>
              <p class="muted typing" aria-live="polite">
                {memberTyping ? 'Das Mitglied schreibt …' : ''}
              </p>
              <form onSubmit={send} class="send">
                <label for="agent-message">Nachricht</label>
                <textarea id="agent-message" rows={3} value={draft} onInput={(e) => typing(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && !e.shiftKey && send(e)} />
                <button type="submit" class="primary">
                  Senden
                </button>{' '}
                <button type="button" onClick={end}>
                  Chat beenden
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
