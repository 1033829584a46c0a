import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { staffSessions, staffUsers } from '../../platform/db/schema.js';
import type { StaffUser } from './staff-users.repository.js';

export type StaffSession = typeof staffSessions.$inferSelect;

export interface SessionLifetimes {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export class SessionsRepository {
  constructor(
    private readonly db: Database,
    private readonly lifetimes: SessionLifetimes,
  ) {}

  /** Creates a session and returns the raw token for the cookie (only its hash is stored). */
  async create(userId: string, now: Date): Promise<{ token: string; session: StaffSession }> {
    const token = randomToken();
    const [session] = await this.db
      .insert(staffSessions)
      .values({
        tokenHash: hashToken(token),
        userId,
        csrfToken: randomToken(),
        createdAt: now,
        lastSeenAt: now,
        idleExpiresAt: new Date(now.getTime() + this.lifetimes.idleTimeoutMs),
        absoluteExpiresAt: new Date(now.getTime() + this.lifetimes.absoluteTimeoutMs),
      })
      .returning();
    if (!session) throw new Error('Session insert returned nothing');
    return { token, session };
  }

  /** Finds a live session with its user; expired sessions are deleted on sight. */
  async findLive(token: string, now: Date): Promise<{ session: StaffSession; user: StaffUser } | 'expired' | undefined> {
    const tokenHash = hashToken(token);
    const [row] = await this.db
      .select({ session: staffSessions, user: staffUsers })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
      .where(eq(staffSessions.tokenHash, tokenHash));
    if (!row) return undefined;
    const expired = row.session.idleExpiresAt <= now || row.session.absoluteExpiresAt <= now;
    if (expired || row.user.disabledAt) {
      await this.deleteByHash(tokenHash);
      return expired ? 'expired' : undefined;
    }
    return row;
  }

  /** Extends the idle window. Writes at most once a minute per session to spare the database. */
  async touch(session: StaffSession, now: Date): Promise<void> {
    if (now.getTime() - session.lastSeenAt.getTime() < 60_000) return;
    const idleExpiresAt = new Date(Math.min(now.getTime() + this.lifetimes.idleTimeoutMs, session.absoluteExpiresAt.getTime()));
    await this.db.update(staffSessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(staffSessions.tokenHash, session.tokenHash));
  }

  async delete(token: string): Promise<void> {
    await this.deleteByHash(hashToken(token));
  }

  private async deleteByHash(tokenHash: string): Promise<void> {
    await this.db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
  }

  async purgeExpired(now: Date): Promise<number> {
    const deleted = await this.db
      .delete(staffSessions)
      .where(or(lt(staffSessions.idleExpiresAt, now), lt(staffSessions.absoluteExpiresAt, now)))
      .returning({ tokenHash: staffSessions.tokenHash });
    return deleted.length;
  }

  /**
   * Which of these tokens still name a live session of an enabled user (for connections that
   * outlive the request that opened them, such as the agents' sockets).
   */
  async liveAmong(tokens: string[], now: Date): Promise<Set<string>> {
    if (tokens.length === 0) return new Set();
    const byHash = new Map(tokens.map((token) => [hashToken(token), token]));
    const rows = await this.db
      .select({ tokenHash: staffSessions.tokenHash })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
      .where(
        and(
          inArray(staffSessions.tokenHash, [...byHash.keys()]),
          gt(staffSessions.idleExpiresAt, now),
          gt(staffSessions.absoluteExpiresAt, now),
          isNull(staffUsers.disabledAt),
        ),
      );
    return new Set(rows.map((r) => byHash.get(r.tokenHash)!));
  }

  async countForUser(userId: string): Promise<number> {
    const rows = await this.db
      .select({ tokenHash: staffSessions.tokenHash })
      .from(staffSessions)
      .where(and(eq(staffSessions.userId, userId)));
    return rows.length;
  }
}
