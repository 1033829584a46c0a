import { mkdirSync } from 'node:fs';
import lockfile from 'proper-lockfile';

/**
 * PGlite runs Postgres inside this process and does not lock its data folder: two processes
 * on one folder silently lose writes. This lock makes the second one refuse instead.
 */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(readonly dir: string) {
    super(
      `The embedded database in ${dir} is in use by another process of this system. ` +
        'The embedded database serves a single process only: stop the other process first ' +
        '(a crashed one releases the lock after 15 seconds), or set DATABASE_URL to use a PostgreSQL server, ' +
        'which any number of processes can share.',
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

export async function lockEmbeddedDatabase(dir: string, onLost: (err: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, { stale: 15_000, update: 5_000, retries: 0, realpath: false, onCompromised: onLost });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new EmbeddedDatabaseInUseError(dir);
    throw err;
  }
}
