/**
 * What the benchmarks share: a fresh PostgreSQL database per run, the system started as its own
 * process on it (as in production), percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';

export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ROOT = path.resolve(import.meta.dirname, '..');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

export interface BenchSystem {
  base: string;
  pid: number;
  databaseUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the system (`--role <role>`) on a fresh database and waits until it answers: from the
 * TypeScript sources through tsx, or, with `compiled`, from `dist/` as production runs it.
 */
export async function startSystem(
  role: 'web' | 'all',
  env: Record<string, string>,
  nodeArgs: string[] = [],
  compiled = false,
): Promise<BenchSystem> {
  const database = `mk_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const port = await freePort();
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    DATABASE_URL: url.toString(),
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: `bench${port}`,
    NODE_ENV: 'development',
    ...env,
  };
  const entry = compiled ? [path.join(ROOT, 'dist/server/main.js')] : ['--import', 'tsx', path.join(ROOT, 'server/main.ts')];
  const server: ChildProcess = spawn(process.execPath, [...nodeArgs, ...entry, '--role', role], {
    cwd: ROOT,
    env: fullEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await admin(`drop database if exists ${database} with (force)`);
  };
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 150 || server.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, pid: server.pid!, databaseUrl: url.toString(), env: fullEnv, stop };
}

/** Pids of running processes whose command line matches (pgrep -f). */
export async function pidsOf(pattern: string): Promise<number[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) =>
    execFile('pgrep', ['-f', pattern], (_err, stdout) => resolve(stdout.split('\n').filter(Boolean).map(Number))),
  );
}

/**
 * CPU seconds used so far by these processes, their threads and their finished children
 * (utime + stime + cutime + cstime from /proc; Linux clock ticks of 1/100 s).
 */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      // After "(comm) ", field 3 of stat is at index 0: utime..cstime are stat fields 14–17.
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // The process ended in between.
    }
  }
  return ticks / 100;
}

export interface StreamedActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
}

/** Calls the Direct Line API (POST, bearer secret or token) and returns its JSON. */
export async function directLineCall(base: string, route: string, auth: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/v3/directline${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * A member's chat window as the benchmarks drive it: a Direct Line conversation started with
 * the channel secret, its WebSocket handing every arriving activity to `onActivity` (with the
 * moment it arrived), and messages posted over HTTP.
 */
export class BenchMember {
  private socket?: WebSocket;
  conversationId = '';
  private token = '';

  constructor(
    private readonly base: string,
    private readonly secret: string,
    private readonly onActivity: (activity: StreamedActivity, arrivedAt: number) => void,
  ) {}

  async connect(): Promise<void> {
    const generated = await directLineCall(this.base, '/tokens/generate', this.secret);
    const started = await directLineCall(this.base, '/conversations', generated.token as string);
    this.conversationId = started.conversationId as string;
    this.token = started.token as string;
    const socket = new WebSocket(started.streamUrl as string);
    this.socket = socket;
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      const now = performance.now();
      for (const activity of (JSON.parse(text) as { activities: StreamedActivity[] }).activities) this.onActivity(activity, now);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }

  /** Posts a message; resolves with its activity id once the channel stored it. */
  async say(text: string): Promise<string> {
    const { id } = await directLineCall(this.base, `/conversations/${this.conversationId}/activities`, this.token, {
      type: 'message',
      text,
      from: { id: 'bench' },
    });
    return id as string;
  }

  close(): void {
    this.socket?.close();
  }
}
