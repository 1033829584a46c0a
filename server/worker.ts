import { startWorkers, type JobHandlers, type WorkerGroup } from '../platform/queue/workers.js';
import type { JobPayload } from '../platform/queue/job-map.js';
import { stageOfQueue } from '../intake-pipeline/pipeline.js';
import type { Core } from './container.js';
import { HOUSEKEEPING_EVERY, housekeeping } from './housekeeping.js';

/** The job handlers of this system, by queue. Later parts add their stages here. */
export function jobHandlers(core: Core): JobHandlers {
  return {
    housekeeping: housekeeping(core),
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
