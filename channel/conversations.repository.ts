import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../core/db/client.js';
import { chatActivities, chatConversations } from '../core/db/schema.js';
import { activityId, type Activity } from './activity.js';

export type Conversation = typeof chatConversations.$inferSelect;
export type Sender = 'user' | 'bot' | 'agent';

const PAGE_SIZE = 500;

export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  /** Creates the conversation unless it exists; says which happened. */
  async ensure(id: string, userId: string): Promise<{ conversation: Conversation; created: boolean }> {
    const [created] = await this.db.insert(chatConversations).values({ id, userId }).onConflictDoNothing().returning();
    if (created) return { conversation: created, created: true };
    const existing = await this.find(id);
    if (!existing) throw new Error('Conversation vanished');
    return { conversation: existing, created: false };
  }

  async find(id: string): Promise<Conversation | undefined> {
    const [row] = await this.db.select().from(chatConversations).where(eq(chatConversations.id, id));
    return row;
  }

  /**
   * Stores an activity under the conversation's next sequence number, which is also its
   * watermark. The row lock on the conversation keeps numbers gap-free and in order.
   */
  async append(conversationId: string, sender: Sender, build: (id: string, seq: number) => Activity): Promise<{ activity: Activity; seq: number }> {
    return this.db.transaction(async (tx) => {
      const [bumped] = await tx
        .update(chatConversations)
        .set({ lastWatermark: sql`${chatConversations.lastWatermark} + 1`, lastActivityAt: new Date() })
        .where(eq(chatConversations.id, conversationId))
        .returning({ seq: chatConversations.lastWatermark });
      if (!bumped) throw new Error(`Unknown conversation ${conversationId}`);
      const activity = build(activityId(conversationId, bumped.seq), bumped.seq);
      await tx.insert(chatActivities).values({
        conversationId,
        seq: bumped.seq,
        activityId: activity.id!,
        type: activity.type,
        fromRole: sender,
        activity,
      });
      return { activity, seq: bumped.seq };
    });
  }

  /** Activities after `watermark`, oldest first, at most one page. */
  async listAfter(conversationId: string, watermark: number): Promise<Array<{ activity: Activity; seq: number }>> {
    const rows = await this.db
      .select({ activity: chatActivities.activity, seq: chatActivities.seq })
      .from(chatActivities)
      .where(and(eq(chatActivities.conversationId, conversationId), gt(chatActivities.seq, watermark), isNull(chatActivities.deletedAt)))
      .orderBy(asc(chatActivities.seq))
      .limit(PAGE_SIZE);
    return rows.map((r) => ({ activity: r.activity as Activity, seq: r.seq }));
  }

  async findActivity(id: string): Promise<{ activity: Activity; seq: number; conversationId: string } | undefined> {
    const [row] = await this.db
      .select({ activity: chatActivities.activity, seq: chatActivities.seq, conversationId: chatActivities.conversationId })
      .from(chatActivities)
      .where(and(eq(chatActivities.activityId, id), isNull(chatActivities.deletedAt)));
    return row ? { activity: row.activity as Activity, seq: row.seq, conversationId: row.conversationId } : undefined;
  }

  async replaceActivity(id: string, activity: Activity): Promise<boolean> {
    const updated = await this.db.update(chatActivities).set({ activity }).where(and(eq(chatActivities.activityId, id), isNull(chatActivities.deletedAt))).returning({ seq: chatActivities.seq });
    return updated.length > 0;
  }

  async deleteActivity(id: string): Promise<boolean> {
    const deleted = await this.db.update(chatActivities).set({ deletedAt: new Date() }).where(and(eq(chatActivities.activityId, id), isNull(chatActivities.deletedAt))).returning({ seq: chatActivities.seq });
    return deleted.length > 0;
  }

  /** Retention: removes conversations (and their activities) idle since before `cutoff`. */
  async purgeIdleSince(cutoff: Date): Promise<number> {
    const purged = await this.db.delete(chatConversations).where(lt(chatConversations.lastActivityAt, cutoff)).returning({ id: chatConversations.id });
    return purged.length;
  }
}
