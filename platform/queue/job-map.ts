import { z } from 'zod';

/**
 * Every queue of the system and the payload its jobs carry. Payloads hold ids and small
 * instructions only; the state lives in PostgreSQL. Workers validate each payload against
 * this map before a handler sees it, so a malformed job fails visibly instead of half-running.
 */
export const jobSchemas = {
  housekeeping: z.object({
    task: z.enum([
      'purge-expired-sessions',
      'purge-old-transcripts',
      'purge-abandoned-drafts',
      'purge-finished-callbacks',
      'purge-expired-documents',
      'purge-finished-pins',
      'purge-sent-certificates',
      'intake-sweep',
      'delivery-sweep',
    ]),
  }),
  /** Intake pipeline stages: one queue each, the document's id only (PostgreSQL holds the rest). */
  'intake-scan': z.object({ documentId: z.uuid() }),
  'intake-ocr': z.object({ documentId: z.uuid() }),
  'intake-classify': z.object({ documentId: z.uuid() }),
  'intake-assign': z.object({ documentId: z.uuid() }),
  'intake-route': z.object({ documentId: z.uuid() }),
  /** Hands one routed document to one target (webhook or folder); the outbox row holds the rest. */
  'document-delivery': z.object({ deliveryId: z.uuid() }),
} as const;

export type QueueName = keyof typeof jobSchemas;
export type JobPayload<Q extends QueueName> = z.infer<(typeof jobSchemas)[Q]>;

export const QUEUE_NAMES = Object.keys(jobSchemas) as QueueName[];
