import type { JobsOptions } from 'bullmq';
import type { Logger } from '../../platform/logging/logger.js';
import type { JobQueues } from '../../platform/queue/queues.js';
import type { DeliveriesRepository, DeliveryRow } from './deliveries.repository.js';

export interface DeliveryRetries {
  maxAttempts: number;
  backoffMs: number;
}

/**
 * Moves the outbox's rows onto the delivery queue. One job per delivery and redelivery (the job
 * id says which), so queuing the same one twice, from the routing and from the sweep, is a no-op.
 */
export class DeliveryOutbox {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly queues: JobQueues,
    private readonly retries: DeliveryRetries,
    private readonly logger: Logger,
  ) {}

  private jobOptions(delivery: DeliveryRow): JobsOptions {
    return {
      jobId: `delivery-${delivery.id}-${delivery.redeliveries}`,
      attempts: this.retries.maxAttempts,
      backoff: { type: 'exponential', delay: this.retries.backoffMs },
      removeOnComplete: true,
    };
  }

  private async enqueue(delivery: DeliveryRow): Promise<void> {
    await this.queues.add('document-delivery', { deliveryId: delivery.id }, this.jobOptions(delivery));
  }

  /** After a document was routed: queue its hand-overs. */
  async dispatch(documentId: string): Promise<void> {
    for (const delivery of await this.deliveries.pushedPending(documentId)) await this.enqueue(delivery);
  }

  /** Retries used up: into the dead letter, for an admin to look at. */
  async giveUp(deliveryId: string, error: string): Promise<void> {
    const failed = await this.deliveries.fail(deliveryId, error);
    this.logger.warn({ deliveryId, failed }, 'Delivery failed for good; waiting for an admin to redeliver');
  }

  /** An admin sends a failed delivery again. Returns false when it is not (or no longer) failed. */
  async redeliver(deliveryId: string): Promise<boolean> {
    const reopened = await this.deliveries.reopen(deliveryId);
    if (!reopened) return false;
    await this.enqueue(reopened);
    return true;
  }

  /** Re-queues deliveries pending for longer than `staleAfterMs` (their job was lost). */
  async sweep(now: Date, staleAfterMs: number): Promise<number> {
    const stale = await this.deliveries.stalePending(new Date(now.getTime() - staleAfterMs));
    for (const delivery of stale) {
      // A job that failed for good while its failure went unrecorded (the process died): record it now.
      const job = await this.queues.queue('document-delivery').getJob(this.jobOptions(delivery).jobId!);
      if (job && (await job.isFailed())) await this.giveUp(delivery.id, job.failedReason || 'Zustellung fehlgeschlagen');
      else await this.enqueue(delivery);
    }
    if (stale.length > 0) this.logger.info({ count: stale.length }, 'Delivery sweep re-queued deliveries');
    return stale.length;
  }
}
