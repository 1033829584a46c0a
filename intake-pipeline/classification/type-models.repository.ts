import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { classificationExamples, classifierModels } from '../../platform/db/schema.js';
import { DOCUMENT_TYPES, type DocumentType } from '../document-types.js';
import { shippedExamples, TypeModel, type LabelledText } from './type-model.js';

export interface TrainingReport {
  id: string;
  shippedExamples: number;
  clerkExamples: number;
}

/** Trained type models in PostgreSQL, so every worker on every machine uses the same one. */
export class TypeModelsRepository {
  constructor(private readonly db: Database) {}

  /** Trains on the shipped examples and every clerk decision, and stores the model as the newest. */
  async retrain(): Promise<TrainingReport> {
    const shipped = shippedExamples();
    const decided = await this.db
      .select({ text: classificationExamples.text, documentType: classificationExamples.documentType })
      .from(classificationExamples);
    const clerk: LabelledText[] = decided
      .filter((e) => (DOCUMENT_TYPES as readonly string[]).includes(e.documentType))
      .map((e) => ({ text: e.text, documentType: e.documentType as DocumentType }));
    const model = TypeModel.train([...shipped, ...clerk]);
    const id = randomUUID();
    await this.db
      .insert(classifierModels)
      .values({ id, shippedExamples: shipped.length, clerkExamples: clerk.length, model: model.serialise() });
    return { id, shippedExamples: shipped.length, clerkExamples: clerk.length };
  }

  async newestId(): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: classifierModels.id })
      .from(classifierModels)
      .orderBy(desc(classifierModels.trainedAt))
      .limit(1);
    return row?.id;
  }

  async load(id: string): Promise<TypeModel | undefined> {
    const [row] = await this.db.select({ model: classifierModels.model }).from(classifierModels).where(eq(classifierModels.id, id));
    return row ? TypeModel.restore(row.model) : undefined;
  }
}

/** How often a worker looks for a newer model. */
const REFRESH_MS = 60_000;

/**
 * The model the classify stage uses: the newest stored one, looked up at most once a minute;
 * until a model was ever trained, one trained in memory on the shipped examples.
 */
export class CurrentTypeModel {
  private model: { id: string | undefined; model: TypeModel } | undefined;
  private checkedAt = 0;

  constructor(
    private readonly models: TypeModelsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<TypeModel> {
    if (this.model && this.now() - this.checkedAt < REFRESH_MS) return this.model.model;
    this.checkedAt = this.now();
    const newest = await this.models.newestId();
    if (this.model && this.model.id === newest) return this.model.model;
    const stored = newest ? await this.models.load(newest) : undefined;
    this.model = { id: newest, model: stored ?? TypeModel.train(shippedExamples()) };
    return this.model.model;
  }
}
