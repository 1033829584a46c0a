import { confidence, decide, FEATURES, type ConfidenceModel, type FeatureName, type Features } from './confidence.js';

/** One labelled question as the retrieval saw it. */
export interface CalibrationSample {
  set: string;
  /** Absent for a question known word for word (always answered) or without usable words (never). */
  features: Features | undefined;
  exact: boolean;
  understood: boolean;
  outOfScope: boolean;
  /** The retrieval's best match is the right entry. */
  right: boolean;
  /** Decided without this model (an English question, by the English phrasings' own thresholds). */
  decided?: 'answer' | 'suggest' | 'fallback';
}

export type Weights = Pick<ConfidenceModel, 'bias' | 'weights'>;
export type Decision = Pick<ConfidenceModel, 'answer' | 'margin' | 'suggest'>;

export interface Rates {
  /** Share of in-scope questions answered with the right entry (NaN for a set without any). */
  correct: number;
  /** Share of all questions answered wrongly; 0 for a set of out-of-scope questions only (see fallback). */
  wrong: number;
  outOfScopeFallback: number;
}

export interface Limits {
  maxWrong: number;
  minOutOfScopeFallback: number;
}

const STEPS = 20_000;
const LEARNING_RATE = 0.5;
const L2 = 0.001;
/**
 * How much an out-of-scope question counts in the fit against an in-scope one. They are a sixth
 * of the labelled questions, yet answering one is the costlier mistake and they bind the
 * thresholds; counted three times, the features that tell them apart weigh more (decision 0015,
 * addendum 2026-12-08).
 */
export const OUT_OF_SCOPE_WEIGHT = 3;

/**
 * Which way each feature may push the confidence: a better match never lowers it, an unknown or
 * guessed word never raises it. Without these signs the fit, over features that move together,
 * learns odd trade-offs (a larger lead lowering the confidence) that fail on a new entry with
 * few phrasings. 0: either way.
 */
const FEATURE_SIGNS: Record<FeatureName, 1 | -1 | 0> = {
  score: 1,
  lead: 1,
  bm25: 1,
  phrasing: 1,
  trigrams: 1,
  coverage: 1,
  specificUnknown: -1,
  specificUnknownCount: -1,
  everydayUnknownCount: 0,
  understoodCount: 0,
  guessed: -1,
  readAsParts: -1,
  missingRarest: -1,
  anchor: 1,
  classifierAgrees: 1,
  classifierLead: 1,
  notCoveredNear: -1,
  length: 0,
};

/**
 * Logistic regression by full-batch (projected) gradient descent with a little L2
 * regularisation, each weight kept to its sign (FEATURE_SIGNS): which features tell that the
 * best match is right. A dozen features and a few thousand rows need nothing more.
 */
export function fitWeights(samples: CalibrationSample[], outOfScopeWeight = OUT_OF_SCOPE_WEIGHT): Weights {
  const rows = samples
    .filter((s) => s.features)
    .map((s) => ({ x: FEATURES.map((f) => s.features![f]), y: s.right ? 1 : 0, weight: s.outOfScope ? outOfScopeWeight : 1 }));
  const totalWeight = rows.reduce((sum, r) => sum + r.weight, 0);
  const w = new Float64Array(FEATURES.length);
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Float64Array(FEATURES.length);
    let gradBias = 0;
    for (const { x, y, weight } of rows) {
      const z = bias + x.reduce((sum, v, i) => sum + v * w[i]!, 0);
      const error = weight * (1 / (1 + Math.exp(-z)) - y);
      for (let i = 0; i < x.length; i++) grad[i]! += error * x[i]!;
      gradBias += error;
    }
    for (let i = 0; i < w.length; i++) {
      w[i]! -= LEARNING_RATE * (grad[i]! / totalWeight + L2 * w[i]!);
      const sign = FEATURE_SIGNS[FEATURES[i]!];
      if (sign * w[i]! < 0) w[i] = 0;
    }
    bias -= (LEARNING_RATE * gradBias) / totalWeight;
  }
  return { bias, weights: Object.fromEntries(FEATURES.map((f, i) => [f, Math.round(w[i]! * 1000) / 1000])) as Features };
}

/** How the retrieval would decide with these weights and thresholds. */
export function measure(samples: CalibrationSample[], weights: Weights, thresholds: Decision): Rates {
  let correct = 0;
  let wrong = 0;
  let fallback = 0;
  for (const s of samples) {
    // Known questions are always answered, questions without usable words never (as in the retrieval).
    const decision = s.decided
      ? s.decided
      : s.features
        ? decide(thresholds, { sure: confidence(weights, s.features), understood: s.understood, features: s.features })
        : s.exact
          ? 'answer'
          : 'fallback';
    const answered = decision === 'answer';
    if (s.outOfScope) {
      if (answered) wrong++;
      else if (decision === 'fallback') fallback++;
    } else if (answered) {
      if (s.right) correct++;
      else wrong++;
    }
  }
  const inScope = samples.filter((s) => !s.outOfScope).length;
  return {
    correct: inScope ? correct / inScope : NaN,
    wrong: inScope ? wrong / samples.length : 0,
    outOfScopeFallback: fallback / Math.max(1, samples.length - inScope),
  };
}

const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
const MARGINS = [0, 0.01, 0.02, 0.03, 0.04, 0.05];

/**
 * The thresholds with the most correct answers within the limits, on all samples together,
 * then the lowest suggestion threshold that still keeps the out-of-scope fallback rate.
 */
export function chooseThresholds(samples: CalibrationSample[], weights: Weights, limits: Limits): Decision {
  let chosen: Decision = { answer: 0.99, margin: 0.05, suggest: 0.99 };
  let best = -1;
  for (const margin of MARGINS) {
    for (const answer of GRID) {
      const r = measure(samples, weights, { answer, margin, suggest: answer });
      if (r.wrong > limits.maxWrong || r.outOfScopeFallback < limits.minOutOfScopeFallback) continue;
      if (r.correct > best) [best, chosen] = [r.correct, { answer, margin, suggest: answer }];
    }
  }
  const suggest = GRID.find(
    (s) => s <= chosen.answer && measure(samples, weights, { ...chosen, suggest: s }).outOfScopeFallback >= limits.minOutOfScopeFallback,
  );
  return { ...chosen, suggest: suggest ?? chosen.answer };
}
