import type { Logger } from '../platform/logging/logger.js';

/**
 * On SIGTERM or SIGINT runs `shutdown` once (stop accepting work, let in-flight work finish,
 * close connections) and exits 0. A second signal, or the timeout, exits at once with 1.
 */
export function exitGracefullyOnSignal(logger: Logger, timeoutMs: number, shutdown: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'Shutting down: finishing in-flight work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'Shutdown took too long: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown().then(
      () => {
        logger.info('Shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
