import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NO_NUL, withoutNul } from '../../platform/http/validate.js';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Database } from '../../platform/db/client.js';
import { classificationExamples, storedFiles, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { ConflictError, HttpError, NotFoundError, ValidationError } from '../../platform/errors/index.js';
import type { Logger } from '../../platform/logging/logger.js';
import { kvnrSchema } from '../../domain/members/kvnr.js';
import type { MemberRecord, MembersRepository } from '../../domain/members/members.repository.js';
import type { FileStorage } from '../../platform/storage/file-storage.js';
import { submissionType, type DetailValue } from '../../domain/submissions/submission-types.js';
import { findKvnrCandidates } from '../../domain/documents/kvnr-candidates.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../domain/submissions/document-types.js';
import type { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import { deliveryState, type DeliveriesRepository, type DeliveryState } from '../../domain/documents/deliveries.repository.js';
import type { DomainEventBus } from '../../domain/events.js';
import { findDuplicates } from '../../domain/documents/duplicates.js';
import { documentFacts } from '../../domain/documents/document-facts.js';
import { pageImage } from './page-image.js';
import type {
  MemberSummary,
  ReviewDecisionResult,
  ReviewDocument,
  ReviewQueueItem,
  SubmissionDocuments,
} from '../../domain/documents/review.types.js';

export const reviewDecisionSchema = z.object({ documentType: z.enum(DOCUMENT_TYPES), kvnr: kvnrSchema });

/** A clerk looks a member up by KVNR, or by surname (or its start) and birth date. */
/** At most this many people per name search: narrow it with the birth date. */
const MEMBER_RESULTS = 20;

export const memberSearchSchema = z.union([
  z.object({ kvnr: kvnrSchema }).strict(),
  z
    .object({
      lastName: z
        .string()
        .trim()
        .min(2, { error: 'Bitte mindestens zwei Buchstaben des Nachnamens angeben.' })
        .max(80)
        .refine(withoutNul, NO_NUL),
      // Narrows a common name; a surname alone finds the member too (Krueger finds Krüger).
      birthDate: z.iso.date({ error: 'Bitte das Geburtsdatum als JJJJ-MM-TT angeben.' }).optional(),
    })
    .strict(),
]);

/** The member's details as the chat summary showed them: label and formatted value per field. */
function describeDetails(declaredType: string | null, details: Record<string, unknown>): Array<{ label: string; value: string }> {
  const fields = (declaredType ? submissionType(declaredType)?.fields : undefined) ?? [];
  return Object.entries(details).map(([key, value]) => {
    const field = fields.find((f) => f.key === key);
    return { label: field?.label ?? key, value: field ? field.show(value as DetailValue) : String(value) };
  });
}

/** What the review screen shows of a member: enough to tell people apart, nothing more. */
function memberSummary(member: MemberRecord | undefined): MemberSummary | null {
  if (!member) return null;
  const { kvnr, firstName, lastName, birthDate, postalCode, city, familyOf } = member;
  return { kvnr, firstName, lastName, birthDate, postalCode, city, familyOf };
}

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
    private readonly storage: FileStorage,
    private readonly logger: Logger,
    /** Announces `document.routed` after a decision (the outbox hands the document over). */
    private readonly events: Pick<DomainEventBus, 'emit'>,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  private async deliveriesOf(documentId: string): Promise<DeliveryState[]> {
    return (await this.deliveries.forDocument(documentId)).map(deliveryState);
  }

  async queue(limit = 100): Promise<ReviewQueueItem[]> {
    const rows = await this.db
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
      .orderBy(
        asc(submissions.createdAt),
        asc(sql`least(coalesce(${submissionDocuments.typeConfidence}, 0), coalesce(${submissionDocuments.assignmentConfidence}, 0))`),
      )
      .limit(limit);
    return rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() }));
  }

  async view(documentId: string, reviewer: Reviewer): Promise<ReviewDocument> {
    const [row] = await this.db
      .select({ document: submissionDocuments, submission: submissions, mediaType: storedFiles.mediaType })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .innerJoin(storedFiles, eq(storedFiles.id, submissionDocuments.fileId))
      .where(eq(submissionDocuments.id, documentId));
    if (!row) throw new NotFoundError('Dieses Dokument gibt es nicht.');
    await this.record(reviewer, 'document.view', { type: 'document', id: documentId });
    const { document, submission, mediaType } = row;
    const pages = await this.documents.pages(documentId);
    const deliveries = await this.deliveriesOf(documentId);
    const [suggested, declared, assigned] = await Promise.all([
      document.suggestedKvnr ? this.members.find(document.suggestedKvnr) : undefined,
      submission.kvnr ? this.members.find(submission.kvnr) : undefined,
      document.assignedKvnr ? this.members.find(document.assignedKvnr) : undefined,
    ]);
    return {
      id: document.id,
      status: document.status,
      trackingId: submission.trackingId,
      source: submission.source,
      receivedAt: submission.createdAt.toISOString(),
      declared: {
        kvnr: submission.kvnr,
        type: submission.declaredType ? (submissionType(submission.declaredType)?.label ?? submission.declaredType) : null,
        note: submission.note,
      },
      documentType: document.documentType,
      typeConfidence: document.typeConfidence,
      suggestedKvnr: document.suggestedKvnr,
      assignmentConfidence: document.assignmentConfidence,
      assignedKvnr: document.assignedKvnr,
      department: document.department,
      reasons: document.reasons,
      mediaType,
      pageCount: document.pageCount,
      suggestedMember: memberSummary(suggested),
      declaredMember: memberSummary(declared),
      assignedMember: memberSummary(assigned),
      details: describeDetails(submission.declaredType, submission.details),
      /** What the screen marks in the text: KVNRs as they stood there, and the members' names. */
      highlights: [
        ...new Set([
          ...pages.flatMap((p) => findKvnrCandidates(p.text).map((c) => c.raw)),
          ...[suggested, declared].flatMap((m) => (m ? [m.lastName, m.firstName] : [])),
        ]),
      ],
      pages: pages.map((p) => ({ page: p.page, text: p.text, confidence: p.confidence, source: p.source })),
      facts: documentFacts(document.documentType, pages),
      deliveries,
      canReroute: document.status === 'routed' && !document.purgedAt && deliveries.every((d) => d.status === 'pending' && d.attempts === 0),
      purged: document.purgedAt !== null,
      duplicateOf: (await findDuplicates(this.db, [documentId])).get(documentId) ?? null,
    };
  }

  /** A page of the document as a PNG; quarantined files and files not yet scanned clean are never shown here. */
  async pageImage(documentId: string, page: number, reviewer: Reviewer): Promise<Buffer> {
    const document = await this.documents.find(documentId);
    if (document?.purgedAt) throw new NotFoundError('Die Datei dieses Dokuments wurde nach Ablauf der Aufbewahrungsfrist gelöscht.');
    if (
      !document ||
      document.status === 'quarantined' ||
      document.status === 'scan' ||
      !document.scannedAt ||
      document.scanFindings?.length
    )
      throw new NotFoundError('Diese Seite gibt es nicht.');
    const image = await pageImage(await this.storage.readAll(document.fileId), document.mediaType, page).catch((err: unknown) => {
      // Over the pixel or time limits, or not decodable: the clerk still has the page's text.
      this.logger.warn({ err, documentId, page }, 'Page image not rendered');
      throw new HttpError(
        422,
        'page_not_renderable',
        'Diese Seite lässt sich nicht als Bild anzeigen (zu groß oder zu aufwendig). Ihr erkannter Text steht in der Seitenansicht.',
      );
    });
    if (!image) throw new NotFoundError('Diese Seite gibt es nicht.');
    await this.record(reviewer, 'document.page_view', { type: 'document', id: documentId }, { page });
    return image;
  }

  /** The documents of one submission, found by its tracking ID, whatever their status. */
  async byTrackingId(trackingId: string, reviewer: Reviewer): Promise<SubmissionDocuments> {
    const rows = await this.db
      .select({
        id: submissionDocuments.id,
        position: submissionDocuments.position,
        status: submissionDocuments.status,
        documentType: submissionDocuments.documentType,
        department: submissionDocuments.department,
        receivedAt: submissions.createdAt,
      })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(submissions.trackingId, trackingId))
      .orderBy(asc(submissionDocuments.position));
    if (rows.length === 0) throw new NotFoundError('Zu dieser Tracking-ID gibt es keine Sendung.');
    await this.record(reviewer, 'submission.search', { type: 'submission', id: trackingId });
    const documents = [];
    for (const row of rows)
      documents.push({ ...row, receivedAt: row.receivedAt.toISOString(), deliveries: await this.deliveriesOf(row.id) });
    return { trackingId, documents };
  }

  /** Members matching a clerk's search (audited: it reveals personal data). */
  async searchMembers(query: z.output<typeof memberSearchSchema>, reviewer: Reviewer): Promise<MemberSummary[]> {
    const found =
      'kvnr' in query
        ? [await this.members.find(query.kvnr)].filter((m) => m !== undefined)
        : await this.members.named(query.lastName, MEMBER_RESULTS, query.birthDate);
    await this.record(
      reviewer,
      'member.search',
      { type: 'member' },
      { by: 'kvnr' in query ? 'kvnr' : query.birthDate ? 'name_and_birth_date' : 'name', results: found.length },
    );
    return found.map((m) => memberSummary(m)!);
  }

  /** Confirms or corrects type and member and routes the document; only from `awaiting_review`. */
  async decide(documentId: string, input: z.output<typeof reviewDecisionSchema>, reviewer: Reviewer): Promise<ReviewDecisionResult> {
    const [document] = await this.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, documentId));
    if (!document) throw new NotFoundError('Dieses Dokument gibt es nicht.');
    if (!(await this.members.find(input.kvnr)))
      throw new ValidationError([{ field: 'kvnr', message: 'Zu dieser Krankenversichertennummer gibt es keine versicherte Person.' }]);
    const department = this.departments[input.documentType];
    const corrected = document.documentType !== input.documentType;
    const moved = await this.documents.advance(documentId, 'awaiting_review', {
      status: 'routed',
      reasons: [
        `Von ${reviewer.username} ${corrected || document.suggestedKvnr !== input.kvnr ? 'korrigiert' : 'bestätigt'}: ${input.documentType}, ${input.kvnr}; weitergeleitet an ${department}`,
      ],
      set: { documentType: input.documentType, typeConfidence: 1, assignedKvnr: input.kvnr, assignmentConfidence: 1, department },
    });
    if (!moved) throw new ConflictError('not_awaiting_review', 'Dieses Dokument wartet nicht (mehr) auf Prüfung.');
    const text = (await this.documents.pages(documentId)).map((p) => p.text).join('\n');
    if (text.trim())
      await this.db
        .insert(classificationExamples)
        .values({ id: randomUUID(), documentId, text, documentType: input.documentType, corrected });
    await this.record(reviewer, 'document.decide', { type: 'document', id: documentId }, { documentType: input.documentType, corrected });
    await this.events
      .emit('document.routed', { documentId })
      .catch((err: unknown) => this.logger.warn({ err, documentId }, 'Routed; delivery not queued yet (the sweep will)'));
    return { department };
  }

  /**
   * Corrects a routed document's type or member before any target has it (audited): it goes to
   * the new department and targets instead. A document a target has started to take over is
   * read-only here.
   */
  async reroute(documentId: string, input: z.output<typeof reviewDecisionSchema>, reviewer: Reviewer): Promise<ReviewDecisionResult> {
    const [document] = await this.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, documentId));
    if (!document) throw new NotFoundError('Dieses Dokument gibt es nicht.');
    if (document.documentType === input.documentType && document.assignedKvnr === input.kvnr)
      throw new ValidationError([{ field: 'documentType', message: 'Bitte ändern Sie Dokumenttyp oder versicherte Person.' }]);
    if (!(await this.members.find(input.kvnr)))
      throw new ValidationError([{ field: 'kvnr', message: 'Zu dieser Krankenversichertennummer gibt es keine versicherte Person.' }]);
    const department = this.departments[input.documentType];
    const outcome = await this.documents.reroute(documentId, {
      documentType: input.documentType,
      assignedKvnr: input.kvnr,
      department,
      reason: `Von ${reviewer.username} umgeleitet: ${input.documentType}, ${input.kvnr}; weitergeleitet an ${department}`,
    });
    if (outcome === 'not_routed') throw new ConflictError('not_routed', 'Nur weitergeleitete Dokumente lassen sich umleiten.');
    if (outcome === 'handed_over')
      throw new ConflictError(
        'already_delivered',
        'Dieses Dokument wird schon an das Kernsystem übermittelt oder ist dort angekommen; hier lässt es sich nicht mehr ändern.',
      );
    await this.record(
      reviewer,
      'document.reroute',
      { type: 'document', id: documentId },
      { from: document.documentType, documentType: input.documentType, memberChanged: document.assignedKvnr !== input.kvnr },
    );
    await this.events
      .emit('document.routed', { documentId })
      .catch((err: unknown) => this.logger.warn({ err, documentId }, 'Re-routed; delivery not queued yet (the sweep will)'));
    return { department };
  }

  private record(reviewer: Reviewer, action: string, target: { type: string; id?: string }, details?: Record<string, unknown>) {
    return this.audit.record({
      actor: reviewer.username,
      actorUserId: reviewer.userId,
      action,
      outcome: 'success',
      targetType: target.type,
      targetId: target.id,
      requestId: reviewer.requestId,
      ip: reviewer.ip,
      details,
    });
  }
}
