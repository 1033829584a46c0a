import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { storedFiles as storedFilesTable, submissions as submissionsTable } from '../../platform/db/schema.js';
import { StoredFilesRepository } from '../../platform/storage/stored-files.repository.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { parseTrackingId } from '../../domain/submissions/tracking-id.js';
import type { Core } from '../../server/container.js';
import { randomKvnr } from '../helpers/members.js';
import { makePdf } from '../helpers/files.js';
import { startTestCore } from '../helpers/system.js';

describe('submissions repository', () => {
  let core: Core;
  let submissions: SubmissionsRepository;
  before(async () => {
    core = await startTestCore();
    submissions = new SubmissionsRepository(core.database.db);
  });
  after(() => core.close());

  async function storedPdf() {
    const received = await core.storage.storeBuffer(makePdf());
    await new StoredFilesRepository(core.database.db).insert({
      id: received.id,
      sha256: received.sha256,
      sizeBytes: received.sizeBytes,
      mediaType: 'application/pdf',
      originalName: 'rechnung.pdf',
    });
    return received.id;
  }

  it('stores the submission with its documents in order and returns a valid tracking ID', async () => {
    const kvnr = randomKvnr();
    const files = [await storedPdf(), await storedPdf()];
    const stored = await submissions.create(
      {
        source: 'chat',
        kvnr,
        declaredType: 'invoice',
        details: { amountCents: 8540 },
        note: null,
        conversationId: 'conv-1',
      },
      { documents: files.map((fileId) => ({ fileId, pageCount: 1 })) },
    );
    assert.equal(parseTrackingId(stored.trackingId), stored.trackingId);
    const row = await submissions.find(stored.trackingId);
    assert.equal(row?.kvnr, kvnr);
    assert.deepEqual(row?.details, { amountCents: 8540 });
    assert.deepEqual(
      (await submissions.documents(stored.id)).map((d) => d.fileId),
      files,
    );
  });

  it('stores nothing (and gives no tracking ID) when a document is not in storage', async () => {
    const kvnr = randomKvnr();
    const missingFile = '00000000-0000-4000-8000-000000000000';
    await assert.rejects(
      submissions.create(
        { source: 'chat', kvnr, declaredType: 'other', details: {}, note: null, conversationId: null },
        {
          documents: [
            { fileId: await storedPdf(), pageCount: 1 },
            { fileId: missingFile, pageCount: 1 },
          ],
        },
      ),
    );
    assert.equal(
      (await core.database.db.select().from(submissionsTable).where(eq(submissionsTable.kvnr, kvnr))).length,
      0,
      'the whole transaction was rolled back',
    );
  });

  it('tells the status only to someone who also knows the KVNR it was filed under', async () => {
    const kvnr = randomKvnr();
    const { trackingId } = await submissions.create(
      { source: 'chat', kvnr, declaredType: 'bonus', details: {}, note: null, conversationId: null },
      { documents: [{ fileId: await storedPdf(), pageCount: 1 }] },
    );
    assert.equal(await submissions.statusFor(trackingId, kvnr), 'received');
    assert.equal(await submissions.statusFor(trackingId, randomKvnr()), undefined);
  });

  it('takes a chat upload over without a copy, and a discarded draft leaves it to another draft that still holds it', async () => {
    const pdf = makePdf();
    const received = await core.storage.storeBuffer(pdf);
    const files = new StoredFilesRepository(core.database.db);
    const conversationId = `conv-${received.id.slice(0, 8)}`;
    await files.insert({
      id: received.id,
      sha256: received.sha256,
      sizeBytes: received.sizeBytes,
      mediaType: 'application/pdf',
      originalName: 'a.pdf',
      conversationId,
    });
    const [first, second] = [`draft-a-${received.id}`, `draft-b-${received.id}`];
    for (const draft of [first, second]) assert.equal((await core.submissions.addFile(draft, pdf, 'a.pdf', received.id)).accepted, true);
    const rows = await core.database.db.select().from(storedFilesTable).where(eq(storedFilesTable.conversationId, conversationId));
    assert.equal(rows.length, 1, 'no second copy');

    await core.submissions.discardDraft(first);
    assert.ok(await files.find(received.id), 'still held by the other draft');
    assert.deepEqual(await core.storage.readAll(received.id), pdf);
    await core.submissions.discardDraft(second);
    assert.equal(await files.find(received.id), undefined);
    await assert.rejects(core.storage.readAll(received.id), { code: 'ENOENT' }, 'and its bytes');
  });
});
