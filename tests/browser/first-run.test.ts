import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchChromium, logInToConsole, screenshotPath } from '../helpers/browser.js';
import { childEnv, runTs, waitUntil, type Spawned } from '../helpers/processes.js';
import { freePort, TEST_DIRECTLINE_SECRET } from '../helpers/server.js';
import { uniqueName } from '../helpers/system.js';
import { projectRoot } from '../../platform/paths.js';

const NEW_PASSWORD = 'mein eigenes sicheres Passwort';

/**
 * The quick start's situation: the whole system in one process on a fresh embedded database.
 * A newcomer logs in with the printed one-time password, sets their own, creates an agent and a
 * clerk and issues an Einmal-PIN letter, all in the console while the server runs.
 */
describe('first run in a real browser', function () {
  this.timeout(180_000);
  let dir: string;
  let server: Spawned | undefined;
  let browser: Browser | undefined;
  let baseUrl: string;

  before(async function () {
    this.timeout(180_000);
    dir = await mkdtemp(path.join(tmpdir(), 'mk-first-run-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = childEnv({
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      EMBEDDED_DB_DIR: path.join(dir, 'db'),
      STORAGE_DIR: path.join(dir, 'files'),
      REDIS_PREFIX: uniqueName('mkfirstrun'),
      DIRECTLINE_SECRET: TEST_DIRECTLINE_SECRET,
      OCR_WORKERS: '1',
    });
    // As the quick start does: the demo members first, then the server.
    const members = runTs('server/cli/main.ts', ['members:import', 'data/demo-members.csv'], env);
    assert.equal(await members.exited, 0, members.stderr());
    server = runTs('server/main.ts', ['--role', 'all'], env);
    await waitUntil(() => /Passwort:\s+\S+/.test(server!.stdout()) || server!.child.exitCode !== null, 150_000, 'the first admin').catch(
      (err: Error) => {
        throw new Error(`${err.message}: ${server!.stderr().slice(-2000)}`);
      },
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('logs the newcomer in with the printed password, has it changed, and runs the service from the console', async () => {
    const oneTime = /Passwort:\s+(\S+)/.exec(server!.stdout())![1]!;
    assert.match(server!.stdout(), /Benutzer:\s+admin/);
    const context = await browser!.newContext({ locale: 'de-DE', acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));

    await logInToConsole(page, baseUrl, 'admin', oneTime);
    await page.getByRole('heading', { name: 'Neues Passwort festlegen' }).waitFor();
    await assertAccessible(page, 'password change');
    await page.getByLabel('Einmal-Passwort').fill(oneTime);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();

    await page.getByRole('link', { name: 'Verwaltung' }).click();
    const created: Record<string, string> = {};
    for (const [username, role] of [
      ['agentin', 'Kundenberatung'],
      ['posteingang', 'Posteingang'],
    ] as const) {
      await page.getByLabel('Benutzername').fill(username);
      await page.getByLabel('Rolle', { exact: true }).selectOption({ label: role });
      await page.getByRole('button', { name: 'Anlegen' }).click();
      const shown = page.getByRole('status').filter({ hasText: `Einmal-Passwort für ${username}` });
      await shown.waitFor();
      created[username] = await shown.locator('code').innerText();
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: username, exact: true }) })
        .getByText('Einmal-Passwort offen')
        .waitFor();
    }

    await page.getByLabel('Krankenversichertennummer', { exact: true }).fill('A123456780');
    await page.getByLabel('Anlass').fill('Nachweis Familienversicherung');
    await page.getByRole('button', { name: 'PIN ausstellen' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Brief herunterladen (PDF)' }).click();
    const download = await downloading;
    const letter = await readFile((await download.path())!);
    assert.equal(letter.subarray(0, 5).toString(), '%PDF-', 'a PDF letter');

    // The letter is listed as issued; withdrawn after a confirmation, it is listed as such.
    const letterRow = page.getByRole('row').filter({ hasText: 'Nachweis Familienversicherung' });
    await letterRow.getByText('ausgestellt').waitFor();
    await letterRow.getByRole('button', { name: 'Zurückziehen' }).click();
    await letterRow.getByRole('button', { name: 'Ja, zurückziehen' }).click();
    await page.getByRole('status').filter({ hasText: 'ist zurückgezogen' }).waitFor();
    await letterRow.getByText(/zurückgezogen am/).waitFor();
    const letters = page.getByRole('region', { name: 'Ausgestellte Briefe' });
    await letters.getByLabel('Status', { exact: true }).selectOption({ label: 'zurückgezogen' });
    await letters.getByRole('button', { name: 'Filtern' }).click();
    await letterRow.waitFor();

    // Member master data uploaded as the CLI would read it: the quick start's file again changes nothing.
    await page.getByLabel('CSV-Datei').setInputFiles(path.join(projectRoot, 'data', 'demo-members.csv'));
    await page.getByRole('button', { name: 'Importieren' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Zeilen gelesen: 0 neu, 0 geändert, \d+ unverändert, 0 abgelehnt/ })
      .waitFor();

    // The service hours as configured, with the closed days ahead.
    const hours = page.getByRole('region', { name: 'Servicezeiten' });
    await hours.getByText('Mo–Fr 8–18 Uhr').first().waitFor();
    await hours.getByRole('heading', { name: 'Geschlossen in den nächsten Monaten' }).waitFor();
    await assertAccessible(page, 'administration');
    await page.screenshot({ path: screenshotPath('console-administration.png'), fullPage: true });

    // The new agent is asked for their own password first, too.
    const agentContext = await browser!.newContext({ locale: 'de-DE' });
    const agentPage = await agentContext.newPage();
    await logInToConsole(agentPage, baseUrl, 'agentin', created.agentin!);
    await agentPage.getByRole('heading', { name: 'Neues Passwort festlegen' }).waitFor();
    await agentContext.close();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
