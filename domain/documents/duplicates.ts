import { and, eq, gte, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../platform/db/client.js';
import { storedFiles, submissionDocuments, submissions } from '../../platform/db/schema.js';

/** An earlier document that a document seems to repeat, and why. */
export interface DuplicateOf {
  documentId: string;
  trackingId: string;
  reason: 'same_file' | 'same_invoice';
}

/** The same invoice counts as sent twice only within this many days. */
export const SAME_INVOICE_WITHIN_DAYS = 90;

const later = alias(submissionDocuments, 'later');
const laterSubmission = alias(submissions, 'later_submission');
const laterFile = alias(storedFiles, 'later_file');
const earlier = alias(submissionDocuments, 'earlier');
const earlierSubmission = alias(submissions, 'earlier_submission');
const earlierFile = alias(storedFiles, 'earlier_file');

/** One document of a pair with its submission: the columns the comparison reads. */
interface Side {
  document: Record<'assignedKvnr' | 'suggestedKvnr' | 'amountCents', AnyPgColumn>;
  submission: Record<'kvnr' | 'details', AnyPgColumn>;
}
/** Whose document it is: assigned, else suggested, else as declared. */
const memberOf = ({ document: d, submission: s }: Side) => sql`coalesce(${d.assignedKvnr}, ${d.suggestedKvnr}, ${s.kvnr})`;
/** Its total: read from the text, else as the member gave it in the chat. */
const amountOf = ({ document: d, submission: s }: Side) =>
  sql`coalesce(${d.amountCents}, case when ${s.details}->>'amountCents' ~ '^[0-9]{1,9}$' then (${s.details}->>'amountCents')::int end)`;

/**
 * For each of these documents, the earliest earlier one it repeats: the same file bytes, or the
 * same invoice number and total for the same member within 90 days. Flagged for clerks, never
 * decided automatically (a second copy may be intended, e.g. a corrected invoice).
 */
export async function findDuplicates(db: Database, documentIds: string[]): Promise<Map<string, DuplicateOf>> {
  const found = new Map<string, DuplicateOf & { at: number }>();
  if (documentIds.length === 0) return found;
  const before: Side = { document: earlier, submission: earlierSubmission };
  const after: Side = { document: later, submission: laterSubmission };
  const sameFile = eq(earlierFile.sha256, laterFile.sha256);
  const sameInvoice = and(
    isNotNull(later.invoiceNumber),
    eq(earlier.invoiceNumber, later.invoiceNumber),
    sql`${amountOf(before)} = ${amountOf(after)}`,
    sql`${memberOf(before)} = ${memberOf(after)}`,
    gte(earlier.createdAt, sql`${later.createdAt} - make_interval(days => ${SAME_INVOICE_WITHIN_DAYS})`),
  );
  const rows = await db
    .select({
      id: later.id,
      earlierId: earlier.id,
      trackingId: earlierSubmission.trackingId,
      at: earlier.createdAt,
      sameFile: sql<boolean>`${sameFile}`,
    })
    .from(later)
    .innerJoin(laterSubmission, eq(laterSubmission.id, later.submissionId))
    .innerJoin(laterFile, eq(laterFile.id, later.fileId))
    .innerJoin(earlier, and(ne(earlier.id, later.id), lt(earlier.createdAt, later.createdAt)))
    .innerJoin(earlierSubmission, eq(earlierSubmission.id, earlier.submissionId))
    .innerJoin(earlierFile, eq(earlierFile.id, earlier.fileId))
    .where(and(inArray(later.id, documentIds), or(sameFile, sameInvoice)));
  for (const row of rows) {
    const at = row.at.getTime();
    const current = found.get(row.id);
    if (current && current.at <= at) continue;
    found.set(row.id, { documentId: row.earlierId, trackingId: row.trackingId, reason: row.sameFile ? 'same_file' : 'same_invoice', at });
  }
  return new Map([...found].map(([id, { at: _at, ...duplicate }]) => [id, duplicate]));
}
