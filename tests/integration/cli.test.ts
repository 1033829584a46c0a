import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/db/schema.js';
import type { Core } from '../../server/container.js';
import { childEnv, runTs } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import { startTestCore, uniqueName } from '../helpers/system.js';

describe('operator CLI: staff users', () => {
  let core: Core;
  beforeEach(async () => {
    core = await startTestCore();
  });
  afterEach(() => core.close());

  const cli = (args: string[], input?: string) => runTs('server/cli/main.ts', args, childEnv({ DATABASE_URL: sharedDatabase.url }), input);

  it('adds a user with the password from standard input, lists and disables them, audited as the CLI', async () => {
    const username = uniqueName('cli-clerk-');
    const add = cli(['user:add', username, '--role', 'clerk', '--display-name', 'Frau Beispiel'], 'a password from stdin only\n');
    assert.equal(await add.exited, 0, add.stderr());
    assert.match(add.stdout(), new RegExp(`Created clerk "${username}"`));

    const user = (await core.staffUsers.list()).find((u) => u.username === username)!;
    assert.equal(user.displayName, 'Frau Beispiel');
    await core.sessions.create(user.id, new Date());

    const list = cli(['user:list']);
    assert.equal(await list.exited, 0);
    assert.match(list.stdout(), new RegExp(`${username}\\s+clerk\\s+active\\s+Frau Beispiel`));

    const disable = cli(['user:disable', username]);
    assert.equal(await disable.exited, 0, disable.stderr());
    assert.equal(await core.sessions.countForUser(user.id), 0, 'all sessions ended');

    const audited = await core.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, user.id), eq(auditLog.actor, 'cli')));
    assert.deepEqual(audited.map((r) => r.action).sort(), ['staff_user.create', 'staff_user.disable']);
  });

  it('refuses a weak password, an unknown role and a taken username with a clear message', async () => {
    const weak = cli(['user:add', uniqueName('weak-'), '--role', 'agent'], 'short\n');
    assert.equal(await weak.exited, 1);
    assert.match(weak.stderr(), /password: Das Passwort muss mindestens 12 Zeichen lang sein/);

    const role = cli(['user:add', uniqueName('role-'), '--role', 'boss'], 'a long enough password\n');
    assert.notEqual(await role.exited, 0);
    assert.match(role.stderr(), /expected one of agent, clerk, editor, admin/);

    const username = uniqueName('taken-');
    assert.equal(await cli(['user:add', username, '--role', 'agent'], 'a long enough password\n').exited, 0);
    const again = cli(['user:add', username, '--role', 'agent'], 'a long enough password\n');
    assert.equal(await again.exited, 1);
    assert.match(again.stderr(), /bereits vergeben/);
  });

  it('says so when the user to disable does not exist', async () => {
    const run = cli(['user:disable', 'no-such-user']);
    assert.equal(await run.exited, 1);
    assert.match(run.stderr(), /Diesen Benutzer gibt es nicht/);
  });
});

describe('operator CLI: prepared answers for the live chat', () => {
  let core: Core;
  before(async () => {
    core = await startTestCore();
  });
  after(() => core.close());

  const cli = (args: string[]) => runTs('server/cli/main.ts', args, childEnv({ DATABASE_URL: sharedDatabase.url }));

  it('imports the shipped starter answers once, keeps existing ones and reports bad entries', async () => {
    const first = cli(['canned:import', 'data/canned-responses.yaml']);
    assert.equal(await first.exited, 0, first.stderr());
    const shortcuts = (await core.livechat.canned.list()).map((r) => r.shortcut);
    assert.ok(
      ['begruessung', 'kvnr', 'abschied'].every((s) => shortcuts.includes(s)),
      shortcuts.join(','),
    );
    const again = cli(['canned:import', 'data/canned-responses.yaml']);
    assert.equal(await again.exited, 0);
    assert.match(again.stdout(), /0 added, \d+ kept, 0 rejected/);

    const file = path.join(tmpdir(), `${uniqueName('canned')}.yaml`);
    const fresh = `cli-${Date.now().toString(36)}`;
    writeFileSync(
      file,
      `- shortcut: Mit Leerzeichen\n  title: x\n  text: y\n- shortcut: ${fresh}\n  title: Neu\n  text: Neu aus der Datei.\n`,
    );
    const mixed = cli(['canned:import', file]);
    assert.equal(await mixed.exited, 2);
    assert.match(mixed.stdout(), /1 added, 0 kept, 1 rejected/);
    assert.match(mixed.stdout(), /entry 1: shortcut: Das Kürzel/);
  });
});
