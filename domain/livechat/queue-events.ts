/** Why the live chat queue changed; `movedUpAfter`: members who asked later than this moved up a place. */
export interface QueueChange {
  reason: 'joined' | 'left' | 'taken';
  movedUpAfter?: Date;
}
