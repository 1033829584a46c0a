import assert from 'node:assert/strict';
import { chooseThresholds, fitWeights, measure, type CalibrationSample } from '../../knowledge/retrieval/calibration.js';
import {
  confidence,
  FEATURES,
  shippedConfidenceModel,
  parseConfidenceModel,
  requiredLead,
  SINGLE_WORD_LEAD,
  type Features,
} from '../../knowledge/retrieval/confidence.js';

const features = (overrides: Partial<Features>): Features => ({
  ...(Object.fromEntries(FEATURES.map((f) => [f, 0])) as Features),
  understoodCount: 0.5,
  ...overrides,
});

/** A right answer has a high score, a wrong one or an out-of-scope question a low one, with some overlap. */
function samples(): CalibrationSample[] {
  const out: CalibrationSample[] = [];
  for (let i = 0; i < 200; i++) {
    const score = i / 200;
    const right = score > 0.55 || (score > 0.45 && i % 3 === 0);
    out.push({
      set: 'synthetic',
      features: features({ score, lead: 0.1 }),
      exact: false,
      understood: true,
      outOfScope: !right && i % 2 === 0,
      right,
    });
  }
  return out;
}

describe('FAQ confidence model', () => {
  it('the shipped model is valid and weighs every feature', () => {
    const model = shippedConfidenceModel();
    for (const name of FEATURES) assert.equal(typeof model.weights[name], 'number', name);
    assert.ok(model.suggest <= model.answer);
    assert.throws(() => parseConfidenceModel({ ...model, answer: 2 }));
    assert.throws(() => parseConfidenceModel({ ...model, weights: { score: 1 } }));
  });

  it('the shipped model trusts a close, clear match more than a vague one', () => {
    const model = shippedConfidenceModel();
    const clear = features({
      score: 0.9,
      lead: 0.3,
      bm25: 0.9,
      phrasing: 0.9,
      trigrams: 0.9,
      coverage: 1,
      anchor: 0.8,
      understoodCount: 0.5,
      classifierAgrees: 1,
      classifierLead: 0.5,
      notCoveredNear: 0.3,
    });
    // A subject the knowledge base does not cover comes about as close as the best entry.
    const vague = features({
      score: 0.4,
      lead: 0.01,
      bm25: 0.4,
      phrasing: 0.3,
      trigrams: 0.3,
      coverage: 0.5,
      specificUnknown: 0.4,
      specificUnknownCount: 0.5,
      notCoveredNear: 0.9,
    });
    assert.ok(confidence(model, clear) > model.answer, 'a clear match is answered');
    assert.ok(confidence(model, vague) < model.suggest, 'a vague one falls back');
  });

  it('asks a single understood word for a clearer lead', () => {
    assert.equal(requiredLead({ margin: 0.02 }, features({ understoodCount: 1 / 6 })), SINGLE_WORD_LEAD);
    assert.equal(requiredLead({ margin: 0.02 }, features({ understoodCount: 3 / 6 })), 0.02);
  });

  it('calibration learns which features mark a right answer and keeps to the limits', () => {
    const data = samples();
    const weights = fitWeights(data);
    assert.ok(weights.weights.score > 0, 'a higher score means a right answer more often');
    const decision = chooseThresholds(data, weights, { maxWrong: 0.05, minOutOfScopeFallback: 0.9 });
    const rates = measure(data, weights, decision);
    assert.ok(rates.wrong <= 0.05, `wrong ${rates.wrong}`);
    assert.ok(rates.outOfScopeFallback >= 0.9, `fallback ${rates.outOfScopeFallback}`);
    assert.ok(rates.correct > 0.5, `correct ${rates.correct}`);
    const stricter = measure(data, weights, chooseThresholds(data, weights, { maxWrong: 0.01, minOutOfScopeFallback: 0.9 }));
    assert.ok(stricter.wrong <= 0.01 && stricter.correct <= rates.correct, 'a stricter limit answers less');
  });

  it('weighs out-of-scope questions more: what marks them lowers the confidence further', () => {
    // An unknown specific word: in every out-of-scope question, and in a fifth of the right answers.
    const data: CalibrationSample[] = Array.from({ length: 300 }, (_, i) => {
      const outOfScope = i % 4 === 0;
      const unknown = outOfScope || i % 5 === 0;
      return {
        set: 'synthetic',
        features: features({ score: 0.5 + (i % 7) / 20, specificUnknown: unknown ? 0.5 : 0 }),
        exact: false,
        understood: true,
        outOfScope,
        right: !outOfScope,
      };
    });
    const even = fitWeights(data, 1);
    const weighted = fitWeights(data, 3);
    assert.ok(
      weighted.weights.specificUnknown < even.weights.specificUnknown,
      `${weighted.weights.specificUnknown} < ${even.weights.specificUnknown}`,
    );
    const outOfScope = features({ score: 0.6, specificUnknown: 0.5 });
    assert.ok(confidence(weighted, outOfScope) < confidence(even, outOfScope));
  });

  it('measures like the retrieval decides: known questions always, unusable ones never', () => {
    const weights = { bias: 0, weights: features({ understoodCount: 0 }) };
    const decision = { answer: 0.9, margin: 0, suggest: 0.9 };
    const known: CalibrationSample = { set: 's', features: undefined, exact: true, understood: true, outOfScope: false, right: true };
    const empty: CalibrationSample = { set: 's', features: undefined, exact: false, understood: false, outOfScope: true, right: false };
    assert.deepEqual(measure([known, empty], weights, decision), { correct: 1, wrong: 0, outOfScopeFallback: 1 });
  });
});
