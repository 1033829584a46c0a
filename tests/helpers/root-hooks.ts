import { suiteLogScan } from './log-scan.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** One migrated database for the whole run; tests keep apart by using their own usernames and ids. */
export let sharedDatabase: TestDatabase;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    sharedDatabase = await createTestDatabase('shared');
  },
  async afterAll() {
    await sharedDatabase?.drop();
    // The log scan of the whole run: personal data in any log line fails the run.
    console.log(`\n  log scan: ${suiteLogScan.lines} log lines, ${suiteLogScan.findings.length} with personal data`);
    if (suiteLogScan.findings.length > 0) throw new Error(`Personal data in the logs:\n${suiteLogScan.report()}`);
  },
};
