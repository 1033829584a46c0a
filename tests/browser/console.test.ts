import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditLog, submissionDocuments, submissions } from '../../platform/db/schema.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { IntakeChannels } from '../../domain/channels/channel-keys.js';
import { startWorker } from '../../server/worker.js';
import { assertAccessible, logInToConsole, screenshotPath, withServerAndBrowser } from '../helpers/browser.js';
import { letterPdf } from '../helpers/files.js';
import { randomKvnr } from '../helpers/members.js';
import { waitUntil } from '../helpers/processes.js';
import { createStaff, TEST_PASSWORD } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

// Browser globals used inside page callbacks (which run in Chromium, not in Node).
interface HTMLLikeElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: { querySelectorAll(selector: string): Iterable<{ complete: boolean; naturalWidth: number }> };
declare const window: { scrollTo(x: number, y: number): void };

/** The staff console in Chromium: a clerk works the review queue; an agent never sees it. */
describe('staff console in a real browser', function () {
  this.timeout(120_000);
  const live = withServerAndBrowser();

  /**
   * A letter from the scan centre whose KVNR belongs to someone else than the patient named in it
   * (a typing error at the practice): the pipeline cannot be sure, so a clerk decides.
   */
  async function letterAwaitingReview(lastName: string, kvnrInLetter: string): Promise<{ trackingId: string; documentId: string }> {
    const key = await new IntakeChannels(live.server.core.database.db).add(uniqueName('scan-').toLowerCase());
    const letter = await letterPdf([
      'Zahnarztpraxis Dr. Weiß, Hauptstraße 4, 12345 Musterstadt',
      'Rechnung Nr. 2026-118',
      `Patientin: Lena ${lastName}, Versichertennummer ${kvnrInLetter}`,
      'Professionelle Zahnreinigung GOZ 1040',
      'Rechnungsbetrag 92,10 EUR',
    ]);
    const form = new FormData();
    form.append('files', new Blob([letter], { type: 'application/pdf' }), 'rechnung.pdf');
    const res = await fetch(`${live.server.baseUrl}/api/intake/submissions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}` },
      body: form,
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { trackingId } = (await res.json()) as { trackingId: string };
    const workers = await startWorker(live.server.core);
    let documentId = '';
    try {
      await waitUntil(
        async () => {
          const [row] = await live.server.core.database.db
            .select({ id: submissionDocuments.id, status: submissionDocuments.status })
            .from(submissionDocuments)
            .innerJoin(submissions, eq(submissions.id, submissionDocuments.submissionId))
            .where(eq(submissions.trackingId, trackingId));
          documentId = row?.id ?? '';
          return row?.status === 'awaiting_review';
        },
        30_000,
        'the letter to reach review',
      );
    } finally {
      await workers.close();
    }
    // Received long ago: the oldest item in the queue, whatever other tests left there.
    await live.server.core.database.db
      .update(submissions)
      .set({ createdAt: new Date('2000-01-03T08:00:00Z') })
      .where(eq(submissions.trackingId, trackingId));
    return { trackingId, documentId };
  }

  it('lets a clerk open the oldest review item, correct the member and route it; every view is audited', async () => {
    const lastName = `Sommer${uniqueName('').slice(0, 4)}`;
    const right = randomKvnr();
    const wrong = randomKvnr();
    await new MembersRepository(live.server.core.database.db).upsert([
      {
        kvnr: right,
        firstName: 'Lena',
        lastName,
        birthDate: '1988-04-12',
        street: 'Weg 1',
        postalCode: '12345',
        city: 'Musterstadt',
        cardNumberLast6: '111111',
        familyOf: null,
      },
      {
        kvnr: wrong,
        firstName: 'Otto',
        lastName: 'Anders',
        birthDate: '1950-09-30',
        street: 'Weg 9',
        postalCode: '54321',
        city: 'Anderswo',
        cardNumberLast6: '999999',
        familyOf: null,
      },
    ]);
    const { trackingId, documentId } = await letterAwaitingReview(lastName, wrong);
    const clerk = await createStaff(live.server.core, 'clerk');

    const context = await live.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    // Every failed request and script error, except the session probe before login (401 by design).
    const problems: string[] = [];
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/api/auth/me') && problems.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${live.server.baseUrl}/console`);
    await assertAccessible(page, 'login page');
    await logInToConsole(page, live.server.baseUrl, clerk.username);

    // The queue: oldest first, selected, opened with Enter.
    await page.getByRole('link', { name: 'Dokumentprüfung' }).click();
    const firstRow = page.locator('table.queue tbody tr').first();
    await firstRow.getByRole('link', { name: trackingId }).waitFor();
    await assertAccessible(page, 'review queue');
    await page.screenshot({ path: screenshotPath('console-review-queue.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(trackingId) }).waitFor();
    assert.equal(new URL(page.url()).hash, `#/review/${documentId}`);

    // The page image is served and drawn; the member's name is marked in the text.
    const image = page.getByRole('img', { name: 'Seite 1 von 1' });
    await image.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0));
    // The KVNR found in the text is marked, and the suggestion names its holder, for the clerk to doubt.
    assert.ok((await page.locator('pre.ocr-text mark').allInnerTexts()).includes(wrong));
    assert.match(await page.locator('pre.ocr-text').first().innerText(), /Zahnreinigung/);
    await page.locator('.chosen', { hasText: wrong }).waitFor();
    // The letter names its patient: not the holder of the KVNR, and the clerk is told so.
    await page.locator('.reasons .warning', { hasText: /Das Dokument nennt „Lena .*“ als Person, nicht Otto Anders/ }).waitFor();
    // What the invoice states is listed beside it, and the passages it was read from are marked in the text.
    assert.match(
      await page.locator('dl.document-facts').innerText(),
      /Rechnungsnummer\s*2026-118 · Seite 1\s*Betrag\s*92,10\s€ · Seite 1\s*Leistung\s*Professionelle Zahnreinigung · Seite 1/,
    );
    assert.ok((await page.locator('pre.ocr-text mark.fact').allInnerTexts()).includes('Rechnungsbetrag 92,10'));
    await page.screenshot({ path: screenshotPath('console-review-document.png'), fullPage: true });
    await assertAccessible(page, 'review document');

    // Correct the member: search by surname and birth date, take the result, route with Ctrl+Enter.
    await page.keyboard.press('m');
    await page.getByLabel('Nachname').fill(lastName.slice(0, 5));
    await page.getByLabel('Geburtsdatum').fill('1988-04-12');
    await page.getByRole('button', { name: 'Suchen', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: right }).getByRole('button', { name: 'Übernehmen' }).click();
    await page.locator('.chosen', { hasText: right }).waitFor();
    assert.equal(await page.getByLabel('Dokumenttyp (t)').inputValue(), 'invoice');
    await page.keyboard.press('Control+Enter');
    // Said with the person the clerk chose, not the suggestion.
    await page.getByText(new RegExp(`Weitergeleitet an Leistungen für Lena ${lastName}`)).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('console-review-routed.png'), fullPage: true });

    const [routed] = await live.server.core.database.db.select().from(submissionDocuments).where(eq(submissionDocuments.id, documentId));
    assert.deepEqual([routed?.status, routed?.assignedKvnr, routed?.department], ['routed', right, 'Leistungen']);
    const actions = (await live.server.core.database.db.select().from(auditLog).where(eq(auditLog.targetId, documentId)))
      .map((a) => a.action)
      .sort();
    assert.deepEqual(actions, ['document.decide', 'document.page_view', 'document.view']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('works with the keyboard alone: log in, every control reached with a visible focus, a section opened', async () => {
    const clerk = await createStaff(live.server.core, 'clerk');
    const page = await (await live.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${live.server.baseUrl}/console`);
    await page.getByLabel('Benutzername').waitFor();
    // From the top of the page: Tab to the first field, type, Tab, type, Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.type(clerk.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();

    // Every stop of the Tab order shows where the focus is.
    const stops: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: HTMLLikeElement | null } }).document.activeElement;
        if (!el || el.tagName === 'BODY') return undefined;
        const style = (
          globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; boxShadow: string } }
        ).getComputedStyle(el);
        const shown = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        return `${el.tagName.toLowerCase()}:${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('id') || '').trim().slice(0, 30)}${shown ? '' : ' (no focus ring)'}`;
      });
      if (stop) stops.push(stop);
    }
    assert.ok(stops.length >= 5, stops.join(' | '));
    assert.deepEqual(
      stops.filter((s) => s.endsWith('(no focus ring)')),
      [],
      'every focused control shows it',
    );
    assert.ok(
      stops.some((s) => s.startsWith('a:Dokumentsuche')),
      `the sections are in the Tab order: ${stops.join(' | ')}`,
    );

    // A section opened from the keyboard, a search run with Enter.
    await page.getByRole('link', { name: 'Dokumentsuche' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dokumentsuche' }).waitFor();
    await page.getByLabel('Tracking-ID').focus();
    await page.keyboard.type('MK-0000-0000-0000');
    await page.keyboard.press('Enter');
    await page.getByText(/Keine Dokumente gefunden|keine gültige Tracking-ID/).waitFor();
    await assertAccessible(page, 'document search');
    await page.context().close();
  });

  it('shows an agent no review section, and the review API answers 403', async () => {
    const agent = await createStaff(live.server.core, 'agent');
    const context = await live.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await logInToConsole(page, live.server.baseUrl, agent.username);
    assert.equal(await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: 'Dokumentprüfung' }).count(), 0);
    await page.goto(`${live.server.baseUrl}/console#/review`);
    await page.getByRole('heading', { name: 'Live-Chat' }).waitFor();
    assert.equal(await page.locator('table.queue').count(), 0);
    const status = await page.evaluate(async () => (await fetch('/api/review/queue')).status);
    assert.equal(status, 403);
    await assertAccessible(page, 'agent view');
    await page.screenshot({ path: screenshotPath('console-agent.png'), fullPage: true });
    await context.close();
  });
});
