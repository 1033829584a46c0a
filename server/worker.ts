import { startWorkers, type JobHandlers, type WorkerGroup } from '../platform/queue/workers.js';
import type { JobPayload } from '../platform/queue/job-map.js';
import { stageOfQueue } from '../intake-pipeline/pipeline.js';
import type { Core } from './container.js';

const TEN_MINUTES = 10 * 60 * 1000;
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** A document whose status has not moved for this long has lost its job (or waits behind many). */
const INTAKE_STUCK_AFTER_MS = 5 * MINUTE;
const DAY = 24 * HOUR;
/** A delivery pending this long after its last attempt has lost its job (a delayed retry still has one: no-op). */
const DELIVERY_STALE_AFTER_MS = 5 * MINUTE;

/** How often each maintenance task runs. */
const HOUSEKEEPING_EVERY = {
  'purge-expired-sessions': TEN_MINUTES,
  'purge-old-transcripts': DAY,
  'purge-abandoned-drafts': HOUR,
  'purge-finished-callbacks': DAY,
  'intake-sweep': MINUTE,
  'delivery-sweep': MINUTE,
} satisfies Record<JobPayload<'housekeeping'>['task'], number>;

/** The job handlers of this system, by queue. Later parts add their stages here. */
export function jobHandlers(core: Core): JobHandlers {
  return {
    housekeeping: async ({ task }) => {
      if (task === 'purge-expired-sessions') {
        const purged = await core.sessions.purgeExpired(core.clock());
        const failures = await core.login.purgeStaleFailures(core.clock());
        core.logger.info({ purged, failures }, 'Expired staff sessions and stale login failures purged');
      } else if (task === 'purge-old-transcripts') {
        const cutoff = new Date(core.clock().getTime() - core.config.chat.transcriptRetentionDays * DAY);
        const purged = await core.chat.retention.purgeIdleSince(cutoff);
        core.logger.info(purged, 'Chat transcripts and their files past their retention purged');
      } else if (task === 'purge-abandoned-drafts') {
        const cutoff = new Date(core.clock().getTime() - core.config.submissions.draftExpiryHours * HOUR);
        const purged = await core.submissions.purgeAbandonedDrafts(cutoff);
        core.logger.info({ purged }, 'Files of abandoned submissions deleted');
      } else if (task === 'purge-finished-callbacks') {
        const cutoff = new Date(core.clock().getTime() - core.config.livechat.callbackRetentionDays * DAY);
        const purged = await core.serviceRequests.purgeFinishedCallbacks(cutoff);
        core.logger.info({ purged }, 'Finished callback requests past their retention purged');
      } else if (task === 'intake-sweep') {
        await core.intake.sweep(core.clock(), INTAKE_STUCK_AFTER_MS);
      } else if (task === 'delivery-sweep') {
        await core.delivery.outbox.sweep(core.clock(), DELIVERY_STALE_AFTER_MS);
      }
    },
    'intake-scan': ({ documentId }) => core.intake.handle('scan', documentId),
    'intake-ocr': ({ documentId }) => core.intake.handle('ocr', documentId),
    'intake-classify': ({ documentId }) => core.intake.handle('classify', documentId),
    'intake-assign': ({ documentId }) => core.intake.handle('assign', documentId),
    'intake-route': ({ documentId }) => core.intake.handle('route', documentId),
    'document-delivery': ({ deliveryId }) => core.delivery.handOver.handle(deliveryId),
  };
}

/** Starts the queue consumers and the recurring maintenance jobs. */
export async function startWorker(core: Core, handlers: JobHandlers = jobHandlers(core)): Promise<WorkerGroup> {
  const housekeeping = core.queues.queue('housekeeping');
  for (const [task, every] of Object.entries(HOUSEKEEPING_EVERY) as Array<[JobPayload<'housekeeping'>['task'], number]>) {
    await housekeeping.upsertJobScheduler(task, { every }, { name: 'housekeeping', data: { task } });
  }
  const workers = startWorkers(handlers, {
    connection: core.redis.queue,
    prefix: core.config.redis.prefix,
    logger: core.logger,
    jobsProcessed: core.metrics.jobsProcessed,
    // OCR jobs run on the tesseract scheduler; one more job than workers has the next page read
    // and prepared while every worker is busy, so none waits between pages.
    concurrency: {
      'intake-scan': core.config.intake.scanConcurrency,
      'intake-ocr': core.config.intake.ocrWorkers + 1,
      ...core.config.queueConcurrency,
    },
    onFailed: async (queue, job, error, final) => {
      const stage = stageOfQueue(queue);
      if (stage) await core.intake.failed(stage, job, error, final);
      if (queue === 'document-delivery' && final)
        await core.delivery.outbox.giveUp((job.data as { deliveryId: string }).deliveryId, error.message);
    },
  });
  core.logger.info({ queues: workers.size }, 'Worker role consuming');
  return workers;
}
