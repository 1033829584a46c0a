import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { livechatSessions } from '../../platform/db/schema.js';
import { HANDOFF, LIVECHAT_TEXTS } from '../../domain/member-texts.de.js';
import { assertAccessible, bubble, openChatWidget, screenshotPath, SEND_BOX, withServerAndBrowser } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';
import { createStaff, TEST_PASSWORD } from '../helpers/staff.js';
import { MembersRepository } from '../../domain/members/members.repository.js';
import { randomKvnr, testMember } from '../helpers/members.js';

/** A member in the widget and an agent in the console, in two browser contexts. */
describe('live chat between the widget and the console (two browsers)', function () {
  this.timeout(120_000);
  // Always within the service hours, so the test does not depend on when it runs.
  const live = withServerAndBrowser({ env: { LIVECHAT_HOURS: 'So-Sa 00:00-24:00', LIVECHAT_HOLIDAYS: 'none' } });

  async function agentConsole(role: 'agent' | 'admin' = 'agent'): Promise<Page> {
    const { username } = await createStaff(live.server.core, role);
    const page = await (await live.browser.newContext({ locale: 'de-DE' })).newPage();
    await page.goto(`${live.server.baseUrl}/console`);
    await page.getByLabel('Benutzername').fill(username);
    await page.getByLabel('Passwort').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Live-Chat' }).waitFor();
    await page.getByText('Verbunden.').waitFor();
    return page;
  }

  it('hands a member over to an agent and back: queue, accept, messages both ways, end, the bot answers again', async () => {
    const agent = await agentConsole();
    const shortcut = `gruss${Date.now().toString(36)}`; // unique: the database may hold the shipped answers too
    await live.server.core.livechat.canned.create(
      { shortcut, title: 'Begrüßung', text: 'Guten Tag, hier ist die Kundenberatung der Musterkasse. Wie kann ich helfen?' },
      null,
    );
    const memberPage = await (await live.browser.newContext({ locale: 'de-DE' })).newPage();
    const chat = await openChatWidget(memberPage, live.server.baseUrl);
    const type = async (text: string) => {
      await chat.locator(SEND_BOX).fill(text);
      await chat.locator(SEND_BOX).press('Enter');
    };

    await type('Ich möchte mit einem Mitarbeiter sprechen');
    await bubble(chat, /Sie sind als Nächste oder Nächster an der Reihe/).waitFor({ timeout: 15_000 });
    assert.equal(await bubble(chat, HANDOFF.busy).count(), 0);

    // The agent sees the waiting member with what was asked, and takes the chat.
    const waiting = agent.locator('.waiting li', { hasText: 'Ich möchte mit einem Mitarbeiter sprechen' });
    await waiting.waitFor({ timeout: 5_000 }); // pushed to the console at once, not found by its periodic refresh
    await assertAccessible(agent, 'live chat queue');
    await agent.screenshot({ path: screenshotPath('livechat-01-queue.png'), fullPage: true });
    await waiting.getByRole('button', { name: 'Annehmen' }).click();
    await agent.locator('.transcript .line.member', { hasText: 'Ich möchte mit einem Mitarbeiter sprechen' }).waitFor();
    await bubble(chat, /ist jetzt für Sie da/).waitFor({ timeout: 15_000 });

    // A prepared answer: "#" and the shortcut, Tab inserts it, Enter sends it.
    const message = agent.getByLabel('Nachricht');
    // "#" alone lists every prepared answer above the box, in view, not below the fold.
    await message.fill('#');
    const list = agent.getByRole('list', { name: /Passende Textvorlagen/ });
    await list.waitFor();
    const box = (await list.boundingBox())!;
    const height = agent.viewportSize()!.height;
    assert.ok(box.y >= 0 && box.y + box.height <= height, `the list is in view (${box.y}–${box.y + box.height} of ${height})`);
    const input = (await message.boundingBox())!;
    assert.ok(box.y + box.height <= input.y + 1, 'the list opens above the message box');
    await message.fill('');
    await message.pressSequentially(`#${shortcut.slice(0, -2)}`, { delay: 20 });
    await agent.getByRole('list', { name: 'Passende Textvorlagen' }).getByText(`#${shortcut}`).waitFor();
    await message.press('Tab');
    assert.equal(await message.inputValue(), 'Guten Tag, hier ist die Kundenberatung der Musterkasse. Wie kann ich helfen?');
    // The agent's typing shows in the member's chat window.
    await chat.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
    await message.press('Enter');
    await bubble(chat, 'Guten Tag, hier ist die Kundenberatung der Musterkasse. Wie kann ich helfen?').waitFor({ timeout: 15_000 });
    // A person appears as a person: their name first (also for a screen reader) and an avatar of their own.
    const agentRow = chat.locator('.webchat__stacked-layout__message-row', { hasText: 'hier ist die Kundenberatung' });
    const spoken = (await agentRow.textContent()) ?? '';
    assert.match(spoken, /^\s*agent-[\w-]+ · Musterkasse/, spoken);
    assert.doesNotMatch(spoken, /Bot MK/);
    await chat.locator('.mk-agent-avatar', { hasText: 'A' }).first().waitFor();
    const botRow = chat.locator('.webchat__stacked-layout__message-row', { hasText: 'Ich verbinde Sie' }).first();
    assert.match((await botRow.textContent()) ?? '', /^\s*Chatbot:/);
    // The member's window showed it: the console marks it as read.
    await agent
      .locator('.transcript .line.agent', { hasText: 'Wie kann ich helfen?' })
      .getByText(/gelesen/)
      .waitFor({ timeout: 10_000 });

    // The member's typing shows in the console.
    await chat.locator(SEND_BOX).pressSequentially('Mein Kranken', { delay: 30 });
    await agent.getByText('Das Mitglied schreibt …').waitFor({ timeout: 10_000 });
    await chat.locator(SEND_BOX).fill('');
    await type('Mein Krankengeld ist noch nicht da.');
    await agent.locator('.transcript .line.member', { hasText: 'Mein Krankengeld ist noch nicht da.' }).waitFor({ timeout: 15_000 });

    // A private note stays in the console.
    await agent.getByLabel('Neue Notiz').fill('Krankengeld seit drei Wochen offen.');
    await agent.getByRole('button', { name: 'Notiz speichern' }).click();
    await agent.locator('.notes', { hasText: 'Krankengeld seit drei Wochen offen.' }).waitFor();

    // The member asks to be called back: the agent notes it from the chat, with the consent.
    await agent.locator('summary', { hasText: 'Rückruf vereinbaren' }).click();
    await agent.getByLabel('Name', { exact: true }).fill('Erika Muster');
    await agent.getByLabel('Telefon').fill('0171 2345678');
    await agent.getByRole('button', { name: 'Rückruf anlegen' }).click();
    await agent.getByRole('alert').filter({ hasText: 'zugestimmt' }).waitFor();
    await agent.getByLabel(/ist einverstanden/).check();
    await agent.getByRole('button', { name: 'Rückruf anlegen' }).click();
    await agent
      .getByRole('status')
      .filter({ hasText: /Rückruf RR-.* ist angelegt/ })
      .waitFor();
    await memberPage.screenshot({ path: screenshotPath('livechat-02-member.png') });
    await agent.screenshot({ path: screenshotPath('livechat-03-agent.png'), fullPage: true });
    await assertAccessible(agent, 'live chat conversation');
    assert.equal(await bubble(chat, 'Krankengeld seit drei Wochen offen.').count(), 0, 'the member never sees a note');

    // Ending asks the member how it went; the answer is stored with the chat.
    await agent.getByRole('button', { name: 'Chat beenden' }).click();
    await agent.getByRole('button', { name: 'Ja, beenden' }).click();
    await bubble(chat, LIVECHAT_TEXTS.ended).waitFor({ timeout: 15_000 });
    await bubble(chat, LIVECHAT_TEXTS.ratingQuestion).waitFor({ timeout: 15_000 });
    await chat.getByRole('toolbar').getByRole('button', { name: 'Sehr zufrieden' }).click();
    await bubble(chat, LIVECHAT_TEXTS.ratingThanks).waitFor({ timeout: 15_000 });
    const conversations = await live.server.core.database.db
      .select()
      .from(livechatSessions)
      .where(eq(livechatSessions.topic, 'Ich möchte mit einem Mitarbeiter sprechen'));
    assert.deepEqual(
      conversations.map((c) => c.rating),
      [5],
    );

    await type('Wie lange muss ich Originale aufbewahren?');
    await bubble(chat, /zwei Monate/).waitFor({ timeout: 15_000 });
    await memberPage.screenshot({ path: screenshotPath('livechat-04-bot-again.png') });
  });

  it('shows agents the callback list to plan, and admins the prepared answers to edit (accessible)', async () => {
    await live.server.core.serviceRequests.addCallback({
      topic: 'Beitragsrückstand',
      name: 'Erika Beispiel',
      phone: '+4930987654',
      preferredDate: '2026-12-02',
      timeWindow: '08-10',
      consentAt: new Date(),
      conversationId: null,
    });
    const admin = await agentConsole('admin');
    await admin.getByRole('link', { name: 'Rückrufe' }).click();
    const card = admin.locator('.callbacks li', { hasText: 'Erika Beispiel' });
    await card.waitFor();
    await assertAccessible(admin, 'callback list');
    await card.getByLabel('Stand').selectOption('scheduled');
    await card.getByLabel('Geplant für').fill('2026-12-02T09:00');
    await card.getByLabel('Notizen').fill('Vor 10 Uhr anrufen.');
    await card.getByRole('button', { name: 'Speichern' }).click();
    await admin.getByRole('tab', { name: 'Geplant' }).click();
    await admin.locator('.callbacks li', { hasText: 'Erika Beispiel' }).waitFor();
    await admin.screenshot({ path: screenshotPath('livechat-05-callbacks.png'), fullPage: true });

    // A member looked up by name, spelt without the umlaut, with what is open for them.
    const kvnr = randomKvnr();
    const surname = `Krüger${Date.now().toString(36)}`;
    await new MembersRepository(live.server.core.database.db).upsert([testMember({ kvnr, firstName: 'Lena', lastName: surname })]);
    const certificate = await live.server.core.serviceRequests.addCertificate({ kvnr, forOther: false, conversationId: null });
    await admin.getByRole('link', { name: 'Versicherte' }).click();
    await admin.getByLabel('Name oder Krankenversichertennummer').fill(`lena ${surname.replace('ü', 'ue')}`);
    await admin.getByRole('button', { name: 'Suchen' }).click();
    const person = admin.getByRole('region', { name: `Lena ${surname}` });
    await person.getByText(certificate.reference).waitFor();
    await assertAccessible(admin, 'member lookup');

    await admin.screenshot({ path: screenshotPath('console-members.png'), fullPage: true });

    await admin.getByRole('link', { name: 'Textvorlagen' }).click();
    await admin.getByRole('button', { name: 'Startvorlagen übernehmen' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: /\d+ Textvorlagen übernommen, \d+ vorhandene behalten/ })
      .waitFor();
    const shortcut = `danke${Date.now().toString(36)}`;
    await admin.getByLabel('Kürzel').fill(shortcut);
    await admin.getByLabel('Titel', { exact: true }).fill('Dank zum Schluss');
    await admin.getByLabel('Text', { exact: true }).fill('Vielen Dank für Ihre Geduld!');
    await admin.getByRole('button', { name: 'Speichern' }).click();
    await admin.locator('.canned-list li', { hasText: `#${shortcut}` }).waitFor();
    await assertAccessible(admin, 'prepared answers');
    await admin.screenshot({ path: screenshotPath('livechat-06-canned.png'), fullPage: true });
  });

  it('reconnects the console by itself after a server restart, re-reads its chat, and offers to resend a message typed meanwhile', async () => {
    const agent = await agentConsole();
    const memberPage = await (await live.browser.newContext({ locale: 'de-DE' })).newPage();
    const chat = await openChatWidget(memberPage, live.server.baseUrl);
    const topic = 'Bitte verbinden Sie mich mit einem Mitarbeiter, es geht um meinen Antrag';
    await chat.locator(SEND_BOX).fill(topic);
    await chat.locator(SEND_BOX).press('Enter');
    const waiting = agent.locator('.waiting li', { hasText: topic });
    await waiting.waitFor({ timeout: 15_000 });
    await waiting.getByRole('button', { name: 'Annehmen' }).click();
    await agent.locator('.transcript .line.member', { hasText: topic }).waitFor();

    // The server goes away (a deploy): the console says so and takes no status change.
    const { port } = live.server;
    await live.server.stop();
    await agent.getByText(/Nicht verbunden/).waitFor({ timeout: 10_000 });
    assert.equal(await agent.getByLabel('Status').isDisabled(), true);
    const message = agent.getByLabel('Nachricht');
    await message.fill('Ich sehe mir Ihren Antrag gleich an.');
    await message.press('Enter');
    await agent.getByRole('alert').filter({ hasText: 'Nicht gesendet' }).first().waitFor();
    assert.equal(await message.inputValue(), 'Ich sehe mir Ihren Antrag gleich an.', 'the text stays in the box');
    await agent.screenshot({ path: screenshotPath('livechat-07-disconnected.png'), fullPage: true });

    // Back on the same port: the console reconnects without a reload and still has its chat.
    live.server = await startTestServer({ port, env: { LIVECHAT_HOURS: 'So-Sa 00:00-24:00', LIVECHAT_HOLIDAYS: 'none' } });
    await agent.getByText('Verbunden.').waitFor({ timeout: 20_000 });
    await agent.locator('.transcript .line.member', { hasText: topic }).waitFor();
    await agent.getByRole('button', { name: 'Erneut senden' }).click();
    await agent.locator('.transcript .line.agent', { hasText: 'Ich sehe mir Ihren Antrag gleich an.' }).waitFor({ timeout: 10_000 });
    assert.equal(await message.inputValue(), '');
    assert.equal(await agent.getByRole('button', { name: 'Erneut senden' }).count(), 0);
  });
});
