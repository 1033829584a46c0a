import type { Features } from './text-features.js';

export interface TrainingOptions {
  /** Passes over the examples. */
  epochs: number;
  learningRate: number;
  /** Keeps weights small, so one odd example does not decide a label. */
  l2: number;
}

/** A small seeded generator (mulberry32): the same examples always give the same model. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Multinomial logistic regression (softmax) over sparse hashed features: the learned second
 * opinion beside explainable rules, for document types (intake) and for what a member wants
 * (chat). Written here because no maintained JavaScript library trains a sparse multi-class
 * text model (see docs/decisions/0020-document-type-model.md).
 */
export class SoftmaxModel<Label extends string> {
  constructor(
    readonly labels: readonly Label[],
    readonly bias: Float64Array,
    /** labels.length × dimensions, one row per label. */
    readonly weights: Float32Array,
    readonly dimensions: number,
  ) {}

  static train<Label extends string>(
    labels: readonly Label[],
    examples: Array<{ features: Features; label: Label }>,
    dimensions: number,
    options: TrainingOptions,
  ): SoftmaxModel<Label> {
    const model = new SoftmaxModel(labels, new Float64Array(labels.length), new Float32Array(labels.length * dimensions), dimensions);
    const data = examples.map((e) => ({ features: e.features, label: labels.indexOf(e.label) }));
    const random = seeded(data.length);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = data.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [data[i], data[j]] = [data[j]!, data[i]!];
      }
      for (const { features, label } of data) model.step(features, label, options);
    }
    return model;
  }

  /** Each label's probability, in the order of `labels`. */
  probabilities({ indices, values }: Features): number[] {
    const scores = this.labels.map((_, t) => {
      let score = this.bias[t]!;
      const row = t * this.dimensions;
      for (let i = 0; i < indices.length; i++) score += this.weights[row + indices[i]!]! * values[i]!;
      return score;
    });
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  }

  /** The likeliest label with its probability; undefined when the features are empty. */
  best(features: Features): { label: Label; probability: number } | undefined {
    if (features.indices.length === 0) return undefined;
    const probabilities = this.probabilities(features);
    const best = probabilities.indexOf(Math.max(...probabilities));
    return { label: this.labels[best]!, probability: probabilities[best]! };
  }

  /** One step of stochastic gradient descent on the cross-entropy of one example. */
  private step(features: Features, label: number, { learningRate, l2 }: TrainingOptions): void {
    const probabilities = this.probabilities(features);
    const { indices, values } = features;
    for (let t = 0; t < this.labels.length; t++) {
      const gradient = probabilities[t]! - (t === label ? 1 : 0);
      this.bias[t]! -= learningRate * gradient;
      const row = t * this.dimensions;
      for (let i = 0; i < indices.length; i++) {
        const at = row + indices[i]!;
        this.weights[at] = this.weights[at]! * (1 - learningRate * l2) - learningRate * gradient * values[i]!;
      }
    }
  }
}
