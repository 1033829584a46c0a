/**
 * The one program. `--role web` serves HTTP, `--role worker` consumes queues, `--role all`
 * (the default) does both in one process, as the quick start runs it.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type AppConfig } from './config/index.js';
import { EmbeddedDatabaseInUseError } from '../platform/db/embedded-lock.js';
import { buildCore, type Role } from './container.js';
import { exitGracefullyOnSignal } from './shutdown.js';
import { startWeb } from './web.js';
import { announceFirstAdmin } from './first-run.js';
import { startWorker } from './worker.js';

const ROLES: readonly Role[] = ['web', 'worker', 'all'];
/** How long start-up waits for Redis before it says so (the workers keep waiting). */
const REDIS_PATIENCE_MS = 5000;

function parseRole(): Role {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } }, strict: true });
  const role = values.role as Role;
  if (!ROLES.includes(role)) {
    console.error(`Unknown role "${values.role}". Use --role web, --role worker or --role all.`);
    process.exit(2);
  }
  return role;
}

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function main() {
  const role = parseRole();
  const config = configOrExit();
  const core = await buildCore(config, { role });
  const stops: Array<() => Promise<void>> = [];
  let shuttingDown = false;

  // Register the handler first, so a signal during start-up still shuts down cleanly.
  exitGracefullyOnSignal(core.logger, config.shutdownTimeoutMs, async () => {
    shuttingDown = true;
    for (const stop of stops.reverse()) await stop();
    await core.close();
  });

  // The web role first: with Redis away it still opens its port, and /readyz names what is missing.
  if (role === 'web' || role === 'all') {
    const web = await startWeb(core);
    stops.push(() => web.close());
    await announceFirstAdmin(core);
  }
  if (role === 'worker' || role === 'all') {
    // OCR workers load their language data, and the type model is trained, before the first document arrives.
    // A signal during the warm-up closes what it was warming up: then nothing more is started.
    await core.intake.warmUp().catch((err: unknown) => {
      if (!shuttingDown) throw err;
    });
    if (shuttingDown) return;
    const redis = new URL(config.redis.url);
    const waiting = setTimeout(
      () =>
        core.logger.error(
          { redis: `${redis.hostname}:${redis.port || 6379}` },
          'Redis does not answer; the queue workers start as soon as it does (until then /readyz answers 503)',
        ),
      REDIS_PATIENCE_MS,
    );
    const workers = await startWorker(core).finally(() => clearTimeout(waiting));
    stops.push(() => workers.close());
  }
  core.logger.info({ role, parts: core.parts, database: core.database.kind }, 'Started');
}

main().catch((err: unknown) => {
  if (err instanceof EmbeddedDatabaseInUseError) console.error(err.message);
  else console.error('Start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
