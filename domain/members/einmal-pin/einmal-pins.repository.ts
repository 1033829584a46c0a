import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../../platform/db/client.js';
import { einmalPins, members } from '../../../platform/db/schema.js';

export type EinmalPinRecord = typeof einmalPins.$inferSelect;

/** Where a letter's PIN stands, as an admin sees it (the first that applies, in this order). */
export const PIN_STATES = ['revoked', 'spent', 'locked', 'expired', 'issued'] as const;
export type PinState = (typeof PIN_STATES)[number];

export interface PinListFilter {
  state?: PinState;
  kvnr?: string;
}

export interface PinListItem {
  id: string;
  kvnr: string;
  memberName: string;
  purpose: string;
  letterDate: string;
  state: PinState;
  failedAttempts: number;
  issuedBy: string;
  createdAt: Date;
  spentAt: Date | null;
  lockedAt: Date | null;
  revokedAt: Date | null;
}

/** At most this many letters in one list; the KVNR filter finds any older one. */
const LIST_LIMIT = 200;

export class PinAlreadySpentError extends Error {
  constructor() {
    super('The Einmal-PIN was already used for a submission or withdrawn');
  }
}

export class EinmalPinsRepository {
  constructor(private readonly db: Database) {}

  async insert(pin: Omit<typeof einmalPins.$inferInsert, 'id'>): Promise<EinmalPinRecord> {
    const [row] = await this.db
      .insert(einmalPins)
      .values({ id: randomUUID(), ...pin })
      .returning();
    return row!;
  }

  /** A member's PINs, newest first. */
  forMember(kvnr: string): Promise<EinmalPinRecord[]> {
    return this.db.select().from(einmalPins).where(eq(einmalPins.kvnr, kvnr)).orderBy(desc(einmalPins.createdAt));
  }

  /**
   * Letters newest first with their state. `lastValidDay` is the latest letter date still valid
   * today (today minus the validity), so "expired" needs no clock in SQL.
   */
  async list(filter: PinListFilter, lastValidDay: string): Promise<PinListItem[]> {
    const state = sql<PinState>`case
      when ${einmalPins.revokedAt} is not null then 'revoked'
      when ${einmalPins.spentAt} is not null then 'spent'
      when ${einmalPins.lockedAt} is not null then 'locked'
      when ${einmalPins.letterDate} < ${lastValidDay} then 'expired'
      else 'issued' end`;
    return this.db
      .select({
        id: einmalPins.id,
        kvnr: einmalPins.kvnr,
        memberName: sql<string>`${members.firstName} || ' ' || ${members.lastName}`,
        purpose: einmalPins.purpose,
        letterDate: einmalPins.letterDate,
        state,
        failedAttempts: einmalPins.failedAttempts,
        issuedBy: einmalPins.issuedBy,
        createdAt: einmalPins.createdAt,
        spentAt: einmalPins.spentAt,
        lockedAt: einmalPins.lockedAt,
        revokedAt: einmalPins.revokedAt,
      })
      .from(einmalPins)
      .innerJoin(members, eq(members.kvnr, einmalPins.kvnr))
      .where(and(filter.kvnr ? eq(einmalPins.kvnr, filter.kvnr) : undefined, filter.state ? sql`${state} = ${filter.state}` : undefined))
      .orderBy(desc(einmalPins.createdAt))
      .limit(LIST_LIMIT);
  }

  /** Lifts a lock from too many wrong attempts; false if the PIN is not locked (or was used or withdrawn). */
  async unlock(id: string): Promise<boolean> {
    const rows = await this.db
      .update(einmalPins)
      .set({ lockedAt: null, failedAttempts: 0 })
      .where(and(eq(einmalPins.id, id), isNotNull(einmalPins.lockedAt), isNull(einmalPins.spentAt), isNull(einmalPins.revokedAt)))
      .returning({ id: einmalPins.id });
    return rows.length > 0;
  }

  /** Withdraws an unused PIN for good; its saved answers go with it. False if it was used or withdrawn already. */
  async revoke(id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(einmalPins)
      .set({ revokedAt: now, draft: null })
      .where(and(eq(einmalPins.id, id), isNull(einmalPins.spentAt), isNull(einmalPins.revokedAt)))
      .returning({ id: einmalPins.id });
    return rows.length > 0;
  }

  async find(id: string): Promise<EinmalPinRecord | undefined> {
    const [row] = await this.db.select().from(einmalPins).where(eq(einmalPins.id, id));
    return row;
  }

  async resetFailures(id: string): Promise<void> {
    await this.db.update(einmalPins).set({ failedAttempts: 0 }).where(eq(einmalPins.id, id));
  }

  /** Counts a wrong attempt on every usable PIN of the member; locks those that reach `max`. Returns whether one is now locked. */
  async recordFailure(kvnr: string, max: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(einmalPins)
      .set({
        failedAttempts: sql`${einmalPins.failedAttempts} + 1`,
        lockedAt: sql`case when ${einmalPins.failedAttempts} + 1 >= ${max} then ${now.toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(einmalPins.kvnr, kvnr), isNull(einmalPins.spentAt), isNull(einmalPins.lockedAt), isNull(einmalPins.revokedAt)))
      .returning({ lockedAt: einmalPins.lockedAt });
    return rows.some((r) => r.lockedAt !== null);
  }

  /**
   * Deletes PINs finished before `before` (spent, locked or withdrawn then) or whose letter is older than
   * `letterBefore` (expired long enough ago), with the answers saved in them.
   */
  async purgeFinished(before: Date, letterBefore: string): Promise<number> {
    const rows = await this.db
      .delete(einmalPins)
      .where(
        or(
          lt(einmalPins.spentAt, before),
          lt(einmalPins.lockedAt, before),
          lt(einmalPins.revokedAt, before),
          lt(einmalPins.letterDate, letterBefore),
        ),
      )
      .returning({ id: einmalPins.id });
    return rows.length;
  }

  async saveDraft(id: string, draft: Record<string, unknown>): Promise<void> {
    await this.db
      .update(einmalPins)
      .set({ draft })
      .where(and(eq(einmalPins.id, id), isNull(einmalPins.spentAt), isNull(einmalPins.revokedAt)));
  }

  /** Inside the submission's transaction: the PIN is used up together with the commit, or not at all. */
  async spend(tx: Transaction, id: string, now: Date): Promise<void> {
    const rows = await tx
      .update(einmalPins)
      .set({ spentAt: now, draft: null })
      .where(and(eq(einmalPins.id, id), isNull(einmalPins.spentAt), isNull(einmalPins.revokedAt)))
      .returning({ id: einmalPins.id });
    if (rows.length === 0) throw new PinAlreadySpentError();
  }
}
