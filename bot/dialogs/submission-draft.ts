import type { DetailValue } from '../../domain/submissions/submission-types.js';

/** What the member has given so far; it travels with the dialog (state in PostgreSQL). */
export interface SubmissionDraft {
  typeId?: string;
  forSelf?: boolean;
  kvnr?: string;
  details: Record<string, DetailValue>;
  filesDone?: boolean;
  /** Undefined: not asked yet; null: the member has nothing to add. */
  note?: string | null;
}
