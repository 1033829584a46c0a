import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { callbackRequests, certificateRequests, members } from '../../platform/db/schema.js';
import { newReference } from '../submissions/tracking-id.js';

export type CallbackRequest = typeof callbackRequests.$inferSelect;
export type NewCallbackRequest = Pick<
  CallbackRequest,
  'topic' | 'name' | 'phone' | 'preferredDate' | 'timeWindow' | 'consentAt' | 'conversationId'
>;
export type CallbackStatus = CallbackRequest['status'];
export interface CallbackChange {
  status: CallbackStatus;
  scheduledFor: Date | null;
  notes: string;
}
export type CertificateRequest = typeof certificateRequests.$inferSelect;

/** Callback and certificate requests members make in the chat, each with a reference number. */
export class ServiceRequestsRepository {
  constructor(private readonly db: Database) {}

  async addCallback(request: NewCallbackRequest): Promise<CallbackRequest> {
    const [row] = await this.db
      .insert(callbackRequests)
      .values({ id: randomUUID(), reference: newReference('RR'), ...request })
      .returning();
    return row!;
  }

  /** The console's callback list: new and scheduled ones by date, done ones newest first. */
  async listCallbacks(statuses: CallbackStatus[], limit = 200): Promise<CallbackRequest[]> {
    const finished = statuses.every((s) => s === 'done' || s === 'cancelled');
    return this.db
      .select()
      .from(callbackRequests)
      .where(inArray(callbackRequests.status, statuses))
      .orderBy(
        ...(finished
          ? [desc(callbackRequests.updatedAt)]
          : [asc(callbackRequests.preferredDate), asc(callbackRequests.timeWindow), asc(callbackRequests.createdAt)]),
      )
      .limit(limit);
  }

  async updateCallback(id: string, change: CallbackChange, by: string): Promise<CallbackRequest | undefined> {
    const [row] = await this.db
      .update(callbackRequests)
      .set({ ...change, handledBy: by, updatedAt: sql`now()` })
      .where(eq(callbackRequests.id, id))
      .returning();
    return row;
  }

  /** Deletes callbacks finished before the cutoff: their phone numbers are not kept longer than needed. */
  async purgeFinishedCallbacks(before: Date): Promise<number> {
    const rows = await this.db
      .delete(callbackRequests)
      .where(and(inArray(callbackRequests.status, ['done', 'cancelled']), lt(callbackRequests.updatedAt, before)))
      .returning({ id: callbackRequests.id });
    return rows.length;
  }

  /** Certificate requests sent by post before `before` (their KVNR is all they hold). */
  async purgeSentCertificates(before: Date): Promise<number> {
    const rows = await this.db
      .delete(certificateRequests)
      .where(and(eq(certificateRequests.status, 'sent'), lt(certificateRequests.createdAt, before)))
      .returning({ id: certificateRequests.id });
    return rows.length;
  }

  async addCertificate(request: { kvnr: string; forOther: boolean; conversationId: string | null }): Promise<CertificateRequest> {
    const [row] = await this.db
      .insert(certificateRequests)
      .values({ id: randomUUID(), reference: newReference('VB'), ...request })
      .returning();
    return row!;
  }

  /** Certificate requests not yet sent, oldest first, with the address on file they go to. */
  async certificatesToSend(limit = 200) {
    const rows = await this.db
      .select({ request: certificateRequests, member: members })
      .from(certificateRequests)
      .leftJoin(members, eq(members.kvnr, certificateRequests.kvnr))
      .where(eq(certificateRequests.status, 'recorded'))
      .orderBy(asc(certificateRequests.createdAt))
      .limit(limit);
    return rows.map(({ request, member }) => ({
      id: request.id,
      reference: request.reference,
      kvnr: request.kvnr,
      forOther: request.forOther,
      requestedAt: request.createdAt.toISOString(),
      address: member
        ? { name: `${member.firstName} ${member.lastName}`, street: member.street, postalCode: member.postalCode, city: member.city }
        : null,
    }));
  }

  /** Marks a certificate as sent by post; false when it was not waiting (any more). */
  async markCertificateSent(id: string): Promise<boolean> {
    const rows = await this.db
      .update(certificateRequests)
      .set({ status: 'sent' })
      .where(and(eq(certificateRequests.id, id), eq(certificateRequests.status, 'recorded')))
      .returning({ id: certificateRequests.id });
    return rows.length > 0;
  }

  async findCallback(reference: string): Promise<CallbackRequest | undefined> {
    const [row] = await this.db.select().from(callbackRequests).where(eq(callbackRequests.reference, reference));
    return row;
  }

  async findCertificate(reference: string): Promise<CertificateRequest | undefined> {
    const [row] = await this.db.select().from(certificateRequests).where(eq(certificateRequests.reference, reference));
    return row;
  }
}
