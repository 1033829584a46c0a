import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
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

  /**
   * Deletions recorded in the log (`retention.purge`, `member.erase`, whose details are counts by
   * kind), summed by action and kind: the figures behind `personal_data_deleted` in /metrics,
   * the same for every process and across restarts.
   */
  async deletionTotals(): Promise<Array<{ action: string; kind: string; total: number }>> {
    const rows = await this.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(inArray(auditLog.action, ['retention.purge', 'member.erase']));
    const totals = new Map<string, { action: string; kind: string; total: number }>();
    for (const { action, details } of rows)
      for (const [kind, value] of Object.entries(details ?? {})) {
        if (typeof value !== 'number') continue;
        const entry = totals.get(`${action} ${kind}`) ?? { action, kind, total: 0 };
        entry.total += value;
        totals.set(`${action} ${kind}`, entry);
      }
    return [...totals.values()];
  }

  /** Entries matching the filters, newest first (dates are whole days in the given time zone). */
  async search(filter: { actor?: string; action?: string; from?: string; to?: string }, timeZone: string, limit = 1000) {
    const day = sql`(${auditLog.at} at time zone ${timeZone})::date`;
    return this.db
      .select()
      .from(auditLog)
      .where(
        and(
          filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
          filter.action ? eq(auditLog.action, filter.action) : undefined,
          filter.from ? gte(day, sql`${filter.from}::date`) : undefined,
          filter.to ? lt(day, sql`${filter.to}::date + 1`) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }

  async latest(limit = 100) {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
  }
}
