import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  volumes?: string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

function commandOf(service: Service): string {
  return ([] as string[]).concat(service.command ?? []).join(' ');
}

describe('docker-compose.yml (production recipe)', () => {
  it('has the web app, a worker, PostgreSQL, Redis and ClamAV', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['clamav', 'postgres', 'redis', 'web', 'worker']);
  });

  it('runs web and worker roles of the same image against PostgreSQL, Redis and clamd', () => {
    for (const [name, role] of [
      ['web', 'web'],
      ['worker', 'worker'],
    ] as const) {
      const service = compose.services[name]!;
      assert.match(commandOf(service), new RegExp(`--role ${role}`));
      assert.match(service.environment?.DATABASE_URL ?? '', /^postgres:\/\/.+@postgres:5432\//);
      assert.equal(service.environment?.REDIS_URL, 'redis://redis:6379');
      assert.equal(service.environment?.CLAMD_HOST, 'clamav');
      assert.equal(service.environment?.NODE_ENV, 'production');
      assert.match(service.environment?.DIRECTLINE_SECRET ?? '', /^\$\{DIRECTLINE_SECRET:\?/, 'the secret must be set, never defaulted');
      for (const dep of ['postgres', 'redis', 'clamav'])
        assert.equal(service.depends_on?.[dep]?.condition, 'service_healthy', `${name} waits for ${dep}`);
    }
    assert.ok(compose.services.web!.healthcheck, 'web has a health check');
  });

  it('keeps Redis durable and never evicts queue data', () => {
    const command = commandOf(compose.services.redis!);
    assert.match(command, /--appendonly yes/);
    assert.match(command, /--appendfsync everysec/);
    assert.match(command, /--maxmemory-policy noeviction/);
  });

  it('keeps the virus signatures current and the data on volumes', () => {
    assert.match(compose.services.clamav!.image ?? '', /^clamav\/clamav/);
    assert.ok(compose.volumes.pgdata !== undefined && compose.volumes.redisdata !== undefined && compose.volumes.files !== undefined);
  });
});
