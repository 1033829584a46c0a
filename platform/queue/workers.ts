import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { jobSchemas, type JobPayload, type QueueName } from './job-map.js';

export type JobHandler<Q extends QueueName> = (payload: JobPayload<Q>, job: Job) => Promise<void>;
export type JobHandlers = { [Q in QueueName]?: JobHandler<Q> };

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  logger: Logger;
  concurrency?: Partial<Record<QueueName, number>>;
  /** Counts finished jobs by queue and outcome (Prometheus). */
  jobsProcessed?: { inc(labels: { queue: string; outcome: string }): void };
  /** Told about every failed attempt; `final` when no retry follows (attempts used up or unrecoverable). */
  onFailed?: (queue: QueueName, job: Job, error: Error, final: boolean) => Promise<void>;
}

/** The running consumers of this process. `close()` lets in-flight jobs finish first. */
export class WorkerGroup {
  constructor(private readonly workers: Worker[]) {}

  get size(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

function makeProcessor<Q extends QueueName>(queue: Q, handler: JobHandler<Q>) {
  return async (job: Job) => {
    const parsed = jobSchemas[queue].safeParse(job.data);
    // A payload that does not match the job map will never succeed: fail it without retries.
    if (!parsed.success)
      throw new UnrecoverableError(`Invalid ${queue} payload: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    await handler(parsed.data as JobPayload<Q>, job);
  };
}

export function startWorkers(handlers: JobHandlers, options: WorkerOptions): WorkerGroup {
  const workers = (Object.keys(handlers) as QueueName[]).map((queue) => {
    const handler = handlers[queue] as JobHandler<typeof queue>;
    const worker = new Worker(queue, makeProcessor(queue, handler), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency?.[queue] ?? 1,
    });
    worker.on('completed', () => options.jobsProcessed?.inc({ queue, outcome: 'completed' }));
    worker.on('failed', (job, err) => {
      options.jobsProcessed?.inc({ queue, outcome: 'failed' });
      options.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err }, 'Job failed');
      if (!job || !options.onFailed) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      options
        .onFailed(queue, job, err, final)
        .catch((hookError: unknown) => options.logger.error({ queue, jobId: job.id, err: hookError }, 'Failure handler failed'));
    });
    worker.on('error', (err) => options.logger.error({ queue, err }, 'Worker error'));
    return worker;
  });
  return new WorkerGroup(workers);
}
