import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../platform/paths.js';
import { EVALUATION_SETS } from '../../knowledge/evaluation.js';
import {
  assertAccessible,
  bubble,
  logInToConsole,
  openChatWidget,
  screenshotPath,
  SEND_BOX,
  withServerAndBrowser,
} from '../helpers/browser.js';
import { createStaff } from '../helpers/staff.js';
import { uniqueName } from '../helpers/system.js';

const QUESTION = 'Wann seid ihr telefonisch erreichbar?';
const NEW_HOURS = 'Montag bis Freitag von 7 bis 19 Uhr';

/** An editor changes an answer in the console and a member gets it in the chat; a bad edit is refused and changes nothing. */
describe('knowledge care in a real browser', function () {
  this.timeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'mk-browser-knowledge-'));
  cpSync(path.join(projectRoot, 'knowledge'), dir, { recursive: true });
  // The team's set alone keeps each measurement short; the development sets behave the same.
  for (const file of EVALUATION_SETS.development) rmSync(path.join(dir, 'eval', file));
  const live = withServerAndBrowser({ env: { KNOWLEDGE_DIR: dir, REDIS_PREFIX: uniqueName('mkbknow') } });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('saves an edited answer that the chat gives at once, and refuses an invalid one with its field', async () => {
    const editor = await createStaff(live.server.core, 'editor');
    const context = await live.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await logInToConsole(page, live.server.baseUrl, editor.username);
    await page.getByRole('heading', { name: 'Wissen', level: 1 }).waitFor();
    assert.deepEqual(
      await page.getByRole('navigation').getByRole('link').allInnerTexts(),
      ['Wissen'],
      'an editor sees knowledge care only',
    );

    const row = page.getByRole('row').filter({ hasText: 'contact_hours' });
    await row.getByRole('button', { name: /bearbeiten/ }).click();
    const answer = page.getByLabel('Antwort (Markdown)');
    await answer.fill(`Sie erreichen uns **${NEW_HOURS}** unter 0800 000 0000 (kostenfrei).`);
    await page.locator('.answer-preview strong', { hasText: NEW_HOURS }).waitFor();
    await page.getByRole('button', { name: 'Wirkung prüfen' }).click();
    await page.getByRole('heading', { name: /Wirkung auf die Auswertungsfragen/ }).waitFor({ timeout: 60_000 });
    await assertAccessible(page, 'knowledge editor');
    await page.screenshot({ path: screenshotPath('console-knowledge-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor({ timeout: 60_000 });

    const member = await context.newPage();
    const chat = await openChatWidget(member, live.server.baseUrl);
    await chat.locator(SEND_BOX).fill(QUESTION);
    await chat.locator(SEND_BOX).press('Enter');
    await bubble(chat, NEW_HOURS).waitFor({ timeout: 15_000 });

    await answer.fill('kurz');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#entry-answer-problem', { hasText: 'Antwort: mindestens 10 Zeichen' }).waitFor();
    assert.equal(await answer.getAttribute('aria-invalid'), 'true');
    await chat.locator(SEND_BOX).fill(QUESTION);
    await chat.locator(SEND_BOX).press('Enter');
    await assert.doesNotReject(() => bubble(chat, NEW_HOURS).nth(1).waitFor({ timeout: 15_000 }), 'the saved version stays in use');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('turns an unanswered question into a phrasing, and another into a new entry, from the grouped list', async () => {
    const core = live.server.core;
    const tooth = 'wann kommt das geld für die zahnreinigung zurück';
    const gym = 'zahlt ihr mir das fitnessstudio';
    await core.faqFeedback.recordUnanswered(tooth, 'fallback', [{ id: 'professional_tooth_cleaning', score: 0.3 }]);
    await core.faqFeedback.recordUnanswered(gym, 'fallback', []);
    const admin = await createStaff(core, 'admin');
    const context = await live.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logInToConsole(page, live.server.baseUrl, admin.username);
    await page.getByRole('link', { name: 'Wissen', exact: true }).click();

    const toothGroup = page.locator('.groups .group', { hasText: tooth });
    await toothGroup.getByRole('button', { name: /Als Formulierung zu/ }).click();
    await page.getByRole('status').filter({ hasText: 'ist jetzt eine Formulierung' }).waitFor({ timeout: 60_000 });
    assert.ok(core.knowledge.entry('professional_tooth_cleaning')!.phrasings.includes(tooth));
    await toothGroup.waitFor({ state: 'detached' });

    await page.locator('.groups .group', { hasText: gym }).getByRole('button', { name: 'Neuen Eintrag anlegen' }).click();
    await page.getByLabel('Kennung', { exact: true }).fill('gym_membership');
    await page.getByLabel('Frage', { exact: true }).fill('Zahlt die Musterkasse das Fitnessstudio?');
    await page
      .getByLabel('Antwort (Markdown)')
      .fill('Einen Beitrag im Fitnessstudio zahlen wir nicht; im **Bonusprogramm** sammeln Sie Punkte für Sport.');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor({ timeout: 60_000 });
    assert.equal(core.knowledge.ask(gym).entries[0]?.id, 'gym_membership');
    await page.locator('.groups .group', { hasText: gym }).waitFor({ state: 'detached' });
    await assertAccessible(page, 'knowledge care lists');
    await page.screenshot({ path: screenshotPath('console-knowledge-unanswered.png'), fullPage: true });
    await context.close();
  });

  it('lists answers due for review, fills in dated figures in the preview, and records a review', async () => {
    const file = path.join(dir, 'entries', 'child_sick_pay.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/reviewedAt: "[\d-]+"/, 'reviewedAt: "2025-03-01"'));
    assert.ok(await live.server.core.knowledge.reload());
    const editor = await createStaff(live.server.core, 'editor');
    const context = await live.browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logInToConsole(page, live.server.baseUrl, editor.username);
    const due = page.getByRole('region', { name: 'Zu prüfen' });
    const item = due.getByRole('listitem').filter({ hasText: 'Kinderkrankengeld' }).first();
    await item.getByText(/vor mehr als 365 Tagen/).waitFor();

    // The answer is written with placeholders; the preview shows today's figures.
    await item.getByRole('button', { name: 'Antwort bearbeiten' }).click();
    assert.match(await page.getByLabel('Antwort (Markdown)').inputValue(), /\{\{kinderkrankengeld_tage\}\}/);
    await page.locator('.answer-preview strong', { hasText: '15 Arbeitstage' }).waitFor();
    await page.getByRole('button', { name: 'Schließen' }).click();

    await item.getByRole('button', { name: 'Als geprüft eintragen …' }).click();
    await page.getByLabel(/Quellen/).fill('§ 45 SGB V\nGesetz zur Verlängerung der Kinderkrankentage 2026');
    await page.getByLabel('Regeln gültig ab').fill('2026-01-01');
    await page.getByRole('button', { name: /Geprüft: Antwort stimmt/ }).click();
    await due.getByRole('status').filter({ hasText: 'als geprüft eingetragen' }).waitFor();
    assert.equal(await due.getByRole('listitem').filter({ hasText: 'Kinderkrankengeld' }).count(), 0);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`reviewer: "?${editor.username}`));

    await page.getByText(/Zahlen anzeigen/).click();
    await page.getByRole('row').filter({ hasText: 'Beitragsbemessungsgrenze' }).getByText('5.812,50 Euro').waitFor();
    await assertAccessible(page, 'knowledge review');
    await page.screenshot({ path: screenshotPath('console-knowledge-review.png'), fullPage: true });
    await context.close();
  });
});
