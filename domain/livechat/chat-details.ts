import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import {
  callbackRequests,
  certificateRequests,
  chatActivities,
  members,
  submissions,
  type SubmissionStatus,
} from '../../platform/db/schema.js';
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
  /**
   * Who the member is, as far as the chat knows: confirmed when they asked for their own
   * certificate with KVNR and birth date (the name on record), else the name they gave for a
   * callback (as given, unchecked); null when neither happened.
   */
  name: { text: string; confirmed: boolean } | null;
}

/** Where a submission stands, as an agent tells the member. */
const SUBMISSION_STATE: Record<SubmissionStatus, string> = {
  received: 'eingegangen',
  checking: 'wird geprüft',
  processed: 'bearbeitet',
  needs_attention: 'Klärung nötig',
};

/** How far back the member's own messages are read for a KVNR they typed. */
const MESSAGES_READ = 50;

export async function chatDetails(db: Database, conversationId: string): Promise<ChatDetails> {
  const [sent, certificates, typed, callbackNames] = await Promise.all([
    db
      .select({
        trackingId: submissions.trackingId,
        declaredType: submissions.declaredType,
        kvnr: submissions.kvnr,
        status: submissions.status,
      })
      .from(submissions)
      .where(eq(submissions.conversationId, conversationId))
      .orderBy(asc(submissions.createdAt)),
    db
      .select({ reference: certificateRequests.reference, kvnr: certificateRequests.kvnr, forOther: certificateRequests.forOther })
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
    db
      .select({ name: callbackRequests.name })
      .from(callbackRequests)
      .where(eq(callbackRequests.conversationId, conversationId))
      .orderBy(desc(callbackRequests.createdAt))
      .limit(1),
  ]);
  // What the member sent in, else the newest KVNR they typed anywhere in the chat (a status question, a dialog's answer).
  const kvnr =
    [...sent, ...certificates].map((r) => r.kvnr).find((k): k is string => !!k) ??
    typed.map((m) => findKvnr(m.text ?? '')).find((k): k is string => !!k) ??
    null;
  // The certificate dialog checked KVNR and birth date against the records before it took the request.
  const ownCertificate = certificates.find((c) => !c.forOther);
  const [confirmed] = ownCertificate
    ? await db
        .select({ firstName: members.firstName, lastName: members.lastName })
        .from(members)
        .where(eq(members.kvnr, ownCertificate.kvnr))
    : [];
  const name = confirmed
    ? { text: `${confirmed.firstName} ${confirmed.lastName}`, confirmed: true }
    : callbackNames[0]
      ? { text: callbackNames[0].name, confirmed: false }
      : null;
  return {
    kvnr,
    name,
    trackingIds: sent.map((s) => s.trackingId),
    requests: [
      // Agents may not open documents; where one stands they may tell the member.
      ...sent.map(
        (s) =>
          `${(s.declaredType && submissionType(s.declaredType)?.label) || 'Einreichung'} · ${s.trackingId} · ${SUBMISSION_STATE[s.status]}`,
      ),
      ...certificates.map((c) => `Versicherungsbescheinigung · ${c.reference}`),
    ],
  };
}
