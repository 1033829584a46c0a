import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditRepository } from '../../core/audit/audit.repository.js';
import type { Database } from '../../core/db/client.js';
import { classificationExamples, submissionDocuments, submissions } from '../../core/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/index.js';
import { kvnrSchema } from '../../core/members/kvnr.js';
import type { MembersRepository } from '../../core/members/members.repository.js';
import { DOCUMENT_TYPES, type DocumentType } from '../document-types.js';
import type { IntakeDocumentsRepository } from '../documents.repository.js';

export const reviewDecisionSchema = z.object({ documentType: z.enum(DOCUMENT_TYPES), kvnr: kvnrSchema });

export interface Reviewer {
  username: string;
  userId: string;
  requestId?: string;
  ip?: string;
}

/**
 * The clerks' side of the pipeline: the queue of documents awaiting review (oldest and least
 * certain first), one document with its text and the member's statements, and the decision
 * that routes it. Every view and decision is audit-logged; decisions become training examples.
 */
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly documents: IntakeDocumentsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditRepository,
    private readonly departments: Record<DocumentType, string>,
  ) {}

  async queue(limit = 100) {
    return this.db
      .select({
        id: submissionDocuments.id,
        trackingId: submissions.trackingId,
        source: submissions.source,
        receivedAt: submissions.createdAt,
        documentType: submissionDocuments.documentType,
        typeConfidence: submissionDocuments.typeConfidence,
        suggestedKvnr: submissionDocuments.suggestedKvnr,
        assignmentConfidence: submissionDocuments.assignmentConfidence,
      })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(submissionDocuments.status, 'awaiting_review'))
      .orderBy(asc(submissions.createdAt), asc(sql`least(coalesce(${submissionDocuments.typeConfidence}, 0), coalesce(${submissionDocuments.assignmentConfidence}, 0))`))
      .limit(limit);
  }

  async view(documentId: string, reviewer: Reviewer) {
    const [row] = await this.db
      .select({ document: submissionDocuments, submission: submissions })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(submissionDocuments.id, documentId));
    if (!row) throw new NotFoundError('Dieses Dokument gibt es nicht.');
    await this.record(reviewer, 'document.view', documentId);
    const { document, submission } = row;
    return {
      id: document.id,
      status: document.status,
      trackingId: submission.trackingId,
      source: submission.source,
      receivedAt: submission.createdAt,
      declared: { kvnr: submission.kvnr, type: submission.declaredType, note: submission.note },
      documentType: document.documentType,
      typeConfidence: document.typeConfidence,
      suggestedKvnr: document.suggestedKvnr,
      assignmentConfidence: document.assignmentConfidence,
      reasons: document.reasons,
      pages: (await this.documents.pages(documentId)).map((p) => ({ page: p.page, text: p.text, confidence: p.confidence, source: p.source })),
    };
  }

  /** Confirms or corrects type and member and routes the document; only from `awaiting_review`. */
  async decide(documentId: string, input: z.output<typeof reviewDecisionSchema>, reviewer: Reviewer): Promise<{ department: string }> {
    const [document] = await this.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, documentId));
    if (!document) throw new NotFoundError('Dieses Dokument gibt es nicht.');
    if (!(await this.members.find(input.kvnr))) throw new ValidationError([{ field: 'kvnr', message: 'Zu dieser Krankenversichertennummer gibt es keine versicherte Person.' }]);
    const department = this.departments[input.documentType];
    const corrected = document.documentType !== input.documentType;
    const moved = await this.documents.advance(documentId, 'awaiting_review', {
      status: 'routed',
      reasons: [`Von ${reviewer.username} ${corrected || document.suggestedKvnr !== input.kvnr ? 'korrigiert' : 'bestätigt'}: ${input.documentType}, ${input.kvnr}; weitergeleitet an ${department}`],
      set: { documentType: input.documentType, typeConfidence: 1, assignedKvnr: input.kvnr, assignmentConfidence: 1, department },
    });
    if (!moved) throw new ConflictError('not_awaiting_review', 'Dieses Dokument wartet nicht (mehr) auf Prüfung.');
    const text = (await this.documents.pages(documentId)).map((p) => p.text).join('\n');
    if (text.trim()) await this.db.insert(classificationExamples).values({ id: randomUUID(), documentId, text, documentType: input.documentType, corrected });
    await this.record(reviewer, 'document.decide', documentId, { documentType: input.documentType, corrected });
    return { department };
  }

  private record(reviewer: Reviewer, action: string, documentId: string, details?: Record<string, unknown>) {
    return this.audit.record({ actor: reviewer.username, actorUserId: reviewer.userId, action, outcome: 'success', targetType: 'document', targetId: documentId, requestId: reviewer.requestId, ip: reviewer.ip, details });
  }
}
