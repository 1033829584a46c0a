/**
 * `npm run services:start`: starts, idempotently, the local services the system needs that
 * are not already answering — clamd (with the project's test signatures unless an official
 * database is installed) and Redis. For development and tests; production uses compose.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type AppConfig } from '../server/config/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { projectRoot } from '../platform/paths.js';
import { closeRedis, createRedis } from '../platform/queue/redis.js';
import { ClamdClient } from '../platform/scan/clamd.js';

const OFFICIAL_DB_DIR = '/var/lib/clamav';
const DEV_DB_DIR = path.join(projectRoot, 'ops', 'clamav', 'dev-signatures');
const STATE_DIR = path.join(projectRoot, 'var', 'services');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function findBinary(name: string, candidates: string[]): string | undefined {
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

async function waitFor(check: () => Promise<unknown>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      await check();
      return true;
    } catch {
      await sleep(250);
    }
  }
  return false;
}

function hasOfficialSignatures(): boolean {
  return ['main.cvd', 'main.cld'].some((f) => existsSync(path.join(OFFICIAL_DB_DIR, f)));
}

function clamdConfig(config: AppConfig, databaseDir: string): string {
  const socket = config.clamd.socket ?? path.join(STATE_DIR, 'clamd.sock');
  return [
    '# Written by `npm run services:start` for development and tests.',
    databaseDir === DEV_DB_DIR
      ? '# TEST SIGNATURES ONLY: this clamd detects test patterns, not real malware.'
      : '# Official signature database.',
    `DatabaseDirectory ${databaseDir}`,
    `LocalSocket ${socket}`,
    'FixStaleSocket yes',
    `TCPSocket ${config.clamd.port}`,
    'TCPAddr 127.0.0.1',
    'Foreground no',
    `PidFile ${path.join(STATE_DIR, 'clamd.pid')}`,
    `LogFile ${path.join(STATE_DIR, 'clamd.log')}`,
    'StreamMaxLength 50M',
    'MaxThreads 4',
    '',
  ].join('\n');
}

async function ensureClamd(config: AppConfig): Promise<boolean> {
  const clamd = new ClamdClient({ ...config.clamd, timeoutMs: 2000 });
  if (await waitFor(() => clamd.ping(), 0.25)) {
    console.log('clamd: already answering');
    return true;
  }
  if (!config.clamd.socket && !LOOPBACK.has(config.clamd.host)) {
    console.error(`clamd: not answering at ${config.clamd.host}:${config.clamd.port}, which is not this machine; start it there`);
    return false;
  }
  const binary = findBinary('clamd', ['/usr/sbin/clamd', '/usr/local/sbin/clamd']);
  if (!binary) {
    console.error('clamd: not installed (Debian: apt-get install clamav-daemon)');
    return false;
  }
  const databaseDir = hasOfficialSignatures() ? OFFICIAL_DB_DIR : DEV_DB_DIR;
  const configFile = path.join(STATE_DIR, 'clamd.conf');
  writeFileSync(configFile, clamdConfig(config, databaseDir));
  if (databaseDir === DEV_DB_DIR)
    console.warn('clamd: using the project TEST signatures — no protection against real malware (see ops/clamav/README.md)');
  const started = spawnSync(binary, ['-c', configFile], { encoding: 'utf8' });
  if (started.status !== 0) {
    console.error(`clamd: failed to start: ${started.stderr || started.stdout}`);
    return false;
  }
  const up = await waitFor(() => new ClamdClient({ ...config.clamd, timeoutMs: 2000 }).ping(), 120);
  console.log(
    up ? `clamd: started (port ${config.clamd.port})` : `clamd: started but not answering; see ${path.join(STATE_DIR, 'clamd.log')}`,
  );
  return up;
}

async function ensureRedis(config: AppConfig): Promise<boolean> {
  const logger = createLogger('silent');
  const ping = async () => {
    const redis = createRedis(config.redis.url, 'probe', logger);
    try {
      await sleep(100);
      await redis.ping();
    } finally {
      await closeRedis(redis);
    }
  };
  if (await waitFor(ping, 1)) {
    console.log('redis: already answering');
    return true;
  }
  const url = new URL(config.redis.url);
  const binary = findBinary('redis-server', ['/usr/bin/redis-server', '/usr/local/bin/redis-server']);
  if (!LOOPBACK.has(url.hostname) || !binary) {
    console.error(
      `redis: not answering at ${url.host}${binary ? '' : ' and redis-server is not installed (Debian: apt-get install redis-server)'}`,
    );
    return false;
  }
  const dir = path.join(STATE_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  spawnSync(binary, [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    url.port || '6379',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'noeviction',
    '--logfile',
    path.join(dir, 'redis.log'),
  ]);
  const up = await waitFor(ping, 20);
  console.log(up ? 'redis: started' : 'redis: started but not answering');
  return up;
}

async function main() {
  mkdirSync(STATE_DIR, { recursive: true });
  const config = loadConfig();
  const results = [await ensureRedis(config), await ensureClamd(config)];
  process.exit(results.every(Boolean) ? 0 : 1);
}

await main();
