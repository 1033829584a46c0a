import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { botState } from '../platform/db/schema.js';

export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Bot state "${key}" was changed by another turn (eTag conflict)`);
    this.name = 'StorageConflictError';
  }
}

/**
 * botbuilder Storage on PostgreSQL, so dialog and conversation state survive restarts and
 * are shared by all web nodes. Writes carrying an eTag succeed only if nobody wrote since
 * (optimistic concurrency, as botbuilder's own stores do); "*" or no eTag overwrites.
 */
export class PostgresStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.select().from(botState).where(inArray(botState.key, keys));
    return Object.fromEntries(rows.map((row) => [row.key, { ...row.data, eTag: row.etag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const next = randomUUID();
      if (!eTag || eTag === '*') {
        await this.db
          .insert(botState)
          .values({ key, etag: next, data })
          .onConflictDoUpdate({ target: botState.key, set: { etag: next, data, updatedAt: new Date() } });
        continue;
      }
      const updated = await this.db
        .update(botState)
        .set({ etag: next, data, updatedAt: new Date() })
        .where(and(eq(botState.key, key), eq(botState.etag, eTag)))
        .returning({ key: botState.key });
      if (updated.length === 0) throw new StorageConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.db.delete(botState).where(inArray(botState.key, keys));
  }
}
