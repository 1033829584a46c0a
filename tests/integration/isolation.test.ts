import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ActivitySet } from '../../domain/chat/activity.js';
import type { Core } from '../../server/container.js';
import { startWorker } from '../../server/worker.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two installations on one Redis server: whatever tells them apart (the prefix, or only the
 * database number), no job, live chat message or socket event of one reaches the other.
 */
describe('two installations on one Redis', () => {
  const pairs: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['different prefixes, one database', { REDIS_PREFIX: uniqueName('mkiso') }, { REDIS_PREFIX: uniqueName('mkiso') }],
    [
      'one prefix, different databases',
      { REDIS_PREFIX: 'mkisoshared', REDIS_URL: 'redis://127.0.0.1:6379/7' },
      { REDIS_PREFIX: 'mkisoshared', REDIS_URL: 'redis://127.0.0.1:6379/8' },
    ],
  ];

  for (const [how, envA, envB] of pairs) {
    describe(how, () => {
      let a: Core;
      let b: Core;
      before(async () => {
        a = await startTestCore({ env: envA });
        b = await startTestCore({ env: envB });
      });
      after(async () => {
        await a?.close();
        await b?.close();
      });

      it('no job of one is taken by the workers of the other', async () => {
        const takenByB: string[] = [];
        const workersB = await startWorker(b, { 'intake-scan': async (payload) => void takenByB.push(payload.documentId) });
        try {
          const documentId = randomUUID();
          await a.queues.add('intake-scan', { documentId }, { jobId: `iso-${documentId}` });
          await pause(1500);
          assert.deepEqual(takenByB, []);
          assert.equal(
            await a.queues.queue('intake-scan').getJobState(`iso-${documentId}`),
            'waiting',
            'the job waits for its own installation',
          );
          await a.queues.queue('intake-scan').remove(`iso-${documentId}`);
        } finally {
          await workersB.close();
        }
      });

      it('no chat message published by one reaches a socket of the other', async () => {
        const conversationId = randomUUID();
        const heardByA: ActivitySet[] = [];
        const heardByB: ActivitySet[] = [];
        const stopA = await a.chat.fanout.subscribe(conversationId, (frame) => heardByA.push(frame));
        const stopB = await b.chat.fanout.subscribe(conversationId, (frame) => heardByB.push(frame));
        try {
          await a.chat.fanout.publish(conversationId, { activities: [{ type: 'message', text: 'nur für diese Installation' }] });
          await pause(300);
          assert.equal(heardByA.length, 1, 'its own installation hears it');
          assert.deepEqual(heardByB, []);
        } finally {
          await stopA();
          await stopB();
        }
      });
    });
  }
});
