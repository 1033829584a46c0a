import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

export interface AttemptLimit {
  /** Failures allowed within the window; the next attempt is refused until the window ends. */
  maxFailures: number;
  windowSeconds: number;
}

/**
 * Counts failed attempts per subject (a KVNR, a tracking ID, a username with an address) in
 * Redis, across conversations, connections and web nodes: a new chat does not start the count
 * again. Subjects are stored as hashes, never in clear. If Redis is away the attempt passes
 * (and a warning is logged): the other limits still hold, and the service stays up.
 */
export class AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limit: AttemptLimit,
    private readonly logger: Logger,
  ) {}

  private key(subject: string): string {
    return `${this.keyPrefix}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`;
  }

  async blocked(subject: string): Promise<boolean> {
    try {
      return Number((await this.redis.get(this.key(subject))) ?? 0) >= this.limit.maxFailures;
    } catch (err) {
      this.logger.warn({ err }, 'Attempt limiter unavailable; attempt allowed');
      return false;
    }
  }

  async fail(subject: string): Promise<void> {
    const key = this.key(subject);
    try {
      await this.redis.multi().incr(key).expire(key, this.limit.windowSeconds, 'NX').exec();
    } catch (err) {
      this.logger.warn({ err }, 'Attempt limiter unavailable; failure not counted');
    }
  }

  async clear(subject: string): Promise<void> {
    await this.redis.del(this.key(subject)).catch(() => undefined);
  }
}
