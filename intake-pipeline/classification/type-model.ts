import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../platform/paths.js';
import { DOCUMENT_TYPES, type DocumentType } from '../document-types.js';
import { SoftmaxModel } from '../../platform/learning/softmax-model.js';
import { textFeatures } from '../../platform/learning/text-features.js';

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

/**
 * The document-type model: a softmax regression (platform/learning/softmax-model.ts) over German
 * word stems, stem pairs and character n-grams, the learned second opinion next to the
 * explainable rules, trained on the shipped examples plus the clerks' decisions (decision 0020).
 */
export class TypeModel {
  private constructor(private readonly model: SoftmaxModel<DocumentType>) {}

  static train(examples: LabelledText[]): TypeModel {
    const types = DOCUMENT_TYPES.filter((type) => examples.some((e) => e.documentType === type));
    const data = examples.map((e) => ({ features: textFeatures(e.text, DIMENSIONS), label: e.documentType }));
    return new TypeModel(SoftmaxModel.train(types, data, DIMENSIONS, { epochs: EPOCHS, learningRate: LEARNING_RATE, l2: L2 }));
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
    return new TypeModel(new SoftmaxModel(types, Float64Array.from(bias), copy, dimensions));
  }

  serialise(): string {
    const { labels, bias, weights, dimensions } = this.model;
    return JSON.stringify({
      format: FORMAT,
      dimensions,
      types: labels,
      bias: [...bias],
      weights: Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64'),
    });
  }

  /** The likeliest type with its probability; undefined when the text gives the model nothing. */
  opinion(text: string): ModelOpinion | undefined {
    const best = this.model.best(textFeatures(text, this.model.dimensions));
    return best && { type: best.label, probability: best.probability };
  }
}
