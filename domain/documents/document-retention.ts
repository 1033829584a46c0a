import { and, eq, exists, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import {
  classificationExamples,
  documentDeliveries,
  documentPages,
  storedFiles,
  submissionDocuments,
  submissions,
} from '../../platform/db/schema.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';

const DAY_MS = 24 * 3600 * 1000;

export interface DocumentRetentionPolicy {
  /** Days after the last target confirmed (or received) a document until its file and texts go. */
  afterDeliveryDays: number;
  /** Days after receipt until they go in any case (routed, quarantined or rejected documents). */
  maxDays: number;
}

export interface DocumentPurge {
  documents: number;
  files: number;
  pages: number;
}

/**
 * Deletes the file and page texts of documents past their retention (§ 84 SGB X, Art. 5 DSGVO):
 * a set time after every target has taken them over, or a longest time after receipt. Documents
 * waiting for a clerk (or still in the pipeline) are never deleted, however old: nobody has seen
 * them yet. The document row stays, without content, so the member's status question still works.
 */
export class DocumentRetention {
  constructor(
    private readonly db: Database,
    private readonly storage: Pick<FileStorage, 'removeEverywhere'>,
  ) {}

  /** Documents due now: all deliveries settled long enough ago, or received before the longest time. */
  private due(now: Date, policy: DocumentRetentionPolicy) {
    const deliveredBefore = new Date(now.getTime() - policy.afterDeliveryDays * DAY_MS);
    const receivedBefore = new Date(now.getTime() - policy.maxDays * DAY_MS);
    const deliveriesOf = () =>
      this.db
        .select({ id: documentDeliveries.id })
        .from(documentDeliveries)
        .where(eq(documentDeliveries.documentId, submissionDocuments.id));
    const unsettled = this.db
      .select({ id: documentDeliveries.id })
      .from(documentDeliveries)
      .where(
        and(
          eq(documentDeliveries.documentId, submissionDocuments.id),
          or(
            inArray(documentDeliveries.status, ['pending', 'failed']),
            sql`coalesce(${documentDeliveries.acknowledgedAt}, ${documentDeliveries.deliveredAt}) >= ${deliveredBefore}`,
          ),
        ),
      );
    return and(
      isNull(submissionDocuments.purgedAt),
      or(
        and(eq(submissionDocuments.status, 'routed'), exists(deliveriesOf()), notExists(unsettled)),
        and(inArray(submissionDocuments.status, ['routed', 'quarantined', 'rejected']), lt(submissionDocuments.createdAt, receivedBefore)),
      ),
    );
  }

  async purge(now: Date, policy: DocumentRetentionPolicy, batch = 200): Promise<DocumentPurge> {
    const total: DocumentPurge = { documents: 0, files: 0, pages: 0 };
    for (;;) {
      const { documents, fileIds, pages } = await this.db.transaction(async (tx) => {
        const due = await tx
          .select({ id: submissionDocuments.id, fileId: submissionDocuments.fileId, submissionId: submissionDocuments.submissionId })
          .from(submissionDocuments)
          .where(this.due(now, policy))
          .limit(batch)
          .for('update', { skipLocked: true });
        if (due.length === 0) return { documents: 0, fileIds: [] as string[], pages: 0 };
        const ids = due.map((d) => d.id);
        const removedPages = await tx
          .delete(documentPages)
          .where(inArray(documentPages.documentId, ids))
          .returning({ page: documentPages.page });
        await tx.delete(classificationExamples).where(inArray(classificationExamples.documentId, ids));
        await tx.update(submissionDocuments).set({ purgedAt: now }).where(inArray(submissionDocuments.id, ids));
        const fileIds = due.map((d) => d.fileId);
        await tx.update(storedFiles).set({ originalName: '' }).where(inArray(storedFiles.id, fileIds));
        // What the member said about the documents goes with the last of them.
        const submissionIds = [...new Set(due.map((d) => d.submissionId))];
        await tx
          .update(submissions)
          .set({ details: {}, note: null })
          .where(
            and(
              inArray(submissions.id, submissionIds),
              notExists(
                tx
                  .select({ id: submissionDocuments.id })
                  .from(submissionDocuments)
                  .where(and(eq(submissionDocuments.submissionId, submissions.id), isNull(submissionDocuments.purgedAt))),
              ),
            ),
          );
        return { documents: due.length, fileIds, pages: removedPages.length };
      });
      if (documents === 0) return total;
      // Rows first: a crash here leaves bytes nobody can reach, never a document pointing at nothing readable.
      for (const id of fileIds) await this.storage.removeEverywhere(id);
      total.documents += documents;
      total.files += fileIds.length;
      total.pages += pages;
      if (documents < batch) return total;
    }
  }
}
