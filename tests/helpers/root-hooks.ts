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
  },
};
