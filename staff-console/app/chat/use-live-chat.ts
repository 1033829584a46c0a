import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatClose, ChatDetailsView, ChatLine, ChatNoteView, OpenChat, WaitingChat } from '../../socket/events.js';
import { connectConsole, type ConsoleSocket } from './live-socket.js';

export type AgentStatus = 'available' | 'busy' | 'away';

/** One of the agent's running chats, as the console keeps it. */
export interface ChatView extends OpenChat {
  lines: ChatLine[];
  notes: ChatNoteView[];
  details: ChatDetailsView | null;
  memberReadAt: string | null;
  memberTyping: boolean;
  /** Member messages that arrived while another chat was in front. */
  unread: number;
}

/** The server forgets an agent not heard from for 60 s; the console reports well within that. */
const HEARTBEAT_MS = 20_000;
/** A command without an answer in this time counts as not done (the connection may be gone). */
const COMMAND_TIMEOUT_MS = 8000;
/** After the server ended the connection (restart, deploy), the console tries again after this. */
const RECONNECT_AFTER_SERVER_DISCONNECT_MS = 1000;
/** How long "schreibt …" stays without a new sign of typing. */
export const TYPING_SHOWN_MS = 4000;

const NOT_SENT = 'Nicht gesendet: Die Verbindung zum Live-Chat ist unterbrochen. Bitte versuchen Sie es gleich noch einmal.';

const emptyChat = (chat: OpenChat): ChatView => ({
  ...chat,
  lines: [],
  notes: [],
  details: null,
  memberReadAt: null,
  memberTyping: false,
  unread: 0,
});

/** Lines merged by id and kept in time order: live lines and a re-read transcript may overlap. */
function merge(current: ChatLine[], incoming: ChatLine[]): ChatLine[] {
  const byId = new Map(current.map((l) => [l.id, l]));
  for (const line of incoming) byId.set(line.id, line);
  return [...byId.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
}

/**
 * The agent's live chat state over one socket: status and heartbeat, the queue, and every chat
 * the agent runs (several at once, up to the server's limit). After a reconnect the running
 * chats and their stored transcripts are read again, so nothing said meanwhile is missed.
 */
export function useLiveChat(initialStatus: AgentStatus = 'available') {
  const socketRef = useRef<ConsoleSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [status, setStatusState] = useState<AgentStatus>(initialStatus);
  const [queue, setQueue] = useState<WaitingChat[]>([]);
  const [chats, setChats] = useState<ChatView[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const statusRef = useRef(status);
  statusRef.current = status;
  const activeRef = useRef(activeId);
  activeRef.current = activeId;
  const typingTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const update = (sessionId: string, change: (chat: ChatView) => ChatView) =>
    setChats((all) => all.map((c) => (c.sessionId === sessionId ? change(c) : c)));

  async function load(s: ConsoleSocket, chat: OpenChat) {
    setChats((all) => (all.some((c) => c.sessionId === chat.sessionId) ? all : [...all, emptyChat(chat)]));
    const transcript = await s.emitWithAck('chat:transcript', chat.sessionId);
    if (!transcript.ok) return;
    update(chat.sessionId, (c) => ({
      ...c,
      lines: merge(c.lines, transcript.lines),
      notes: transcript.notes,
      details: transcript.details,
      memberReadAt: transcript.memberReadAt,
    }));
  }

  useEffect(() => {
    const s = connectConsole();
    socketRef.current = s;
    const refresh = () => s.emit('queue:list', (r) => r.ok && setQueue(r.chats));
    const report = () => s.emit('agent:status', statusRef.current, () => undefined);
    s.on('connect', () => {
      setConnected(true);
      setNotice('');
      report();
      refresh();
      s.emit('chat:mine', (r) => {
        if (!r.ok) return;
        setChats((all) => all.filter((c) => r.chats.some((m) => m.sessionId === c.sessionId)));
        for (const chat of r.chats) void load(s, chat);
        if (!activeRef.current && r.chats[0]) setActiveId(r.chats[0].sessionId);
      });
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wasConnected = false;
    s.on('connect', () => (wasConnected = true));
    s.on('disconnect', (reason) => {
      setConnected(false);
      // socket.io reconnects by itself after a lost connection, but not when the server ended it
      // (a restart, or a session that was ended): try again; the handshake tells which it was.
      if (reason === 'io server disconnect') retry = setTimeout(() => s.connect(), RECONNECT_AFTER_SERVER_DISCONNECT_MS);
    });
    s.on('connect_error', (err) => {
      if (err.message === 'unauthenticated' && wasConnected) {
        // Logged out, disabled or expired: the page shows the login again.
        setNotice('Ihre Sitzung ist beendet. Bitte melden Sie sich neu an.');
        window.location.reload();
        return;
      }
      setNotice(
        err.message === 'forbidden' ? 'Der Live-Chat ist nur für die Kundenberatung.' : 'Keine Verbindung zum Live-Chat. Neuer Versuch …',
      );
      // A refused handshake (not a network error) is not retried by socket.io itself.
      if (!s.active) retry = setTimeout(() => s.connect(), RECONNECT_AFTER_SERVER_DISCONNECT_MS * 5);
    });
    s.on('queue:changed', refresh);
    s.on('chat:line', (line) => {
      update(line.sessionId, (c) => ({
        ...c,
        lines: merge(c.lines, [line]),
        memberTyping: line.from === 'member' ? false : c.memberTyping,
        unread: line.from === 'member' && activeRef.current !== line.sessionId ? c.unread + 1 : c.unread,
      }));
    });
    s.on('chat:typing', (sessionId) => {
      update(sessionId, (c) => ({ ...c, memberTyping: true }));
      clearTimeout(typingTimers.current.get(sessionId));
      typingTimers.current.set(
        sessionId,
        setTimeout(() => update(sessionId, (c) => ({ ...c, memberTyping: false })), TYPING_SHOWN_MS),
      );
    });
    s.on('chat:read', (sessionId, readAt) => update(sessionId, (c) => ({ ...c, memberReadAt: readAt })));
    s.on('chat:assigned', (chat) => {
      setNotice('Eine Kollegin oder ein Kollege hat Ihnen ein Gespräch übergeben.');
      void load(s, chat);
      if (!activeRef.current) setActiveId(chat.sessionId);
    });
    s.on('chat:closed', (sessionId) => {
      setChats((all) => all.filter((c) => c.sessionId !== sessionId));
      if (activeRef.current === sessionId) setActiveId(null);
    });
    const heartbeat = setInterval(() => {
      report();
      refresh();
    }, HEARTBEAT_MS);
    return () => {
      clearInterval(heartbeat);
      clearTimeout(retry);
      for (const timer of typingTimers.current.values()) clearTimeout(timer);
      s.disconnect();
    };
  }, []);

  /** Shows a failed command's German message; true when it worked. */
  function answered(result: { ok: true } | { ok: false; message: string }): boolean {
    if (!result.ok) setNotice(result.message);
    else setNotice('');
    return result.ok;
  }

  const socket = () => socketRef.current!;

  /**
   * A command that changes something: refused at once while disconnected (socket.io would hold
   * it back and send it much later, or never), and counted as failed without an answer in time.
   */
  async function command<R extends { ok: true } | { ok: false; message: string }>(
    run: (s: ConsoleSocket) => Promise<R>,
  ): Promise<R | { ok: false; message: string }> {
    const s = socket();
    if (!s.connected) return { ok: false, message: NOT_SENT };
    try {
      return await run(s.timeout(COMMAND_TIMEOUT_MS) as unknown as ConsoleSocket);
    } catch {
      return { ok: false, message: NOT_SENT };
    }
  }

  return {
    connected,
    status,
    queue,
    chats,
    active: chats.find((c) => c.sessionId === activeId) ?? null,
    notice,
    setStatus(next: AgentStatus) {
      setStatusState(next);
      socket().emit('agent:status', next, () => undefined);
    },
    open(sessionId: string) {
      setActiveId(sessionId);
      update(sessionId, (c) => ({ ...c, unread: 0 }));
    },
    async accept(waiting: WaitingChat) {
      const result = await command((s) => s.emitWithAck('queue:accept', waiting.sessionId));
      if (!answered(result) || !result.ok) return;
      setActiveId(result.chat.sessionId);
      await load(socket(), result.chat);
    },
    async send(sessionId: string, text: string): Promise<boolean> {
      return answered(await command((s) => s.emitWithAck('chat:send', sessionId, text)));
    },
    typing(sessionId: string) {
      socket().emit('chat:typing', sessionId, () => undefined);
    },
    async note(sessionId: string, text: string): Promise<boolean> {
      const result = await command((s) => s.emitWithAck('chat:note', sessionId, text));
      if (result.ok) update(sessionId, (c) => ({ ...c, notes: [...c.notes, result.note] }));
      return answered(result);
    },
    async colleagues() {
      const result = await socket().emitWithAck('agents:list');
      return answered(result) && result.ok ? result.agents : [];
    },
    async transfer(sessionId: string, agentId: string): Promise<boolean> {
      return answered(await command((s) => s.emitWithAck('chat:transfer', sessionId, agentId)));
    },
    async close(sessionId: string, how: ChatClose): Promise<boolean> {
      return answered(await command((s) => s.emitWithAck('chat:end', sessionId, how)));
    },
  };
}

export type LiveChat = ReturnType<typeof useLiveChat>;
