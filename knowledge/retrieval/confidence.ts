import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../platform/paths.js';

/**
 * What the retrieval knows about its best match, beyond the score itself. Each lies between
 * 0 and 1. A logistic model over them estimates how likely the best match is the right
 * answer; `npm run calibrate:faq` fits it on the development sets.
 */
export const FEATURES = [
  /** The ranking score of the best entry. */
  'score',
  /** Its lead over the runner-up. */
  'lead',
  /** BM25 over the entry's questions and answer, relative to the most the query could reach. */
  'bm25',
  /** Word overlap with its closest question or phrasing. */
  'phrasing',
  /** Character-trigram similarity with its closest question or phrasing. */
  'trigrams',
  /** Share of the understood query words (by weight) the entry contains. */
  'coverage',
  /** Share of the query's weight in specific words the knowledge base does not know ("Zahnspange"). */
  'specificUnknown',
  /** Specific unknown words, 0, 1 or 2 and more (as 0, 0.5, 1). */
  'specificUnknownCount',
  /** Everyday words the knowledge base does not know ("Sommer"), up to 3. */
  'everydayUnknownCount',
  /** Understood words, up to 6. */
  'understoodCount',
  /** Share of the query's weight read as typos or word parts (guesses). */
  'guessed',
  /** Unknown compounds read by their known parts ("Kindergeld" → Kind + Geld), 0, 1 or 2 and more. */
  'readAsParts',
  /** The rarest understood word the entry does not contain, by idf ("WhatsApp" in a question about using the app on two phones). */
  'missingRarest',
  /** The largest share of one understood word's occurrences that falls on this entry ("Ratgeber": nearly all). */
  'anchor',
  /** The learned classifier (topic-classifier.ts) names the same entry first (1), second (0.5) or not (0). */
  'classifierAgrees',
  /** … and how far ahead of its runner-up, when it names the same entry first. */
  'classifierLead',
  /** How close the nearest subject the knowledge base does not cover comes, relative to the best entry (0: none near). */
  'notCoveredNear',
  /** How long the text is: its terms (compound parts included), up to 50. A letter's story dilutes every other feature. */
  'length',
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

const modelSchema = z.object({
  /** How it was made: sets, date; for people reading the file. */
  about: z.string(),
  bias: z.number(),
  weights: z.object(Object.fromEntries(FEATURES.map((f) => [f, z.number()])) as Record<FeatureName, z.ZodNumber>),
  /** Minimum confidence to answer outright … */
  answer: z.number().min(0).max(1),
  /** … and lead over the runner-up (more for a single understood word, see below), else "Meinten Sie …?". */
  margin: z.number().min(0).max(1),
  /** … and to offer "Meinten Sie …?"; below it: the honest fallback. */
  suggest: z.number().min(0).max(1),
});
export type ConfidenceModel = z.infer<typeof modelSchema>;

/** The model's file in a knowledge directory: fitted for that knowledge base's entries. */
export const CONFIDENCE_MODEL_FILE = 'confidence-model.json';
/** The model fitted for the Musterkasse knowledge base; used where a directory has none (tests, new bases). */
const SHIPPED_MODEL_FILE = path.join(projectRoot, 'knowledge', CONFIDENCE_MODEL_FILE);

export function parseConfidenceModel(json: unknown): ConfidenceModel {
  return modelSchema.parse(json);
}

let shipped: ConfidenceModel | undefined;

/** The model shipped with the code (a broken file fails at start, not later). */
export function shippedConfidenceModel(): ConfidenceModel {
  shipped ??= parseConfidenceModel(JSON.parse(readFileSync(SHIPPED_MODEL_FILE, 'utf8')));
  return shipped;
}

/**
 * A question with one understood word ("Bescheinigung", "PIN") often fits several entries
 * about as well; it is answered outright only when one entry is clearly about that word, else
 * the member chooses. Few labelled questions are that short, so this lead is set, not fitted.
 */
export const SINGLE_WORD_LEAD = 0.08;

export function requiredLead(model: Pick<ConfidenceModel, 'margin'>, features: Features): number {
  return features.understoodCount <= 1 / 6 ? Math.max(SINGLE_WORD_LEAD, model.margin) : model.margin;
}

/** Estimated probability that the best match is the right answer. */
export function confidence(model: Pick<ConfidenceModel, 'bias' | 'weights'>, features: Features): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * What the retrieval does with its best match: answer when sure enough, clearly ahead and at
 * least one word understood as written; offer "Meinten Sie …?" when fairly sure; else fall back.
 */
export function decide(
  thresholds: Pick<ConfidenceModel, 'answer' | 'margin' | 'suggest'>,
  match: { sure: number; understood: boolean; features: Features },
): 'answer' | 'suggest' | 'fallback' {
  if (match.understood && match.sure >= thresholds.answer && match.features.lead >= requiredLead(thresholds, match.features))
    return 'answer';
  return match.sure >= thresholds.suggest || clearlyInScope(match) ? 'suggest' : 'fallback';
}

/**
 * Every word understood as written and the best entries matching it well ("Karte", "PIN",
 * "Formulare"): in scope, only unclear which entry is meant, so the member chooses rather than
 * getting the fallback. Set, not fitted, like the single-word lead; its cost on out-of-scope
 * questions is part of what `npm run calibrate:faq` and `npm run eval:faq` measure.
 */
const IN_SCOPE_SCORE = 0.7;

function clearlyInScope(match: { understood: boolean; features: Features }): boolean {
  const f = match.features;
  return match.understood && f.specificUnknown === 0 && f.everydayUnknownCount === 0 && f.guessed === 0 && f.score >= IN_SCOPE_SCORE;
}
