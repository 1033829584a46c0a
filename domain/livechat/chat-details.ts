import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { certificateRequests, submissions } from '../../platform/db/schema.js';
import { submissionType } from '../submissions/submission-types.js';

/** What the bot collected in a conversation, for the agent who takes it over. */
export interface ChatDetails {
  /** The KVNR the member gave (as given; a submission or a certificate request). */
  kvnr: string | null;
  /** Tracking IDs of the submissions in this conversation. */
  trackingIds: string[];
  /** What the member asked for in this conversation, in words ("Arztrechnung · MK-…"). */
  requests: string[];
}

export async function chatDetails(db: Database, conversationId: string): Promise<ChatDetails> {
  const [sent, certificates] = await Promise.all([
    db
      .select({ trackingId: submissions.trackingId, declaredType: submissions.declaredType, kvnr: submissions.kvnr })
      .from(submissions)
      .where(eq(submissions.conversationId, conversationId))
      .orderBy(asc(submissions.createdAt)),
    db
      .select({ reference: certificateRequests.reference, kvnr: certificateRequests.kvnr })
      .from(certificateRequests)
      .where(eq(certificateRequests.conversationId, conversationId))
      .orderBy(asc(certificateRequests.createdAt)),
  ]);
  const kvnr = [...sent, ...certificates].map((r) => r.kvnr).find((k): k is string => !!k) ?? null;
  return {
    kvnr,
    trackingIds: sent.map((s) => s.trackingId),
    requests: [
      ...sent.map((s) => `${(s.declaredType && submissionType(s.declaredType)?.label) || 'Einreichung'} · ${s.trackingId}`),
      ...certificates.map((c) => `Versicherungsbescheinigung · ${c.reference}`),
    ],
  };
}
