import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { targetsFor } from '../../domain/documents/delivery-targets.js';
import { ConfigError, parseConfig } from '../../server/config/index.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, 'expected a ConfigError');
    return err.problems;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('starts from sensible defaults on an empty environment', () => {
    const config = parseConfig({});
    assert.equal(config.http.port, 3978);
    assert.equal(config.database.url, undefined, 'no DATABASE_URL means the embedded database');
    assert.match(config.database.embeddedDir, /var\/db$/);
    assert.equal(config.redis.url, 'redis://127.0.0.1:6379');
    assert.equal(config.auth.sessionIdleTimeoutMs, 30 * 60 * 1000);
    assert.equal(config.http.publicUrl, 'http://localhost:3978');
  });

  it('names PORT when it is not a number', () => {
    const problems = problemsOf({ PORT: 'abc' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^PORT: expected a port number/);
  });

  it('names every bad field at once', () => {
    const problems = problemsOf({ PORT: '70000', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud', SESSION_IDLE_TIMEOUT_SECONDS: '1.5' });
    const fields = problems.map((p) => p.split(':')[0]).sort();
    assert.deepEqual(fields, ['LOG_LEVEL', 'PORT', 'REDIS_URL', 'SESSION_IDLE_TIMEOUT_SECONDS']);
  });

  it('requires a database server in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.ok(
      problems.some((p) => p.startsWith('DATABASE_URL:')),
      problems.join('\n'),
    );
  });

  it('never repeats a rejected value, which may be a secret', () => {
    const secret = 'tooShortSecret';
    const err = (() => {
      try {
        parseConfig({ METRICS_TOKEN: secret, DATABASE_URL: 'mysql://user:hunter2@db/x' });
      } catch (e) {
        return e as Error;
      }
    })();
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /METRICS_TOKEN/);
    assert.match(err.message, /DATABASE_URL/);
    assert.doesNotMatch(err.message, /tooShortSecret|hunter2/);
  });

  it('treats empty values as unset, as .env files write them', () => {
    assert.equal(parseConfig({ PORT: '', DATABASE_URL: '  ' }).http.port, 3978);
  });

  it('rejects an absolute session lifetime shorter than the idle timeout', () => {
    const problems = problemsOf({ SESSION_IDLE_TIMEOUT_SECONDS: '3600', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '600' });
    assert.match(problems.join('\n'), /SESSION_ABSOLUTE_TIMEOUT_SECONDS: must not be shorter/);
  });

  it('reads department overrides per document type and names an unknown type', () => {
    const config = parseConfig({ INTAKE_DEPARTMENTS: 'invoice=Zahnleistungen; other = Poststelle' });
    assert.deepEqual(config.intake.departments, { invoice: 'Zahnleistungen', other: 'Poststelle' });
    assert.match(problemsOf({ INTAKE_DEPARTMENTS: 'rechnung=Leistungen' }).join('\n'), /^INTAKE_DEPARTMENTS.*expected document types/m);
    assert.match(problemsOf({ INTAKE_DEPARTMENTS: 'invoice=' }).join('\n'), /^INTAKE_DEPARTMENTS.*department name/m);
  });

  it('reads parallel jobs per queue and names unknown queues and bad numbers', () => {
    assert.deepEqual(parseConfig({ QUEUE_CONCURRENCY: 'intake-classify=4; intake-assign=2' }).queueConcurrency, {
      'intake-classify': 4,
      'intake-assign': 2,
    });
    assert.match(problemsOf({ QUEUE_CONCURRENCY: 'intake-magic=4' }).join('\n'), /^QUEUE_CONCURRENCY.*expected queue names/m);
    assert.match(problemsOf({ QUEUE_CONCURRENCY: 'intake-ocr=0' }).join('\n'), /^QUEUE_CONCURRENCY.*parallel jobs/m);
  });

  it('keeps documents at least as long after delivery as the longest time allows', () => {
    assert.match(
      problemsOf({ DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS: '60', DOCUMENT_RETENTION_MAX_DAYS: '30' }).join(),
      /DOCUMENT_RETENTION_MAX_DAYS: must not be shorter than DOCUMENT_RETENTION_AFTER_DELIVERY_DAYS/,
    );
    assert.deepEqual(parseConfig({}).retention, {
      documentsAfterDeliveryDays: 30,
      documentsMaxDays: 365,
      pinsDays: 90,
      certificatesDays: 180,
    });
  });

  describe('delivery targets file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mk-targets-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const SECRET = 's'.repeat(40);
    function targetsFile(content: unknown): string {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, typeof content === 'string' ? content : stringify(content));
      return file;
    }

    it('reads the three kinds with their filters and resolves each webhook secret from its variable', () => {
      const file = targetsFile({
        targets: [
          { name: 'kern', kind: 'webhook', url: 'https://kern.example/hook', secretEnv: 'KERN_SECRET', documentTypes: ['invoice'] },
          { name: 'dms', kind: 'folder', directory: '/srv/dms', departments: ['Krankengeld'] },
          { name: 'archiv', kind: 'pull' },
        ],
      });
      const config = parseConfig({ DELIVERY_TARGETS_FILE: file, KERN_SECRET: SECRET });
      assert.equal(config.delivery.targets.length, 3);
      const webhook = config.delivery.targets[0]!;
      assert.ok(webhook.kind === 'webhook' && webhook.secret === SECRET && webhook.timeoutMs === 15_000);
      assert.deepEqual(targetsFor(config.delivery.targets, 'invoice', 'Leistungen'), [
        { target: 'kern', kind: 'webhook' },
        { target: 'archiv', kind: 'pull' },
      ]);
      assert.deepEqual(
        targetsFor(config.delivery.targets, 'sick_pay', 'Krankengeld').map((t) => t.target),
        ['dms', 'archiv'],
      );
      assert.deepEqual(parseConfig({}).delivery.targets, [], 'no file: no deliveries');
    });

    it('names what is wrong: plain HTTP to another host, a missing or short secret, twin names, bad YAML', () => {
      const plainHttp = targetsFile({
        targets: [{ name: 'kern', kind: 'webhook', url: 'http://kern.example/hook', secretEnv: 'KERN_SECRET' }],
      });
      assert.match(
        problemsOf({ DELIVERY_TARGETS_FILE: plainHttp, KERN_SECRET: SECRET }).join(),
        /targets\.0\.url: expected an https:\/\/ URL/,
      );
      const local = targetsFile({
        targets: [{ name: 'kern', kind: 'webhook', url: 'http://127.0.0.1:9000/hook', secretEnv: 'KERN_SECRET' }],
      });
      assert.equal(parseConfig({ DELIVERY_TARGETS_FILE: local, KERN_SECRET: SECRET }).delivery.targets.length, 1, 'http to this machine');
      const problems = problemsOf({ DELIVERY_TARGETS_FILE: local, KERN_SECRET: 'short' });
      assert.match(problems.join(), /KERN_SECRET: the signing secret of target kern; expected at least 32 characters/);
      assert.ok(!problems.join().includes('short'), 'the value is never repeated');
      const twins = targetsFile({
        targets: [
          { name: 'a1', kind: 'pull' },
          { name: 'a1', kind: 'pull' },
        ],
      });
      assert.match(problemsOf({ DELIVERY_TARGETS_FILE: twins }).join(), /target names must be unique/);
      const unknownType = targetsFile({ targets: [{ name: 'a1', kind: 'pull', documentTypes: ['love_letter'] }] });
      assert.match(problemsOf({ DELIVERY_TARGETS_FILE: unknownType }).join(), /targets\.0\.documentTypes\.0/);
      assert.match(problemsOf({ DELIVERY_TARGETS_FILE: targetsFile('targets: [') }).join(), /cannot be read as YAML/);
      assert.match(problemsOf({ DELIVERY_TARGETS_FILE: path.join(dir, 'missing.yaml') }).join(), /cannot be read/);
    });
  });
});
