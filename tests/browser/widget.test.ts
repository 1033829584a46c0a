import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { SUBMIT } from '../../domain/member-texts.de.js';
import { storedFiles } from '../../platform/db/schema.js';
import { SubmissionsRepository } from '../../domain/submissions/submissions.repository.js';
import { BOT_HOP_KEY_HEADER, deriveKey } from '../../platform/secrets.js';
import {
  answerInvoiceQuestions,
  bubble,
  openChatWidgetByKeyboard,
  describeViolations,
  openChatWidget,
  screenshotPath,
  SEND_BOX,
  seriousViolations,
  withServerAndBrowser,
} from '../helpers/browser.js';
import { makePdf } from '../helpers/files.js';
import { TEST_DIRECTLINE_SECRET } from '../helpers/server.js';

// Browser globals used inside page.evaluate callbacks (which run in Chromium, not in Node).
declare const window: Record<string, any>;
declare const document: { activeElement: { id: string } | null };
declare const sessionStorage: { getItem(key: string): string | null };

describe('chat widget in a real browser', function () {
  this.timeout(120_000);
  const live = withServerAndBrowser();

  const openWidget = (page: Page) => openChatWidget(page, live.server.baseUrl);

  function cspViolations(page: Page): string[] {
    const found: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) found.push(message.text());
    });
    return found;
  }

  it('greets, answers, takes a document with its details through the upload button, and keeps the conversation over a reload', async () => {
    const page = await live.browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    const csp = cspViolations(page);
    const chat = await openWidget(page);
    await page.screenshot({ path: screenshotPath('widget-01-welcome.png') });
    const type = async (text: string) => {
      await chat.locator(SEND_BOX).fill(text);
      await chat.locator(SEND_BOX).press('Enter');
    };
    const tap = (label: string) => chat.getByRole('button', { name: label, exact: true }).last().click({ timeout: 10_000 });

    await type('Wie reiche ich eine Rechnung ein?');
    await bubble(chat, 'Wie reiche ich eine Rechnung ein?').waitFor();
    await bubble(chat, /Laden Sie die Rechnung hier im Chat hoch/).waitFor({ timeout: 10_000 });
    assert.equal(await chat.getByText(/fehlgeschlagen/i).count(), 0, 'Web Chat marked the message as sent');

    // A picked file goes at once (no second step with only a badge as the hint), through
    // /upload, and starts a submission.
    await chat
      .locator('input[type="file"]')
      .setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: makePdf('Rechnung 2026-11') });
    await bubble(chat, /„rechnung\.pdf“ erhalten \(1 Seite; insgesamt 1 von höchstens 15\)/).waitFor({ timeout: 15_000 });
    await bubble(chat, SUBMIT.chooseType).waitFor({ timeout: 10_000 });
    await answerInvoiceQuestions(chat, 'gestern');
    // The file came first: no second request for it.
    await bubble(chat, /Ihr Dokument ist schon da \(1 Seite\)/).waitFor({ timeout: 10_000 });
    assert.equal(await bubble(chat, /Bitte laden Sie jetzt das Dokument hoch/).count(), 0);
    await tap(SUBMIT.filesDone);
    await bubble(chat, /Möchten Sie uns noch etwas/).waitFor({ timeout: 10_000 });
    await tap(SUBMIT.noNote);
    await bubble(chat, /Bitte prüfen Sie Ihre Angaben/).waitFor({ timeout: 10_000 });
    await bubble(chat, /Stimmt alles/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('widget-02-summary.png') });
    await tap(SUBMIT.send);
    const receipt = bubble(chat, /Ihre Tracking-ID lautet/);
    await receipt.waitFor({ timeout: 10_000 });
    const trackingId = /MK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await receipt.innerText())?.[0];
    assert.ok(trackingId, 'the tracking ID is shown');
    await page.screenshot({ path: screenshotPath('widget-03-tracking-id.png') });

    const conversationId = await page
      .frames()[1]!
      .evaluate(() => JSON.parse(sessionStorage.getItem('musterkasse-conversation') ?? '{}').conversationId as string);
    const repository = new SubmissionsRepository(live.server.core.database.db);
    const submission = await repository.find(trackingId);
    assert.equal(submission?.conversationId, conversationId);
    assert.equal(submission?.declaredType, 'invoice');
    const [document] = await repository.documents(submission!.id);
    const [file] = await live.server.core.database.db.select().from(storedFiles).where(eq(storedFiles.id, document!.fileId));
    assert.deepEqual([file?.originalName, file?.mediaType], ['rechnung.pdf', 'application/pdf']);

    await page.reload();
    const resumed = page.frameLocator('#musterkasse-chat-panel iframe');
    await bubble(resumed, 'Wie reiche ich eine Rechnung ein?').waitFor({ timeout: 20_000 });
    await bubble(resumed, new RegExp(trackingId)).waitFor();
    assert.equal(await bubble(resumed, 'digitale Assistent der Musterkasse').count(), 1, 'greeted once, not again after the reload');
    await resumed.locator(SEND_BOX).fill('hilfe');
    await resumed.locator(SEND_BOX).press('Enter');
    await bubble(resumed, /Mit „abbrechen“ beenden Sie jederzeit/).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('widget-04-after-reload.png') });

    assert.deepEqual(csp, [], 'no Content Security Policy violations');
    await page.close();
  });

  it('on a phone: the keyboard opens it with typing in the send box, suggestions wrap, a refused file says why, times read in 24 hours', async () => {
    const page = await live.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'de-DE', hasTouch: true });
    // Typing right after opening goes into the send box, not to the frame's body.
    const chat = await openChatWidgetByKeyboard(page, live.server.baseUrl);
    await page.keyboard.type('Hallo');
    assert.equal(await chat.locator(SEND_BOX).inputValue(), 'Hallo', 'the typed text is in the send box');
    await chat.locator(SEND_BOX).fill('');

    // Every suggestion shows its whole text: nothing cut off mid-word.
    await chat.locator(SEND_BOX).fill('Dokument einreichen');
    await chat.locator(SEND_BOX).press('Enter');
    const typeButton = chat.getByRole('toolbar').getByRole('button', { name: 'Rechnung zur Erstattung', exact: true });
    await typeButton.waitFor({ timeout: 10_000 });
    const clipped = await chat
      .locator('.webchat__suggested-action__text')
      .evaluateAll((texts: Array<{ scrollWidth: number; clientWidth: number; textContent: string | null }>) =>
        texts.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent),
      );
    assert.deepEqual(clipped, [], 'no suggestion is cut off');
    const panel = await page.locator('#musterkasse-chat-panel').boundingBox();
    const list = await chat.locator('.webchat__suggested-actions').last().boundingBox();
    assert.ok(list && panel && list.height < panel.height / 2, 'the nine types take at most half the screen');
    await page.screenshot({ path: screenshotPath('widget-phone-document-types.png') });
    // With the keyboard alone: from the send box back to the suggestions, Enter chooses one.
    await chat.locator(SEND_BOX).focus();
    const focused = chat.locator('.webchat__suggested-action:focus');
    // Back past the paperclip to the suggestions.
    for (let presses = 0; presses < 3 && (await focused.count()) === 0; presses++) await page.keyboard.press('Shift+Tab');
    await focused.waitFor({ timeout: 5_000 });
    assert.equal((await focused.innerText()).trim(), 'Rechnung zur Erstattung', 'the first suggestion has the focus');
    await page.keyboard.press('Enter');
    await bubble(chat, SUBMIT.whose).waitFor({ timeout: 10_000 });
    await chat.locator(SEND_BOX).fill('abbrechen');
    await chat.locator(SEND_BOX).press('Enter');

    // A file the chat cannot take: the reason, in German, in the chat; nothing sent.
    await chat.locator('input[type="file"]').setInputFiles({
      name: 'notiz.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('PK\u0003\u0004 not a pdf'),
    });
    await bubble(chat, /„notiz\.docx“ ist keine PDF-, JPEG- oder PNG-Datei\. Ich nehme PDF-, JPEG- und PNG-Dateien bis 15 MB/).waitFor({
      timeout: 10_000,
    });
    await chat
      .locator('input[type="file"]')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(16 * 1024 * 1024, 0x20) });
    await bubble(chat, /„scan\.pdf“ ist mit 16 MB zu groß/).waitFor({ timeout: 10_000 });
    assert.equal(await chat.getByText(/Fehler beim Senden|fehlgeschlagen/i).count(), 0, 'no bare send error');
    await page.screenshot({ path: screenshotPath('widget-phone-refused-file.png') });

    // Times as a German reader hears them: 24-hour clock, never AM/PM.
    const spoken = await chat
      .locator('#webchat')
      .evaluate(
        (root: {
          innerText: string;
          querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null; textContent: string | null }>;
        }) =>
          [
            root.innerText,
            ...Array.from(root.querySelectorAll('[aria-label], [title], .webchat__activity-status')).map(
              (e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.textContent ?? ''}`,
            ),
          ].join('\n'),
      );
    assert.doesNotMatch(spoken, /\d\s?(AM|PM)\b/);
    await page.close();
  });

  it('renders bot markdown without executing injected HTML', async () => {
    const page = await live.browser.newPage();
    await openWidget(page);
    const conversationId = await page
      .frames()[1]!
      .evaluate(() => JSON.parse(sessionStorage.getItem('musterkasse-conversation') ?? '{}').conversationId as string);
    const hopKey = deriveKey(TEST_DIRECTLINE_SECRET, 'bot-hop').toString('base64url');
    await fetch(`${live.server.baseUrl}/botconnector/v3/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BOT_HOP_KEY_HEADER]: hopKey },
      body: JSON.stringify({
        type: 'message',
        textFormat: 'markdown',
        text: '**Fett** <img src="x" onerror="window.__pwned=1"> [Klick](javascript:window.__pwned=2)',
      }),
    });
    const chat = page.frameLocator('#musterkasse-chat-panel iframe');
    await chat.locator('.webchat__text-content strong', { hasText: 'Fett' }).waitFor({ timeout: 10_000 });
    const frame = page.frames()[1]!;
    assert.equal(await frame.evaluate(() => window.__pwned), undefined);
    // Web Chat's sanitizer strips event handlers (an image may stay; the frame's CSP keeps it to our own origin).
    assert.equal(await frame.locator('#webchat [onerror], #webchat [onclick], #webchat script').count(), 0);
    assert.equal(await frame.locator('#webchat a[href^="javascript:"]').count(), 0);
    await page.close();
  });

  it('fills a phone-sized screen and closes with Escape, returning focus to the launcher', async () => {
    const page = await live.browser.newPage({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await openWidget(page);
    const box = await page.locator('#musterkasse-chat-panel').boundingBox();
    assert.ok(box && box.width >= 370 && box.height >= 660, `panel covers the screen: ${JSON.stringify(box)}`);
    await page.screenshot({ path: screenshotPath('widget-04-phone.png') });
    await page.frameLocator('#musterkasse-chat-panel iframe').locator(SEND_BOX).press('Escape');
    await page.locator('#musterkasse-chat-panel').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'musterkasse-chat-launcher');
    await page.close();
  });

  it('has no serious or critical accessibility violations on the demo page with the widget open (axe-core)', async () => {
    const page = await live.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await openWidget(page);
    const outer = await seriousViolations(page);
    const inner = await seriousViolations(page.frames()[1]!);
    assert.equal(outer.length, 0, describeViolations(outer));
    assert.equal(inner.length, 0, describeViolations(inner));
    await page.close();
  });
});
