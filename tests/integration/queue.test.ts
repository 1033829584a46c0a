import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { chatConversations } from '../../platform/db/schema.js';
import { JobQueues } from '../../platform/queue/queues.js';
import { createRedis, closeRedis } from '../../platform/queue/redis.js';
import type { Core } from '../../server/container.js';
import { startWorker } from '../../server/worker.js';
import { makePdf } from '../helpers/files.js';
import { childEnv, runTs, waitUntil } from '../helpers/processes.js';
import { createStaff } from '../helpers/staff.js';
import { ManualClock, startTestCore, uniqueName } from '../helpers/system.js';
import { testLogger } from '../helpers/log-scan.js';

describe('job queues', () => {
  describe('graceful shutdown', () => {
    it('finishes the job in flight before the worker process exits on SIGTERM', async () => {
      const prefix = uniqueName('mkt');
      const logger = testLogger();
      const redis = createRedis('redis://127.0.0.1:6379', 'queue', logger);
      const queues = new JobQueues(redis, prefix, logger);
      const worker = runTs('tests/fixtures/slow-worker.ts', [], childEnv({ REDIS_PREFIX: prefix, LOG_LEVEL: 'info' }));
      try {
        await waitUntil(() => worker.stdout().includes('worker ready'), 20_000, 'the worker to start');
        const job = await queues.add('housekeeping', { task: 'purge-expired-sessions' });
        await waitUntil(async () => (await job.getState()) === 'active', 10_000, 'the job to become active');
        assert.equal(await redis.get(`${prefix}:finished:${job.id}`), null, 'not finished yet when the signal arrives');

        worker.child.kill('SIGTERM');
        assert.equal(await worker.exited, 0, worker.stdout() + worker.stderr());
        assert.equal(await redis.get(`${prefix}:finished:${job.id}`), 'yes');
        assert.equal(await job.getState(), 'completed');
      } finally {
        worker.child.kill('SIGKILL');
        await queues.close();
        await closeRedis(redis);
      }
    });
  });

  describe('the worker role', () => {
    let core: Core;
    const clock = new ManualClock();
    beforeEach(async () => {
      core = await startTestCore({ clock });
    });
    afterEach(() => core.close());

    it('purges expired staff sessions in the housekeeping job', async () => {
      const { username } = await createStaff(core, 'agent');
      const user = (await core.staffUsers.list()).find((u) => u.username === username)!;
      await core.sessions.create(user.id, clock.now());
      clock.advance(13 * 3600_000);
      const workers = await startWorker(core);
      try {
        const job = await core.queues.add('housekeeping', { task: 'purge-expired-sessions' });
        await waitUntil(async () => (await job.getState()) === 'completed', 10_000, 'the housekeeping job');
        assert.equal(await core.sessions.countForUser(user.id), 0);
      } finally {
        await workers.close();
      }
    });

    it('deletes chat transcripts idle longer than the retention period, with the files uploaded in them', async () => {
      const conversations = core.chat.conversations;
      const old = uniqueName('retentionold');
      const recent = uniqueName('retentionnew');
      await conversations.ensure(old, 'dl_old');
      await conversations.ensure(recent, 'dl_new');
      await conversations.append(old, 'user', { type: 'message', text: 'alt' });
      // A file uploaded in each conversation: the old one's goes, bytes included; the recent one's stays.
      const upload = async (conversationId: string) => {
        const received = await core.storage.storeBuffer(makePdf());
        await core.storedFiles.insert({
          id: received.id,
          sha256: received.sha256,
          sizeBytes: received.sizeBytes,
          mediaType: 'application/pdf',
          originalName: 'befund.pdf',
          conversationId,
        });
        return received.id;
      };
      const [oldFile, recentFile] = [await upload(old), await upload(recent)];
      // A live chat in the old conversation, with its note and history, goes with the transcript.
      const { username } = await createStaff(core, 'agent');
      const agentId = (await core.staffUsers.list()).find((u) => u.username === username)!.id;
      const chat = await core.livechat.queue.request(old, 'Alte Frage', { recentMessages: [], trackingIds: [], kvnr: null });
      await core.livechat.queue.accept(chat.id, agentId);
      await core.livechat.notes.add(chat.id, agentId, 'alte Notiz');
      await core.livechat.queue.close(chat.id, agentId, 'ended');
      await core.livechat.queue.rate(chat.id, 4);
      await core.database.db
        .update(chatConversations)
        .set({ lastActivityAt: new Date(Date.now() - 91 * 24 * 3600_000) })
        .where(eq(chatConversations.id, old));
      const workers = await startWorker(core);
      try {
        const job = await core.queues.add('housekeeping', { task: 'purge-old-transcripts' });
        await waitUntil(async () => (await job.getState()) === 'completed', 10_000, 'the retention job');
        assert.equal(await conversations.find(old), undefined);
        assert.ok(await conversations.find(recent));
        assert.equal(await core.storedFiles.find(oldFile), undefined, 'the old upload is forgotten');
        await assert.rejects(core.storage.readAll(oldFile), { code: 'ENOENT' }, 'and its bytes are deleted');
        assert.ok(await core.storedFiles.find(recentFile));
        assert.ok((await core.storage.readAll(recentFile)).length > 0);
        assert.equal(await core.livechat.queue.find(chat.id), undefined, 'the live chat and its rating');
        assert.deepEqual(await core.livechat.notes.list(chat.id), [], 'its private notes');
        assert.deepEqual(await core.livechat.queue.history(chat.id), [], 'who accepted and ended it');
      } finally {
        await workers.close();
      }
    });

    it('fails a job whose payload does not match the job map, without retrying it', async () => {
      const seen: unknown[] = [];
      const workers = await startWorker(core, { housekeeping: async (payload) => void seen.push(payload) });
      try {
        const job = await core.queues.queue('housekeeping').add('housekeeping', { task: 'drop-all-tables' }, { attempts: 3 });
        await waitUntil(async () => (await job.getState()) === 'failed', 10_000, 'the job to fail');
        await sleep(200);
        const failed = await core.queues.queue('housekeeping').getJob(job.id!);
        assert.equal(failed!.attemptsMade, 1);
        assert.match(failed!.failedReason, /Invalid housekeeping payload: task/);
        assert.ok(!seen.some((p) => JSON.stringify(p).includes('drop-all-tables')), 'the handler never saw the bad payload');
      } finally {
        await workers.close();
      }
    });

    it('refuses to enqueue a payload that does not match the job map', async () => {
      await assert.rejects(core.queues.add('housekeeping', { task: 'nope' } as never));
    });
  });
});
