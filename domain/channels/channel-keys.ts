import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/client.js';
import { intakeChannels, type ChannelScope } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError } from '../../platform/errors/index.js';

export const channelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: 'Kanalnamen bestehen aus 2–41 Kleinbuchstaben, Ziffern und Bindestrichen.' });

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

export interface IntakeChannel {
  id: string;
  name: string;
}

/**
 * API keys of the systems that submit documents or fetch routed ones
 * (`npm run cli -- channel:add|channel:revoke`). A key works only for its scope.
 */
export class IntakeChannels {
  constructor(private readonly db: Database) {}

  /** A new channel; its key is returned once and stored only as a hash. */
  async add(name: string, scope: ChannelScope = 'intake'): Promise<string> {
    const key = `mkc_${randomBytes(32).toString('base64url')}`;
    const inserted = await this.db
      .insert(intakeChannels)
      .values({ id: randomUUID(), name, scope, keyHash: hash(key) })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new ConflictError('channel_exists', `Den Kanal „${name}“ gibt es schon.`);
    return key;
  }

  async revoke(name: string): Promise<void> {
    const rows = await this.db
      .update(intakeChannels)
      .set({ revokedAt: new Date() })
      .where(and(eq(intakeChannels.name, name), isNull(intakeChannels.revokedAt)))
      .returning();
    if (rows.length === 0) throw new NotFoundError(`Einen aktiven Kanal „${name}“ gibt es nicht.`);
  }

  async byKey(key: string, scope: ChannelScope): Promise<IntakeChannel | undefined> {
    if (!key.startsWith('mkc_')) return undefined;
    const [row] = await this.db
      .select({ id: intakeChannels.id, name: intakeChannels.name })
      .from(intakeChannels)
      .where(and(eq(intakeChannels.keyHash, hash(key)), eq(intakeChannels.scope, scope), isNull(intakeChannels.revokedAt)));
    if (row)
      // To the minute: a busy scan centre does not write a row per request.
      await this.db
        .update(intakeChannels)
        .set({ lastUsedAt: sql`now()` })
        .where(
          and(
            eq(intakeChannels.id, row.id),
            or(isNull(intakeChannels.lastUsedAt), lt(intakeChannels.lastUsedAt, sql`now() - interval '1 minute'`)),
          ),
        );
    return row;
  }

  /** Every channel, active and revoked, without its key (only the hash is stored anyway). */
  async list(): Promise<ChannelListing[]> {
    const rows = await this.db.select().from(intakeChannels).orderBy(intakeChannels.name);
    return rows.map((r) => ({
      name: r.name,
      scope: r.scope,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    }));
  }
}

export interface ChannelListing {
  name: string;
  scope: ChannelScope;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
