import { startWorkers, type JobHandlers, type WorkerGroup } from '../core/queue/workers.js';
import type { Core } from './container.js';

const TEN_MINUTES = 10 * 60 * 1000;

/** The job handlers of this system, by queue. Later parts add their stages here. */
export function jobHandlers(core: Core): JobHandlers {
  return {
    housekeeping: async ({ task }) => {
      if (task === 'purge-expired-sessions') {
        const purged = await core.sessions.purgeExpired(core.clock());
        core.logger.info({ purged }, 'Expired staff sessions purged');
      }
    },
  };
}

/** Starts the queue consumers and the recurring maintenance jobs. */
export async function startWorker(core: Core, handlers: JobHandlers = jobHandlers(core)): Promise<WorkerGroup> {
  await core.queues
    .queue('housekeeping')
    .upsertJobScheduler('purge-expired-sessions', { every: TEN_MINUTES }, { name: 'housekeeping', data: { task: 'purge-expired-sessions' } });
  const workers = startWorkers(handlers, { connection: core.redis.queue, prefix: core.config.redis.prefix, logger: core.logger });
  core.logger.info({ queues: workers.size }, 'Worker role consuming');
  return workers;
}
