import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../staff-console/socket/events.js';
import type { TestServer } from './server.js';

export type AgentClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Connects a staff console's socket; resolves once connected or rejects with the handshake's
 * error. Each its own connection (socket.io-client would otherwise share one per server, with
 * the first cookie), no reconnection. Sockets made go into `opened`, for the test to close.
 */
export function consoleSocket(
  node: TestServer,
  opened: AgentClient[],
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<AgentClient> {
  const socket: AgentClient = connect(node.baseUrl, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}
