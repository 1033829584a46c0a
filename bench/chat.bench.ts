/**
 * `npm run bench:chat`: round-trip time of the chat (member message posted → bot reply received
 * over the WebSocket) with N concurrent conversations, N = 1, 50, 200.
 *
 * Members pace themselves like people: after each answer they take BENCH_THINK_MS (default
 * 5000, ±50 % at random) to read and type, and they start at random moments within that
 * time. A last run without any pause ("saturation") shows the capacity in messages per second.
 *
 * Starts the web role as its own process on a fresh PostgreSQL database (as in production) and
 * drives it from this process over the Direct Line API, on loopback only.
 * Settings: BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_MESSAGES (per conversation, default 5), BENCH_SIZES (default 1,50,200), BENCH_NODE_ARGS
 * (extra flags for the server process, e.g. --cpu-prof to profile it).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BenchMember, percentile, startSystem } from './bench-kit.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5000);
const SIZES = (process.env.BENCH_SIZES ?? '1,50,200').split(',').map(Number);
const SECRET = randomBytes(24).toString('base64url');
const REPLY_TIMEOUT_MS = 10_000;

/** One member: a conversation with its socket, sending messages one after another. */
class Member {
  private readonly connection: BenchMember;
  private waiting = new Map<string, (at: number) => void>();
  private early = new Map<string, number>();

  constructor(base: string) {
    this.connection = new BenchMember(base, SECRET, (activity, at) => {
      if (activity.from.role !== 'bot' || !activity.replyToId) return;
      const resolve = this.waiting.get(activity.replyToId);
      if (resolve) resolve(at);
      else this.early.set(activity.replyToId, at);
    });
  }

  connect(): Promise<void> {
    return this.connection.connect();
  }

  /** Milliseconds from posting a message until the bot's reply to it arrives on the socket. */
  async roundTrip(text: string): Promise<number> {
    const started = performance.now();
    const id = await this.connection.say(text);
    const arrived =
      this.early.get(id) ??
      (await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('reply timeout')), REPLY_TIMEOUT_MS);
        this.waiting.set(id, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      }));
    return arrived - started;
  }

  close(): void {
    this.connection.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const thinkTime = (think: number) => think * (0.5 + Math.random());

async function run(base: string, conversations: number, think = THINK_MS) {
  const members = Array.from({ length: conversations }, () => new Member(base));
  await Promise.all(members.map((m) => m.connect()));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    members.map(async (member) => {
      if (think > 0) await sleep(Math.random() * think);
      for (let i = 0; i < MESSAGES; i++) {
        if (i > 0 && think > 0) await sleep(thinkTime(think));
        try {
          latencies.push(await member.roundTrip('Rückruf anfordern'));
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  members.forEach((m) => m.close());
  latencies.sort((a, b) => a - b);
  return {
    conversations,
    messages: latencies.length + errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
    perSecond: latencies.length / seconds,
  };
}

async function main() {
  const system = await startSystem(
    'web',
    { DIRECTLINE_SECRET: SECRET, CHAT_MESSAGES_PER_MINUTE: '10000' },
    process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
  );
  const base = system.base;
  try {
    await run(base, 5, 0); // warm-up: JIT, connection pools, prepared plans
    console.log(
      `chat round trip (message posted → bot reply on the WebSocket), ${MESSAGES} messages per conversation, think time ${THINK_MS} ms ±50 %`,
    );
    console.log('conversations  messages  p50 ms  p95 ms  p99 ms  max ms  msg/s  errors');
    const print = (label: string, r: Awaited<ReturnType<typeof run>>) =>
      console.log(
        [
          label.padStart(13),
          String(r.messages).padStart(9),
          r.p50.toFixed(1).padStart(7),
          r.p95.toFixed(1).padStart(7),
          r.p99.toFixed(1).padStart(7),
          r.max.toFixed(1).padStart(7),
          r.perSecond.toFixed(0).padStart(6),
          String(r.errors).padStart(7),
        ].join(' '),
      );
    for (const size of SIZES) print(String(size), await run(base, size));
    print(`${Math.max(...SIZES)} no pause`, await run(base, Math.max(...SIZES), 0));
  } finally {
    await system.stop();
  }
}

await main();
