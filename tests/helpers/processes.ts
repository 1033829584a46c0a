import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { suiteLogScan } from './log-scan.js';

/** Environment for a child process: only what it needs, so the machine's own settings do not leak in. */
export function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...vars };
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs a TypeScript entry point of the project in one Node process with tsx's loader (the tsx
 * command would start a second process, so a signal — even SIGKILL — would miss the program).
 */
export function runTs(script: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, script), ...args], {
    cwd: projectRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  if (input !== undefined) child.stdin!.end(input);
  else child.stdin!.end();
  const exited = once(child, 'exit').then(([code]) => {
    // The service's own output is its log: scanned like every in-process log (CLI output is meant for the operator).
    if (script === 'server/main.ts') suiteLogScan.scan(out + err, `${script} ${args.join(' ')}`);
    return code as number | null;
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(condition)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
