import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Clock } from '../../platform/clock.js';
import { parseConfig, type AppConfig } from '../../server/config/index.js';
import { buildCore, type Core } from '../../server/container.js';
import { suiteLog, suiteLogScan } from './log-scan.js';
import { sharedDatabase } from './root-hooks.js';

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/**
 * Configuration for a test: the shared test database, the machine's Redis under a prefix of
 * its own (so rate limits and queues never leak between tests), the clamd of services:start.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    // Everything is logged, into the suite's log scan (tests/helpers/log-scan.ts), not to the console.
    LOG_LEVEL: 'debug',
    DATABASE_URL: sharedDatabase.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: uniqueName('mkt'),
    CLAMD_HOST: '127.0.0.1',
    CLAMD_PORT: process.env.TEST_CLAMD_PORT ?? '3310',
    ...overrides,
  });
}

/** Collects log lines so tests can read what would have gone to stdout. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    suiteLogScan.scan(chunk.toString('utf8'), 'captured log');
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

/** A clock the test moves by hand. */
export class ManualClock {
  // Starts at the real time: cookies it stamps are judged by HTTP clients against the real clock.
  private current = new Date();

  readonly now: Clock = () => new Date(this.current);

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestSystemOptions {
  env?: Record<string, string>;
  clock?: ManualClock;
  logs?: LogCapture;
}

/** Builds the real core (database, Redis, clamd, services) for one test; `close()` in afterEach. */
export async function startTestCore(options: TestSystemOptions = {}): Promise<Core> {
  const config = testConfig({ ...(options.logs ? { LOG_LEVEL: 'info' } : {}), ...options.env });
  return buildCore(config, { clock: options.clock?.now, logDestination: options.logs ?? suiteLog });
}
