import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, Transaction } from '../../platform/db/client.js';
import { draftFiles, submissionDocuments, submissions, type SubmissionStatus } from '../../platform/db/schema.js';
import { newTrackingId } from './tracking-id.js';

export interface NewSubmission {
  source: string;
  kvnr: string | null;
  declaredType: string | null;
  details: Record<string, unknown>;
  note: string | null;
  conversationId: string | null;
}

/** Where the documents come from: files already in storage, or a member's draft (consumed). */
export type SubmissionDocuments = { documents: Array<{ fileId: string; pageCount: number }> } | { draftKey: string };

export class EmptySubmissionError extends Error {
  constructor() {
    super('A submission needs at least one document');
  }
}

export interface StoredSubmission {
  id: string;
  trackingId: string;
}

const UNIQUE_VIOLATION = '23505';

function isTrackingIdCollision(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause ?? (err as { code?: string; constraint?: string });
  return cause.code === UNIQUE_VIOLATION && (cause.constraint ?? '').includes('tracking_id');
}

export class SubmissionsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores a submission and its documents in one transaction and only then returns the
   * tracking ID: a member never sees a tracking ID for something that was not stored. A
   * draft's files become the submission's documents in the same transaction.
   */
  /** `alsoInTransaction` runs inside the same transaction (e.g. spending an Einmal-PIN). */
  async create(
    input: NewSubmission,
    from: SubmissionDocuments,
    alsoInTransaction?: (tx: Transaction) => Promise<void>,
  ): Promise<StoredSubmission> {
    // 55 random bits make a collision practically impossible; should one happen, draw again.
    for (let attempt = 1; ; attempt++) {
      const id = randomUUID();
      const trackingId = newTrackingId();
      try {
        await this.db.transaction(async (tx) => {
          const documents =
            'draftKey' in from
              ? (await tx.delete(draftFiles).where(eq(draftFiles.draftKey, from.draftKey)).returning())
                  .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
                  .map(({ fileId, pageCount }) => ({ fileId, pageCount }))
              : from.documents;
          if (documents.length === 0) throw new EmptySubmissionError();
          await tx.insert(submissions).values({ id, trackingId, ...input });
          await tx
            .insert(submissionDocuments)
            .values(documents.map((d, position) => ({ id: randomUUID(), submissionId: id, position, ...d })));
          await alsoInTransaction?.(tx);
        });
        return { id, trackingId };
      } catch (err) {
        if (attempt >= 3 || !isTrackingIdCollision(err)) throw err;
      }
    }
  }

  async find(trackingId: string) {
    const [row] = await this.db.select().from(submissions).where(eq(submissions.trackingId, trackingId));
    return row;
  }

  async documents(submissionId: string) {
    return this.db
      .select()
      .from(submissionDocuments)
      .where(eq(submissionDocuments.submissionId, submissionId))
      .orderBy(submissionDocuments.position);
  }

  /** The state of a submission, only when the KVNR it was filed under matches too. */
  async statusFor(trackingId: string, kvnr: string): Promise<SubmissionStatus | undefined> {
    const [row] = await this.db
      .select({ status: submissions.status })
      .from(submissions)
      .where(and(eq(submissions.trackingId, trackingId), eq(submissions.kvnr, kvnr)));
    return row?.status;
  }
}
