import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditRepository } from '../../platform/audit/audit.repository.js';
import type { Database } from '../../platform/db/client.js';
import { members, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { kvnrSchema } from '../../domain/members/kvnr.js';
import { NO_NUL, withoutNul } from '../../platform/http/validate.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { parseTrackingId } from '../../domain/submissions/tracking-id.js';
import { deliveryState, type DeliveriesRepository } from '../../domain/documents/deliveries.repository.js';
import { findDuplicates } from '../../domain/documents/duplicates.js';
import type { DocumentSearchHit } from '../../domain/documents/review.types.js';
import type { Reviewer } from './review.service.js';

const isoDate = z.iso
  .date({ error: 'Bitte das Datum als JJJJ-MM-TT angeben.' })
  .refine((date) => date >= '1900-01-01', { error: 'Bitte ein Datum ab 1900 angeben.' });

export const documentSearchSchema = z
  .object({
    trackingId: z
      .string()
      .max(40)
      .transform((text, ctx) => {
        const trackingId = parseTrackingId(text);
        if (!trackingId) ctx.addIssue({ code: 'custom', message: 'Das ist keine gültige Tracking-ID.' });
        return trackingId ?? z.NEVER;
      })
      .optional(),
    kvnr: kvnrSchema.optional(),
    name: z
      .string()
      .trim()
      .min(2, { error: 'Bitte mindestens zwei Buchstaben des Namens angeben.' })
      .max(80, { error: 'Bitte höchstens 80 Zeichen angeben.' })
      .refine(withoutNul, NO_NUL)
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .refine((q) => Object.values(q).some((v) => v !== undefined), {
    error: 'Bitte mindestens eine Angabe machen: Tracking-ID, KVNR, Name oder Eingangsdatum.',
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'Das Enddatum liegt vor dem Anfangsdatum.', path: ['to'] });

export type DocumentSearchQuery = z.output<typeof documentSearchSchema>;

const MAX_HITS = 100;
/** Members a name search may stand for: more means the name is too short to search by. */
const MAX_NAMED_MEMBERS = 200;

/**
 * The clerks' search over every document, whatever its status: by tracking ID, KVNR, member
 * name (umlaut-tolerant: Krüger = Krueger) and receipt date, newest first. Audited with the
 * kinds of criteria used, never their values.
 */
export class DocumentSearch {
  constructor(
    private readonly db: Database,
    private readonly deliveries: DeliveriesRepository,
    private readonly audit: AuditRepository,
    private readonly timeZone: string,
  ) {}

  /** KVNRs of members whose name holds every word of the query. */
  private async kvnrsNamed(name: string): Promise<string[]> {
    return (await new MembersRepository(this.db).named(name, MAX_NAMED_MEMBERS)).map((m) => m.kvnr);
  }

  private static belongsTo(kvnrs: string[]): SQL | undefined {
    if (kvnrs.length === 0) return sql`false`;
    return or(
      inArray(submissionDocuments.assignedKvnr, kvnrs),
      inArray(submissionDocuments.suggestedKvnr, kvnrs),
      inArray(submissions.kvnr, kvnrs),
    );
  }

  async search(query: DocumentSearchQuery, reviewer: Reviewer): Promise<DocumentSearchHit[]> {
    const receivedDay = sql`(${submissions.createdAt} at time zone ${this.timeZone})::date`;
    const conditions = [
      query.trackingId ? eq(submissions.trackingId, query.trackingId) : undefined,
      query.kvnr ? DocumentSearch.belongsTo([query.kvnr]) : undefined,
      query.name ? DocumentSearch.belongsTo(await this.kvnrsNamed(query.name)) : undefined,
      query.from ? sql`${receivedDay} >= ${query.from}::date` : undefined,
      query.to ? sql`${receivedDay} <= ${query.to}::date` : undefined,
    ];
    const rows = await this.db
      .select({
        document: submissionDocuments,
        trackingId: submissions.trackingId,
        receivedAt: submissions.createdAt,
        declaredKvnr: submissions.kvnr,
      })
      .from(submissionDocuments)
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(and(...conditions))
      .orderBy(desc(submissions.createdAt), submissionDocuments.position)
      .limit(MAX_HITS);
    const ids = rows.map((r) => r.document.id);
    const whose = (r: (typeof rows)[number]) => r.document.assignedKvnr ?? r.document.suggestedKvnr ?? r.declaredKvnr;
    const kvnrs = [...new Set(rows.map(whose).filter((k): k is string => k !== null))];
    const [people, duplicates, deliveries] = await Promise.all([
      kvnrs.length
        ? this.db
            .select({ kvnr: members.kvnr, firstName: members.firstName, lastName: members.lastName })
            .from(members)
            .where(inArray(members.kvnr, kvnrs))
        : [],
      findDuplicates(this.db, ids),
      this.deliveries.forDocuments(ids),
    ]);
    await this.audit.record({
      actor: reviewer.username,
      actorUserId: reviewer.userId,
      action: 'document.search',
      outcome: 'success',
      targetType: 'document',
      requestId: reviewer.requestId,
      ip: reviewer.ip,
      details: { by: Object.keys(query).filter((k) => query[k as keyof DocumentSearchQuery] !== undefined), results: rows.length },
    });
    return rows.map((row) => {
      const person = people.find((p) => p.kvnr === whose(row));
      return {
        id: row.document.id,
        trackingId: row.trackingId,
        position: row.document.position,
        status: row.document.status,
        documentType: row.document.documentType,
        department: row.document.department,
        receivedAt: row.receivedAt.toISOString(),
        member: person ? { ...person, certain: row.document.assignedKvnr === person.kvnr } : null,
        deliveries: deliveries.filter((d) => d.documentId === row.document.id).map(deliveryState),
        duplicateOf: duplicates.get(row.document.id) ?? null,
        purged: row.document.purgedAt !== null,
      };
    });
  }
}
