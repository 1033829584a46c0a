import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../../platform/db/client.js';
import { einmalPins } from '../../../platform/db/schema.js';

export type EinmalPinRecord = typeof einmalPins.$inferSelect;

export class PinAlreadySpentError extends Error {
  constructor() {
    super('The Einmal-PIN was already used for a submission');
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
      .where(and(eq(einmalPins.kvnr, kvnr), isNull(einmalPins.spentAt), isNull(einmalPins.lockedAt)))
      .returning({ lockedAt: einmalPins.lockedAt });
    return rows.some((r) => r.lockedAt !== null);
  }

  /**
   * Deletes PINs finished before `before` (spent or locked then) or whose letter is older than
   * `letterBefore` (expired long enough ago), with the answers saved in them.
   */
  async purgeFinished(before: Date, letterBefore: string): Promise<number> {
    const rows = await this.db
      .delete(einmalPins)
      .where(or(lt(einmalPins.spentAt, before), lt(einmalPins.lockedAt, before), lt(einmalPins.letterDate, letterBefore)))
      .returning({ id: einmalPins.id });
    return rows.length;
  }

  async saveDraft(id: string, draft: Record<string, unknown>): Promise<void> {
    await this.db
      .update(einmalPins)
      .set({ draft })
      .where(and(eq(einmalPins.id, id), isNull(einmalPins.spentAt)));
  }

  /** Inside the submission's transaction: the PIN is used up together with the commit, or not at all. */
  async spend(tx: Transaction, id: string, now: Date): Promise<void> {
    const rows = await tx
      .update(einmalPins)
      .set({ spentAt: now, draft: null })
      .where(and(eq(einmalPins.id, id), isNull(einmalPins.spentAt)))
      .returning({ id: einmalPins.id });
    if (rows.length === 0) throw new PinAlreadySpentError();
  }
}
