import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../platform/paths.js';
import { DOCUMENT_TYPES, type DocumentType } from '../document-types.js';
import { textFeatures, type Features } from './text-features.js';

export interface LabelledText {
  text: string;
  documentType: DocumentType;
}

/** What the model thinks of a text: its most likely type and how sure it is (0–1). */
export interface ModelOpinion {
  type: DocumentType;
  probability: number;
}

/** The team's short examples, and a larger set in many layouts by an independent author. */
const EXAMPLE_FILES = ['training-examples.yaml', 'independent-examples.yaml', 'independent-examples-2.yaml'].map((name) =>
  path.join(projectRoot, 'intake-pipeline', 'classification', name),
);
const examplesSchema = z.partialRecord(z.enum(DOCUMENT_TYPES), z.array(z.string().min(10)));

/** The labelled examples shipped with the project (intake-pipeline/classification/*-examples.yaml). */
export function shippedExamples(): LabelledText[] {
  return EXAMPLE_FILES.flatMap((file) =>
    Object.entries(examplesSchema.parse(parse(readFileSync(file, 'utf8')))).flatMap(([documentType, texts]) =>
      (texts ?? []).map((text) => ({ text, documentType: documentType as DocumentType })),
    ),
  );
}

/** 2^16 hashed feature slots: few collisions for a few thousand distinct stems and n-grams, 2.4 MB of weights. */
const DIMENSIONS = 1 << 16;
const EPOCHS = 12;
const LEARNING_RATE = 0.5;
/** Keeps weights small, so one odd example does not decide a type. */
const L2 = 1e-5;
const FORMAT = 'softmax-v1';

const storedSchema = z.object({
  format: z.literal(FORMAT),
  dimensions: z.number().int().positive(),
  types: z.array(z.enum(DOCUMENT_TYPES)).min(1),
  bias: z.array(z.number()),
  /** Float32 weights, type after type, as base64. */
  weights: z.string(),
});

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
 * Multinomial logistic regression (softmax) over hashed word stems, stem pairs and character
 * n-grams: the learned second opinion next to the explainable rules, trained on the shipped
 * examples plus the clerks' decisions. Written here because no maintained JavaScript library
 * trains a sparse multi-class text model (see docs/decisions/0020-document-type-model.md).
 */
export class TypeModel {
  private constructor(
    private readonly types: DocumentType[],
    private readonly bias: Float64Array,
    /** types.length × DIMENSIONS, one row per type. */
    private readonly weights: Float32Array,
    private readonly dimensions: number,
  ) {}

  static train(examples: LabelledText[]): TypeModel {
    const types = DOCUMENT_TYPES.filter((type) => examples.some((e) => e.documentType === type));
    const model = new TypeModel(types, new Float64Array(types.length), new Float32Array(types.length * DIMENSIONS), DIMENSIONS);
    const data = examples.map((e) => ({ features: textFeatures(e.text, DIMENSIONS), type: types.indexOf(e.documentType) }));
    const random = seeded(data.length);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let i = data.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [data[i], data[j]] = [data[j]!, data[i]!];
      }
      for (const { features, type } of data) model.step(features, type);
    }
    return model;
  }

  /** A stored model, or undefined when it is of an older kind (then a new one is trained). */
  static restore(serialised: string): TypeModel | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(serialised);
    } catch {
      return undefined;
    }
    const stored = storedSchema.safeParse(parsed);
    if (!stored.success) return undefined;
    const { types, bias, weights, dimensions } = stored.data;
    const bytes = Buffer.from(weights, 'base64');
    if (bias.length !== types.length || bytes.length !== types.length * dimensions * 4) return undefined;
    const copy = new Float32Array(types.length * dimensions);
    new Uint8Array(copy.buffer).set(bytes);
    return new TypeModel(types, Float64Array.from(bias), copy, dimensions);
  }

  serialise(): string {
    return JSON.stringify({
      format: FORMAT,
      dimensions: this.dimensions,
      types: this.types,
      bias: [...this.bias],
      weights: Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength).toString('base64'),
    });
  }

  /** The likeliest type with its probability; undefined when the text gives the model nothing. */
  opinion(text: string): ModelOpinion | undefined {
    const features = textFeatures(text, this.dimensions);
    if (features.indices.length === 0) return undefined;
    const probabilities = this.probabilities(features);
    const best = probabilities.indexOf(Math.max(...probabilities));
    return { type: this.types[best]!, probability: probabilities[best]! };
  }

  private probabilities({ indices, values }: Features): number[] {
    const scores = this.types.map((_, t) => {
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

  /** One step of stochastic gradient descent on the cross-entropy of one example. */
  private step(features: Features, type: number): void {
    const probabilities = this.probabilities(features);
    const { indices, values } = features;
    for (let t = 0; t < this.types.length; t++) {
      const gradient = probabilities[t]! - (t === type ? 1 : 0);
      this.bias[t]! -= LEARNING_RATE * gradient;
      const row = t * this.dimensions;
      for (let i = 0; i < indices.length; i++) {
        const at = row + indices[i]!;
        this.weights[at] = this.weights[at]! * (1 - LEARNING_RATE * L2) - LEARNING_RATE * gradient * values[i]!;
      }
    }
  }
}
