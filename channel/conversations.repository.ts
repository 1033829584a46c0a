import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { chatActivities, chatConversations } from '../platform/db/schema.js';
import type { Activity } from '../domain/chat/activity.js';
import { MASKED_TEXT, SECRET_INPUT_FLAG } from '../domain/chat/activity.js';

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
   * watermark, and stamps it with its id (and, for replies, the member as recipient). One
   * statement: the row lock on the conversation keeps numbers gap-free and in order.
   * Returns undefined when the conversation does not exist.
   */
  /**
   * Stores an activity as the conversation's next one, in one statement. A bot message flagged
   * with SECRET_INPUT_FLAG makes the member's next message be stored with its text masked
   * (`masked` is then true, and the caller hands the real text on to the bot only).
   */
  async append(
    conversationId: string,
    sender: Sender,
    activity: Activity,
  ): Promise<{ activity: Activity; seq: number; masked: boolean } | undefined> {
    const isMessage = activity.type === 'message';
    const asksSecret = sender !== 'user' && isMessage && activity.channelData?.[SECRET_INPUT_FLAG] === true;
    const result = (await this.db.execute(sql`
      with bumped as (
        update chat_conversations c
        set last_watermark = c.last_watermark + 1, last_activity_at = now(),
            awaiting_secret_input = case when ${isMessage} then ${asksSecret} else c.awaiting_secret_input end
        from (select id, awaiting_secret_input as was_awaiting from chat_conversations where id = ${conversationId} for update) previous
        where c.id = previous.id
        returning c.last_watermark as seq, c.user_id, (${sender} = 'user' and ${isMessage} and previous.was_awaiting and ${typeof activity.text === 'string'}) as masked
      ), stamped as (
        select seq, masked, ${conversationId} || '|' || lpad(seq::text, 7, '0') as activity_id,
               ${JSON.stringify(activity)}::jsonb
                 || jsonb_build_object('id', ${conversationId} || '|' || lpad(seq::text, 7, '0'))
                 || case when masked then jsonb_build_object('text', ${MASKED_TEXT}::text) else '{}'::jsonb end
                 || case when ${sender} = 'user' then '{}'::jsonb
                         else jsonb_build_object('recipient', jsonb_build_object('id', user_id, 'role', 'user')) end as activity
        from bumped
      ), inserted as (
        insert into chat_activities (conversation_id, seq, activity_id, type, from_role, activity)
        select ${conversationId}, seq, activity_id, ${activity.type}, ${sender}, activity from stamped
        returning seq, activity
      )
      select inserted.seq, inserted.activity, stamped.masked from inserted join stamped using (seq)
    `)) as unknown as { rows: Array<{ seq: number; activity: Activity; masked: boolean }> };
    return result.rows[0];
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
    const updated = await this.db
      .update(chatActivities)
      .set({ activity })
      .where(and(eq(chatActivities.activityId, id), isNull(chatActivities.deletedAt)))
      .returning({ seq: chatActivities.seq });
    return updated.length > 0;
  }

  async deleteActivity(id: string): Promise<boolean> {
    const deleted = await this.db
      .update(chatActivities)
      .set({ deletedAt: new Date() })
      .where(and(eq(chatActivities.activityId, id), isNull(chatActivities.deletedAt)))
      .returning({ seq: chatActivities.seq });
    return deleted.length > 0;
  }
}
