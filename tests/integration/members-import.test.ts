import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { projectRoot } from '../../platform/paths.js';
import { randomKvnr, withWrongCheckDigit } from '../helpers/members.js';
import { childEnv, runTs } from '../helpers/processes.js';
import { sharedDatabase } from '../helpers/root-hooks.js';
import type { Core } from '../../server/container.js';
import { startTestCore } from '../helpers/system.js';

const HEADER = 'kvnr,firstName,lastName,birthDate,street,postalCode,city,cardNumberLast6,familyOf';

describe('operator CLI: members:import', () => {
  let core: Core;
  let members: MembersRepository;
  let dir: string;
  before(async () => {
    core = await startTestCore();
    members = new MembersRepository(core.database.db);
    dir = mkdtempSync(path.join(tmpdir(), 'mk-members-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await core.close();
  });

  const cli = (args: string[]) => runTs('server/cli/main.ts', args, childEnv({ DATABASE_URL: sharedDatabase.url }));
  const csv = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, [HEADER, ...lines].join('\n'));
    return file;
  };

  it('imports the demo members, and a second run changes nothing', async () => {
    const demo = path.join(projectRoot, 'data', 'demo-members.csv');
    const first = cli(['members:import', demo]);
    assert.equal(await first.exited, 0, first.stderr());
    const second = cli(['members:import', demo]);
    assert.equal(await second.exited, 0, second.stderr());
    assert.match(second.stdout(), /12 rows read: 0 new, 0 updated, 12 unchanged, 0 rejected\./);
    const bernd = await members.find('B100000017');
    assert.equal(bernd?.familyOf, 'A123456780');
    assert.equal(bernd?.birthDate, '1982-07-30');
  });

  it('reports every rejected row by line and field without echoing personal data, and imports the rest', async () => {
    const [main, family, other] = [randomKvnr(), randomKvnr(), randomKvnr()];
    const file = csv('mixed.csv', [
      `${main},Ida,Hauptmitglied,01.02.1980,Weg 1,12345,Ort,111111,`,
      `${family},Jan,Familienmitglied,2010-05-05,Weg 1,12345,Ort,222222,${main}`,
      `${withWrongCheckDigit(other)},Geheimname,Prüfziffer,1980-01-01,Weg 2,12345,Ort,333333,`,
      `${other},Otto,Zukunft,2999-01-01,Weg 3,1234,Ort,44444,`,
      `${randomKvnr()},Paul,Unbekannt,1980-01-01,Weg 4,12345,Ort,555555,${randomKvnr()}`,
      `${randomKvnr()},Rita,Enkel,1980-01-01,Weg 5,12345,Ort,666666,${family}`,
      `${main},Ida,Doppelt,1980-02-01,Weg 1,12345,Ort,111111,`,
      `${randomKvnr()},zu,wenige,Spalten`,
    ]);
    const run = cli(['members:import', file]);
    assert.equal(await run.exited, 2, `rejected rows make the exit code 2: ${run.stderr()}`);
    const out = run.stdout();
    assert.match(out, /8 rows read: 2 new, 0 updated, 0 unchanged, 6 rejected\./);
    assert.match(out, /line 4: kvnr: KVNR check digit does not match/);
    assert.match(
      out,
      /line 5: birthDate: not a plausible birth date; postalCode: expected five digits; cardNumberLast6: expected the last six digits/,
    );
    assert.match(out, /line 6: familyOf: no member with this KVNR in the file or on record/);
    assert.match(out, /line 7: familyOf: points to a family member, not to a main member/);
    assert.match(out, /line 8: kvnr: appears again \(first on line 2\)/);
    assert.match(out, /line 9: expected 9 columns, found 4/);
    for (const secret of ['Geheimname', 'Zukunft', other]) assert.ok(!out.includes(secret), `report must not contain ${secret}`);
    assert.equal((await members.find(main))?.birthDate, '1980-02-01', 'German dates are read as DD.MM.YYYY');
    assert.equal((await members.find(family))?.familyOf, main);
  });

  it('updates a changed address on the next import, family members listed before their main member', async () => {
    const [main, child] = [randomKvnr(), randomKvnr()];
    const before = csv('before.csv', [
      `${child},Kim,Kind,2012-01-01,Alte Straße 1,12345,Altstadt,777777,${main}`,
      `${main},Mia,Mutter,1985-01-01,Alte Straße 1,12345,Altstadt,888888,`,
    ]);
    assert.equal(await cli(['members:import', before]).exited, 0);
    const after = csv('after.csv', [
      `${child},Kim,Kind,2012-01-01,Neue Straße 2,54321,Neustadt,777777,${main}`,
      `${main},Mia,Mutter,1985-01-01,Alte Straße 1,12345,Altstadt,888888,`,
    ]);
    const run = cli(['members:import', after]);
    assert.equal(await run.exited, 0, run.stderr());
    assert.match(run.stdout(), /2 rows read: 0 new, 1 updated, 1 unchanged, 0 rejected\./);
    assert.equal((await members.find(child))?.city, 'Neustadt');
  });

  it('takes an optional salutation column for the letters (Frau, Herr or empty)', async () => {
    const [frau, neutral, wrong] = [randomKvnr(), randomKvnr(), randomKvnr()];
    const file = path.join(dir, 'salutation.csv');
    writeFileSync(
      file,
      [
        `${HEADER},salutation`,
        `${frau},Karla,Muster,1980-01-01,Weg 1,12345,Ort,111111,,frau`,
        `${neutral},Kim,Muster,1980-01-01,Weg 1,12345,Ort,111112,,`,
        `${wrong},Dora,Muster,1980-01-01,Weg 1,12345,Ort,111113,,Dr.`,
      ].join('\n'),
    );
    const run = cli(['members:import', file]);
    assert.equal(await run.exited, 2);
    assert.match(run.stdout(), /line 4: salutation: expected Frau, Herr or empty/);
    assert.equal((await members.find(frau))?.salutation, 'Frau');
    assert.equal((await members.find(neutral))?.salutation, null);
  });

  it('refuses a file with the wrong header or that does not exist, with a clear message', async () => {
    const file = path.join(dir, 'wrong.csv');
    writeFileSync(file, 'kvnr;name\nA123456780;Anna\n');
    const wrong = cli(['members:import', file]);
    assert.equal(await wrong.exited, 1);
    assert.match(wrong.stderr(), /The first line must be the header: kvnr,firstName,/);
    const missing = cli(['members:import', path.join(dir, 'nope.csv')]);
    assert.equal(await missing.exited, 1);
    assert.match(missing.stderr(), /File not found/);
  });
});
