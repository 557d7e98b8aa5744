import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DESKTOP, launchBrowser, newContext, OPERATOR, PHONE, screenshot, unique } from './support/browser.js';

const PASSWORD = 'member-pass-1';
const NEW_PASSWORD = 'member-pass-2';

/** A tiny API client for test data: JSON in and out, cookies kept per principal. */
class ApiClient {
  private cookie = '';
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length > 0) this.cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

interface Fixture {
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  memberId: string;
  login: string;
  /** The member's current password (a test changes it). */
  password: string;
  admin: ApiClient;
}

/**
 * An enterprise (unverified) with 华东区 / 上海南京路店 and a store guide who is real-name
 * verified but has no customer-contact permission yet: two of the three conditions to go.
 */
async function createFixture(): Promise<Fixture> {
  const admin = new ApiClient();
  const code = unique('acme-').toLowerCase();
  const enterpriseName = '晨光百货';
  const session = await admin.call<{ enterprise: { id: string } }>('POST', '/enterprises', {
    enterpriseName,
    shortName: '晨光',
    code,
    adminName: '王强',
    account: 'admin',
    password: 'admin-pass-1',
  });
  const { data } = await admin.call<{ data: { id: string; parentId: string | null }[] }>('GET', '/departments');
  const root = data.find((d) => d.parentId === null);
  if (!root) throw new Error('no root department');
  const east = await admin.call<{ id: string }>('POST', '/departments', { name: '华东区', parentId: root.id });
  const store = await admin.call<{ id: string }>('POST', '/departments', { name: '上海南京路店', parentId: east.id });
  const member = await admin.call<{ id: string }>('POST', '/members', {
    account: 'lily',
    password: PASSWORD,
    name: '陈莉莉',
    title: '资深导购',
    departmentIds: [store.id],
    realNameVerified: true,
    customerContact: false,
  });
  return { code, enterpriseId: session.enterprise.id, enterpriseName, memberId: member.id, login: 'lily', password: PASSWORD, admin };
}

async function signIn(page: Page, fixture: Fixture, password = fixture.password) {
  await page.getByLabel('企业 ID').fill(fixture.code);
  await page.getByLabel('账号、手机号或邮箱').fill(fixture.login);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('signin-submit').click();
}

describe('Workspace (member)', () => {
  let browser: Browser;
  let fixture: Fixture;
  beforeAll(async () => {
    browser = await launchBrowser();
    fixture = await createFixture();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a phone: signs in, sees Home with the gate checklist, edits My card and sees the preview', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work');
    await page.getByTestId('signin-submit').waitFor();
    await screenshot(page, 'work-signin');

    // A wrong password gets the one generic answer.
    await signIn(page, fixture, 'not-the-password');
    expect(await page.getByTestId('signin-error').innerText()).toContain('账号或密码错误');
    await signIn(page, fixture);

    // Home: greeting, department path, title, and the three conditions.
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('greeting').innerText()).toContain('陈莉莉');
    expect(await page.getByTestId('departments').innerText()).toContain('华东区 / 上海南京路店');
    expect(await page.getByTestId('enterprise-name').innerText()).toBe(fixture.enterpriseName);
    expect(await page.getByTestId('gate-status').innerText()).toBe('暂不可用');
    expect(await page.getByTestId('gate-enterpriseVerified').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('gate-realNameVerified').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('gate-customerContact').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('gate-customerContact').innerText()).toContain('客户联系权限');
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('online');
    // Phones get the bottom tab bar and no horizontal scrolling.
    await page.getByTestId('tab-card').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'work-home');

    // My card: the preview as consumers see it, then edit it in the drawer.
    await page.getByTestId('tab-card').click();
    await page.waitForURL('**/work/card');
    const card = page.getByTestId('business-card').first();
    await card.waitFor();
    expect(await card.innerText()).toContain('陈莉莉');
    expect(await card.getByTestId('enterprise-badge').innerText()).toContain('@晨光');

    await page.getByTestId('card-edit').click();
    const drawer = page.locator('.rp-card-drawer');
    await drawer.getByLabel('职务').fill('金牌导购');
    await drawer.getByLabel('电话').fill('call me');
    await drawer.getByLabel('门店地址').fill('上海市黄浦区南京东路 100 号 3 楼');
    await drawer.getByLabel('照片链接').fill('/favicon.svg');
    await drawer.getByLabel('个人介绍').fill('从业八年，擅长为您搭配通勤与周末穿搭。');
    await drawer.getByTestId('add-field').click();
    await drawer.getByTestId('custom-field-0').getByLabel('名称').fill('营业时间');
    await drawer.getByTestId('custom-field-0').getByLabel('内容').fill('每天 10:00–22:00');
    await drawer.getByTestId('add-field').click();
    await drawer.getByTestId('custom-field-1').getByLabel('名称').fill('网店');
    await drawer.getByTestId('custom-field-1').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown').getByText('链接').click();
    await drawer.getByTestId('custom-field-1').getByLabel('内容').fill('shop.example.com');
    await drawer.getByTestId('card-save').click();
    // The form refuses what the server would: a phone with letters, a link without a scheme.
    await drawer.getByText('请输入电话号码').waitFor();
    await drawer.getByText('链接需以 https:// 或 http:// 开头').waitFor();
    await drawer.getByLabel('电话').fill('+86 138 0013 8000');
    await drawer.getByTestId('custom-field-1').getByLabel('内容').fill('https://shop.example.com/lily');
    // The live preview inside the drawer follows the form.
    expect(await drawer.getByTestId('business-card').innerText()).toContain('金牌导购');
    await drawer.getByTestId('card-save').click();
    await page.locator('.rp-card-drawer.ant-drawer-open').waitFor({ state: 'detached' });

    const saved = await card.innerText();
    for (const text of ['金牌导购', '+86 138 0013 8000', '南京东路 100 号', '营业时间', 'https://shop.example.com/lily', '从业八年']) {
      expect(saved).toContain(text);
    }
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(page, 'work-card');

    // It was saved on the server, not just in the page.
    await page.reload();
    await page.getByTestId('business-card').first().waitFor();
    expect(await page.getByTestId('business-card').first().innerText()).toContain('金牌导购');
    await context.close();
  });

  it('on a desktop: side nav, live updates of the checklist, sign out remembers the enterprise', async () => {
    const context = await newContext(browser, DESKTOP, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work');
    await signIn(page, fixture);
    await page.getByTestId('gate-checklist').waitFor();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('online');
    await page.getByRole('menuitem', { name: '我的名片' }).waitFor();

    // The operator verifies the enterprise (that event goes to admins only), then the admin grants
    // customer contact: the member.updated event refreshes the session, and Home shows both.
    const operator = new ApiClient();
    await operator.call('POST', '/sessions/operator', { login: OPERATOR.account, password: OPERATOR.password });
    await operator.call('POST', `/operator/enterprises/${fixture.enterpriseId}/verify`);
    await fixture.admin.call('PATCH', `/members/${fixture.memberId}`, { customerContact: true });
    await expect.poll(() => page.getByTestId('gate-customerContact').getAttribute('data-ok'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => page.getByTestId('gate-status').innerText(), { timeout: 10_000 }).toBe('可以添加客户');
    expect(await page.getByTestId('enterprise-badge').first().getAttribute('title')).toBe('企业已认证');
    // The card summary follows too: its badge turns verified.
    await expect
      .poll(() => page.getByTestId('card-summary').getByTestId('enterprise-badge').getAttribute('title'), { timeout: 10_000 })
      .toBe('企业已认证');
    await screenshot(page, 'work-home-desktop');

    await page.getByRole('menuitem', { name: '我的名片' }).click();
    await page.getByTestId('business-card').first().waitFor();
    await screenshot(page, 'work-card-desktop');

    // Change the password from the user menu: this device stays signed in and live again.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('当前密码').fill(fixture.password);
    await dialog.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByLabel('确认密码').fill(NEW_PASSWORD);
    // The Save button (antd's two-character spacing is off on every antd surface; either form matches).
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByText('密码已修改').waitFor();
    fixture.password = NEW_PASSWORD;
    await page.getByRole('menuitem', { name: '首页' }).click();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('online');

    // Sign out from the user menu; the enterprise ID stays filled in on this device.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByTestId('signin-submit').waitFor();
    expect(await page.getByLabel('企业 ID').inputValue()).toBe(fixture.code);
    await signIn(page, fixture, NEW_PASSWORD);
    await page.getByTestId('greeting').waitFor();
    await context.close();
  });

  it('shows an error with a retry when the server cannot be reached', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    await page.route('**/api/v1/sessions/member/current', (route) => route.abort());
    await page.goto('/work');
    await page.getByText('网络错误，请检查网络连接').waitFor();
    await screenshot(page, 'work-error');
    await page.unroute('**/api/v1/sessions/member/current');
    await page.getByRole('button', { name: /重\s?试/ }).click();
    await page.getByTestId('signin-submit').waitFor();
    await context.close();
  });

  it('in English, and a disabled member only gets the generic message', async () => {
    const context = await newContext(browser, PHONE, 'en');
    const page = await context.newPage();
    await fixture.admin.call('POST', `/members/${fixture.memberId}/disable`);
    await page.goto(`/work?enterprise=${fixture.code}`);
    expect(await page.getByLabel('Enterprise ID').inputValue()).toBe(fixture.code);
    await page.getByLabel('Account, phone or email').fill(fixture.login);
    await page.getByLabel('Password').fill(fixture.password);
    await page.getByTestId('signin-submit').click();
    expect(await page.getByTestId('signin-error').innerText()).toBe('The account or password is incorrect');

    await fixture.admin.call('POST', `/members/${fixture.memberId}/enable`);
    await page.getByLabel('Password').fill(fixture.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('gate-status').innerText()).toBe('Ready to add customers');
    await screenshot(page, 'work-home-en');
    await context.close();
  });
});
