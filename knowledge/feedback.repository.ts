import { desc, inArray, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { botDailyOutcomes, faqRatings, faqUnanswered, type BotOutcome } from '../platform/db/schema.js';
import { scrubText } from '../platform/logging/redact.js';

/**
 * What members' questions teach the team: unanswered questions (for new phrasings or entries)
 * and ratings per entry. Questions are stored scrubbed: KVNR, IBAN, phone numbers, e-mail
 * addresses and any longer number are removed before anything is written.
 */
export function scrubQuestion(question: string): string {
  return scrubText(question)
    .replace(/\d{4,}/g, '[zahl]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export class FaqFeedbackRepository {
  constructor(
    private readonly db: Database,
    /** The insurer's time zone: outcomes are counted per local day. */
    private readonly timeZone: string,
  ) {}

  async recordOutcome(outcome: BotOutcome): Promise<void> {
    await this.db
      .insert(botDailyOutcomes)
      .values({ day: sql`(now() at time zone ${this.timeZone})::date`, outcome })
      .onConflictDoUpdate({ target: [botDailyOutcomes.day, botDailyOutcomes.outcome], set: { count: sql`${botDailyOutcomes.count} + 1` } });
  }

  async recordUnanswered(
    question: string,
    decision: 'suggest' | 'fallback',
    candidates: Array<{ id: string; score: number }>,
  ): Promise<void> {
    const scrubbed = scrubQuestion(question);
    if (!scrubbed) return;
    await this.db
      .insert(faqUnanswered)
      .values({ question: scrubbed, lastDecision: decision, lastCandidates: candidates })
      .onConflictDoUpdate({
        target: faqUnanswered.question,
        set: { count: sql`${faqUnanswered.count} + 1`, lastDecision: decision, lastCandidates: candidates, lastSeenAt: new Date() },
      });
  }

  /** Questions dealt with (now phrasings of an entry): they leave the list. */
  async forgetUnanswered(questions: string[]): Promise<void> {
    if (questions.length === 0) return;
    await this.db.delete(faqUnanswered).where(inArray(faqUnanswered.question, [...questions, ...questions.map(scrubQuestion)]));
  }

  listUnanswered(limit = 200) {
    return this.db.select().from(faqUnanswered).orderBy(desc(faqUnanswered.count), desc(faqUnanswered.lastSeenAt)).limit(limit);
  }

  async rate(entryId: string, helpful: boolean): Promise<void> {
    await this.db
      .insert(faqRatings)
      .values({ entryId, helpful: helpful ? 1 : 0, notHelpful: helpful ? 0 : 1 })
      .onConflictDoUpdate({
        target: faqRatings.entryId,
        set: helpful
          ? { helpful: sql`${faqRatings.helpful} + 1`, updatedAt: new Date() }
          : { notHelpful: sql`${faqRatings.notHelpful} + 1`, updatedAt: new Date() },
      });
  }

  listRatings() {
    return this.db.select().from(faqRatings).orderBy(desc(faqRatings.notHelpful));
  }
}
