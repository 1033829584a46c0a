import { desc } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export interface AuditEntry {
  actor: string;
  actorUserId?: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  requestId?: string;
  ip?: string;
  /** Never personal data of members; staff usernames and ids are fine. */
  details?: Record<string, unknown>;
}

export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({
      actor: entry.actor,
      actorUserId: entry.actorUserId ?? null,
      action: entry.action,
      outcome: entry.outcome,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? null,
    });
  }

  async latest(limit = 100) {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
  }
}
