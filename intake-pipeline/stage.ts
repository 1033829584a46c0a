import type { DocumentStatus } from '../core/db/schema.js';
import type { PipelineDocument, StageOutcome } from './documents.repository.js';

/**
 * One step of the intake pipeline. It handles documents in its `status`, and returns the next
 * status with its reasons; it changes nothing else that a second run would change again
 * (side effects such as quarantining a file are themselves idempotent).
 */
export interface Stage {
  readonly status: DocumentStatus;
  run(document: PipelineDocument): Promise<StageOutcome>;
}
