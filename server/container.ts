import type { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { AuditRepository } from '../core/audit/audit.repository.js';
import { LoginService } from '../core/auth/login.service.js';
import { SessionsRepository } from '../core/auth/sessions.repository.js';
import { StaffUsersRepository } from '../core/auth/staff-users.repository.js';
import { StaffUsersService } from '../core/auth/staff-users.service.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { AppConfig } from '../core/config/index.js';
import { openDatabase, type DatabaseHandle } from '../core/db/client.js';
import type { ReadinessCheck } from '../core/health/readiness.js';
import { createMetrics, type Metrics } from '../core/http/metrics.js';
import { createLogger, type Logger } from '../core/logging/logger.js';
import { JobQueues } from '../core/queue/queues.js';
import { closeRedis, createRedis, pingRedis } from '../core/queue/redis.js';
import { ClamdClient } from '../core/scan/clamd.js';

/** Everything a process role needs, built once from the configuration. */
export interface Core {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  database: DatabaseHandle;
  redis: { queue: Redis; command: Redis; probe: Redis };
  queues: JobQueues;
  clamd: ClamdClient;
  readiness: ReadinessCheck[];
  audit: AuditRepository;
  sessions: SessionsRepository;
  login: LoginService;
  staffUsers: StaffUsersService;
  close(): Promise<void>;
}

export interface CoreOptions {
  logDestination?: DestinationStream;
  logger?: Logger;
  clock?: Clock;
}

export async function buildCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  const logger = options.logger ?? createLogger(config.log.level, options.logDestination);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.database, logger);
  const db = database.db;

  const redis = {
    queue: createRedis(config.redis.url, 'queue', logger),
    command: createRedis(config.redis.url, 'command', logger),
    probe: createRedis(config.redis.url, 'probe', logger),
  };
  const queues = new JobQueues(redis.queue, config.redis.prefix, logger);
  const clamd = new ClamdClient(config.clamd);

  const audit = new AuditRepository(db);
  const users = new StaffUsersRepository(db);
  const sessions = new SessionsRepository(db, {
    idleTimeoutMs: config.auth.sessionIdleTimeoutMs,
    absoluteTimeoutMs: config.auth.sessionAbsoluteTimeoutMs,
  });

  return {
    config,
    logger,
    clock,
    metrics: createMetrics(),
    database,
    redis,
    queues,
    clamd,
    readiness: [
      { name: 'database', check: () => database.ping() },
      { name: 'redis', check: () => pingRedis(redis.probe) },
      { name: 'clamd', check: () => clamd.ping() },
    ],
    audit,
    sessions,
    login: new LoginService(users, sessions, audit, { maxFailures: config.auth.maxLoginFailures, lockoutMs: config.auth.lockoutMs }, clock),
    staffUsers: new StaffUsersService(users, audit, clock),
    async close() {
      await queues.close();
      await Promise.all(Object.values(redis).map(closeRedis));
      await database.close();
    },
  };
}
