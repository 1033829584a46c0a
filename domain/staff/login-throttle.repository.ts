import { createHash } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { loginThrottles } from '../../platform/db/schema.js';

export interface LoginThrottlePolicy {
  maxFailures: number;
  lockoutMs: number;
}

/** One key per username (as typed, lower-cased) and client address. */
function keyOf(username: string, address: string): string {
  return createHash('sha256').update(`${username.trim().toLowerCase()}\u0000${address}`).digest('hex');
}

/**
 * Failed staff logins per username and address, in PostgreSQL (so every web node and the
 * injected clock agree). Failures older than the lockout period no longer count.
 */
export class LoginThrottleRepository {
  constructor(
    private readonly db: Database,
    private readonly policy: LoginThrottlePolicy,
  ) {}

  /** When the pair is locked, until when; otherwise undefined. */
  async lockedUntil(username: string, address: string, now: Date): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ lockedUntil: loginThrottles.lockedUntil })
      .from(loginThrottles)
      .where(eq(loginThrottles.keyHash, keyOf(username, address)));
    return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
  }

  /** Counts a failure atomically; returns the lock's end when this one reached the limit. */
  async recordFailure(username: string, address: string, now: Date): Promise<Date | undefined> {
    const lockUntil = new Date(now.getTime() + this.policy.lockoutMs);
    const staleBefore = new Date(now.getTime() - this.policy.lockoutMs);
    const stale = sql`(${loginThrottles.lockedUntil} is not null and ${loginThrottles.lockedUntil} <= ${now.toISOString()}::timestamptz) or ${loginThrottles.updatedAt} <= ${staleBefore.toISOString()}::timestamptz`;
    const count = sql`case when ${stale} then 1 else ${loginThrottles.failures} + 1 end`;
    const [row] = await this.db
      .insert(loginThrottles)
      .values({
        keyHash: keyOf(username, address),
        failures: 1,
        lockedUntil: this.policy.maxFailures <= 1 ? lockUntil : null,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: loginThrottles.keyHash,
        set: {
          failures: count,
          lockedUntil: sql`case when ${count} >= ${this.policy.maxFailures} then ${lockUntil.toISOString()}::timestamptz else null end`,
          updatedAt: now,
        },
      })
      .returning({ lockedUntil: loginThrottles.lockedUntil });
    return row?.lockedUntil ?? undefined;
  }

  async clear(username: string, address: string): Promise<void> {
    await this.db.delete(loginThrottles).where(eq(loginThrottles.keyHash, keyOf(username, address)));
  }

  /** Rows nobody has failed on for a day are of no use any more. */
  async purge(now: Date): Promise<number> {
    const rows = await this.db
      .delete(loginThrottles)
      .where(lt(loginThrottles.updatedAt, new Date(now.getTime() - 86_400_000)))
      .returning({ keyHash: loginThrottles.keyHash });
    return rows.length;
  }
}
