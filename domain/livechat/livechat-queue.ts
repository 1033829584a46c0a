import { randomUUID } from 'node:crypto';
import { and, asc, avg, desc, eq, gte, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { livechatEvents, livechatSessions } from '../../platform/db/schema.js';

export type LiveChatSession = typeof livechatSessions.$inferSelect;
export type LiveChatSummary = LiveChatSession['summary'];

/** Used for the wait estimate until enough chats have ended to measure it. */
const DEFAULT_CHAT_MINUTES = 6;
/** A member who does not answer the satisfaction question within this time is not asked again. */
const RATING_OPEN_MS = 30 * 60_000;

/** How a running chat ends: the agent ends it (the member is asked for a rating) or hands back to the bot. */
export type ChatClose = 'ended' | 'handed_back';

/** Only a chat that is waiting and under the agent's limit: the compare-and-set conditions. */
const underLimit = (agentId: string, maxChats: number) =>
  sql`(select count(*) from livechat_sessions where status = 'active' and accepted_by = ${agentId}) < ${maxChats}`;

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
    return this.db
      .select()
      .from(livechatSessions)
      .where(and(eq(livechatSessions.status, 'active'), eq(livechatSessions.acceptedBy, agentId)));
  }

  waiting(): Promise<LiveChatSession[]> {
    return this.db.select().from(livechatSessions).where(eq(livechatSessions.status, 'waiting')).orderBy(asc(livechatSessions.requestedAt));
  }

  /**
   * Takes a waiting chat for this agent: undefined when another agent was faster, the member
   * left, or the agent already runs `maxChats` chats.
   */
  async accept(sessionId: string, agentId: string, maxChats = Number.MAX_SAFE_INTEGER): Promise<LiveChatSession | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(livechatSessions)
        .set({ status: 'active', acceptedBy: agentId, acceptedAt: sql`now()` })
        .where(and(eq(livechatSessions.id, sessionId), eq(livechatSessions.status, 'waiting'), underLimit(agentId, maxChats)))
        .returning();
      if (row) await tx.insert(livechatEvents).values({ id: randomUUID(), sessionId, kind: 'accepted', actorId: agentId });
      return row;
    });
  }

  /**
   * Hands a running chat from one agent to another who has room: undefined when the chat is
   * not (or no longer) the first agent's, or the second is at their limit.
   */
  async transfer(
    sessionId: string,
    fromAgentId: string,
    toAgentId: string,
    maxChats = Number.MAX_SAFE_INTEGER,
  ): Promise<LiveChatSession | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(livechatSessions)
        .set({ acceptedBy: toAgentId })
        .where(
          and(
            eq(livechatSessions.id, sessionId),
            eq(livechatSessions.status, 'active'),
            eq(livechatSessions.acceptedBy, fromAgentId),
            underLimit(toAgentId, maxChats),
          ),
        )
        .returning();
      if (row)
        await tx
          .insert(livechatEvents)
          .values({ id: randomUUID(), sessionId, kind: 'transferred', actorId: fromAgentId, targetId: toAgentId });
      return row;
    });
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
      .set({ status: 'cancelled', outcome: 'left', endedAt: sql`now()` })
      .where(and(eq(livechatSessions.conversationId, conversationId), eq(livechatSessions.status, 'waiting')))
      .returning();
    return row;
  }

  /** The agent's own running chat ends; after "ended" the member is asked for a rating. */
  async close(sessionId: string, agentId: string, how: ChatClose): Promise<LiveChatSession | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(livechatSessions)
        .set({ status: 'ended', outcome: how, endedAt: sql`now()`, ratingAskedAt: how === 'ended' ? sql`now()` : null })
        .where(and(eq(livechatSessions.id, sessionId), eq(livechatSessions.status, 'active'), eq(livechatSessions.acceptedBy, agentId)))
        .returning();
      if (row) await tx.insert(livechatEvents).values({ id: randomUUID(), sessionId, kind: how, actorId: agentId });
      return row;
    });
  }

  /** Who did what in a chat, oldest first. */
  history(sessionId: string) {
    return this.db.select().from(livechatEvents).where(eq(livechatEvents.sessionId, sessionId)).orderBy(asc(livechatEvents.at));
  }

  /** The member's chat window showed the agent's messages up to now. Returns the running chat, if any. */
  async markMemberRead(conversationId: string, at: Date): Promise<LiveChatSession | undefined> {
    const [row] = await this.db
      .update(livechatSessions)
      .set({ memberReadAt: at })
      .where(and(eq(livechatSessions.conversationId, conversationId), eq(livechatSessions.status, 'active')))
      .returning();
    return row;
  }

  /**
   * What the bot checks on every member message, in one query: the chat that is waiting or
   * running, and the ended one whose rating the member was asked for and has not given.
   */
  async currentFor(conversationId: string, now: Date): Promise<{ open?: LiveChatSession; ratingPending?: LiveChatSession }> {
    const rows = await this.db
      .select()
      .from(livechatSessions)
      .where(
        and(
          eq(livechatSessions.conversationId, conversationId),
          or(
            inArray(livechatSessions.status, ['waiting', 'active']),
            and(isNull(livechatSessions.rating), gte(livechatSessions.ratingAskedAt, new Date(now.getTime() - RATING_OPEN_MS))),
          ),
        ),
      )
      .orderBy(desc(livechatSessions.requestedAt));
    return {
      open: rows.find((r) => r.status === 'waiting' || r.status === 'active'),
      ratingPending: rows.find((r) => r.status === 'ended' && r.ratingAskedAt !== null),
    };
  }

  /** Stores the member's rating (1–5), or with `undefined` notes that they chose not to give one. */
  async rate(sessionId: string, rating: number | undefined): Promise<void> {
    await this.db
      .update(livechatSessions)
      .set({ rating: rating ?? null, ratingAskedAt: null })
      .where(eq(livechatSessions.id, sessionId));
  }

  /**
   * Minutes until a person answers: a member an agent with room is free for waits about a minute;
   * the others wait for the chats ahead of them, as long as chats of the last week took, shared
   * among the agents.
   */
  async estimateWaitMinutes(position: number, agentsAvailable: number, now: Date): Promise<number> {
    if (position <= agentsAvailable) return 1;
    const [row] = await this.db
      .select({ minutes: avg(sql<number>`extract(epoch from (${livechatSessions.endedAt} - ${livechatSessions.acceptedAt})) / 60`) })
      .from(livechatSessions)
      .where(
        and(
          eq(livechatSessions.status, 'ended'),
          isNotNull(livechatSessions.acceptedAt),
          gte(livechatSessions.endedAt, new Date(now.getTime() - 7 * 24 * 3600_000)),
        ),
      );
    const perChat = row?.minutes ? Number(row.minutes) : DEFAULT_CHAT_MINUTES;
    const ahead = position - agentsAvailable;
    return Math.max(1, Math.ceil((ahead * perChat) / Math.max(1, agentsAvailable)));
  }
}
