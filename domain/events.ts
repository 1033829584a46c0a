import type Emittery from 'emittery';
import type { QueueChange } from './livechat/queue-events.js';

/**
 * What one part announces and others react to (server/ wires the reactions). Named
 * `subject.happened`; payloads carry ids, never personal data.
 */
export interface DomainEvents {
  /** A member's submission is committed with its tracking ID; its documents await the pipeline. */
  'submission.stored': { submissionId: string };
  /** A document went to its department (pipeline or clerk); its deliveries wait in the outbox. */
  'document.routed': { documentId: string };
  /** The virus scan quarantined a document; the member may have to send it again. */
  'document.quarantined': { documentId: string };
  /** Members joined or left the live chat queue, or an agent took one (on this node). */
  'livechat.queueChanged': QueueChange;
}

/** One bus per process (emittery: `emit` waits for every listener and rejects if one failed). */
export type DomainEventBus = Emittery<DomainEvents>;
