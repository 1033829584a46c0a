import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { menuActions } from '../bot/menu.js';
import { DirectLineStreams } from '../channel/directline.stream.js';
import { assertWidgetAssets } from '../webchat-widget/widget.routes.js';
import { createApp } from './app.js';
import { sessionCookieName } from '../domain/staff/session.middleware.js';
import { closeRedis, createRedis } from '../platform/queue/redis.js';
import { attachLiveChatSocket } from '../staff-console/socket/live-chat.socket.js';
import type { MemberMessage } from '../staff-console/socket/connection.js';
import type { Core } from './container.js';

export interface WebRole {
  server: Server;
  port: number;
  streams: DirectLineStreams;
  close(): Promise<void>;
}

/** A text with optional buttons as the Bot Framework writes them (imBack: the member's tap sends the title). */
function messageActivity({ text, suggestedActions }: MemberMessage) {
  if (!suggestedActions?.length) return { text };
  return { text, suggestedActions: { actions: suggestedActions.map((title) => ({ type: 'imBack', title, value: title })) } };
}

/** The agents' socket.io server on the web role's HTTP server, with its own Redis pair for the adapter. */
function startLiveChatSocket(core: Core, server: Server) {
  const pub = createRedis(core.config.redis.url, 'command', core.logger);
  const sub = createRedis(core.config.redis.url, 'subscriber', core.logger);
  const { io, close } = attachLiveChatSocket(server, {
    sessions: core.sessions,
    cookieName: sessionCookieName(core.config.isProduction),
    queue: core.livechat.queue,
    notes: core.livechat.notes,
    details: core.livechat.details,
    staffName: async (userId) => (await core.staffUsers.findById(userId))?.displayName,
    presence: core.livechat.presence,
    events: core.events,
    maxChatsPerAgent: core.config.livechat.maxChatsPerAgent,
    handBackActions: menuActions(),
    postToMember: (conversationId, message, as, name) =>
      core.chat.directLine.postToMember(
        conversationId,
        { type: 'message', ...messageActivity(message), ...(name ? { from: { id: 'agent', name } } : {}) },
        as,
      ),
    typingToMember: (conversationId, name) =>
      core.chat.directLine.postToMember(conversationId, { type: 'typing', from: { id: 'agent', name } }, 'agent'),
    transcript: async (conversationId) => (await core.chat.directLine.activitiesAfter(conversationId, 0)).activities,
    subscribe: (conversationId, listener) => core.chat.fanout.subscribe(conversationId, (frame) => listener(frame.activities)),
    redis: { pub, sub, prefix: core.config.redis.channelPrefix },
    publicOrigin: new URL(core.config.http.publicUrl).origin,
    clock: core.clock,
    logger: core.logger,
  });
  return {
    io,
    /** Agents' consoles reconnect (to another node) and recover what they missed. */
    disconnect: () => io.disconnectSockets(true),
    /** After the HTTP server has closed: the engine and the adapter's Redis connections. */
    async close() {
      await close();
      await Promise.all([closeRedis(pub), closeRedis(sub)]);
    },
  };
}

/** How long in-flight HTTP requests may take to finish when the web role stops. */
const HTTP_DRAIN_GRACE_MS = 10_000;

/** Serves HTTP and WebSockets (Direct Line for members, socket.io for agents) until closed. */
export async function startWeb(core: Core, port = core.config.http.port): Promise<WebRole> {
  assertWidgetAssets();
  const server = createServer(createApp(core));
  const streams = new DirectLineStreams(core.chat.directLine, core.chat.fanout, core.chat.tokens, core.logger);
  const liveChat = startLiveChatSocket(core, server);
  server.on('upgrade', (req, socket, head) => {
    // socket.io handles its own upgrades (it listens on the same server).
    if (req.url?.startsWith('/socket.io/')) return;
    if (!streams.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancer idle timeouts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, core.config.http.host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  core.logger.info({ port: actualPort, host: core.config.http.host }, 'Web role listening');
  return {
    server,
    port: actualPort,
    streams,
    close: async () => {
      // Members' sockets are told to reconnect (to another node); then HTTP drains.
      await streams.close();
      liveChat.disconnect();
      await new Promise<void>((resolve) => {
        // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets; a request
        // still running after the grace time is cut off, so a deploy never waits forever.
        const cutOff = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_GRACE_MS);
        server.close(() => {
          clearTimeout(cutOff);
          resolve();
        });
        server.closeIdleConnections();
      });
      await liveChat.close();
    },
  };
}
