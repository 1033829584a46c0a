import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import sharp from 'sharp';
import { CALLBACK, SUBMIT } from '../../domain/member-texts.de.js';
import {
  answerInvoiceQuestions,
  assertAccessible,
  bubble,
  openChatWidgetByKeyboard,
  screenshotPath,
  SEND_BOX,
  withServerAndBrowser,
} from '../helpers/browser.js';
import { createStaff, TEST_PASSWORD } from '../helpers/staff.js';

/** Suggestions whose text does not fit their button (cut off mid-word). */
async function clippedSuggestions(chat: FrameLocator): Promise<string[]> {
  return chat
    .locator('.webchat__suggested-action__text')
    .evaluateAll((texts: Array<{ scrollWidth: number; clientWidth: number; textContent: string | null }>) =>
      texts.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent ?? ''),
    );
}

/**
 * A new member on a 390 × 844 phone, end to end (issue 21): a question, a file the chat cannot
 * take, a photographed invoice, a callback and a person in the chat. Screenshots of each step;
 * at each, no suggestion is cut off; the person from the service team is not the bot.
 */
describe('a member walks the chat on a phone', function () {
  this.timeout(180_000);
  // Always within the service hours, so the test does not depend on when it runs.
  const live = withServerAndBrowser({ env: { LIVECHAT_HOURS: 'So-Sa 00:00-24:00', LIVECHAT_HOLIDAYS: 'none' } });

  it('asks, is refused a file with the reason, sends a photo, books a callback and talks to a person', async () => {
    const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'de-DE', hasTouch: true });
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    const chat = await openChatWidgetByKeyboard(page, live.server.baseUrl);
    const type = async (text: string) => {
      await chat.locator(SEND_BOX).fill(text);
      await chat.locator(SEND_BOX).press('Enter');
    };
    const tap = (label: string | RegExp) =>
      chat.getByRole('toolbar').getByRole('button', { name: label }).first().click({ timeout: 15_000 });
    const step = async (name: string, screen: Page = page) => {
      assert.deepEqual(await clippedSuggestions(chat), [], `${name}: no suggestion cut off`);
      await screen.screenshot({ path: screenshotPath(`member-walk-${name}.png`) });
    };

    // 1. A question, in the member's words.
    await type('Wie lange gilt die digitale Gesundheitskarte?');
    await bubble(chat, /14 Tage ab dem Tag der Anforderung/).waitFor({ timeout: 15_000 });
    await step('1-question');
    await assertAccessible(page, 'widget on a phone');

    // 2. A file the chat cannot take: the reason and what it takes, in the chat.
    await chat.locator('input[type="file"]').setInputFiles({
      name: 'brief.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('PK\u0003\u0004 a word file'),
    });
    await bubble(chat, /„brief\.docx“ ist keine PDF-, JPEG- oder PNG-Datei/).waitFor({ timeout: 10_000 });
    await step('2-refused-file');

    // 3. A photographed invoice, larger than a page may be: taken and made smaller, then the questions.
    const photo = await sharp({
      create: { width: 1800, height: 2400, channels: 3, background: '#ffffff', noise: { type: 'gaussian', mean: 150, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    await chat.locator('input[type="file"]').setInputFiles({ name: 'rechnung.jpg', mimeType: 'image/jpeg', buffer: photo });
    await bubble(chat, /„rechnung\.jpg“ erhalten \(1 Seite.*verkleinert/).waitFor({ timeout: 30_000 });
    await bubble(chat, SUBMIT.chooseType).waitFor({ timeout: 10_000 });
    await step('3a-document-types');
    await answerInvoiceQuestions(chat, '03.11.2026');
    await bubble(chat, /Ihr Dokument ist schon da \(1 Seite\)/).waitFor({ timeout: 10_000 });
    await tap(SUBMIT.filesDone);
    await tap(SUBMIT.noNote);
    await bubble(chat, /Stimmt alles/).waitFor({ timeout: 10_000 });
    await step('3b-summary');
    await tap(SUBMIT.send);
    const receipt = bubble(chat, /Ihre Tracking-ID lautet/);
    await receipt.waitFor({ timeout: 15_000 });
    assert.match(await receipt.innerText(), /MK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await step('3c-tracking-id');

    // 4. A callback: topic, name, number, the first day and window offered, consent.
    await type('Ich hätte gern einen Rückruf');
    await bubble(chat, CALLBACK.topic).waitFor({ timeout: 10_000 });
    await tap('Krankengeld');
    await bubble(chat, CALLBACK.name).waitFor({ timeout: 10_000 });
    await type('Anna Beispiel');
    await bubble(chat, /Unter welcher Telefonnummer/).waitFor({ timeout: 10_000 });
    await type('030 1234567');
    await bubble(chat, CALLBACK.day).waitFor({ timeout: 10_000 });
    await step('4a-callback-days');
    await chat.getByRole('toolbar').getByRole('button').first().click();
    await bubble(chat, /Zu welcher Zeit am/).waitFor({ timeout: 10_000 });
    await chat.getByRole('toolbar').getByRole('button').first().click();
    await tap(CALLBACK.consentYes);
    await bubble(chat, /Ihr Rückruf ist eingetragen/).waitFor({ timeout: 10_000 });
    await step('4b-callback-booked');

    // 5. A person: an agent in the console takes the chat and answers as themselves.
    const { username } = await createStaff(live.server.core, 'agent');
    const agent = await (await live.browser.newContext({ locale: 'de-DE' })).newPage();
    await agent.goto(`${live.server.baseUrl}/console`);
    await agent.getByLabel('Benutzername').fill(username);
    await agent.getByLabel('Passwort').fill(TEST_PASSWORD);
    await agent.getByRole('button', { name: 'Anmelden' }).click();
    await agent.getByText('Verbunden.').waitFor();
    await type('Ich möchte mit einer Person sprechen');
    await bubble(chat, /an der Reihe|Stelle der Warteschlange/).waitFor({ timeout: 15_000 });
    await agent.locator('.waiting li').first().getByRole('button', { name: 'Annehmen' }).click();
    // The agent sees who it is: the name given for the callback, marked as not checked.
    await agent.getByRole('heading', { name: /Gespräch mit Anna Beispiel/ }).waitFor({ timeout: 10_000 });
    await agent.getByText('Anna Beispiel (wie angegeben, nicht geprüft)').waitFor();
    // Agents may not open documents, but they see where the member's submission stands.
    await agent.getByText(/Rechnung zur Erstattung · MK-[0-9A-Z-]+ · (eingegangen|wird geprüft|bearbeitet|Klärung nötig)/).waitFor();
    await agent.getByLabel('Nachricht').fill('Guten Tag Frau Beispiel, ich sehe mir Ihre Rechnung gleich an.');
    await agent.getByLabel('Nachricht').press('Enter');
    await bubble(chat, 'ich sehe mir Ihre Rechnung gleich an').waitFor({ timeout: 15_000 });
    const agentRow = chat.locator('.webchat__stacked-layout__message-row', { hasText: 'ich sehe mir Ihre Rechnung' });
    assert.match((await agentRow.textContent()) ?? '', new RegExp(`^\\s*${username} · Musterkasse`), 'the person is named first');
    const botRow = chat.locator('.webchat__stacked-layout__message-row', { hasText: 'Ihr Rückruf ist eingetragen' });
    assert.match((await botRow.textContent()) ?? '', /^\s*Chatbot:/, 'the bot is the bot');
    await chat.locator('.mk-agent-avatar').first().waitFor();
    await step('5-person');
    await agent.screenshot({ path: screenshotPath('member-walk-5-agent-console.png'), fullPage: true });
    await assertAccessible(agent, 'agent console with a chat');
    assert.deepEqual(problems, []);
    await agent.context().close();
    await page.close();
  });
});
