import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import { documentDeliveries, submissionDocuments } from '../../platform/db/schema.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { assertAccessible, logInToConsole, screenshotPath, withServerAndBrowser } from '../helpers/browser.js';
import { EICAR, makePdf } from '../helpers/files.js';
import { routedDocument, storeSubmission } from '../helpers/intake.js';
import { randomKvnr, testMember } from '../helpers/members.js';
import { createStaff } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

/** A clerk in Chromium finds documents by name, sees a duplicate, and re-routes one before it is delivered. */
describe('clerk search and re-route in a real browser', function () {
  this.timeout(120_000);
  const targets = mkdtempSync(path.join(tmpdir(), 'mk-browser-targets-'));
  writeFileSync(path.join(targets, 'targets.yaml'), stringify({ targets: [{ name: 'archiv', kind: 'pull', documentTypes: ['invoice'] }] }));
  const live = withServerAndBrowser({
    env: { DELIVERY_TARGETS_FILE: path.join(targets, 'targets.yaml'), REDIS_PREFIX: uniqueName('mkbsearch') },
  });
  after(() => rmSync(targets, { recursive: true, force: true }));

  it('finds Krüger as Krueger, flags the second copy, re-routes it, and keeps a delivered one read-only', async () => {
    const core = live.server.core;
    const surname = `Krüger${uniqueName('').slice(0, 5)}`;
    const [krueger, other] = [randomKvnr(), randomKvnr()];
    await new MembersRepository(core.database.db).upsert([
      testMember({ kvnr: krueger, firstName: 'Jürgen', lastName: surname }),
      testMember({ kvnr: other, firstName: 'Otto', lastName: uniqueName('Anders') }),
    ]);
    const bytes = makePdf('Rechnung 2026-0815 Professionelle Zahnreinigung 120,00 EUR');
    const original = await routedDocument(core, krueger, 'invoice', bytes);
    const copy = await routedDocument(core, krueger, 'invoice', bytes);
    const delivered = await routedDocument(core, other, 'invoice', makePdf('Rechnung 2026-0999 Osteopathie 80,00 EUR'));
    await core.delivery.deliveries.markFetched((await core.delivery.deliveries.forDocument(delivered.id)).map((d) => d.id));
    const clerk = await createStaff(core, 'clerk');

    const context = await live.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/api/auth/me') && problems.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (err) => problems.push(err.message));
    await logInToConsole(page, live.server.baseUrl, clerk.username);

    // Search by the name as typed without umlauts.
    await page.getByRole('link', { name: 'Dokumentsuche' }).click();
    await page.getByLabel('Name').fill(surname.replace('ü', 'ue'));
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByText('2 Dokumente gefunden').waitFor();
    const rows = page.locator('table.queue tbody tr');
    assert.equal(await rows.count(), 2);
    const newest = rows.first();
    assert.match(await newest.innerText(), new RegExp(`${copy.trackingId}[\\s\\S]*Jürgen ${surname}[\\s\\S]*archiv: ausstehend`));
    await newest.getByText(`Mögliches Duplikat von ${original.trackingId}`).waitFor();
    await assertAccessible(page, 'document search');
    await page.screenshot({ path: screenshotPath('console-document-search.png'), fullPage: true });

    // Open the copy: the flag links the original; correct type and member before delivery.
    await newest.getByRole('link', { name: new RegExp(copy.trackingId) }).click();
    await page.getByRole('heading', { name: 'Umleiten' }).waitFor();
    await page.locator('.facts').getByText(`Mögliches Duplikat von ${original.trackingId}`).waitFor();
    assert.match(await page.locator('.facts').innerText(), /Übermittlung an das Kernsystem\s*archiv: ausstehend/);
    await assertAccessible(page, 'routed document before delivery');
    await page.getByLabel('Dokumenttyp (t)').selectOption('sick_note');
    await page.keyboard.press('m');
    await page.getByLabel('KVNR').fill(other);
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: other }).getByRole('button', { name: 'Übernehmen' }).click();
    await page.locator('.chosen', { hasText: other }).waitFor();
    await page.getByRole('button', { name: 'Umleiten (Strg+Enter)' }).click();
    await page.getByText(/Umgeleitet an Arbeitsunfähigkeit für /).waitFor();
    await page.screenshot({ path: screenshotPath('console-rerouted.png'), fullPage: true });
    const [row] = await core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, copy.id));
    assert.deepEqual([row?.documentType, row?.assignedKvnr, row?.department], ['sick_note', other, 'Arbeitsunfähigkeit']);

    // A document a target has started to take: read-only.
    await page.goto(`${live.server.baseUrl}/console#/review/${delivered.id}`);
    await page.getByText('Die Übermittlung hat begonnen: das Dokument ist nur noch lesbar.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Umleiten/ }).count(), 0);
    await assertAccessible(page, 'delivered document');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

/** An admin in Chromium keeps the service running: sends a failed delivery again, rescans the quarantine, erases a member. */
describe('operations section in a real browser', function () {
  this.timeout(120_000);
  const live = withServerAndBrowser({ env: { REDIS_PREFIX: uniqueName('mkbops') } });

  it('shows failed deliveries, quarantine and erasure to an admin, each action with its answer', async () => {
    const core = live.server.core;
    const kvnr = randomKvnr();
    await new MembersRepository(core.database.db).upsert([testMember({ kvnr, lastName: uniqueName('Loesch') })]);
    const failed = await routedDocument(core, kvnr, 'invoice', makePdf('Rechnung 1'));
    await core.database.db.insert(documentDeliveries).values({
      id: randomUUID(),
      documentId: failed.id,
      target: 'kernsystem',
      kind: 'webhook',
      status: 'failed',
      attempts: 10,
      lastError: 'Empfänger antwortete 503',
    });
    const infected = await storeSubmission(
      core,
      { source: 'channel:scan', conversationId: null },
      {
        bytes: Buffer.from(EICAR),
        mediaType: 'application/pdf',
        name: 'virus.pdf',
      },
    );
    await core.storage.quarantine(infected.fileIds[0]!);
    await core.database.db
      .update(submissionDocuments)
      .set({ status: 'quarantined', scanFindings: ['Eicar-Signature'] })
      .where(eq(submissionDocuments.id, infected.documentIds[0]!));
    const admin = await createStaff(core, 'admin');

    const context = await live.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await logInToConsole(page, live.server.baseUrl, admin.username);
    await page.getByRole('link', { name: 'Betrieb', exact: true }).click();
    const failedItem = page.getByRole('listitem').filter({ hasText: failed.trackingId });
    await failedItem.getByText('Empfänger antwortete 503').waitFor();
    const quarantineRow = page.getByRole('row').filter({ hasText: infected.trackingId });
    await quarantineRow.getByText('Eicar-Signature').waitFor();
    await assertAccessible(page, 'operations');
    await page.screenshot({ path: screenshotPath('console-operations.png'), fullPage: true });

    await page.getByRole('button', { name: 'Neu trainieren' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Neu trainiert mit \d+ mitgelieferten Beispielen/ })
      .waitFor({ timeout: 60_000 });
    await failedItem.getByRole('button', { name: 'Erneut senden' }).click();
    await page.getByText(`${failed.trackingId} wird erneut an kernsystem übermittelt.`).waitFor();
    await quarantineRow.getByRole('button', { name: 'Erneut prüfen und freigeben' }).click();
    await page.getByRole('alert').filter({ hasText: 'weiter Schadsoftware' }).waitFor();

    await page.getByLabel('Krankenversichertennummer').fill(kvnr);
    await page.getByLabel('Zur Bestätigung noch einmal').fill(kvnr.toLowerCase());
    await page.getByRole('button', { name: 'Endgültig löschen' }).click();
    await page.getByText('Stammdatensatz: 1').waitFor();
    await page.getByText('Dokumente: 1').waitFor();
    assert.equal(await new MembersRepository(core.database.db).find(kvnr), undefined);
    await assertAccessible(page, 'operations after erasure');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
