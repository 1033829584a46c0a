import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from 'playwright-core';
import { projectRoot } from '../../platform/paths.js';
import { startTestServer, type TestServer } from './server.js';
import type { TestSystemOptions } from './system.js';
import { TEST_PASSWORD } from './staff.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(projectRoot, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with nothing that would try to reach the internet. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (installs Debian's chromium)`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, name);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Browser globals used inside page.evaluate callbacks (which run in Chromium, not in Node).
declare const window: Record<string, any>;
declare const document: unknown;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in a page or frame; returns serious and critical findings. */
export async function seriousViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async () => {
    const axe = window.axe as { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Findings as readable lines for an assertion message. */
export function describeViolations(list: AxeViolation[]): string {
  return list.map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`).join('\n');
}

/** Fails with the findings listed when axe-core finds anything serious or critical. */
export async function assertAccessible(target: Page | Frame, where: string): Promise<void> {
  const found = await seriousViolations(target);
  if (found.length > 0) throw new Error(`${where}: accessibility violations\n${describeViolations(found)}`);
}

/** For a browser suite: the real web role and Chromium, started before its tests and stopped after. */
export function withServerAndBrowser(options: TestSystemOptions = {}): { server: TestServer; browser: Browser } {
  const live = {} as { server: TestServer; browser: Browser };
  before(async () => {
    live.server = await startTestServer(options);
    live.browser = await launchChromium();
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}

/** Web Chat's send box in the widget's frame. */
export const SEND_BOX = 'input[data-id="webchat-sendbox-input"]';

/** A message bubble's text in the transcript (Web Chat also repeats it in screen-reader labels). */
export function bubble(chat: FrameLocator, text: string | RegExp) {
  return chat.locator('.webchat__text-content', { hasText: text });
}

/**
 * Answers the bot's questions about an invoice in the widget, from its type to the account
 * holder (the file already sent), waiting for each question.
 */
export async function answerInvoiceQuestions(chat: FrameLocator, treatmentDate: string): Promise<void> {
  const tap = (label: string) =>
    chat.getByRole('toolbar').getByRole('button', { name: label, exact: true }).first().click({ timeout: 15_000 });
  const answer = async (question: RegExp, text: string) => {
    await bubble(chat, question).last().waitFor({ timeout: 10_000 });
    await chat.locator(SEND_BOX).fill(text);
    await chat.locator(SEND_BOX).press('Enter');
  };
  await tap('Rechnung zur Erstattung');
  await tap('Für mich');
  await answer(/Wie lautet Ihre Krankenversichertennummer/, 'A123456780');
  await tap('Osteopathie');
  await answer(/Wann war die Behandlung/, treatmentDate);
  await answer(/Über welchen Betrag/, '85,40');
  await answer(/Bitte nennen Sie die IBAN/, 'DE89 3704 0044 0532 0130 00');
  await answer(/Wer ist Kontoinhaberin oder Kontoinhaber/, 'Anna Beispiel');
}

/**
 * Opens the widget as a keyboard user does (focus on the launcher, Enter) and waits until typing
 * goes into its send box; returns the widget's frame.
 */
export async function openChatWidgetByKeyboard(page: Page, baseUrl: string): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/`);
  await page.locator('#musterkasse-chat-launcher').focus();
  await page.keyboard.press('Enter');
  const chat = page.frameLocator('#musterkasse-chat-panel iframe');
  await bubble(chat, 'digitale Assistent der Musterkasse').first().waitFor({ timeout: 20_000 });
  const frame = page.frames().find((f) => f.url().includes('/widget/frame'))!;
  await frame.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input',
    undefined,
    { timeout: 10_000 },
  );
  return chat;
}

/** Opens the demo site's chat widget and waits for the bot's greeting; returns the widget's frame. */
export async function openChatWidget(page: Page, baseUrl: string): Promise<FrameLocator> {
  await page.goto(`${baseUrl}/`);
  await page.click('#musterkasse-chat-launcher');
  const chat = page.frameLocator('#musterkasse-chat-panel iframe');
  await bubble(chat, 'digitale Assistent der Musterkasse').first().waitFor({ timeout: 20_000 });
  return chat;
}

/** A desktop console page (1280 × 900, downloads on) logged in as a staff user, with the script errors it raises collected. */
export async function consoleAs(browser: Browser, baseUrl: string, username: string) {
  const context = await browser.newContext({ locale: 'de-DE', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await logInToConsole(page, baseUrl, username);
  return { context, page, problems };
}

/** Logs a staff user in to the console through its login form. */
export async function logInToConsole(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('button', { name: 'Abmelden' }).waitFor();
}
