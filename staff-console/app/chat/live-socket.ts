import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../socket/events.js';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The console's socket.io connection: same origin, the staff session cookie authenticates it. */
export function connectConsole(): ConsoleSocket {
  return io({ path: '/socket.io', transports: ['websocket'], withCredentials: true });
}
