import { UnrecoverableError } from 'bullmq';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import type { DeliveriesRepository } from '../../domain/documents/deliveries.repository.js';
import { readDeliveryIndex, type DeliveryIndex } from '../../domain/documents/delivery-index.js';
import type { DeliveryTarget } from '../../domain/documents/delivery-targets.js';
import type { ExportFileLinks } from './file-links.js';
import { writeToHotFolder } from './hot-folder.js';
import { postWebhook } from './webhook.js';

/** What a webhook receives: one event per delivery. */
export interface WebhookBody {
  /** The delivery's id: also the Idempotency-Key header. */
  id: string;
  event: 'document.routed';
  target: string;
  document: DeliveryIndex;
}

export interface DocumentDeliveryDeps {
  db: Database;
  deliveries: DeliveriesRepository;
  targets: readonly DeliveryTarget[];
  storage: FileStorage;
  links: ExportFileLinks;
  logger: Logger;
  clock: Clock;
  /** Counts hand-overs by kind and outcome (Prometheus). */
  count?: (kind: string, outcome: 'delivered' | 'error') => void;
}

/**
 * The delivery queue's job: hands one routed document to one target. The attempt is counted
 * before anything leaves the house; success is recorded after the target has it. A crash in
 * between repeats the hand-over with the same idempotency key (webhook) or the same file names
 * (folder), never loses it.
 */
export class DocumentDelivery {
  constructor(private readonly deps: DocumentDeliveryDeps) {}

  async handle(deliveryId: string): Promise<void> {
    const { deliveries, logger } = this.deps;
    const delivery = await deliveries.claim(deliveryId);
    if (!delivery) {
      logger.debug({ deliveryId }, 'Delivery no longer pending; job ignored');
      return;
    }
    const target = this.deps.targets.find((t) => t.name === delivery.target && t.kind === delivery.kind);
    try {
      if (!target || target.kind === 'pull') throw new UnrecoverableError(`Ziel „${delivery.target}“ ist nicht (mehr) eingerichtet`);
      const index = await readDeliveryIndex(this.deps.db, delivery.documentId, delivery.createdAt, (id) =>
        this.deps.links.make(id, this.deps.clock()),
      );
      if (!index) throw new UnrecoverableError('Dokument nicht mehr vorhanden');
      const { fileId, ...document } = index;
      if (target.kind === 'webhook') {
        const body: WebhookBody = { id: delivery.id, event: 'document.routed', target: target.name, document };
        await postWebhook({
          url: target.url,
          secret: target.secret,
          timeoutMs: target.timeoutMs,
          body: JSON.stringify(body),
          idempotencyKey: delivery.id,
          attempt: delivery.attempts,
          now: this.deps.clock(),
        });
        await deliveries.settle(delivery.id, 'acknowledged');
      } else {
        await writeToHotFolder(target.directory, document.files[0]!.name, await this.deps.storage.readAll(fileId), document);
        await deliveries.settle(delivery.id, 'delivered');
      }
      this.deps.count?.(delivery.kind, 'delivered');
      logger.info(
        { deliveryId, documentId: delivery.documentId, target: delivery.target, attempt: delivery.attempts },
        'Document delivered',
      );
    } catch (err) {
      this.deps.count?.(delivery.kind, 'error');
      await deliveries.recordError(delivery.id, (err as Error).message);
      throw err;
    }
  }
}
