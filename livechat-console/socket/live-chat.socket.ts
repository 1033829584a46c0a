import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { readSessionToken } from '../../core/auth/session.middleware.js';
import type { Clock } from '../../core/clock.js';
import type { SessionsRepository } from '../../core/auth/sessions.repository.js';
import type { Logger } from '../../core/logging/logger.js';
import type { AgentPresence } from '../../core/livechat/agent-presence.js';
import type { LiveChatQueue, LiveChatSession } from '../../core/livechat/livechat-queue.js';
import type { QueueEvents } from '../../core/livechat/queue-events.js';
import type { Redis } from 'ioredis';
import type { Ack, ChatLine, ClientToServerEvents, ServerToClientEvents, SocketData } from './events.js';

type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface Activity {
  id?: string;
  type?: string;
  text?: string;
  timestamp?: string;
  from?: { role?: string; id?: string };
}

/** Who wrote an activity, as the agent reads it. Agents' messages are sent with the id "agent". */
function authorOf(activity: Activity): ChatLine['from'] {
  if (activity.from?.role === 'user') return 'member';
  return activity.from?.id === 'agent' ? 'agent' : 'bot';
}

function lineOf(sessionId: string, activity: Activity): ChatLine {
  return { sessionId, id: activity.id ?? '', from: authorOf(activity), text: activity.text ?? '', timestamp: activity.timestamp ?? new Date().toISOString() };
}

export interface LiveChatSocketDeps {
  sessions: SessionsRepository;
  cookieName: string;
  queue: LiveChatQueue;
  presence: AgentPresence;
  /** Members joining or leaving the queue on this node (the bot's side). */
  queueChanges: QueueEvents;
  maxChatsPerAgent: number;
  /** Sends into the member's conversation (the channel's proactive path). */
  postToMember(conversationId: string, text: string, as: 'agent' | 'bot', name?: string): Promise<{ id: string }>;
  /** Shows the member that the agent is typing (not stored). */
  typingToMember(conversationId: string, name: string): Promise<unknown>;
  /** The conversation's stored activities (the transcript). */
  transcript(conversationId: string): Promise<Activity[]>;
  /** Calls the listener with every activity of a conversation, on whichever node it was posted. */
  subscribe(conversationId: string, listener: (activities: Activity[]) => void): Promise<() => Promise<void>>;
  redis: { pub: Redis; sub: Redis };
  clock: Clock;
  logger: Logger;
}

export const LIVECHAT_TEXTS = {
  joined: (name: string) => `${name} ist jetzt für Sie da.`,
  ended: 'Der Chat mit unserer Mitarbeiterin oder unserem Mitarbeiter ist beendet. Ich bin wieder für Ihre Fragen da.',
} as const;

const text = z.string().trim().min(1).max(2000);
const sessionId = z.uuid();
const status = z.enum(['available', 'busy', 'away']);

const fail = (error: string, message: string) => ({ ok: false as const, error, message });

/**
 * The agents' real-time side of the live chat over socket.io: the handshake checks the staff
 * session cookie and the role (agents and admins), every command is acknowledged, the Redis
 * adapter carries broadcasts between web nodes, and a member's messages reach the agent's
 * socket from whichever node the member wrote to.
 */
export function attachLiveChatSocket(http: HttpServer, deps: LiveChatSocketDeps): Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    adapter: createAdapter(deps.redis.pub, deps.redis.sub),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  // Every node's consoles hear of it, through the Redis adapter.
  deps.queueChanges.on('changed', () => io.emit('queue:changed'));

  io.use(async (socket, next) => {
    const token = readSessionToken(socket.request, deps.cookieName);
    const found = token ? await deps.sessions.findLive(token, deps.clock()) : undefined;
    if (!found || found === 'expired') return next(new Error('unauthenticated'));
    if (found.user.role !== 'agent' && found.user.role !== 'admin') return next(new Error('forbidden'));
    socket.data.userId = found.user.id;
    socket.data.displayName = found.user.displayName || found.user.username;
    next();
  });

  io.on('connection', (socket: AgentSocket) => {
    /** Every command answers, also when it fails: the console never waits for an acknowledgement that does not come. */
    const guarded =
      <A extends unknown[]>(event: string, handler: (...args: A) => Promise<void>) =>
      async (...args: A) => {
        try {
          await handler(...args);
        } catch (err) {
          deps.logger.error({ err, event }, 'Live chat command failed');
          const ack = args.at(-1);
          if (typeof ack === 'function') ack(fail('internal', 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.'));
        }
      };
    const unsubscribers = new Map<string, () => Promise<void>>();

    /** Forwards the member's messages of one chat to this agent's socket. */
    const follow = async (session: Pick<LiveChatSession, 'id' | 'conversationId'>) => {
      if (unsubscribers.has(session.id)) return;
      const stop = await deps.subscribe(session.conversationId, (activities) => {
        for (const a of activities) {
          if (a.type === 'message' && a.id) socket.emit('chat:line', lineOf(session.id, a));
          else if (a.type === 'typing' && a.from?.role === 'user') socket.emit('chat:typing', session.id);
        }
      });
      unsubscribers.set(session.id, stop);
    };

    const ownActive = async (id: string): Promise<LiveChatSession | undefined> => {
      const session = await deps.queue.find(id);
      return session?.status === 'active' && session.acceptedBy === socket.data.userId ? session : undefined;
    };

    socket.on('agent:status', guarded('agent:status', async (value, ack: Ack) => {
      const parsed = status.safeParse(value);
      if (!parsed.success) return ack(fail('invalid', 'Unbekannter Status.'));
      await deps.presence.report(socket.data.userId, parsed.data, deps.clock());
      ack({ ok: true });
    }));

    socket.on('queue:list', guarded('queue:list', async (ack) => {
      const waiting = await deps.queue.waiting();
      ack({
        ok: true,
        chats: waiting.map((s) => ({ sessionId: s.id, topic: s.topic, requestedAt: s.requestedAt.toISOString(), recentMessages: s.summary.recentMessages, trackingIds: s.summary.trackingIds })),
      });
    }));

    socket.on('queue:accept', guarded('queue:accept', async (value, ack) => {
      const id = sessionId.safeParse(value);
      if (!id.success) return ack(fail('invalid', 'Unbekanntes Gespräch.'));
      const session = await deps.queue.accept(id.data, socket.data.userId, deps.maxChatsPerAgent);
      if (!session) {
        const running = (await deps.queue.activeFor(socket.data.userId)).length;
        if (running >= deps.maxChatsPerAgent) return ack(fail('limit', `Sie führen bereits ${running} Gespräche; beenden Sie zuerst eines.`));
        return ack(fail('taken', 'Dieses Gespräch hat bereits jemand anderes angenommen.'));
      }
      await follow(session);
      await deps.postToMember(session.conversationId, LIVECHAT_TEXTS.joined(socket.data.displayName), 'agent', socket.data.displayName);
      deps.queueChanges.emit('changed', { reason: 'taken', movedUpAfter: session.requestedAt });
      ack({ ok: true, conversationId: session.conversationId });
    }));

    socket.on('chat:transcript', guarded('chat:transcript', async (id, ack) => {
      const parsedId = sessionId.safeParse(id);
      const session = parsedId.success ? await deps.queue.find(parsedId.data) : undefined;
      const allowed = session && (session.status === 'waiting' || (session.status === 'active' && session.acceptedBy === socket.data.userId));
      if (!session || !allowed) return ack(fail('not_yours', 'Dieses Gespräch können Sie nicht einsehen.'));
      const activities = await deps.transcript(session.conversationId);
      ack({ ok: true, lines: activities.filter((a) => a.type === 'message' && a.text).map((a) => lineOf(session.id, a)) });
    }));

    socket.on('chat:send', guarded('chat:send', async (id, value, ack) => {
      const parsedId = sessionId.safeParse(id);
      const parsedText = text.safeParse(value);
      if (!parsedId.success || !parsedText.success) return ack(fail('invalid', 'Die Nachricht ist leer oder zu lang.'));
      const session = await ownActive(parsedId.data);
      if (!session) return ack(fail('not_yours', 'Dieses Gespräch führen Sie nicht (mehr).'));
      const { id: activityId } = await deps.postToMember(session.conversationId, parsedText.data, 'agent', socket.data.displayName);
      ack({ ok: true, id: activityId });
    }));

    socket.on('chat:typing', guarded('chat:typing', async (id, ack) => {
      const parsedId = sessionId.safeParse(id);
      const session = parsedId.success ? await ownActive(parsedId.data) : undefined;
      if (!session) return ack(fail('not_yours', 'Dieses Gespräch führen Sie nicht (mehr).'));
      await deps.typingToMember(session.conversationId, socket.data.displayName);
      ack({ ok: true });
    }));

    socket.on('chat:end', guarded('chat:end', async (id, ack) => {
      const parsedId = sessionId.safeParse(id);
      const session = parsedId.success ? await ownActive(parsedId.data) : undefined;
      if (!session || !(await deps.queue.end(session.id))) return ack(fail('not_yours', 'Dieses Gespräch führen Sie nicht (mehr).'));
      await deps.postToMember(session.conversationId, LIVECHAT_TEXTS.ended, 'bot');
      await unsubscribers.get(session.id)?.();
      unsubscribers.delete(session.id);
      ack({ ok: true });
    }));

    socket.on('disconnect', () => {
      for (const stop of unsubscribers.values()) stop().catch((err: unknown) => deps.logger.warn({ err }, 'Live chat unsubscribe failed'));
      unsubscribers.clear();
    });

    // A reconnecting agent follows their running chats again.
    void deps.queue
      .activeFor(socket.data.userId)
      .then((sessions) => Promise.all(sessions.map(follow)))
      .catch((err: unknown) => deps.logger.error({ err }, 'Live chat: could not follow the agent\'s chats'));
  });

  return io;
}
