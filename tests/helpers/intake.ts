import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { submissionDocuments } from '../../platform/db/schema.js';
import { StoredFilesRepository } from '../../platform/storage/stored-files.repository.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import type { Core } from '../../server/container.js';
import { randomKvnr } from './members.js';

export interface StoredTestFile {
  bytes: Buffer;
  mediaType: string;
  name: string;
}

/** A submission as another channel (or a scan centre) would store it: files as they came. */
export async function storeSubmission(
  core: Core,
  origin: { source: string; conversationId: string | null; kvnr?: string | null; details?: Record<string, unknown>; note?: string | null },
  ...files: StoredTestFile[]
): Promise<{ submissionId: string; trackingId: string; documentIds: string[]; fileIds: string[] }> {
  const fileIds: string[] = [];
  for (const file of files) {
    const stored = await core.storage.storeBuffer(file.bytes);
    await new StoredFilesRepository(core.database.db).insert({
      id: stored.id,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      mediaType: file.mediaType,
      originalName: file.name,
    });
    fileIds.push(stored.id);
  }
  const repository = new SubmissionsRepository(core.database.db);
  const { id, trackingId } = await repository.create(
    {
      source: origin.source,
      conversationId: origin.conversationId,
      kvnr: origin.kvnr === undefined ? randomKvnr() : origin.kvnr,
      declaredType: null,
      details: origin.details ?? {},
      note: origin.note ?? null,
    },
    { documents: fileIds.map((fileId) => ({ fileId, pageCount: 1 })) },
  );
  const documentIds = (await repository.documents(id)).map((d) => d.id);
  return { submissionId: id, trackingId, documentIds, fileIds };
}

/**
 * Puts a document where the route stage finds it sure (type and member known), skipping the
 * stages before; `core.intake.handle('route', id)` then routes it for real.
 */
export async function readyToRoute(core: Core, documentId: string, documentType: string, kvnr: string): Promise<void> {
  await core.database.db
    .update(submissionDocuments)
    .set({ status: 'route', documentType, typeConfidence: 0.95, assignedKvnr: kvnr, assignmentConfidence: 1, scannedAt: new Date() })
    .where(eq(submissionDocuments.id, documentId));
}

/** A one-document submission of a member, routed for real (route stage, outbox, event). */
export async function routedDocument(
  core: Core,
  kvnr: string,
  documentType = 'invoice',
  bytes: Buffer = randomBytes(300),
): Promise<{ id: string; trackingId: string }> {
  const stored = await storeSubmission(
    core,
    { source: 'channel:scan', conversationId: null, kvnr },
    {
      bytes,
      mediaType: 'application/pdf',
      name: 'beleg.pdf',
    },
  );
  const id = stored.documentIds[0]!;
  await readyToRoute(core, id, documentType, kvnr);
  await core.intake.handle('route', id);
  return { id, trackingId: stored.trackingId };
}
