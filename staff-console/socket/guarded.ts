import type { Logger } from '../../platform/logging/logger.js';
import type { AgentSocket } from './connection.js';
import type { ClientToServerEvents } from './events.js';

export const fail = (error: string, message: string) => ({ ok: false as const, error, message });

/**
 * Registers a command whose handler may fail: the failure is logged and still answered, so the
 * console never waits for an acknowledgement that does not come.
 */
export function guarded(socket: AgentSocket, logger: Logger) {
  return <E extends keyof ClientToServerEvents>(event: E, handler: (...args: Parameters<ClientToServerEvents[E]>) => Promise<void>) => {
    const run = async (...args: Parameters<ClientToServerEvents[E]>) => {
      try {
        await handler(...args);
      } catch (err) {
        logger.error({ err, event }, 'Live chat command failed');
        const ack = args.at(-1);
        if (typeof ack === 'function') ack(fail('internal', 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.'));
      }
    };
    socket.on(event, run as never);
  };
}
