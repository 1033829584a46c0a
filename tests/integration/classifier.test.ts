import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { classificationExamples } from '../../platform/db/schema.js';
import { CurrentTypeModel, TypeModelsRepository } from '../../intake-pipeline/classification/type-models.repository.js';
import type { Core } from '../../server/container.js';
import { childEnv, runTs } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { startTestCore } from '../helpers/system.js';

/** The learned document-type model: clerk decisions go in at `classifier:train`, workers pick the new model up. */
describe('document-type model retraining', () => {
  let core: Core;
  before(async () => {
    core = await startTestCore();
  });
  after(() => core.close());

  it("learns from clerk decisions through the CLI, and the classify stage's model source switches to it", async () => {
    // A kind of letter the shipped examples do not cover: applications for a household help.
    const letter =
      'Antrag auf Haushaltshilfe während des Krankenhausaufenthalts, Stundennachweis der Haushaltshilfe, Kinder unter zwölf im Haushalt';
    let clock = 0;
    const current = new CurrentTypeModel(new TypeModelsRepository(core.database.db), () => clock);
    const before = (await current.get()).opinion(letter);
    assert.notEqual(before?.type, 'membership', 'the test needs a text the model does not already file as membership');

    // Clerks filed such letters as "membership" (the department that handles them at this insurer).
    await core.database.db.insert(classificationExamples).values(
      [1, 2, 3, 4, 5, 6].map((n) => ({
        id: randomUUID(),
        documentId: null,
        text: `${letter}, Woche ${n}`,
        documentType: 'membership',
        corrected: true,
      })),
    );
    const run = runTs('server/cli/main.ts', ['classifier:train'], childEnv({ DATABASE_URL: sharedDatabase.url }));
    assert.equal(await run.exited, 0, run.stderr());
    const [, shipped, clerk] = /trained on (\d+) shipped examples and (\d+) clerk decisions/.exec(run.stdout()) ?? [];
    assert.ok(Number(shipped) >= 40 && Number(clerk) >= 6, run.stdout());

    assert.equal((await current.get()).opinion(letter)?.type, before?.type, 'a worker keeps its model for a minute');
    clock += 61_000;
    const after = (await current.get()).opinion(letter);
    assert.equal(after?.type, 'membership');
  });
});
