import type { EventBus } from '../platform/events/event-bus.js';
import type { QueueChange } from './livechat/queue-events.js';

/**
 * What one part announces and others react to (server/ wires the reactions). Named
 * `subject.happened`; payloads carry ids, never personal data.
 */
export interface DomainEvents {
  /** A member's submission is committed with its tracking ID; its documents await the pipeline. */
  'submission.stored': { submissionId: string };
  /** The virus scan quarantined a document; the member may have to send it again. */
  'document.quarantined': { documentId: string };
  /** Members joined or left the live chat queue, or an agent took one (on this node). */
  'livechat.queueChanged': QueueChange;
}

export type DomainEventBus = EventBus<DomainEvents>;
