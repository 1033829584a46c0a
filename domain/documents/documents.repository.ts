import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../platform/db/client.js';
import {
  documentDeliveries,
  documentPages,
  storedFiles,
  submissionDocuments,
  submissions,
  type DocumentStatus,
} from '../../platform/db/schema.js';
import { targetsFor, type DeliveryTarget } from './delivery-targets.js';

export type DocumentPage = typeof documentPages.$inferInsert;
export type PipelineDocument = typeof submissionDocuments.$inferSelect & {
  mediaType: string;
  declaredType: string | null;
  declaredKvnr: string | null;
};

/** What a stage decided: the next status and what to record on the document. */
export interface StageOutcome {
  status: DocumentStatus;
  reasons: string[];
  set?: Partial<
    Pick<
      typeof submissionDocuments.$inferInsert,
      | 'scannedAt'
      | 'scanFindings'
      | 'documentType'
      | 'typeConfidence'
      | 'assignedKvnr'
      | 'suggestedKvnr'
      | 'assignmentConfidence'
      | 'department'
      | 'invoiceNumber'
      | 'amountCents'
    >
  >;
}

export class IntakeDocumentsRepository {
  constructor(
    private readonly db: Database,
    /** Where routed documents go: their outbox rows are written with the routing. */
    private readonly deliveryTargets: readonly DeliveryTarget[] = [],
  ) {}

  async find(id: string): Promise<PipelineDocument | undefined> {
    const [row] = await this.db
      .select({
        document: submissionDocuments,
        mediaType: storedFiles.mediaType,
        declaredType: submissions.declaredType,
        declaredKvnr: submissions.kvnr,
      })
      .from(submissionDocuments)
      .innerJoin(storedFiles, eq(storedFiles.id, submissionDocuments.fileId))
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(submissionDocuments.id, id));
    return row ? { ...row.document, mediaType: row.mediaType, declaredType: row.declaredType, declaredKvnr: row.declaredKvnr } : undefined;
  }

  /**
   * Moves a document on, but only from the status the stage started from (compare and set):
   * a stage that ran twice records its outcome once. Returns whether it moved. The submission's
   * status follows in the same statement (database trigger, migration 0013). A document routed
   * gets its deliveries (the outbox) in the same transaction: routed without them is impossible.
   */
  async advance(id: string, from: DocumentStatus, outcome: StageOutcome): Promise<boolean> {
    if (outcome.status !== 'routed') return this.move(this.db, id, from, outcome).then((row) => row !== undefined);
    return this.db.transaction(async (tx) => {
      const routed = await this.move(tx, id, from, outcome);
      if (!routed) return false;
      const deliveries = targetsFor(this.deliveryTargets, routed.documentType ?? 'other', routed.department ?? '');
      if (deliveries.length > 0)
        await tx.insert(documentDeliveries).values(deliveries.map((d) => ({ id: randomUUID(), documentId: id, ...d })));
      return true;
    });
  }

  /**
   * A clerk corrects a routed document (type, member, department) before any target has it: its
   * deliveries are replaced by those of the new routing, in one transaction that holds the rows
   * against a delivery job starting meanwhile. Once a hand-over has started the document is
   * read-only here: it may already be in the core system.
   */
  async reroute(
    id: string,
    change: { documentType: string; assignedKvnr: string; department: string; reason: string },
  ): Promise<'rerouted' | 'not_routed' | 'handed_over'> {
    return this.db.transaction(async (tx) => {
      const [document] = await tx.select().from(submissionDocuments).where(eq(submissionDocuments.id, id)).for('update');
      if (!document || document.status !== 'routed' || document.purgedAt) return 'not_routed';
      const deliveries = await tx.select().from(documentDeliveries).where(eq(documentDeliveries.documentId, id)).for('update');
      if (deliveries.some((d) => d.attempts > 0 || d.status !== 'pending')) return 'handed_over';
      await tx.delete(documentDeliveries).where(eq(documentDeliveries.documentId, id));
      await tx
        .update(submissionDocuments)
        .set({
          documentType: change.documentType,
          typeConfidence: 1,
          assignedKvnr: change.assignedKvnr,
          assignmentConfidence: 1,
          department: change.department,
          statusChangedAt: sql`now()`,
          reasons: sql`${submissionDocuments.reasons} || ${JSON.stringify([change.reason])}::jsonb`,
        })
        .where(eq(submissionDocuments.id, id));
      await this.writeOutbox(tx, id, change.documentType, change.department);
      return 'rerouted';
    });
  }

  /** One delivery row per target the routed document goes to. */
  private async writeOutbox(tx: Transaction, id: string, documentType: string, department: string): Promise<void> {
    const targets = targetsFor(this.deliveryTargets, documentType, department);
    if (targets.length > 0) await tx.insert(documentDeliveries).values(targets.map((d) => ({ id: randomUUID(), documentId: id, ...d })));
  }

  private async move(db: Pick<Database, 'update'>, id: string, from: DocumentStatus, outcome: StageOutcome) {
    const [row] = await db
      .update(submissionDocuments)
      .set({
        ...outcome.set,
        status: outcome.status,
        statusChangedAt: sql`now()`,
        reasons: sql`${submissionDocuments.reasons} || ${JSON.stringify(outcome.reasons)}::jsonb`,
        lastError: null,
        // For the statistics: when a clerk was first needed, and when one decided.
        ...(outcome.status === 'awaiting_review'
          ? { reviewRequestedAt: sql`coalesce(${submissionDocuments.reviewRequestedAt}, now())` }
          : {}),
        ...(from === 'awaiting_review' && outcome.status !== 'awaiting_review' ? { reviewedAt: sql`now()` } : {}),
      })
      .where(and(eq(submissionDocuments.id, id), eq(submissionDocuments.status, from)))
      .returning({ documentType: submissionDocuments.documentType, department: submissionDocuments.department });
    return row;
  }

  async documentIdsOf(submissionId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: submissionDocuments.id })
      .from(submissionDocuments)
      .where(eq(submissionDocuments.submissionId, submissionId));
    return rows.map((r) => r.id);
  }

  /** Documents in one of these stages whose status has not changed since `before`. */
  async stuck(statuses: DocumentStatus[], before: Date, limit = 500): Promise<Array<{ id: string; status: DocumentStatus }>> {
    if (statuses.length === 0) return [];
    return this.db
      .select({ id: submissionDocuments.id, status: submissionDocuments.status })
      .from(submissionDocuments)
      .where(and(inArray(submissionDocuments.status, statuses), lt(submissionDocuments.statusChangedAt, before)))
      .orderBy(submissionDocuments.statusChangedAt)
      .limit(limit);
  }

  /** A stage gave up (retries used up or an unrecoverable error): a clerk looks at it. */
  async giveUp(id: string, from: DocumentStatus, error: string): Promise<boolean> {
    const moved = await this.advance(id, from, {
      status: 'awaiting_review',
      reasons: [`Automatische Verarbeitung in Schritt „${from}“ fehlgeschlagen; bitte prüfen.`],
    });
    if (moved)
      await this.db
        .update(submissionDocuments)
        .set({ lastError: error.slice(0, 500) })
        .where(eq(submissionDocuments.id, id));
    return moved;
  }

  /** Stores the pages' text; a rerun overwrites them with the same content. */
  async savePages(pages: DocumentPage[]): Promise<void> {
    if (pages.length === 0) return;
    await this.db
      .insert(documentPages)
      .values(pages)
      .onConflictDoUpdate({
        target: [documentPages.documentId, documentPages.page],
        set: { text: sql`excluded.text`, confidence: sql`excluded.confidence`, source: sql`excluded.source` },
      });
  }

  pages(documentId: string) {
    return this.db.select().from(documentPages).where(eq(documentPages.documentId, documentId)).orderBy(documentPages.page);
  }

  async markFileQuarantined(fileId: string): Promise<void> {
    await this.db
      .update(storedFiles)
      .set({ quarantinedAt: sql`coalesce(${storedFiles.quarantinedAt}, now())` })
      .where(eq(storedFiles.id, fileId));
  }
}
