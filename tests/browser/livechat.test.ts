import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { HANDOFF } from '../../bot/service-texts.de.js';
import { LIVECHAT_TEXTS } from '../../livechat-console/socket/live-chat.socket.js';
import { assertAccessible, bubble, openChatWidget, screenshotPath, SEND_BOX, withServerAndBrowser } from '../helpers/browser.js';
import { createStaff, TEST_PASSWORD } from '../helpers/staff.js';

/** A member in the widget and an agent in the console, in two browser contexts. */
describe('live chat between the widget and the console (two browsers)', function () {
  this.timeout(120_000);
  // Always within the service hours, so the test does not depend on when it runs.
  const live = withServerAndBrowser({ env: { LIVECHAT_HOURS: 'So-Sa 00:00-24:00', LIVECHAT_HOLIDAYS: 'none' } });

  async function agentConsole(): Promise<Page> {
    const { username } = await createStaff(live.server.core, 'agent');
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
    const memberPage = await (await live.browser.newContext({ locale: 'de-DE' })).newPage();
    const chat = await openChatWidget(memberPage, live.server.baseUrl);
    const type = async (text: string) => {
      await chat.locator(SEND_BOX).fill(text);
      await chat.locator(SEND_BOX).press('Enter');
    };

    await type('Ich möchte mit einem Mitarbeiter sprechen');
    await bubble(chat, /an 1\. Stelle der Warteschlange/).waitFor({ timeout: 15_000 });
    assert.equal(await bubble(chat, HANDOFF.busy).count(), 0);

    // The agent sees the waiting member with what was asked, and takes the chat.
    const waiting = agent.locator('.waiting li', { hasText: 'Ich möchte mit einem Mitarbeiter sprechen' });
    await waiting.waitFor({ timeout: 5_000 }); // pushed to the console at once, not found by its periodic refresh
    await assertAccessible(agent, 'live chat queue');
    await agent.screenshot({ path: screenshotPath('livechat-01-queue.png'), fullPage: true });
    await waiting.getByRole('button', { name: 'Annehmen' }).click();
    await agent.locator('.transcript .line.member', { hasText: 'Ich möchte mit einem Mitarbeiter sprechen' }).waitFor();
    await bubble(chat, /ist jetzt für Sie da/).waitFor({ timeout: 15_000 });

    await agent.getByLabel('Nachricht').fill('Guten Tag, wie kann ich helfen?');
    await agent.getByLabel('Nachricht').press('Enter');
    await bubble(chat, 'Guten Tag, wie kann ich helfen?').waitFor({ timeout: 15_000 });
    // The member's typing shows in the console (the agent's reaches the member's stream: socket test).
    await chat.locator(SEND_BOX).pressSequentially('Mein Kranken', { delay: 30 });
    await agent.getByText('Das Mitglied schreibt …').waitFor({ timeout: 10_000 });
    await chat.locator(SEND_BOX).fill('');
    await type('Mein Krankengeld ist noch nicht da.');
    await agent.locator('.transcript .line.member', { hasText: 'Mein Krankengeld ist noch nicht da.' }).waitFor({ timeout: 15_000 });
    await memberPage.screenshot({ path: screenshotPath('livechat-02-member.png') });
    await agent.screenshot({ path: screenshotPath('livechat-03-agent.png'), fullPage: true });
    await assertAccessible(agent, 'live chat conversation');

    await agent.getByRole('button', { name: 'Chat beenden' }).click();
    await bubble(chat, LIVECHAT_TEXTS.ended).waitFor({ timeout: 15_000 });
    await type('Wie lange muss ich Originale aufbewahren?');
    await bubble(chat, /zwei Monate/).waitFor({ timeout: 15_000 });
    await memberPage.screenshot({ path: screenshotPath('livechat-04-bot-again.png') });
  });
});
