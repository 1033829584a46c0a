import { Gauge, type Registry } from 'prom-client';
import { QUEUE_NAMES } from './job-map.js';
import type { JobQueues } from './queues.js';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** `queue_jobs{queue,state}`: read from Redis when Prometheus scrapes. */
export function registerQueueDepth(registry: Registry, queues: JobQueues): void {
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const name of QUEUE_NAMES) {
        const counts = await queues.queue(name).getJobCounts(...STATES);
        for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
}
