import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { migrationsFolder } from '../../platform/paths.js';
import { openDatabase, type DatabaseHandle } from '../../platform/db/client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { testLogger } from '../helpers/log-scan.js';

const EXPECTED_TABLES = [
  'audit_log',
  'bot_daily_outcomes',
  'bot_state',
  'callback_requests',
  'canned_responses',
  'certificate_requests',
  'chat_activities',
  'chat_conversations',
  'classification_examples',
  'classifier_models',
  'document_deliveries',
  'document_pages',
  'draft_files',
  'einmal_pins',
  'faq_ratings',
  'faq_unanswered',
  'intake_channels',
  'livechat_events',
  'livechat_notes',
  'livechat_sessions',
  'login_throttles',
  'members',
  'staff_sessions',
  'staff_users',
  'stored_files',
  'submission_documents',
  'submissions',
];

function migrationCount(): number {
  return readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;
}

describe('database migrations', () => {
  let empty: TestDatabase;
  const handles: DatabaseHandle[] = [];
  const logger = testLogger();

  before(async () => {
    empty = await createTestDatabase('migrate');
  });
  after(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await empty.drop();
  });

  async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  async function tables(): Promise<string[]> {
    const rows = await query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    return rows.map((r) => r.table_name);
  }

  it('creates the schema on an empty database at start', async () => {
    const handle = await openDatabase({ url: empty.url, poolSize: 2, embeddedDir: '' }, logger);
    handles.push(handle);
    assert.deepEqual(await tables(), EXPECTED_TABLES);
  });

  it('applies nothing twice when several processes start at once', async () => {
    const opened = await Promise.all([1, 2, 3].map(() => openDatabase({ url: empty.url, poolSize: 2, embeddedDir: '' }, logger)));
    handles.push(...opened);
    const applied = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    assert.equal(applied[0]!.n, migrationCount());
    assert.deepEqual(await tables(), EXPECTED_TABLES);
  });
});
