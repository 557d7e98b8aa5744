import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DESKTOP, launchBrowser, newContext, PHONE, screenshot, unique } from './support/browser.js';

/** A phone number no other test uses: 139 + 8 digits from a counter-based suffix. */
const uniquePhone = () => `139${String(Date.now()).slice(-5)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
const PASSWORD = 'messenger-pass-1';

/** antd-mobile puts data-testid on the form item; the input is inside it. */
const field = (page: Page, testId: string) => page.getByTestId(testId).locator('input').first();

async function signUpByApi(body: Record<string, string>) {
  const response = await fetch(`${baseUrl()}/api/v1/consumers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

describe('Messenger (consumer, phone)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, lands in Chats, edits the nickname in Me, signs out and in again', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    const phone = uniquePhone();
    const nickname = '小林';

    await page.goto('/app');
    await page.getByTestId('welcome').waitFor();
    await screenshot(page, 'app-welcome');

    await page.getByTestId('welcome-signup').click();
    await page.waitForURL('**/app/signup');
    // Client-side rules mirror the shared schema: a bad phone and a short password are refused.
    await field(page, 'signup-phone').fill('12ab');
    await field(page, 'signup-nickname').fill(nickname);
    await field(page, 'signup-password').fill('short');
    await page.getByTestId('signup-submit').click();
    await page.getByText('请输入有效的手机号').waitFor();
    await page.getByText('密码太短：至少 8 个字符').waitFor();

    await field(page, 'signup-phone').fill(phone);
    await field(page, 'signup-password').fill(PASSWORD);
    await screenshot(page, 'app-signup');
    await page.getByTestId('signup-submit').click();

    await page.waitForURL('**/app/chats');
    await page.getByTestId('chats-empty').waitFor();
    expect(await page.getByTestId('chats-empty').innerText()).toContain('为你服务的员工');
    await expect.poll(() => page.getByTestId('offline-banner').count()).toBe(0);
    await screenshot(page, 'app-chats');

    // Contacts: honest empty state, and how people will find me.
    await page.getByTestId('tab-contacts').click();
    await page.waitForURL('**/app/contacts');
    await page.getByTestId('contacts-empty').waitFor();
    expect(await page.getByTestId('page-contacts').innerText()).toContain(phone);
    await screenshot(page, 'app-contacts');

    // Me: edit the nickname.
    await page.getByTestId('tab-me').click();
    await page.waitForURL('**/app/me');
    expect(await page.getByTestId('me-nickname').innerText()).toBe(nickname);
    await page.getByTestId('me-edit').click();
    await page.waitForURL('**/app/me/profile');
    const nicknameInput = page.locator('input').first();
    await nicknameInput.fill('林小满');
    await page.locator('input').nth(1).fill('not a url');
    await page.getByTestId('profile-save').click();
    await page.getByText('请输入以 https:// 或 http:// 开头的网址').waitFor();
    await page.locator('input').nth(1).fill('/favicon.svg');
    await screenshot(page, 'app-profile');
    await page.getByTestId('profile-save').click();
    await page.waitForURL('**/app/me');
    await expect.poll(() => page.getByTestId('me-nickname').innerText()).toBe('林小满');
    expect(await page.getByTestId('page-me').innerText()).toContain(phone);
    await page.locator('.adm-toast-main').waitFor({ state: 'detached' });
    await screenshot(page, 'app-me');

    // Sign out (with confirmation), then sign in again with the phone number.
    await page.getByTestId('me-signout').click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('welcome-signin').click();
    await page.waitForURL('**/app/signin');
    await field(page, 'signin-login').fill(phone);
    await field(page, 'signin-password').fill('wrong-password-1');
    await page.getByTestId('signin-submit').click();
    expect(await page.getByTestId('signin-error').innerText()).toBe('账号或密码错误');
    await screenshot(page, 'app-signin');
    await field(page, 'signin-password').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL('**/app/chats');
    await page.getByTestId('tab-me').click();
    await expect.poll(() => page.getByTestId('me-nickname').innerText()).toBe('林小满');
    await context.close();
  });

  it('changes the password: this device stays signed in and live, the new password works', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    const account = unique('pw.');
    const created = await page.request.post('/api/v1/consumers', { data: { account, nickname: '改密', password: PASSWORD } });
    expect(created.status()).toBe(201);
    await page.goto('/app/me');
    await page.getByTestId('me-password').click();
    await page.waitForURL('**/app/me/password');
    await field(page, 'password-current').fill('wrong-password-1');
    await field(page, 'password-new').fill('messenger-pass-2');
    await page.getByTestId('password-save').click();
    await page.getByTestId('password-current').getByText('当前密码不正确').waitFor();
    await field(page, 'password-current').fill(PASSWORD);
    await page.getByTestId('password-save').click();
    await page.waitForURL('**/app/me');
    await page.getByTestId('me-nickname').waitFor();
    // The old socket was closed with the old session; a new one opens with the new cookie.
    await page.getByTestId('tab-chats').click();
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    const relogin = await fetch(`${baseUrl()}/api/v1/sessions/consumer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: account, password: 'messenger-pass-2' }),
    });
    expect(relogin.status).toBe(200);
    await context.close();
  });

  it('shows an error with a retry when the server cannot be reached, and the offline banner', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    await page.route('**/api/v1/sessions/consumer/current', (route) => route.abort());
    await page.goto('/app');
    await page.getByText('网络错误，请检查网络连接').waitFor();
    await screenshot(page, 'app-error');
    await page.unroute('**/api/v1/sessions/consumer/current');
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('welcome').waitFor();

    // Signed in, a dropped connection shows the slim banner until it is back.
    await page.request.post('/api/v1/consumers', { data: { account: unique('off.'), nickname: 'Off', password: PASSWORD } });
    await page.routeWebSocket(/\/api\/v1\/ws/, (ws) => ws.close({ code: 1006 }));
    await page.goto('/app/chats');
    await page.getByTestId('offline-banner').waitFor();
    await screenshot(page, 'app-offline');
    await context.close();
  });

  it('shows the server’s answer on the field: a phone number already registered', async () => {
    const phone = uniquePhone();
    await signUpByApi({ phone, nickname: 'Taken', password: PASSWORD });
    const context = await newContext(browser, PHONE, 'en');
    const page = await context.newPage();
    await page.goto('/app/signup');
    await field(page, 'signup-phone').fill(phone);
    await field(page, 'signup-nickname').fill('Someone else');
    await field(page, 'signup-password').fill(PASSWORD);
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('signup-phone').getByText('already registered').waitFor();
    expect(page.url()).toContain('/app/signup');
    await context.close();
  });

  it('works in English: sign up with an account name, Me, language switch', async () => {
    const account = unique('lily.');
    const context = await newContext(browser, PHONE, 'en');
    const page = await context.newPage();
    await page.goto('/app');
    await page.getByTestId('welcome-signup').click();
    await page.getByText('Account name', { exact: true }).first().click();
    await field(page, 'signup-account').fill(account);
    await field(page, 'signup-nickname').fill('Lily Chen');
    await field(page, 'signup-password').fill(PASSWORD);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL('**/app/chats');
    await page.getByText('No chats yet').waitFor();

    await page.getByTestId('tab-me').click();
    await page.getByTestId('me-nickname').waitFor();
    expect(await page.getByTestId('page-me').innerText()).toContain(account);
    await screenshot(page, 'app-me-en');

    // On a desktop, Messenger stays a phone-shaped column in the middle of the screen.
    const desktop = await newContext(browser, DESKTOP, 'en');
    await desktop.addCookies(await context.cookies());
    const wide = await desktop.newPage();
    await wide.goto('/app/me');
    await wide.getByTestId('me-nickname').waitFor();
    const box = await wide.locator('.rp-app').boundingBox();
    expect(box?.width).toBe(480);
    expect(box?.x).toBeGreaterThan(400);
    await screenshot(wide, 'app-desktop');
    await desktop.close();

    // The language switch changes the whole UI at once.
    await page.getByTestId('me-language').click();
    await page.getByText('简体中文').click();
    await page.getByText('编辑资料').waitFor();
    expect(await page.getByTestId('tab-chats').innerText()).toContain('聊天');
    await context.close();
  });
});
