import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { draftFiles, storedFiles } from '../../platform/db/schema.js';
import { fileNotInUse } from '../../platform/storage/stored-files.repository.js';

export type DraftFileRecord = typeof draftFiles.$inferSelect;

export interface NewDraftFile {
  draftKey: string;
  file: typeof storedFiles.$inferInsert;
  pageCount: number;
  downscaled: boolean;
}

export class DraftFilesRepository {
  constructor(private readonly db: Database) {}

  /** Records a stored file and its place in a draft together. */
  async add({ draftKey, file, pageCount, downscaled }: NewDraftFile): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(storedFiles).values(file);
      await tx.insert(draftFiles).values({ id: randomUUID(), draftKey, fileId: file.id, pageCount, downscaled });
    });
  }

  /** Places a file that is already stored (the chat's upload) in a draft. */
  async adopt({ draftKey, fileId, pageCount, downscaled }: Omit<NewDraftFile, 'file'> & { fileId: string }): Promise<void> {
    await this.db.insert(draftFiles).values({ id: randomUUID(), draftKey, fileId, pageCount, downscaled });
  }

  async list(draftKey: string): Promise<DraftFileRecord[]> {
    return this.db
      .select()
      .from(draftFiles)
      .where(eq(draftFiles.draftKey, draftKey))
      .orderBy(asc(draftFiles.createdAt), asc(draftFiles.id));
  }

  /** Forgets a draft's files; returns their file ids so the bytes can be deleted too. */
  async discard(draftKey: string): Promise<string[]> {
    return this.removeWhere(eq(draftFiles.draftKey, draftKey));
  }

  /** Forgets every draft file older than `before`; returns their file ids. */
  async discardOlderThan(before: Date): Promise<string[]> {
    return this.removeWhere(lt(draftFiles.createdAt, before));
  }

  private async removeWhere(condition: ReturnType<typeof eq>): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const removed = await tx.delete(draftFiles).where(condition).returning({ fileId: draftFiles.fileId });
      if (removed.length === 0) return [];
      // A file still in another draft or in a submission (the same upload taken twice) stays.
      const deleted = await tx
        .delete(storedFiles)
        .where(
          and(
            inArray(
              storedFiles.id,
              removed.map((r) => r.fileId),
            ),
            fileNotInUse(tx),
          ),
        )
        .returning({ id: storedFiles.id });
      return deleted.map((r) => r.id);
    });
  }
}
