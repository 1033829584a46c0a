import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { z } from 'zod';
import { readSessionToken } from '../../domain/staff/session.middleware.js';
import { registerChatCommands } from './chat-commands.js';
import { agentRoom, openChatOf, type AgentSocket, type LiveChatServer, type LiveChatSocketDeps } from './connection.js';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './events.js';

export type { LiveChatSocketDeps } from './connection.js';
import { fail, guarded } from './guarded.js';
import { guardCommands, watchSessions } from './session-guard.js';

/** No Origin (a non-browser client, which carries no victim's cookie) or our own. */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, publicOrigin: string): boolean {
  if (origin === undefined) return true;
  if (origin === publicOrigin) return true;
  const parsed = URL.parse(origin);
  return parsed !== null && host !== undefined && parsed.host === host;
}

const sessionId = z.uuid();
const status = z.enum(['available', 'busy', 'away']);

/**
 * The agents' real-time side of the live chat over socket.io: the handshake checks the staff
 * session cookie and the role (agents and admins), every command is acknowledged, and the
 * Redis adapter carries broadcasts between web nodes. Queue and status commands live here,
 * the commands on a running chat in chat-commands.ts.
 */
export function attachLiveChatSocket(http: HttpServer, deps: LiveChatSocketDeps): { io: LiveChatServer; close(): Promise<void> } {
  const io: LiveChatServer = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    // The installation's prefix keeps two installations on one Redis from hearing each other.
    adapter: createAdapter(deps.redis.pub, deps.redis.sub, { key: `${deps.redis.prefix}:socket.io` }),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    // A browser always names the page's origin: another site's page cannot ride on an agent's cookie.
    allowRequest: (req, callback) => callback(null, isOwnOrigin(req.headers.origin, req.headers.host, deps.publicOrigin)),
    maxHttpBufferSize: 64 * 1024,
  });
  const stopWatching = watchSessions(io, deps.sessions, deps.clock, deps.logger);

  // Every node's consoles hear of it, through the Redis adapter.
  const stopAnnouncing = deps.events.on('livechat.queueChanged', () => void io.emit('queue:changed'));

  io.use(async (socket, next) => {
    const token = readSessionToken(socket.request, deps.cookieName);
    const found = token ? await deps.sessions.findLive(token, deps.clock()) : undefined;
    if (!found || found === 'expired') return next(new Error('unauthenticated'));
    if (found.user.role !== 'agent' && found.user.role !== 'admin') return next(new Error('forbidden'));
    if (found.user.mustChangePassword) return next(new Error('password_change_required'));
    socket.data.userId = found.user.id;
    socket.data.sessionToken = token!;
    socket.data.displayName = found.user.displayName || found.user.username;
    next();
  });

  io.on('connection', (socket: AgentSocket) => {
    // A client's own protocol errors end its socket, nothing else.
    socket.on('error', () => socket.disconnect(true));
    guardCommands(socket, deps.sessions, deps.clock);
    void socket.join(agentRoom(socket.data.userId));
    const on = guarded(socket, deps.logger);
    const chats = registerChatCommands(io, socket, deps);

    on('agent:status', async (value, ack) => {
      const parsed = status.safeParse(value);
      if (!parsed.success) return ack(fail('invalid', 'Unbekannter Status.'));
      await deps.presence.report(socket.data.userId, parsed.data, deps.clock());
      ack({ ok: true });
    });

    on('agents:list', async (ack) => {
      const others = (await deps.presence.available(deps.clock())).filter((id) => id !== socket.data.userId);
      const counts = await deps.queue.activeCounts(others);
      const agents = await Promise.all(
        [...counts]
          .filter(([, n]) => n < deps.maxChatsPerAgent)
          .map(async ([id, n]) => ({ id, name: (await deps.staffName(id)) ?? '', chats: n })),
      );
      ack({ ok: true, agents: agents.sort((a, b) => a.chats - b.chats || a.name.localeCompare(b.name, 'de')) });
    });

    on('queue:list', async (ack) => {
      const waiting = await deps.queue.waiting();
      ack({
        ok: true,
        chats: waiting.map((s) => ({
          sessionId: s.id,
          topic: s.topic,
          requestedAt: s.requestedAt.toISOString(),
          recentMessages: s.summary.recentMessages,
          trackingIds: s.summary.trackingIds,
        })),
      });
    });

    on('queue:accept', async (value, ack) => {
      const id = sessionId.safeParse(value);
      if (!id.success) return ack(fail('invalid', 'Unbekanntes Gespräch.'));
      const session = await deps.queue.accept(id.data, socket.data.userId, deps.maxChatsPerAgent);
      if (!session) {
        const running = (await deps.queue.activeFor(socket.data.userId)).length;
        if (running >= deps.maxChatsPerAgent)
          return ack(fail('limit', `Sie führen bereits ${running} Gespräche; beenden Sie zuerst eines.`));
        return ack(fail('taken', 'Dieses Gespräch hat bereits jemand anderes angenommen.'));
      }
      await chats.join(session);
      await deps.events
        .emit('livechat.queueChanged', { reason: 'taken', movedUpAfter: session.requestedAt })
        .catch((err: unknown) => deps.logger.warn({ err }, 'Live chat: queue change not announced'));
      ack({ ok: true, chat: openChatOf(session) });
    });

    on('chat:mine', async (ack) => {
      ack({ ok: true, chats: (await deps.queue.activeFor(socket.data.userId)).map(openChatOf) });
    });
  });

  return {
    io,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatching();
        stopAnnouncing();
        void io.close(() => resolve());
      }),
  };
}
