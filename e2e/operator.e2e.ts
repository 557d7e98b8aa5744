import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, OPERATOR, screenshot, unique } from './support/browser.js';

/**
 * The operator console: a stale setup link is refused, the operator signs in, finds a new
 * enterprise, verifies it after confirming, and the enterprise's admin sees "verified" at once.
 */
describe('operator console', () => {
  let browser: Browser;
  let operatorContext: BrowserContext;
  let adminContext: BrowserContext;
  let page: Page;
  let adminPage: Page;
  const code = unique('verify-me-');
  const enterpriseName = `杭州认证测试商贸${code.slice(-4)}`;
  const admin = { account: 'owner', password: 'owner-pass-1' };

  beforeAll(async () => {
    browser = await launchBrowser();
    operatorContext = await newContext(browser, DESKTOP);
    adminContext = await newContext(browser, DESKTOP);
    page = await operatorContext.newPage();
    page.setDefaultTimeout(10_000);
    adminPage = await adminContext.newPage();
    adminPage.setDefaultTimeout(10_000);
    // An enterprise registers (through the API: the admin console's own test covers the UI).
    const response = await adminContext.request.post('/api/v1/enterprises', {
      data: { enterpriseName, shortName: '认证商贸', code, adminName: '钱老板', ...admin },
    });
    expect(response.status()).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a used or invalid setup link', async () => {
    await page.goto('/operator/setup?token=not-a-real-token-at-all');
    await page.getByLabel('账号').fill('second-operator');
    await page.getByLabel('密码', { exact: true }).fill('second-pass-1');
    await page.getByLabel('确认密码').fill('second-pass-1');
    await page.getByRole('button', { name: '创建账号并登录' }).click();
    await page.getByText('该设置链接无效或已被使用').waitFor();
    await page.getByRole('button', { name: '前往登录' }).click();
    await page.waitForURL('**/operator/signin');
  });

  it('signs in, finds the enterprise and verifies it', async () => {
    await page.getByLabel('账号').fill(OPERATOR.account);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('账号或密码错误').or(page.getByText('The account or password is incorrect')).waitFor();
    await page.getByLabel('密码').fill(OPERATOR.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/operator/enterprises');
    await page.getByRole('heading', { name: '企业管理' }).waitFor();

    await page.getByRole('searchbox').or(page.getByPlaceholder('企业名称、简称或企业 ID')).fill(code);
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: new RegExp(enterpriseName) });
    await row.waitFor();
    expect(await row.getByText('未认证').count()).toBe(1);
    expect(await row.getByText(admin.account).count()).toBe(1);

    await page.getByTestId(`verify-${code}`).click();
    await page
      .getByRole('dialog', { name: `认证 ${enterpriseName}？` })
      .getByRole('button', { name: '确认认证' })
      .click();
    await page.getByText(`已认证 ${enterpriseName}`).waitFor();
    await row.getByText('已认证').waitFor();

    // the filter for unverified enterprises no longer lists it
    await page.getByText('未认证', { exact: true }).first().click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('已认证', { exact: true }).first().click();
    await row.waitFor();
    await page.getByText('全部', { exact: true }).click();
    await row.waitFor();
    await screenshot(page, 'operator-enterprises');
  });

  it("shows verified in the admin's header", async () => {
    await adminPage.goto('/admin');
    await adminPage.getByTestId('enterprise-name').getByText(enterpriseName).waitFor();
    await adminPage.locator('[data-testid="enterprise-verification"][data-status="verified"]').waitFor();
    expect(await adminPage.getByTestId('enterprise-verification').textContent()).toContain('已认证');
  });

  it('switches language, changes the password and signs out', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Enterprises' }).waitFor();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').waitFor({ state: 'detached' });
    await screenshot(page, 'operator-enterprises-en');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('not-my-password');
    await dialog.getByLabel('New password').fill('operator-pass-2');
    await dialog.getByLabel('Confirm password').fill('operator-pass-2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('The current password is incorrect').waitFor();
    await dialog.getByLabel('Current password').fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Password changed').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // put it back so other test files keep signing in with OPERATOR
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    await dialog.getByLabel('Current password').fill('operator-pass-2');
    await dialog.getByLabel('New password').fill(OPERATOR.password);
    await dialog.getByLabel('Confirm password').fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/operator/signin');
    await page.goto('/operator/enterprises');
    await page.waitForURL('**/operator/signin');
  });
});
