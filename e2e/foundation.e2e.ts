import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, OPERATOR, PHONE, screenshot, unique } from './support/browser.js';

/**
 * The foundation journey across all four surfaces, each in its own browser context as four
 * different people would be: an enterprise signs up, the operator verifies it, the admin adds
 * a member, the member signs in and sees the enterprise verified; a consumer signs up in Messenger.
 */
describe('foundation journey', () => {
  let browser: Browser;
  const code = unique('journey-');
  const enterpriseName = `旅程百货${code.slice(-4)}`;
  const admin = { account: 'owner', password: 'owner-pass-1' };
  const guide = { account: `guide${code.slice(-4)}`, name: '许导购', password: 'guide-pass-1' };
  let adminPage: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const openPage = async (shape: typeof DESKTOP | typeof PHONE) => {
    const page = await (await newContext(browser, shape)).newPage();
    page.setDefaultTimeout(10_000);
    return page;
  };

  it('an enterprise signs up in the admin console', async () => {
    adminPage = await openPage(DESKTOP);
    await adminPage.goto('/admin/signup');
    await adminPage.getByLabel('企业名称').fill(enterpriseName);
    await adminPage.getByLabel('企业简称').fill('旅程百货');
    await adminPage.getByLabel('企业 ID').fill(code);
    await adminPage.getByLabel('你的姓名').fill('钱店长');
    await adminPage.getByLabel('管理员账号').fill(admin.account);
    await adminPage.getByLabel('密码', { exact: true }).fill(admin.password);
    await adminPage.getByLabel('确认密码').fill(admin.password);
    await adminPage.getByRole('button', { name: '注册并登录' }).click();
    await adminPage.waitForURL('**/admin/org');
    expect(await adminPage.getByTestId('enterprise-verification').getAttribute('data-status')).toBe('unverified');
  });

  it('the operator verifies it', async () => {
    const page = await openPage(DESKTOP);
    await page.goto('/operator');
    await page.getByLabel('账号').fill(OPERATOR.account);
    await page.getByLabel('密码').fill(OPERATOR.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/operator/enterprises');
    await page.getByPlaceholder('企业名称、简称或企业 ID').fill(code);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: new RegExp(enterpriseName) }).waitFor();
    await page.getByTestId(`verify-${code}`).click();
    await page
      .getByRole('dialog', { name: `认证 ${enterpriseName}？` })
      .getByRole('button', { name: '确认认证' })
      .click();
    await page.getByText(`已认证 ${enterpriseName}`).waitFor();
    await screenshot(page, 'journey-operator-verified');
    // the admin's console learns of it live, without a reload
    await expect
      .poll(() => adminPage.getByTestId('enterprise-verification').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('verified');
  });

  it('the admin adds a member', async () => {
    await adminPage.getByRole('button', { name: '添加成员' }).first().click();
    const drawer = adminPage.getByRole('dialog', { name: '添加成员' });
    await drawer.getByLabel('姓名').fill(guide.name);
    await drawer.getByLabel('账号').fill(guide.account);
    await drawer.getByLabel('初始密码').fill(guide.password);
    await drawer.getByLabel('职务').fill('导购');
    await drawer.getByRole('switch', { name: '实名认证' }).click();
    await drawer.getByRole('switch', { name: '客户联系权限' }).click();
    await drawer.getByTestId('member-save').click();
    await adminPage.getByText(`已添加 ${guide.name}`).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await adminPage.getByRole('row', { name: new RegExp(guide.name) }).waitFor();
    await screenshot(adminPage, 'journey-admin-member-added');
  });

  it('the member signs in on a phone and is ready to add customers', async () => {
    const page = await openPage(PHONE);
    await page.goto('/work');
    await page.getByLabel('企业 ID').fill(code);
    await page.getByLabel('账号、手机号或邮箱').fill(guide.account);
    await page.getByLabel('密码').fill(guide.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('greeting').innerText()).toContain(guide.name);
    for (const gate of ['enterpriseVerified', 'realNameVerified', 'customerContact']) {
      expect(await page.getByTestId(`gate-${gate}`).getAttribute('data-ok')).toBe('true');
    }
    await screenshot(page, 'journey-member-home');
  });

  it('a consumer signs up in Messenger', async () => {
    const page = await openPage(PHONE);
    await page.goto('/app');
    await page.getByTestId('welcome-signup').click();
    const phone = `137${String(Date.now()).slice(-8)}`;
    await page.getByTestId('signup-phone').locator('input').first().fill(phone);
    await page.getByTestId('signup-nickname').locator('input').first().fill('小周');
    await page.getByTestId('signup-password').locator('input').first().fill('consumer-pass-1');
    await page.getByTestId('signup-submit').click();
    await page.waitForURL('**/app/chats');
    await page.getByTestId('tab-me').click();
    expect(await page.getByTestId('me-nickname').innerText()).toBe('小周');
    await screenshot(page, 'journey-consumer-me');
  });
});
