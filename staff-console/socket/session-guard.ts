import type { SessionsRepository } from '../../domain/staff/sessions.repository.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AgentSocket, LiveChatServer } from './connection.js';
import { fail } from './guarded.js';

/** How often this node checks that its sockets' sessions are still live (logout, disabled user, expiry). */
export const SESSION_CHECK_INTERVAL_MS = 1000;

/** Commands per socket: a burst of this many, refilled at this rate per second. */
const COMMAND_BURST = 30;
const COMMANDS_PER_SECOND = 10;
/** A socket that keeps sending past its limit is disconnected after this many refused commands. */
const REFUSALS_BEFORE_DISCONNECT = 100;

/** A token bucket: `take()` is false once the burst is spent faster than it refills. */
export class CommandBudget {
  private tokens = COMMAND_BURST;
  private last = Date.now();

  take(now = Date.now()): boolean {
    this.tokens = Math.min(COMMAND_BURST, this.tokens + ((now - this.last) / 1000) * COMMANDS_PER_SECOND);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Closes every socket on this node whose staff session has ended (logged out, user disabled,
 * expired), once a second with one query for all of them. Returns the stop function.
 */
export function watchSessions(io: LiveChatServer, sessions: SessionsRepository, clock: Clock, logger: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const sockets = [...io.of('/').sockets.values()];
    sessions
      .liveAmong([...new Set(sockets.map((s) => s.data.sessionToken))], clock())
      .then((live) => {
        for (const socket of sockets) if (!live.has(socket.data.sessionToken)) socket.disconnect(true);
      })
      .catch((err: unknown) => logger.warn({ err }, 'Live chat: session check failed'))
      .finally(() => (running = false));
  }, SESSION_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Every command passes two checks before its handler runs: the socket's session is still live
 * (so nothing runs after a logout or a disabled account, even between two watch rounds), and
 * the socket keeps within its command budget. A refused command is answered, never dropped
 * silently; a socket that floods is disconnected.
 */
export function guardCommands(socket: AgentSocket, sessions: SessionsRepository, clock: Clock): void {
  const budget = new CommandBudget();
  let refused = 0;
  socket.use((packet, next) => {
    const ack = packet.at(-1);
    const answer = (error: string, message: string) => {
      if (typeof ack === 'function') ack(fail(error, message));
    };
    // Every command is answered through its acknowledgement; one sent without is malformed.
    if (typeof ack !== 'function') {
      if (++refused >= REFUSALS_BEFORE_DISCONNECT) socket.disconnect(true);
      return;
    }
    if (!budget.take()) {
      answer('rate_limited', 'Zu viele Aktionen in kurzer Zeit. Bitte einen Moment warten.');
      if (++refused >= REFUSALS_BEFORE_DISCONNECT) socket.disconnect(true);
      return;
    }
    const now = clock();
    sessions
      .findLive(socket.data.sessionToken, now)
      .then(async (found) => {
        if (!found || found === 'expired') {
          answer('unauthenticated', 'Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.');
          socket.disconnect(true);
          return;
        }
        // A command is the agent at work: it keeps the session from idling out (the status heartbeat does not).
        if (packet[0] !== 'agent:status') await sessions.touch(found.session, now);
        next();
      })
      .catch(() => answer('internal', 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.'));
  });
}
