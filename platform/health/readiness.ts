/** A dependency the process needs to serve requests. `check` rejects when it is not usable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'up' | 'down'>;
  failing: string[];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every check in parallel, each bounded in time, and names the ones that failed. */
export async function checkReadiness(checks: ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.allSettled(checks.map((c) => withTimeout(c.check(), timeoutMs)));
  const report: ReadinessReport = { ready: true, checks: {}, failing: [] };
  results.forEach((result, i) => {
    const name = checks[i]!.name;
    report.checks[name] = result.status === 'fulfilled' ? 'up' : 'down';
    if (result.status === 'rejected') {
      report.ready = false;
      report.failing.push(name);
    }
  });
  return report;
}
