import type { Features } from './confidence.js';

/** What a search of the knowledge base found, and how it decided. */
export interface Candidate {
  id: string;
  score: number;
}

export interface RetrievalResult {
  decision: 'answer' | 'suggest' | 'fallback';
  /** Best first, at most three. */
  candidates: Candidate[];
  /** Estimated probability that the best candidate is the right answer (see confidence.ts). */
  confidence: number;
  /** What the estimate was made from (absent when no words were usable or the question was known word for word). */
  features?: Features;
  /** At least one word was understood as written (not only guessed as a typo or word part): required to answer. */
  understood: boolean;
  /** Why: which query terms were understood, corrected or unknown. Logged, shown to admins. */
  reasons: string[];
  /** A message with several questions: the entries that answer its other questions, each with confidence, in order. */
  alsoAsked?: Candidate[];
  /** The question is closest to a subject the knowledge base does not cover (not-covered.yaml): the fallback. */
  notCovered?: string;
}
