/**
 * `npm run bench:livechat`: delivery latency of the live chat between agents and members, and
 * what a web process holds for idle members.
 *
 * 1. BENCH_MEMBERS members (default 200) ask for a person in the chat (Direct Line, each with
 *    its WebSocket), BENCH_AGENTS agents (default 20, created with the CLI, logged in through
 *    the API, connected to socket.io) take them all. Then every chat exchanges BENCH_MESSAGES
 *    messages each way (default 5) at a human pace (BENCH_THINK_MS, default 5000 ±50 %,
 *    as in bench:chat; 2000 roughly doubles the message rate).
 *    Printed: agent → member (socket command sent → message on the member's WebSocket) and
 *    member → agent (HTTP POST sent → `chat:line` on the agent's socket) latency p50/p95/p99, and
 *    messages lost (sent but not arrived within 10 s).
 * 2. BENCH_IDLE members (default 1000) open a conversation and keep its WebSocket open without
 *    writing. Printed: the web process's resident memory before and after, and the sockets it
 *    holds.
 *
 * The web role runs as its own process on a fresh PostgreSQL database, as in production.
 * BENCH_NODE_ARGS passes flags to it (e.g. --cpu-prof to profile it).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../staff-console/socket/events.js';
import { BenchMember, cpuSeconds, percentile, ROOT, startSystem, type BenchSystem } from './bench-kit.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5000);
const IDLE = Number(process.env.BENCH_IDLE ?? 1000);
const SECRET = randomBytes(24).toString('base64url');
const PASSWORD = 'bench password for agents';
const DRAIN_MS = 10_000;

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(THINK_MS * (0.5 + Math.random()));

/** Sent messages by their marker, with the moment they were sent; deleted when they arrive. */
const inFlight = new Map<string, number>();
const latencies = { toMember: [] as number[], toAgent: [] as number[] };
function arrived(marker: string, into: number[]): void {
  const sentAt = inFlight.get(marker);
  if (sentAt === undefined) return;
  inFlight.delete(marker);
  into.push(performance.now() - sentAt);
}

/** A member in the chat window who can wait for a particular message from the bot or an agent. */
class Member {
  private readonly connection: BenchMember;
  private waiters: Array<{ test: (text: string) => boolean; resolve: () => void }> = [];

  constructor(base: string) {
    this.connection = new BenchMember(base, SECRET, (activity) => {
      if (activity.type !== 'message' || activity.from.role === 'user') return;
      const body = activity.text ?? '';
      if (body.startsWith('a:')) arrived(body, latencies.toMember);
      this.waiters = this.waiters.filter((w) => !(w.test(body) && (w.resolve(), true)));
    });
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Resolves when a message from the bot or an agent matching `test` arrives. */
  waitFor(test: (text: string) => boolean, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('member: no such message')), timeoutMs);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async say(text: string): Promise<void> {
    await this.connection.say(text);
  }

  close(): void {
    this.connection.close();
  }
}

/** Creates an agent account through the operator CLI (password on standard input). */
function addAgent(system: BenchSystem, username: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'server/cli/main.ts'), 'user:add', username, '--role', 'agent', '--display-name', username],
      {
        cwd: ROOT,
        env: system.env,
        stdio: ['pipe', 'ignore', 'inherit'],
      },
    );
    child.stdin.end(`${PASSWORD}\n`);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`user:add ${username}: exit ${code}`))));
  });
}

async function agentConsole(base: string, username: string): Promise<AgentSocket> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  const socket: AgentSocket = io(base, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('chat:line', (line) => {
    if (line.from === 'member' && line.text.startsWith('m:')) arrived(line.text, latencies.toAgent);
  });
  const status = await socket.emitWithAck('agent:status', 'available');
  if (!status.ok) throw new Error(status.message);
  return socket;
}

/** Each agent takes waiting chats until it has its share; two agents never get the same one. */
async function acceptShare(agent: AgentSocket, share: number, taken: string[]): Promise<void> {
  for (let attempt = 0; taken.length < share && attempt < 200; attempt++) {
    const queue = await agent.emitWithAck('queue:list');
    if (!queue.ok) throw new Error(queue.message);
    for (const waiting of queue.chats.sort(() => Math.random() - 0.5)) {
      if (taken.length >= share) break;
      const result = await agent.emitWithAck('queue:accept', waiting.sessionId);
      if (result.ok) taken.push(result.chat.sessionId);
    }
    if (taken.length < share) await sleep(100);
  }
}

/** Transactions committed in the bench database so far (every statement outside a transaction is one). */
async function transactions(system: BenchSystem): Promise<number> {
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D/g, '')) / 1024;
}

function openSockets(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

async function conversationPhase(system: BenchSystem) {
  const usernames = Array.from({ length: AGENTS }, (_, i) => `bench-agent-${i + 1}`);
  await inBatches(usernames, 4, (u) => addAgent(system, u));
  const agents = await Promise.all(usernames.map((u) => agentConsole(system.base, u)));

  const members = Array.from({ length: MEMBERS }, () => new Member(system.base));
  await inBatches(members, 50, (m) => m.connect());
  await inBatches(members, 50, async (m) => {
    const queued = m.waitFor((t) => t.includes('Stelle der Warteschlange'));
    await m.say('Ich möchte mit einem Mitarbeiter sprechen');
    await queued;
  });

  const share = Math.ceil(MEMBERS / AGENTS);
  const chats = agents.map(() => [] as string[]);
  await Promise.all(agents.map((a, i) => acceptShare(a, share, chats[i]!)));
  const running = chats.flat().length;
  if (running !== MEMBERS) throw new Error(`only ${running} of ${MEMBERS} chats were taken`);

  let sent = 0;
  let seq = 0;
  const started = performance.now();
  const serverCpu = cpuSeconds([system.pid]);
  const transactionsBefore = await transactions(system);
  const benchCpu = process.cpuUsage();
  const agentSide = agents.flatMap((agent, i) =>
    chats[i]!.map(async (sessionId) => {
      for (let n = 0; n < MESSAGES; n++) {
        await think();
        const marker = `a:${++seq}`;
        inFlight.set(marker, performance.now());
        sent++;
        const ack = await agent.emitWithAck('chat:send', sessionId, marker);
        if (!ack.ok) throw new Error(ack.message);
      }
    }),
  );
  const memberSide = members.map(async (member) => {
    for (let n = 0; n < MESSAGES; n++) {
      await think();
      const marker = `m:${++seq}`;
      inFlight.set(marker, performance.now());
      sent++;
      await member.say(marker);
    }
  });
  await Promise.all([...agentSide, ...memberSide]);
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < deadline) await sleep(100);
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(benchCpu);
  const statements = (await transactions(system)) - transactionsBefore;
  const cpu = { server: (cpuSeconds([system.pid]) - serverCpu) / seconds, bench: (own.user + own.system) / 1e6 / seconds };

  for (const a of agents) a.disconnect();
  for (const m of members) m.close();
  return { sent, lost: inFlight.size, seconds, cpu, statementsPerMessage: statements / sent };
}

async function idlePhase(system: BenchSystem) {
  await sleep(2000);
  const before = { rss: residentMegabytes(system.pid), sockets: openSockets(system.pid) };
  const members = Array.from({ length: IDLE }, () => new Member(system.base));
  await inBatches(members, 50, (m) => m.connect());
  await sleep(5000); // the welcome turns settle
  const after = { rss: residentMegabytes(system.pid), sockets: openSockets(system.pid) };
  for (const m of members) m.close();
  return { before, after };
}

function row(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label.padEnd(16)} ${String(sorted.length).padStart(8)} ${[50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(7)).join(' ')} ${(sorted.at(-1) ?? NaN).toFixed(1).padStart(7)}`;
}

async function main() {
  const system = await startSystem(
    'web',
    {
      DIRECTLINE_SECRET: SECRET,
      CHAT_MESSAGES_PER_MINUTE: '10000',
      LOGIN_RATE_LIMIT_PER_IP: '10000',
      LIVECHAT_HOURS: 'So-Sa 00:00-24:00',
      LIVECHAT_HOLIDAYS: 'none',
      LIVECHAT_MAX_CHATS_PER_AGENT: String(Math.min(20, Math.ceil(MEMBERS / AGENTS))),
    },
    process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  );
  try {
    const chat = await conversationPhase(system);
    console.log(
      `live chat: ${MEMBERS} members, ${AGENTS} agents, ${MESSAGES} messages each way per chat, think time ${THINK_MS} ms ±50 %, one web process`,
    );
    console.log('direction        messages  p50 ms  p95 ms  p99 ms  max ms');
    console.log(row('agent → member', latencies.toMember));
    console.log(row('member → agent', latencies.toAgent));
    console.log(
      `sent ${chat.sent}, lost ${chat.lost} (not arrived within ${DRAIN_MS / 1000} s), ${(chat.sent / chat.seconds).toFixed(0)} msg/s over ${chat.seconds.toFixed(1)} s`,
    );
    console.log(`PostgreSQL: ${chat.statementsPerMessage.toFixed(1)} transactions per message`);
    console.log(
      `CPU: web process ${(chat.cpu.server * 100).toFixed(0)} % of a core, this load generator ${(chat.cpu.bench * 100).toFixed(0)} % (both on this machine)`,
    );

    const idle = await idlePhase(system);
    console.log(`idle members: ${IDLE} open Direct Line WebSockets`);
    console.log(
      `web process resident memory ${idle.before.rss.toFixed(0)} MB → ${idle.after.rss.toFixed(0)} MB (+${(((idle.after.rss - idle.before.rss) * 1024) / IDLE).toFixed(0)} KB per member); sockets held ${idle.before.sockets} → ${idle.after.sockets}`,
    );
  } finally {
    await system.stop();
  }
}

await main();
