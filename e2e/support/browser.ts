import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');
export { OPERATOR } from './global-setup.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A fake microphone (a beep) that needs no permission prompt: voice notes can be recorded.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export const DESKTOP = { viewport: { width: 1366, height: 860 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export async function newContext(browser: Browser, shape: typeof DESKTOP | typeof PHONE, locale = 'zh-CN'): Promise<BrowserContext> {
  const context = await browser.newContext({ ...shape, locale, baseURL: baseUrl() });
  // Pin the UI language so selectors and screenshots are stable.
  await context.addInitScript((lang) => localStorage.setItem('rapport.lang', lang), locale);
  return context;
}

/** Saves e2e/screenshots/<name>.png for a human to look at (committed: the record of every screen). */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
