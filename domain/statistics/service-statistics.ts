import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { addDaysIso } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import {
  botDailyOutcomes,
  callbackRequests,
  chatActivities,
  chatConversations,
  livechatSessions,
  submissionDocuments,
  submissions,
} from '../../platform/db/schema.js';

/** The longest range one request may ask for (a year and a few days, for week boundaries). */
const MAX_RANGE_DAYS = 400;

const day = z.iso
  .date({ error: 'Bitte das Datum als JJJJ-MM-TT angeben.' })
  .refine((d) => d >= '2000-01-01' && d <= '2999-12-31', { error: 'Bitte ein Datum zwischen 2000 und 2999 angeben.' });

export const statisticsRangeSchema = z
  .object({
    from: day,
    to: day,
    period: z.enum(['day', 'week'], { error: 'Der Zeitraum muss day oder week sein.' }).default('day'),
  })
  .strict()
  .refine((r) => r.from <= r.to, { error: '„von“ muss vor „bis“ liegen.', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * 86_400_000, {
    error: `Bitte höchstens ${MAX_RANGE_DAYS} Tage auf einmal abfragen.`,
    path: ['to'],
  });
export type StatisticsRange = z.output<typeof statisticsRangeSchema>;

export interface ConversationFigures {
  period: string;
  conversations: number;
  /** Conversations in which the member asked for a person (live chat or callback). */
  withPerson: number;
  /** Share of conversations that needed no person; null without conversations. */
  resolvedByBotShare: number | null;
  answers: number;
  actions: number;
  suggestions: number;
  fallbacks: number;
  /** Of all questions the bot got: share answered with "Meinten Sie …?", and with the fallback. */
  suggestionRate: number | null;
  fallbackRate: number | null;
}

export interface LiveChatFigures {
  period: string;
  handoffs: number;
  accepted: number;
  /** The member left the queue before anyone took the chat. */
  cancelled: number;
  waitP50Seconds: number | null;
  waitP95Seconds: number | null;
  lengthP50Seconds: number | null;
  lengthP95Seconds: number | null;
  ratings: number;
  ratingAverage: number | null;
}

export interface CallbackFigures {
  period: string;
  requested: number;
  /** Of those requested in the period: still open or scheduled, and done. */
  open: number;
  done: number;
}

export interface DocumentFigures {
  period: string;
  received: number;
  routedAutomatically: number;
  automaticShare: number | null;
  reviewed: number;
  reviewP50Seconds: number | null;
  reviewP95Seconds: number | null;
  quarantined: number;
}

export interface DocumentTypeFigures {
  period: string;
  documentType: string;
  channel: string;
  documents: number;
}

export interface ServiceFigures {
  conversations: ConversationFigures[];
  liveChat: LiveChatFigures[];
  callbacks: CallbackFigures[];
  documents: DocumentFigures[];
  documentTypes: DocumentTypeFigures[];
}

/**
 * Grouped by the first column's position: the period expression carries the time zone as a
 * parameter, and PostgreSQL would not see `$1` in the select list and `$6` in GROUP BY as one.
 */
const FIRST_COLUMN = sql`1`;
const count = (condition?: SQL) => (condition ? sql<number>`(count(*) filter (where ${condition}))::int` : sql<number>`count(*)::int`);
const percentile = (p: number, seconds: SQL) =>
  sql<number | null>`percentile_cont(${sql.raw(String(p))}) within group (order by ${seconds})`;
const secondsBetween = (start: AnyPgColumn, end: AnyPgColumn) => sql`extract(epoch from ${end} - ${start})`;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const rounded = (value: number | null) => (value === null ? null : Math.round(value));

/**
 * The service's figures per day or week (in the insurer's time zone), read from what the
 * system records anyway: conversations, the bot's daily outcomes, live chats, callbacks and
 * documents. Counts and durations only; no names, texts or numbers of members.
 */
export class ServiceStatistics {
  constructor(
    private readonly db: Database,
    private readonly timeZone: string,
  ) {}

  /** Every figure, for admins. */
  async figures(range: StatisticsRange): Promise<ServiceFigures> {
    const [conversations, liveChat, callbacks, documents, documentTypes] = await Promise.all([
      this.conversations(range),
      this.liveChat(range),
      this.callbacks(range),
      this.documents(range),
      this.documentTypes(range),
    ]);
    return { conversations, liveChat, callbacks, documents, documentTypes };
  }

  /** The first day of every period in the range, so that quiet days show as zeros. */
  periods(range: StatisticsRange): string[] {
    const periods: string[] = [];
    let start = range.period === 'week' ? mondayOf(range.from) : range.from;
    while (start <= range.to) {
      periods.push(start);
      start = addDaysIso(start, range.period === 'week' ? 7 : 1);
    }
    return periods;
  }

  /** The period a timestamp falls in, in SQL. */
  private bucket(column: AnyPgColumn | SQL, range: StatisticsRange): SQL<string> {
    const local = sql`(${column} at time zone ${this.timeZone})`;
    return range.period === 'week' ? sql<string>`date_trunc('week', ${local})::date::text` : sql<string>`${local}::date::text`;
  }

  /** The range's days, whole, in the insurer's time zone (from the first day of the first week). */
  private within(column: AnyPgColumn, range: StatisticsRange): SQL {
    const first = this.periods(range)[0] ?? range.from;
    return sql`${column} >= (${first}::date::timestamp at time zone ${this.timeZone}) and ${column} < ((${range.to}::date + 1)::timestamp at time zone ${this.timeZone})`;
  }

  async conversations(range: StatisticsRange): Promise<ConversationFigures[]> {
    const memberWrote = sql`exists (select 1 from ${chatActivities} where ${chatActivities.conversationId} = ${chatConversations.id} and ${chatActivities.fromRole} = 'user' and ${chatActivities.type} = 'message')`;
    const person = sql`(exists (select 1 from ${livechatSessions} where ${livechatSessions.conversationId} = ${chatConversations.id})
      or exists (select 1 from ${callbackRequests} where ${callbackRequests.conversationId} = ${chatConversations.id}))`;
    const period = this.bucket(chatConversations.createdAt, range);
    const counted = await this.db
      .select({ period, conversations: count(), withPerson: count(person) })
      .from(chatConversations)
      .where(and(sql`${this.within(chatConversations.createdAt, range)}`, memberWrote))
      .groupBy(FIRST_COLUMN);
    const outcomeDay =
      range.period === 'week'
        ? sql<string>`date_trunc('week', ${botDailyOutcomes.day})::date::text`
        : sql<string>`${botDailyOutcomes.day}::text`;
    const first = this.periods(range)[0] ?? range.from;
    const outcomes = await this.db
      .select({ period: outcomeDay, outcome: botDailyOutcomes.outcome, count: sql<number>`sum(${botDailyOutcomes.count})::int` })
      .from(botDailyOutcomes)
      .where(sql`${botDailyOutcomes.day} between ${first}::date and ${range.to}::date`)
      .groupBy(FIRST_COLUMN, botDailyOutcomes.outcome);
    return this.periods(range).map((p) => {
      const row = counted.find((r) => r.period === p);
      const of = (outcome: string) => outcomes.find((o) => o.period === p && o.outcome === outcome)?.count ?? 0;
      const [answers, actions, suggestions, fallbacks] = [of('answer'), of('action'), of('suggest'), of('fallback')];
      const questions = answers + actions + suggestions + fallbacks;
      const conversations = row?.conversations ?? 0;
      const withPerson = row?.withPerson ?? 0;
      return {
        period: p,
        conversations,
        withPerson,
        resolvedByBotShare: share(conversations - withPerson, conversations),
        answers,
        actions,
        suggestions,
        fallbacks,
        suggestionRate: share(suggestions, questions),
        fallbackRate: share(fallbacks, questions),
      };
    });
  }

  /** Handoffs by the day they were asked for; with `agentId`, only the chats that agent took. */
  async liveChat(range: StatisticsRange, agentId?: string): Promise<LiveChatFigures[]> {
    const s = livechatSessions;
    const period = this.bucket(s.requestedAt, range);
    const wait = secondsBetween(s.requestedAt, s.acceptedAt);
    const length = secondsBetween(s.acceptedAt, s.endedAt);
    const rows = await this.db
      .select({
        period,
        handoffs: count(),
        accepted: count(isNotNull(s.acceptedAt)),
        cancelled: count(eq(s.status, 'cancelled')),
        waitP50Seconds: percentile(0.5, wait),
        waitP95Seconds: percentile(0.95, wait),
        lengthP50Seconds: percentile(0.5, length),
        lengthP95Seconds: percentile(0.95, length),
        ratings: count(isNotNull(s.rating)),
        ratingAverage: sql<number | null>`avg(${s.rating})::float8`,
      })
      .from(s)
      .where(and(this.within(s.requestedAt, range), agentId ? eq(s.acceptedBy, agentId) : undefined))
      .groupBy(FIRST_COLUMN);
    return this.periods(range).map((p) => {
      const row = rows.find((r) => r.period === p);
      return {
        period: p,
        handoffs: row?.handoffs ?? 0,
        accepted: row?.accepted ?? 0,
        cancelled: row?.cancelled ?? 0,
        waitP50Seconds: rounded(row?.waitP50Seconds ?? null),
        waitP95Seconds: rounded(row?.waitP95Seconds ?? null),
        lengthP50Seconds: rounded(row?.lengthP50Seconds ?? null),
        lengthP95Seconds: rounded(row?.lengthP95Seconds ?? null),
        ratings: row?.ratings ?? 0,
        ratingAverage: row?.ratingAverage === null || row?.ratingAverage === undefined ? null : Math.round(row.ratingAverage * 10) / 10,
      };
    });
  }

  async callbacks(range: StatisticsRange): Promise<CallbackFigures[]> {
    const c = callbackRequests;
    const period = this.bucket(c.createdAt, range);
    const rows = await this.db
      .select({
        period,
        requested: count(),
        open: count(sql`${c.status} in ('open', 'scheduled')`),
        done: count(eq(c.status, 'done')),
      })
      .from(c)
      .where(this.within(c.createdAt, range))
      .groupBy(FIRST_COLUMN);
    return this.periods(range).map((p) => rows.find((r) => r.period === p) ?? { period: p, requested: 0, open: 0, done: 0 });
  }

  async documents(range: StatisticsRange): Promise<DocumentFigures[]> {
    const d = submissionDocuments;
    const period = this.bucket(d.createdAt, range);
    const review = secondsBetween(d.reviewRequestedAt, d.reviewedAt);
    const rows = await this.db
      .select({
        period,
        received: count(),
        routedAutomatically: count(sql`${d.status} = 'routed' and ${d.reviewRequestedAt} is null`),
        reviewed: count(isNotNull(d.reviewedAt)),
        reviewP50Seconds: percentile(0.5, review),
        reviewP95Seconds: percentile(0.95, review),
        quarantined: count(eq(d.status, 'quarantined')),
      })
      .from(d)
      .where(this.within(d.createdAt, range))
      .groupBy(FIRST_COLUMN);
    return this.periods(range).map((p) => {
      const row = rows.find((r) => r.period === p);
      const received = row?.received ?? 0;
      const routedAutomatically = row?.routedAutomatically ?? 0;
      return {
        period: p,
        received,
        routedAutomatically,
        automaticShare: share(routedAutomatically, received),
        reviewed: row?.reviewed ?? 0,
        reviewP50Seconds: rounded(row?.reviewP50Seconds ?? null),
        reviewP95Seconds: rounded(row?.reviewP95Seconds ?? null),
        quarantined: row?.quarantined ?? 0,
      };
    });
  }

  /** Documents per period by the type the pipeline (or a clerk) gave them and the channel they came by. */
  async documentTypes(range: StatisticsRange): Promise<DocumentTypeFigures[]> {
    const d = submissionDocuments;
    const period = this.bucket(d.createdAt, range);
    const documentType = sql<string>`coalesce(${d.documentType}, 'unknown')`;
    const channel = sql<string>`case when ${submissions.source} like 'channel:%' then substr(${submissions.source}, 9) else ${submissions.source} end`;
    return this.db
      .select({ period, documentType, channel, documents: count() })
      .from(d)
      .innerJoin(submissions, eq(submissions.id, d.submissionId))
      .where(this.within(d.createdAt, range))
      .groupBy(sql`1, 2, 3`)
      .orderBy(sql`1, 2, 3`);
  }
}

/** The Monday on or before an ISO day. */
function mondayOf(isoDay: string): string {
  const weekday = new Date(`${isoDay}T12:00:00Z`).getUTCDay();
  return addDaysIso(isoDay, -((weekday + 6) % 7));
}
