import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MAX_PIN_FAILURES } from '../../domain/members/einmal-pin/einmal-pin.service.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { assertAccessible, consoleAs, screenshotPath, withServerAndBrowser } from '../helpers/browser.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { createStaff } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** Every action of Verwaltung in Chromium: accounts, PIN letters, certificates, channel keys, the audit log. */
describe('administration in a real browser', function () {
  this.timeout(180_000);
  const live = withServerAndBrowser({ env: { REDIS_PREFIX: uniqueName('mkbadmin') } });

  it('changes a role, resets a password, disables an account, unlocks a PIN, marks a certificate sent, adds and revokes a key, filters the log', async () => {
    const core = live.server.core;
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([
      testMember({ kvnr, firstName: 'Gesa', lastName: 'Gesperrt', cardNumberLast6: '222222' }),
    ]);
    await core.pins.issue({ kvnr, purpose: 'Nachweis Studium' }, { label: 'test' });
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await core.pins.login(kvnr, '222222', 'ZZZZ-ZZZZ');
    const certificate = await core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId: null });
    const colleague = await createStaff(core, 'agent');
    const admin = await createStaff(core, 'admin');

    const { context, page, problems } = await consoleAs(live.browser, live.server.baseUrl, admin.username);
    await page.getByRole('link', { name: 'Verwaltung' }).click();

    // Accounts: role, password reset (asked first), disable (asked first).
    const users = page.getByRole('region', { name: 'Benutzer' });
    await users.getByLabel(`Rolle von ${colleague.username}`).selectOption({ label: 'Wissenspflege' });
    await users
      .getByRole('status')
      .filter({ hasText: `${colleague.username} hat jetzt die Rolle Wissenspflege` })
      .waitFor();
    const row = users.getByRole('row').filter({ has: page.getByRole('cell', { name: colleague.username, exact: true }) });
    await row.getByRole('button', { name: 'Passwort zurücksetzen' }).click();
    await row.getByRole('button', { name: 'Ja, zurücksetzen' }).click();
    await users
      .getByRole('status')
      .filter({ hasText: `Einmal-Passwort für ${colleague.username}` })
      .locator('code')
      .waitFor();
    await row.getByRole('button', { name: 'Deaktivieren' }).click();
    await row.getByRole('button', { name: 'Ja, deaktivieren' }).click();
    await row.getByText('deaktiviert', { exact: true }).waitFor();

    // A PIN locked after wrong attempts is found by its state and unlocked.
    const letters = page.getByRole('region', { name: 'Ausgestellte Briefe' });
    await letters.getByLabel('Status', { exact: true }).selectOption({ label: 'gesperrt' });
    await letters.getByRole('button', { name: 'Filtern' }).click();
    const locked = letters.getByRole('row').filter({ hasText: 'Nachweis Studium' });
    await locked.getByRole('button', { name: 'Entsperren' }).click();
    await letters.getByRole('status').filter({ hasText: 'Gesa Gesperrt ist entsperrt' }).waitFor();
    assert.equal((await core.pins.list({ kvnr }))[0]?.state, 'issued');

    // A certificate to post, marked sent.
    const certificates = page.getByRole('region', { name: 'Versicherungsbescheinigungen zum Versand' });
    await certificates
      .getByRole('row')
      .filter({ hasText: certificate.reference })
      .getByRole('button', { name: 'Als versendet vermerken' })
      .click();
    await certificates
      .getByRole('status')
      .filter({ hasText: `${certificate.reference} ist als versendet vermerkt` })
      .waitFor();

    // A channel key, shown once, then revoked.
    const channels = page.getByRole('region', { name: 'Kanalschlüssel' });
    const channel = uniqueName('scan-').toLowerCase();
    await channels.getByLabel('Name').fill(channel);
    await channels.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
    await channels
      .getByRole('status')
      .filter({ hasText: `Schlüssel für ${channel}` })
      .locator('code')
      .waitFor();
    await channels.getByRole('row').filter({ hasText: channel }).getByRole('button', { name: 'Widerrufen' }).click();
    await channels
      .getByRole('row')
      .filter({ hasText: channel })
      .getByText(/widerrufen am/)
      .waitFor();

    // The audit log, filtered by action, and as CSV.
    const log = page.getByRole('region', { name: 'Protokoll' });
    await log.getByLabel('Aktion').fill('channel.revoke');
    await log.getByRole('button', { name: 'Filtern' }).click();
    await log.getByRole('cell', { name: 'channel.revoke' }).first().waitFor();
    const downloading = page.waitForEvent('download');
    await log.getByRole('link', { name: 'Als CSV herunterladen' }).click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    assert.match(csv, /channel\.revoke/);
    assert.doesNotMatch(csv, /einmal_pin\.unlock/, 'only the filtered action');

    await assertAccessible(page, 'administration actions');
    await page.screenshot({ path: screenshotPath('console-administration-actions.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
