import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { staffUsers } from '../../platform/db/schema.js';
import { assertAccessible, consoleAs, logInToConsole, screenshotPath, withServerAndBrowser } from '../helpers/browser.js';
import { createStaff } from '../helpers/staff.js';
import { seedStatistics } from '../helpers/statistics-seed.js';
import { uniqueName } from '../helpers/system.js';

/** Admins read the service's figures as charts and tables and export them; an agent sees their own chats. */
describe('statistics in a real browser', function () {
  this.timeout(120_000);
  const live = withServerAndBrowser({ env: { REDIS_PREFIX: uniqueName('mkbstats') } });

  it('draws the seeded figures, exports a table as CSV, and shows an agent only their own chats', async () => {
    const core = live.server.core;
    const idOf = async (username: string) =>
      (await core.database.db.select().from(staffUsers).where(eq(staffUsers.username, username)))[0]!.id;
    const agent = await createStaff(core, 'agent');
    await seedStatistics(core, await idOf(agent.username), await idOf((await createStaff(core, 'agent')).username), '2025-02-03');
    const admin = await createStaff(core, 'admin');

    const { context, page, problems } = await consoleAs(live.browser, live.server.baseUrl, admin.username);
    await page.getByRole('link', { name: 'Statistik', exact: true }).click();
    await page.getByLabel('von', { exact: true }).fill('2025-02-03');
    await page.getByLabel('bis', { exact: true }).fill('2025-02-04');
    await page.getByRole('button', { name: 'Anzeigen' }).click();

    const conversations = page.getByRole('region', { name: 'Gespräche und Antworten' });
    const monday = conversations.getByRole('row').filter({ hasText: '03.02.' });
    await monday.getByRole('cell', { name: '33 %' }).waitFor();
    assert.deepEqual(await monday.getByRole('cell').allInnerTexts(), ['03.02.', '3', '2', '33 %', '10', '20 %', '10 %']);
    const chats = page.getByRole('region', { name: 'Live-Chat' }).getByRole('row').filter({ hasText: '03.02.' });
    assert.deepEqual((await chats.getByRole('cell').allInnerTexts()).slice(0, 5), ['03.02.', '4', '3', '1', '2 Min.']);
    const documents = page.getByRole('region', { name: 'Dokumente' });
    await documents.getByRole('cell', { name: '2 (40 %)' }).waitFor();
    assert.equal(await page.locator('canvas[role="img"]').count(), 4, 'a chart per table group');
    await assertAccessible(page, 'statistics');
    await page.screenshot({ path: screenshotPath('console-statistics.png'), fullPage: true });

    const downloading = page.waitForEvent('download');
    await documents.getByRole('link', { name: 'Dokumente nach Art und Kanal als CSV herunterladen' }).click();
    const csv = await readFile((await (await downloading).path())!, 'utf8');
    assert.match(csv, /2025-02-03,invoice,scanzentrum,1/);
    await context.close();

    const agentContext = await live.browser.newContext({ locale: 'de-DE' });
    const agentPage = await agentContext.newPage();
    await logInToConsole(agentPage, live.server.baseUrl, agent.username);
    await agentPage.getByRole('link', { name: 'Statistik', exact: true }).click();
    await agentPage.getByLabel('von', { exact: true }).fill('2025-02-03');
    await agentPage.getByLabel('bis', { exact: true }).fill('2025-02-03');
    await agentPage.getByRole('button', { name: 'Anzeigen' }).click();
    const own = agentPage.getByRole('region', { name: 'Ihre Live-Chats' });
    await own.getByRole('row').filter({ hasText: '03.02.' }).getByRole('cell', { name: '90 s' }).waitFor();
    assert.equal(await agentPage.getByRole('region', { name: 'Dokumente' }).count(), 0, 'an agent sees no documents');
    await agentContext.close();
    assert.deepEqual(problems, []);
  });
});
