import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { callbackRequests, certificateRequests } from '../db/schema.js';
import { newReference } from '../submissions/tracking-id.js';

export type CallbackRequest = typeof callbackRequests.$inferSelect;
export type NewCallbackRequest = Pick<CallbackRequest, 'topic' | 'name' | 'phone' | 'preferredDate' | 'timeWindow' | 'consentAt' | 'conversationId'>;
export type CertificateRequest = typeof certificateRequests.$inferSelect;

/** Callback and certificate requests members make in the chat, each with a reference number. */
export class ServiceRequestsRepository {
  constructor(private readonly db: Database) {}

  async addCallback(request: NewCallbackRequest): Promise<CallbackRequest> {
    const [row] = await this.db.insert(callbackRequests).values({ id: randomUUID(), reference: newReference('RR'), ...request }).returning();
    return row!;
  }

  async openCallbacks(): Promise<CallbackRequest[]> {
    return this.db.select().from(callbackRequests).where(eq(callbackRequests.status, 'open')).orderBy(callbackRequests.preferredDate, callbackRequests.timeWindow);
  }

  async addCertificate(request: { kvnr: string; forOther: boolean; conversationId: string | null }): Promise<CertificateRequest> {
    const [row] = await this.db.insert(certificateRequests).values({ id: randomUUID(), reference: newReference('VB'), ...request }).returning();
    return row!;
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
