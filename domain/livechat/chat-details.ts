import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { certificateRequests, chatActivities, submissions } from '../../platform/db/schema.js';
import { findKvnr } from '../members/kvnr.js';
import { submissionType } from '../submissions/submission-types.js';

/** What the bot collected in a conversation, for the agent who takes it over. */
export interface ChatDetails {
  /** The KVNR the member gave (as given, not checked against them): a submission's, a certificate request's, or one typed in the chat. */
  kvnr: string | null;
  /** Tracking IDs of the submissions in this conversation. */
  trackingIds: string[];
  /** What the member asked for in this conversation, in words ("Arztrechnung · MK-…"). */
  requests: string[];
}

/** How far back the member's own messages are read for a KVNR they typed. */
const MESSAGES_READ = 50;

export async function chatDetails(db: Database, conversationId: string): Promise<ChatDetails> {
  const [sent, certificates, typed] = await Promise.all([
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
    db
      .select({ text: sql<string | null>`${chatActivities.activity} ->> 'text'` })
      .from(chatActivities)
      .where(
        and(eq(chatActivities.conversationId, conversationId), eq(chatActivities.fromRole, 'user'), eq(chatActivities.type, 'message')),
      )
      .orderBy(desc(chatActivities.seq))
      .limit(MESSAGES_READ),
  ]);
  // What the member sent in, else the newest KVNR they typed anywhere in the chat (a status question, a dialog's answer).
  const kvnr =
    [...sent, ...certificates].map((r) => r.kvnr).find((k): k is string => !!k) ??
    typed.map((m) => findKvnr(m.text ?? '')).find((k): k is string => !!k) ??
    null;
  return {
    kvnr,
    trackingIds: sent.map((s) => s.trackingId),
    requests: [
      ...sent.map((s) => `${(s.declaredType && submissionType(s.declaredType)?.label) || 'Einreichung'} · ${s.trackingId}`),
      ...certificates.map((c) => `Versicherungsbescheinigung · ${c.reference}`),
    ],
  };
}
