import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { migrationsFolder } from '../paths.js';
import { lockEmbeddedDatabase } from './embedded-lock.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'embedded';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string | undefined;
  poolSize: number;
  embeddedDir: string;
}

/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK_KEY = 4_711_2026;

/** Opens the database named by the configuration and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize, logger) : openEmbedded(options.embeddedDir, logger);
}

async function openPostgres(url: string, poolSize: number, logger: Logger): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => logger.warn({ err }, 'PostgreSQL pool client error'));
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = drizzlePg(pool, { schema });
  logger.info('PostgreSQL connected, schema up to date');
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(dir: string, logger: Logger): Promise<DatabaseHandle> {
  const release = await lockEmbeddedDatabase(dir, (err) => {
    logger.fatal({ err }, 'Lost the lock on the embedded database; stopping to protect its data');
    process.kill(process.pid, 'SIGTERM');
  });
  let client: PGlite | undefined;
  try {
    client = new PGlite(dir);
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    logger.warn({ dir }, 'Using the embedded database (PGlite): single process only, not for production');
    const opened = client;
    return {
      db,
      kind: 'embedded',
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await opened.close();
        await release();
      },
    };
  } catch (err) {
    await client?.close().catch(() => undefined);
    await release();
    throw err;
  }
}
