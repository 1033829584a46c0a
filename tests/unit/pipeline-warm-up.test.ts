import assert from 'node:assert/strict';
import { IntakePipeline } from '../../intake-pipeline/pipeline.js';
import type { Stage } from '../../intake-pipeline/stage.js';
import { ClassifyStage } from '../../intake-pipeline/stages/classify.stage.js';
import type { CurrentTypeModel } from '../../intake-pipeline/classification/type-models.repository.js';
import type { IntakeDocumentsRepository } from '../../domain/documents/documents.repository.js';
import type { JobQueues } from '../../platform/queue/queues.js';
import { createLogger } from '../../platform/logging/logger.js';

const unused = <T>() => ({}) as T;
const outcome = () => Promise.reject(new Error('no document in this test'));

describe('warming up the pipeline before the first document', () => {
  it("calls every stage's warm-up once, and stages without one are left alone", async () => {
    const warmed: string[] = [];
    const stages: Stage[] = [
      { status: 'ocr', run: outcome, warmUp: async () => void warmed.push('ocr') },
      { status: 'classify', run: outcome, warmUp: async () => void warmed.push('classify') },
      { status: 'route', run: outcome },
    ];
    await new IntakePipeline(stages, unused<IntakeDocumentsRepository>(), unused<JobQueues>(), createLogger('silent')).warmUp();
    assert.deepEqual(warmed.sort(), ['classify', 'ocr']);
  });

  it('fails when a stage cannot load what it needs, so the worker does not start half-ready', async () => {
    const stages: Stage[] = [{ status: 'ocr', run: outcome, warmUp: () => Promise.reject(new Error('language data missing')) }];
    const pipeline = new IntakePipeline(stages, unused<IntakeDocumentsRepository>(), unused<JobQueues>(), createLogger('silent'));
    await assert.rejects(pipeline.warmUp(), /language data missing/);
  });

  it('has the classify stage fetch (or train) its type model in the warm-up', async () => {
    let fetched = 0;
    const model = { get: async () => void fetched++ } as unknown as CurrentTypeModel;
    await new ClassifyStage(unused<IntakeDocumentsRepository>(), model).warmUp();
    assert.equal(fetched, 1);
  });
});
