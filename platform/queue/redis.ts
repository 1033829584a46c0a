import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/**
 * What a connection is for decides how it behaves while Redis is away:
 * - `queue`: BullMQ queues and workers wait for Redis to return (BullMQ requires this).
 * - `command`: short commands (rate limits) fail after one retry instead of piling up.
 * - `probe`: readiness checks fail at once while disconnected.
 * - `subscriber`: pub/sub listening; resubscribes by itself after a reconnect.
 */
export type RedisPurpose = 'queue' | 'command' | 'probe' | 'subscriber';

const OPTIONS: Record<RedisPurpose, RedisOptions> = {
  queue: { maxRetriesPerRequest: null },
  command: { maxRetriesPerRequest: 1 },
  probe: { maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 },
  subscriber: { maxRetriesPerRequest: null, autoResubscribe: true },
};

/** The single connection factory: every Redis connection of the system is made here. */
export function createRedis(url: string, purpose: RedisPurpose, logger: Logger): Redis {
  const redis = new Redis(url, {
    ...OPTIONS[purpose],
    connectionName: `musterkasse:${purpose}`,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Log a lost connection once, not on every reconnect attempt.
  let reported = false;
  redis.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    logger.warn({ err, purpose }, 'Redis connection error; retrying');
  });
  redis.on('ready', () => {
    if (reported) logger.info({ purpose }, 'Redis connection restored');
    reported = false;
  });
  return redis;
}

/** Closes a connection politely, or drops it if Redis is not there to answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await redis.quit().catch(() => redis.disconnect());
}

/**
 * Health probe: resolves when Redis answers PING. Waits for a connection still being set up,
 * but fails at once while the client is between reconnect attempts.
 */
export async function pingRedis(redis: Redis): Promise<void> {
  if (redis.status === 'wait') await redis.connect().catch(() => undefined);
  if (redis.status === 'connecting' || redis.status === 'connect') {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        redis.off('error', onError);
        resolve();
      };
      const onError = (err: Error) => {
        redis.off('ready', onReady);
        reject(err);
      };
      redis.once('ready', onReady);
      redis.once('error', onError);
    });
  }
  await redis.ping();
}
