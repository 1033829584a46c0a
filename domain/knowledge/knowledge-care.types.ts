/**
 * What knowledge care answers (plain types shared by the knowledge part and the console's
 * browser code): the effect of an edited entry, and members' unanswered questions in groups.
 */

export interface EvaluationSummary {
  questions: number;
  correctRate: number;
  wrongRate: number;
  didYouMeanRate: number;
  outOfScopeFallbackRate: number;
}

/** A labelled question whose outcome the edit changes ("richtig", "falsch: <id>", "Meinten Sie", "keine Antwort"). */
export interface ChangedQuestion {
  q: string;
  expect: string;
  before: string;
  after: string;
}

export interface EditEffect {
  ok: true;
  before: EvaluationSummary;
  after: EvaluationSummary;
  improved: ChangedQuestion[];
  worsened: ChangedQuestion[];
}

export type CheckResult = { ok: false; problems: string[] } | EditEffect;

export interface UnansweredQuestion {
  question: string;
  count: number;
  lastDecision: 'suggest' | 'fallback';
  candidates: Array<{ id: string; score: number }>;
  lastSeenAt: string;
}

export interface UnansweredGroup {
  /** The most asked question of the group, shown first. */
  question: string;
  /** How often the group's questions were asked in all. */
  count: number;
  questions: UnansweredQuestion[];
  /** The entries the bot thought closest, over the group (most frequent first). */
  closestEntries: string[];
}
