import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BayesClassifier, germanStemmer, type BayesClassifierInstance } from '../../platform/text/natural.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../../platform/paths.js';
import { DOCUMENT_TYPES, type DocumentType } from '../document-types.js';
import { foldOcrText } from '../text/normalise-ocr.js';

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
const EXAMPLE_FILES = ['training-examples.yaml', 'independent-examples.yaml'].map((name) =>
  path.join(projectRoot, 'intake-pipeline', 'classification', name),
);
const examplesSchema = z.partialRecord(z.enum(DOCUMENT_TYPES), z.array(z.string().min(10)));
/** Long documents are read by their first words: enough for the type, and the Bayes product stays representable. */
const MAX_WORDS = 400;

/** The labelled examples shipped with the project (intake-pipeline/classification/*-examples.yaml). */
export function shippedExamples(): LabelledText[] {
  return EXAMPLE_FILES.flatMap((file) =>
    Object.entries(examplesSchema.parse(parse(readFileSync(file, 'utf8')))).flatMap(([documentType, texts]) =>
      (texts ?? []).map((text) => ({ text, documentType: documentType as DocumentType })),
    ),
  );
}

function prepare(text: string): string {
  return foldOcrText(text).split(/\s+/).slice(0, MAX_WORDS).join(' ');
}

/**
 * A naive Bayes classifier (`natural`) over German word stems: the learned second opinion next
 * to the explainable rules. Trained on the shipped examples plus the clerks' decisions.
 */
export class TypeModel {
  private constructor(private readonly classifier: BayesClassifierInstance) {}

  static train(examples: LabelledText[]): TypeModel {
    const classifier = new BayesClassifier(germanStemmer);
    for (const example of examples) classifier.addDocument(prepare(example.text), example.documentType);
    classifier.train();
    return new TypeModel(classifier);
  }

  static restore(serialised: string): TypeModel {
    return new TypeModel(BayesClassifier.restore(JSON.parse(serialised), germanStemmer));
  }

  /** The model as JSON text. Key order carries the feature order, so it must be kept as written. */
  serialise(): string {
    return JSON.stringify(this.classifier);
  }

  /** The likeliest type with its share of the probability mass; undefined when the text gives the model nothing. */
  opinion(text: string): ModelOpinion | undefined {
    const scores = this.classifier.getClassifications(prepare(text));
    const total = scores.reduce((sum, s) => sum + s.value, 0);
    const best = scores[0];
    if (!best || !(total > 0) || !Number.isFinite(total)) return undefined;
    return { type: best.label as DocumentType, probability: best.value / total };
  }
}
