import { and, eq, exists, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { documentDeliveries, documentPages, storedFiles, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { extensionOf } from '../../platform/storage/accepted-types.js';
import { documentFacts, type DocumentFact } from './document-facts.js';

/** Version of the index format below; a receiver checks it before reading further. */
export const DELIVERY_INDEX_SCHEMA = 'musterkasse.document.v1';

/**
 * What the core system receives about a routed document: the same for the webhook body, the pull
 * API and the hot folder's JSON. Documented in docs/decisions/0016-delivery-to-core-system.md.
 */
export interface DeliveryIndex {
  schema: typeof DELIVERY_INDEX_SCHEMA;
  documentId: string;
  trackingId: string;
  /** The document's place in its submission (1, 2, …). */
  position: number;
  documentType: string | null;
  kvnr: string | null;
  department: string | null;
  source: string;
  receivedAt: string;
  routedAt: string;
  /** What the sender declared, and the details they gave for the type (e.g. invoice date, amount). */
  declared: { documentType: string | null; kvnr: string | null; details: Record<string, unknown>; note: string | null };
  /** Why the pipeline (or a clerk) decided as it did. */
  reasons: string[];
  /** Dates, amounts, treatment, periods read off the text for the document's type (added within v1: receivers ignore fields they do not know). */
  facts: DocumentFact[];
  pages: Array<{ page: number; text: string; confidence: number; source: string }>;
  files: Array<{ name: string; mediaType: string; sizeBytes: number; sha256: string; url: string }>;
}

/** The file name a target stores the document under: tracking ID and position, never the member's own name. */
export function deliveredFileName(index: Pick<DeliveryIndex, 'trackingId' | 'position'>, mediaType: string): string {
  return `${index.trackingId}-${index.position}.${extensionOf(mediaType)}`;
}

/** The index of a routed document, or undefined when there is no such document (any more). */
export async function readDeliveryIndex(
  db: Database,
  documentId: string,
  routedAt: Date,
  fileUrl: (documentId: string) => string,
): Promise<(DeliveryIndex & { fileId: string }) | undefined> {
  const [row] = await db
    .select({ document: submissionDocuments, submission: submissions, file: storedFiles })
    .from(submissionDocuments)
    .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
    .innerJoin(storedFiles, eq(storedFiles.id, submissionDocuments.fileId))
    .where(eq(submissionDocuments.id, documentId));
  if (!row) return undefined;
  const { document, submission, file } = row;
  const pages = await db.select().from(documentPages).where(eq(documentPages.documentId, documentId)).orderBy(documentPages.page);
  const index: DeliveryIndex = {
    schema: DELIVERY_INDEX_SCHEMA,
    documentId,
    trackingId: submission.trackingId,
    position: document.position + 1,
    documentType: document.documentType,
    kvnr: document.assignedKvnr,
    department: document.department,
    source: submission.source,
    receivedAt: submission.createdAt.toISOString(),
    routedAt: routedAt.toISOString(),
    declared: { documentType: submission.declaredType, kvnr: submission.kvnr, details: submission.details, note: submission.note },
    reasons: document.reasons,
    facts: documentFacts(document.documentType, pages),
    pages: pages.map((p) => ({ page: p.page, text: p.text, confidence: p.confidence, source: p.source })),
    files: [],
  };
  index.files.push({
    name: deliveredFileName(index, file.mediaType),
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    url: fileUrl(documentId),
  });
  return { ...index, fileId: file.id };
}

/** The stored file of a document that went to a target (and is not yet deleted), with the name targets know it by. */
export async function deliveredFile(
  db: Database,
  documentId: string,
): Promise<{ fileId: string; name: string; mediaType: string } | undefined> {
  const [row] = await db
    .select({
      fileId: storedFiles.id,
      mediaType: storedFiles.mediaType,
      trackingId: submissions.trackingId,
      position: submissionDocuments.position,
    })
    .from(submissionDocuments)
    .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
    .innerJoin(storedFiles, eq(storedFiles.id, submissionDocuments.fileId))
    .where(
      and(
        eq(submissionDocuments.id, documentId),
        isNull(submissionDocuments.purgedAt),
        exists(
          db
            .select({ id: documentDeliveries.id })
            .from(documentDeliveries)
            .where(eq(documentDeliveries.documentId, submissionDocuments.id)),
        ),
      ),
    );
  if (!row) return undefined;
  return {
    fileId: row.fileId,
    mediaType: row.mediaType,
    name: deliveredFileName({ trackingId: row.trackingId, position: row.position + 1 }, row.mediaType),
  };
}
