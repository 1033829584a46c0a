import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { storedFiles } from '../db/schema.js';

export type StoredFileRecord = typeof storedFiles.$inferSelect;

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
