import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { QUEUE_NAMES, jobSchemas, type JobPayload, type QueueName } from './job-map.js';

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Typed producers for every queue in the job map. */
export class JobQueues {
  private readonly queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix: string, logger: Logger) {
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        // Without a listener BullMQ prints connection errors to the console, outside our logger.
        queue.on('error', (err) => logger.debug({ err, queue: name }, 'Queue connection error'));
        return [name, queue] as const;
      }),
    );
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  /** Adds a job after checking its payload; `jobId` makes the add idempotent. */
  async add<Q extends QueueName>(name: Q, payload: JobPayload<Q>, options: JobsOptions = {}) {
    const data = jobSchemas[name].parse(payload);
    return this.queue(name).add(name, data, options);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
