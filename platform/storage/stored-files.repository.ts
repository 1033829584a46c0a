import { and, eq, notExists } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client.js';
import { draftFiles, storedFiles, submissionDocuments } from '../db/schema.js';

export type StoredFileRecord = typeof storedFiles.$inferSelect;

/** A stored file no draft and no submission holds: only such a file may be deleted. */
export function fileNotInUse(db: Database | Transaction) {
  return and(
    notExists(db.select().from(submissionDocuments).where(eq(submissionDocuments.fileId, storedFiles.id))),
    notExists(db.select().from(draftFiles).where(eq(draftFiles.fileId, storedFiles.id))),
  );
}

export class StoredFilesRepository {
  constructor(private readonly db: Database) {}

  async insert(file: typeof storedFiles.$inferInsert): Promise<StoredFileRecord> {
    const [row] = await this.db.insert(storedFiles).values(file).returning();
    return row!;
  }

  async find(id: string): Promise<StoredFileRecord | undefined> {
    const [row] = await this.db.select().from(storedFiles).where(eq(storedFiles.id, id));
    return row;
  }
}
