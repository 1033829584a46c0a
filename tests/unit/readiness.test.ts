import assert from 'node:assert/strict';
import { checkReadiness } from '../../platform/health/readiness.js';

describe('readiness report', () => {
  it('is ready only when every check passes, and names each failing one', async () => {
    const report = await checkReadiness([
      { name: 'database', check: async () => undefined },
      { name: 'redis', check: async () => Promise.reject(new Error('ECONNREFUSED')) },
    ]);
    assert.deepEqual(report, { ready: false, checks: { database: 'up', redis: 'down' }, failing: ['redis'] });
  });

  it('counts a check that hangs as down once its time is up', async () => {
    const started = Date.now();
    const report = await checkReadiness([{ name: 'clamd', check: () => new Promise(() => undefined) }], 100);
    assert.deepEqual(report.failing, ['clamd']);
    assert.ok(Date.now() - started < 1000);
  });
});
