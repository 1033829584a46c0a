import { EventEmitter } from 'node:events';

/** Why the queue changed; `movedUpAfter`: members who asked later than this moved up a place. */
export interface QueueChange {
  reason: 'joined' | 'left' | 'taken';
  movedUpAfter?: Date;
}

/** Queue changes on this node, for the consoles (broadcast) and for the members waiting. */
export type QueueEvents = EventEmitter<{ changed: [QueueChange] }>;

export function createQueueEvents(): QueueEvents {
  return new EventEmitter<{ changed: [QueueChange] }>();
}
