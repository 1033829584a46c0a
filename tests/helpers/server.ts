import { createServer } from 'node:net';
import type { Core } from '../../server/container.js';
import { startWeb, type WebRole } from '../../server/web.js';
import { ManualClock, startTestCore, type TestSystemOptions } from './system.js';

export const TEST_DIRECTLINE_SECRET = 'test-directline-secret-0123456789abcdef';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  core: Core;
  web: WebRole;
  port: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real web role (HTTP, Direct Line, WebSockets, bot) on a free port of this machine,
 * against the test database and Redis. Pass the same `env` (and port) again to "restart" it.
 */
export async function startTestServer(options: TestSystemOptions & { port?: number } = {}): Promise<TestServer> {
  const port = options.port ?? (await freePort());
  const core = await startTestCore({
    ...options,
    clock: options.clock,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DIRECTLINE_SECRET: TEST_DIRECTLINE_SECRET,
      STORAGE_DIR: 'var/test-files',
      ...options.env,
    },
  });
  const web = await startWeb(core, port);
  return {
    core,
    web,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await web.close();
      await core.close();
    },
  };
}

export { ManualClock };
