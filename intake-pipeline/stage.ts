import type { DocumentStatus } from '../platform/db/schema.js';
import type { PipelineDocument, StageOutcome } from '../domain/documents/documents.repository.js';

/**
 * One step of the intake pipeline. It handles documents in its `status`, and returns the next
 * status with its reasons; it changes nothing else that a second run would change again
 * (side effects such as quarantining a file are themselves idempotent).
 */
export interface Stage {
  readonly status: DocumentStatus;
  /**
   * True for a stage no document may skip (the virus scan): when its retries are used up the
   * document waits in this stage for the sweep instead of going to a clerk unchecked.
   */
  readonly holdsOnFailure?: boolean;
  run(document: PipelineDocument): Promise<StageOutcome>;
  /** Loads what the stage needs (language data, a model) before the first document, not with it. */
  warmUp?(): Promise<void>;
}
