import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { documentDeliveries, submissionDocuments, submissions, type DeliveryKind } from '../../platform/db/schema.js';

export type DeliveryRow = typeof documentDeliveries.$inferSelect;

/** Kinds the service hands over itself (a pull target fetches on its own). */
export const PUSHED_KINDS = ['webhook', 'folder'] as const satisfies readonly DeliveryKind[];

/** Where the pull API's reader stands: the last row it saw, by transaction and sequence. */
export interface PullCursor {
  txId: string;
  seq: number;
}

export function encodeCursor(cursor: PullCursor): string {
  return Buffer.from(`${cursor.txId}.${cursor.seq}`).toString('base64url');
}

/** The cursor in a client's `after`, or undefined when it is not one of ours. */
/** The largest transaction id PostgreSQL has (xid8 is unsigned 64-bit). */
const MAX_XID8 = 2n ** 64n - 1n;

export function decodeCursor(text: string): PullCursor | undefined {
  const match = /^(\d{1,20})\.(\d{1,15})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || BigInt(match[1]!) > MAX_XID8) return undefined;
  return { txId: match[1]!, seq: Number(match[2]) };
}

/** A delivery as clerks and admins see it. */
export interface DeliveryState {
  id: string;
  target: string;
  kind: DeliveryKind;
  status: DeliveryRow['status'];
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
}

export const deliveryState = (row: DeliveryRow): DeliveryState => ({
  id: row.id,
  target: row.target,
  kind: row.kind,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
});

/**
 * The delivery outbox. Rows are written with the routing (IntakeDocumentsRepository.advance);
 * every change here is a compare-and-set on the status, so a repeated job changes nothing twice.
 */
export class DeliveriesRepository {
  constructor(private readonly db: Database) {}

  async find(id: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.db.select().from(documentDeliveries).where(eq(documentDeliveries.id, id));
    return row;
  }

  forDocument(documentId: string): Promise<DeliveryRow[]> {
    return this.db
      .select()
      .from(documentDeliveries)
      .where(eq(documentDeliveries.documentId, documentId))
      .orderBy(documentDeliveries.target);
  }

  forDocuments(documentIds: string[]): Promise<DeliveryRow[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(documentDeliveries)
      .where(inArray(documentDeliveries.documentId, documentIds))
      .orderBy(documentDeliveries.target);
  }

  /** Pending hand-overs of a document the service makes itself (webhook, folder). */
  pushedPending(documentId: string): Promise<DeliveryRow[]> {
    return this.db
      .select()
      .from(documentDeliveries)
      .where(
        and(
          eq(documentDeliveries.documentId, documentId),
          eq(documentDeliveries.status, 'pending'),
          inArray(documentDeliveries.kind, PUSHED_KINDS),
        ),
      );
  }

  /** Starts an attempt: only a pending delivery, counted before anything leaves the house. */
  async claim(id: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.db
      .update(documentDeliveries)
      .set({ attempts: sql`${documentDeliveries.attempts} + 1`, lastAttemptAt: sql`now()` })
      .where(and(eq(documentDeliveries.id, id), eq(documentDeliveries.status, 'pending')))
      .returning();
    return row;
  }

  /** The target has it: written to its folder (`delivered`) or confirmed by it (`acknowledged`). */
  async settle(id: string, status: 'delivered' | 'acknowledged'): Promise<boolean> {
    const rows = await this.db
      .update(documentDeliveries)
      .set({ status, lastError: null, deliveredAt: sql`now()`, ...(status === 'acknowledged' ? { acknowledgedAt: sql`now()` } : {}) })
      .where(and(eq(documentDeliveries.id, id), eq(documentDeliveries.status, 'pending')))
      .returning({ id: documentDeliveries.id });
    return rows.length > 0;
  }

  async recordError(id: string, error: string): Promise<void> {
    await this.db
      .update(documentDeliveries)
      .set({ lastError: error.slice(0, 500) })
      .where(eq(documentDeliveries.id, id));
  }

  /** Retries used up: the delivery waits in the dead letter for an admin. */
  async fail(id: string, error: string): Promise<boolean> {
    const rows = await this.db
      .update(documentDeliveries)
      .set({ status: 'failed', lastError: error.slice(0, 500) })
      .where(and(eq(documentDeliveries.id, id), eq(documentDeliveries.status, 'pending')))
      .returning({ id: documentDeliveries.id });
    return rows.length > 0;
  }

  /** An admin sends a failed delivery again; returns the row with its new redelivery count. */
  async reopen(id: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.db
      .update(documentDeliveries)
      .set({ status: 'pending', redeliveries: sql`${documentDeliveries.redeliveries} + 1` })
      .where(and(eq(documentDeliveries.id, id), eq(documentDeliveries.status, 'failed')))
      .returning();
    return row;
  }

  /** Pushed deliveries still pending since before `before` (their job may have been lost). */
  stalePending(before: Date, limit = 500): Promise<DeliveryRow[]> {
    return this.db
      .select()
      .from(documentDeliveries)
      .where(
        and(
          eq(documentDeliveries.status, 'pending'),
          inArray(documentDeliveries.kind, PUSHED_KINDS),
          lt(sql`coalesce(${documentDeliveries.lastAttemptAt}, ${documentDeliveries.createdAt})`, before),
        ),
      )
      .orderBy(documentDeliveries.createdAt)
      .limit(limit);
  }

  /** Failed deliveries, newest first, with the tracking ID a person recognises. */
  async failed(limit = 200): Promise<Array<DeliveryState & { documentId: string; trackingId: string }>> {
    const rows = await this.db
      .select({ delivery: documentDeliveries, trackingId: submissions.trackingId })
      .from(documentDeliveries)
      .innerJoin(submissionDocuments, eq(submissionDocuments.id, documentDeliveries.documentId))
      .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
      .where(eq(documentDeliveries.status, 'failed'))
      .orderBy(desc(documentDeliveries.lastAttemptAt))
      .limit(limit);
    return rows.map((r) => ({ ...deliveryState(r.delivery), documentId: r.delivery.documentId, trackingId: r.trackingId }));
  }

  /**
   * The next rows of a pull target after the cursor, in (transaction, sequence) order. Only rows
   * of transactions older than every one still running are shown: a routing that committed late
   * with a lower sequence can then never be passed by the cursor, so nothing is skipped, and the
   * order never changes, so nothing repeats.
   */
  async page(target: string, after: PullCursor | undefined, limit: number): Promise<DeliveryRow[]> {
    const visible = sql`${documentDeliveries.txId} < pg_snapshot_xmin(pg_current_snapshot())`;
    const beyond = after
      ? or(
          sql`${documentDeliveries.txId} > ${after.txId}::xid8`,
          and(sql`${documentDeliveries.txId} = ${after.txId}::xid8`, sql`${documentDeliveries.seq} > ${after.seq}`),
        )
      : undefined;
    return this.db
      .select()
      .from(documentDeliveries)
      .where(and(eq(documentDeliveries.target, target), eq(documentDeliveries.kind, 'pull'), visible, beyond))
      .orderBy(asc(documentDeliveries.txId), asc(documentDeliveries.seq))
      .limit(limit);
  }

  /**
   * A pull client is about to read these rows: pending ones count an attempt first (from now on
   * the document may be at the core system, so a re-route is refused), in one statement that
   * waits for a re-route holding them. Returns the rows still there, current: a row a re-route
   * replaced meanwhile is gone, and its new row comes later along the cursor.
   */
  async markFetched(ids: string[]): Promise<DeliveryRow[]> {
    if (ids.length === 0) return [];
    await this.db
      .update(documentDeliveries)
      .set({ attempts: sql`${documentDeliveries.attempts} + 1`, lastAttemptAt: sql`now()` })
      .where(and(inArray(documentDeliveries.id, ids), eq(documentDeliveries.status, 'pending')));
    return this.db.select().from(documentDeliveries).where(inArray(documentDeliveries.id, ids));
  }

  /** The pull client confirms it took the document over; repeating it is harmless. */
  async acknowledge(documentId: string, target: string): Promise<DeliveryRow | undefined> {
    await this.db
      .update(documentDeliveries)
      .set({
        status: 'acknowledged',
        lastError: null,
        deliveredAt: sql`coalesce(${documentDeliveries.deliveredAt}, now())`,
        acknowledgedAt: sql`now()`,
      })
      .where(
        and(
          eq(documentDeliveries.documentId, documentId),
          eq(documentDeliveries.target, target),
          eq(documentDeliveries.kind, 'pull'),
          eq(documentDeliveries.status, 'pending'),
        ),
      );
    const [row] = await this.db
      .select()
      .from(documentDeliveries)
      .where(
        and(eq(documentDeliveries.documentId, documentId), eq(documentDeliveries.target, target), eq(documentDeliveries.kind, 'pull')),
      );
    return row;
  }

  /** Whether a pull target may read this document (it has a pull delivery of it). */
  async hasPullDelivery(documentId: string, target: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: documentDeliveries.id })
      .from(documentDeliveries)
      .where(
        and(eq(documentDeliveries.documentId, documentId), eq(documentDeliveries.target, target), eq(documentDeliveries.kind, 'pull')),
      );
    return row !== undefined;
  }
}
