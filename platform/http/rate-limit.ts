import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { HttpError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';

export interface RateLimitOptions {
  redis: Redis;
  /** Key prefix in Redis, e.g. `mk:ratelimit:login:`. */
  prefix: string;
  windowMs: number;
  limit: number;
  logger: Logger;
  /** What a request is counted by; the client address when absent. */
  key?: (req: Request) => string;
  /** The error answered once the limit is reached; gets the seconds until the window resets. */
  onLimit: (retryAfterSeconds: number) => HttpError;
}

/**
 * A limiter whose counts live in Redis, so every web node shares them. If Redis is away the
 * request passes (and a warning is logged): the limits protect, they must not take the service down.
 */
export function redisRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    ...(options.key ? { keyGenerator: options.key } : {}),
    logger: {
      error: (...args: unknown[]) => options.logger.warn({ args }, 'Rate limiter store error'),
      warn: (...args: unknown[]) => options.logger.warn({ args }, 'Rate limiter warning'),
    },
    store: new RedisStore({
      prefix: options.prefix,
      sendCommand: (command: string, ...args: string[]) => options.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, _res, next, limiterOptions) => next(options.onLimit(limiterOptions.windowMs / 1000)),
  });
}
