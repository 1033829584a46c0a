import { randomUUID } from 'node:crypto';
import { and, asc, avg, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { livechatSessions } from '../db/schema.js';

export type LiveChatSession = typeof livechatSessions.$inferSelect;
export type LiveChatSummary = LiveChatSession['summary'];

/** Used for the wait estimate until enough chats have ended to measure it. */
const DEFAULT_CHAT_MINUTES = 6;

/**
 * The queue of members waiting for a person, in PostgreSQL: requests in order, one open chat
 * per conversation, and an accept that only one agent can win (compare and set on the status).
 */
export class LiveChatQueue {
  constructor(private readonly db: Database) {}

  /** Queues the conversation, or returns its chat that is already open. */
  async request(conversationId: string, topic: string, summary: LiveChatSummary): Promise<LiveChatSession> {
    const [created] = await this.db
      .insert(livechatSessions)
      .values({ id: randomUUID(), conversationId, topic: topic.slice(0, 200), summary })
      .onConflictDoNothing({ target: livechatSessions.conversationId, where: sql`${livechatSessions.status} in ('waiting', 'active')` })
      .returning();
    return created ?? (await this.openFor(conversationId))!;
  }

  async openFor(conversationId: string): Promise<LiveChatSession | undefined> {
    const [row] = await this.db
      .select()
      .from(livechatSessions)
      .where(and(eq(livechatSessions.conversationId, conversationId), sql`${livechatSessions.status} in ('waiting', 'active')`));
    return row;
  }

  /** 1 for the first in line; 0 when the chat no longer waits. */
  async position(sessionId: string): Promise<number> {
    const [row] = await this.db
      .select({ position: sql<number>`count(*)::int` })
      .from(livechatSessions)
      .where(
        and(
          eq(livechatSessions.status, 'waiting'),
          sql`${livechatSessions.requestedAt} <= (select requested_at from livechat_sessions where id = ${sessionId} and status = 'waiting')`,
        ),
      );
    return Number(row?.position ?? 0);
  }

  async find(sessionId: string): Promise<LiveChatSession | undefined> {
    const [row] = await this.db.select().from(livechatSessions).where(eq(livechatSessions.id, sessionId));
    return row;
  }

  /** The chats an agent is running now. */
  activeFor(agentId: string): Promise<LiveChatSession[]> {
    return this.db.select().from(livechatSessions).where(and(eq(livechatSessions.status, 'active'), eq(livechatSessions.acceptedBy, agentId)));
  }

  waiting(): Promise<LiveChatSession[]> {
    return this.db.select().from(livechatSessions).where(eq(livechatSessions.status, 'waiting')).orderBy(asc(livechatSessions.requestedAt));
  }

  /**
   * Takes a waiting chat for this agent: undefined when another agent was faster, the member
   * left, or the agent already runs `maxChats` chats.
   */
  async accept(sessionId: string, agentId: string, maxChats = Number.MAX_SAFE_INTEGER): Promise<LiveChatSession | undefined> {
    const [row] = await this.db
      .update(livechatSessions)
      .set({ status: 'active', acceptedBy: agentId, acceptedAt: sql`now()` })
      .where(
        and(
          eq(livechatSessions.id, sessionId),
          eq(livechatSessions.status, 'waiting'),
          sql`(select count(*) from livechat_sessions where status = 'active' and accepted_by = ${agentId}) < ${maxChats}`,
        ),
      )
      .returning();
    return row;
  }

  /** How many chats each of these agents runs now. */
  async activeCounts(agentIds: string[]): Promise<Map<string, number>> {
    const counts = new Map(agentIds.map((id) => [id, 0]));
    if (agentIds.length === 0) return counts;
    const rows = await this.db
      .select({ agent: livechatSessions.acceptedBy, chats: sql<number>`count(*)::int` })
      .from(livechatSessions)
      .where(and(eq(livechatSessions.status, 'active'), inArray(livechatSessions.acceptedBy, agentIds)))
      .groupBy(livechatSessions.acceptedBy);
    for (const row of rows) if (row.agent) counts.set(row.agent, Number(row.chats));
    return counts;
  }

  /** The member leaves the queue ("abbrechen"); only a waiting chat can be left this way. Returns the chat left. */
  async cancel(conversationId: string): Promise<LiveChatSession | undefined> {
    const [row] = await this.db
      .update(livechatSessions)
      .set({ status: 'cancelled', endedAt: sql`now()` })
      .where(and(eq(livechatSessions.conversationId, conversationId), eq(livechatSessions.status, 'waiting')))
      .returning();
    return row;
  }

  async end(sessionId: string): Promise<LiveChatSession | undefined> {
    const [row] = await this.db
      .update(livechatSessions)
      .set({ status: 'ended', endedAt: sql`now()` })
      .where(and(eq(livechatSessions.id, sessionId), eq(livechatSessions.status, 'active')))
      .returning();
    return row;
  }

  /** Minutes until a person answers, from the position and how long chats of the last week took. */
  async estimateWaitMinutes(position: number, agentsAvailable: number, now: Date): Promise<number> {
    const [row] = await this.db
      .select({ minutes: avg(sql<number>`extract(epoch from (${livechatSessions.endedAt} - ${livechatSessions.acceptedAt})) / 60`) })
      .from(livechatSessions)
      .where(and(eq(livechatSessions.status, 'ended'), isNotNull(livechatSessions.acceptedAt), gte(livechatSessions.endedAt, new Date(now.getTime() - 7 * 24 * 3600_000))));
    const perChat = row?.minutes ? Number(row.minutes) : DEFAULT_CHAT_MINUTES;
    return Math.max(1, Math.ceil((position * perChat) / Math.max(1, agentsAvailable)));
  }
}
