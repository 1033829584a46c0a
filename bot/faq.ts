/**
 * What the bot needs from the knowledge base, as plain types (the knowledge part provides it;
 * the bot does not reach into its internals).
 */
export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  followUps: string[];
  action?: string;
}

export interface FaqAnswer {
  result: { decision: 'answer' | 'suggest' | 'fallback'; candidates: Array<{ id: string; score: number }>; reasons: string[] };
  entries: FaqEntry[];
  /** The entries that answer the message's other questions, if it asked several (each answered with confidence). */
  alsoAnswered?: FaqEntry[];
}

export interface FaqLookup {
  ask(question: string): FaqAnswer;
  entry(id: string): FaqEntry | undefined;
  /** An entry's answer as a member reads it today (its dated figures filled in). */
  answerOf(entry: FaqEntry): string;
  /** A figure's value today, as the answers state it ("10 Euro"). */
  figure(id: string): string;
}

/** What a member got for a question: an answer, a started action, a "Meinten Sie …?" or the fallback. */
export type BotOutcome = 'answer' | 'action' | 'suggest' | 'fallback';

/** Where the bot reports what it could not answer, how members rated answers, and (counted per day) what each question got. */
export interface FaqFeedback {
  recordOutcome(outcome: BotOutcome): Promise<void>;
  recordUnanswered(question: string, decision: 'suggest' | 'fallback', candidates: Array<{ id: string; score: number }>): Promise<void>;
  rate(entryId: string, helpful: boolean): Promise<void>;
}
