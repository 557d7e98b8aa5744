import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createVerifiedShop, gradientPng } from './support/api.js';
import { baseUrl, DESKTOP, launchBrowser, newContext, OPERATOR, PHONE, screenshot, unique } from './support/browser.js';

const PASSWORD = 'member-pass-1';
const NEW_PASSWORD = 'member-pass-2';

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

interface GuideFixture {
  code: string;
  admin: ApiClient;
  guide: ApiClient;
  guideId: string;
  /** The enterprise tag VIP (group 客户等级) and 新客. */
  vip: string;
  /** Customers by nickname: their consumer session and customer id. */
  customers: Record<string, { consumer: ApiClient; customerId: string; consumerId: string }>;
  /** A consumer found by phone, not yet a customer. */
  strangerPhone: string;
  /** A member who lacks customer-contact permission. */
  blockedLogin: string;
}

async function newConsumer(nickname: string, phone?: string) {
  const consumer = new ApiClient();
  const created = await consumer.call<{ consumer: { id: string } }>('POST', '/consumers', {
    account: unique('c.'),
    ...(phone ? { phone } : {}),
    nickname,
    password: 'consumer-pass-1',
  });
  return { consumer, consumerId: created.consumer.id };
}

/** Loaded and decoded (an image that failed shows 0). */
const naturalWidth = (img: Element) => (img as HTMLImageElement).naturalWidth;

/**
 * A verified enterprise with a contact-ready guide (王芳) who has three customers through a skipVerify
 * way (one of whom deleted her), one consumer waiting on a way that needs her confirmation, enterprise
 * tags, an enterprise quick reply, and a colleague without customer-contact permission.
 */
async function createGuideFixture(): Promise<GuideFixture> {
  const { code, admin, root, guide, guideId } = await createVerifiedShop(PASSWORD);
  await admin.call('POST', '/members', {
    account: 'intern',
    password: PASSWORD,
    name: '李明',
    departmentIds: [root],
    realNameVerified: true,
    customerContact: false,
  });
  const group = await admin.call<{ tags: { id: string; name: string }[] }>('POST', '/tag-groups', {
    name: '客户等级',
    tags: [{ name: 'VIP' }, { name: '新客' }],
  });
  await admin.call('POST', '/tag-groups', { name: '兴趣', tags: [{ name: '护肤' }, { name: '彩妆' }] });
  const vip = group.tags.find((tag) => tag.name === 'VIP')?.id ?? '';
  await admin.call('PUT', '/enterprise/crm-link', { template: 'https://crm.example.com/customers/{customerId}' });
  await admin.call('POST', '/quick-replies', {
    scope: 'enterprise',
    title: '门店地址',
    text: '我们在南京东路 100 号 3 楼，欢迎到店体验！',
  });

  const open = await guide.call<{ url: string }>('POST', '/contact-ways', {
    type: 'single',
    name: '柜台海报',
    skipVerify: true,
    state: '春季展会',
  });
  const confirm = await guide.call<{ url: string }>('POST', '/contact-ways', { type: 'single', name: '朋友圈', skipVerify: false });
  const token = (url: string) => url.split('/').pop() ?? '';

  const customers: GuideFixture['customers'] = {};
  for (const nickname of ['林小姐', 'Tom Chen', '周先生']) {
    const { consumer, consumerId } = await newConsumer(nickname);
    await consumer.call('POST', `/contact-links/${token(open.url)}/add`);
    customers[nickname] = { consumer, consumerId, customerId: '' };
  }
  const { data } = await guide.call<{ data: { id: string; consumer: { id: string; nickname: string } }[] }>('GET', '/customers');
  for (const row of data) {
    const entry = customers[row.consumer.nickname];
    if (entry) entry.customerId = row.id;
  }
  // 周先生 deletes the guide: the relationship is lost.
  await customers.周先生.consumer.call('DELETE', `/contacts/enterprise/${guideId}`);
  // A consumer asks through the way that needs confirmation.
  const waiting = await newConsumer('等待的客户');
  await waiting.consumer.call('POST', `/contact-links/${token(confirm.url)}/add`);
  const strangerPhone = `139${String(Date.now()).slice(-8)}`;
  await newConsumer('新朋友', strangerPhone);
  return { code, admin, guide, guideId, vip, customers, strangerPhone, blockedLogin: 'intern' };
}

async function signInAs(
  page: Page,
  code: string,
  login: string,
  labels = { enterprise: '企业 ID', login: '账号、手机号或邮箱', password: '密码' },
) {
  await page.getByLabel(labels.enterprise).fill(code);
  await page.getByLabel(labels.login).fill(login);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByTestId('signin-submit').click();
}

describe('Workspace: customers, chats and contact ways', () => {
  let browser: Browser;
  let fx: GuideFixture;
  beforeAll(async () => {
    browser = await launchBrowser();
    fx = await createGuideFixture();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a desktop: lists customers with the lost one marked, filters, bulk-tags, edits a profile and accepts a request', async () => {
    const context = await newContext(browser, DESKTOP, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/customers');
    await signInAs(page, fx.code, 'fang');
    const table = page.getByTestId('customer-table');
    await table.waitFor();
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(3);
    // The lost customer is marked with the reason.
    const lost = table.locator('[data-testid="customer-name"][data-status="lost"]');
    expect(await lost.innerText()).toContain('周先生');
    expect(await lost.innerText()).toContain('已流失 · 删除');
    expect(await table.innerText()).toContain('扫码 / 联系我 · 春季展会');
    await screenshot(page, 'workspace-customers');

    // Only the lost ones.
    await page.getByTestId('filter-status').getByText('已流失').click();
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(1);
    await page.getByTestId('filter-status').getByText('全部').click();
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(3);

    // Bulk: select 林小姐 and Tom Chen, tag them VIP.
    for (const name of ['林小姐', 'Tom Chen']) {
      await table.locator('tr', { hasText: name }).locator('.ant-checkbox-input').check();
    }
    await page.getByTestId('bulk-bar').waitFor();
    expect(await page.getByTestId('bulk-bar').innerText()).toContain('已选 2 位');
    await page.getByTestId('bulk-tag').click();
    await page.getByRole('dialog').locator('.ant-select').click();
    await page.locator('.ant-select-dropdown').getByText('VIP', { exact: true }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'workspace-bulk-tag');
    await page.getByTestId('bulk-apply').click();
    await page.getByText('已为 2 位客户打标签').waitFor();
    await expect.poll(() => table.locator('tr', { hasText: 'Tom Chen' }).innerText()).toContain('VIP');

    // Filter by the tag: the two tagged ones.
    await page.getByTestId('filter-tags').click();
    await page.locator('.ant-select-dropdown').getByText('VIP', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(2);
    await page.getByTestId('filter-tags').locator('.ant-select-clear').click({ force: true });
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(3);

    // Search by nickname.
    await page.getByPlaceholder('搜索备注、昵称或手机号').fill('Tom');
    await page.getByPlaceholder('搜索备注、昵称或手机号').press('Enter');
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(1);

    // The profile: edit notes, add a personal tag inline.
    await table.locator('tr', { hasText: 'Tom Chen' }).getByTestId('customer-name').click();
    const profile = page.getByTestId('customer-profile');
    await profile.waitFor();
    // The admin's CRM link opens this customer in a new tab.
    const crm = profile.getByTestId('crm-link');
    expect(await crm.getAttribute('href')).toBe(`https://crm.example.com/customers/${fx.customers['Tom Chen'].customerId}`);
    expect(await crm.getAttribute('target')).toBe('_blank');
    await profile.getByTestId('profile-edit').click();
    const form = page.getByTestId('profile-form');
    await form.getByLabel('备注名').fill('陈先生 · 老客');
    await form.getByLabel('描述').fill('喜欢简约风格，每季度到店一次');
    await form.getByLabel('公司').fill('上海某科技公司');
    await form.getByLabel('电话号码').fill('+86 138 0000 1234');
    await form.getByLabel('电话号码').press('Enter');
    await form.getByTestId('profile-save').click();
    await expect.poll(() => profile.getByTestId('profile-name').innerText()).toBe('陈先生 · 老客');
    expect(await profile.innerText()).toContain('+8613800001234');
    await profile.getByTestId('profile-add-tag').click();
    await page.getByTestId('new-personal-tag').fill('爱喝咖啡');
    await page.getByTestId('new-personal-tag').press('Enter');
    await expect.poll(() => profile.getByTestId('profile-tags').innerText()).toContain('爱喝咖啡');
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'workspace-customer-profile');
    await page.keyboard.press('Escape');

    // Requests: accept the consumer waiting on the confirming way; they join the list.
    await page.getByTestId('tab-requests').click();
    const waiting = page.getByTestId('way-request');
    await waiting.waitFor();
    expect(await waiting.innerText()).toContain('等待的客户');
    await page.getByText('你还没有发出过申请').waitFor();
    await screenshot(page, 'workspace-requests');
    await waiting.getByTestId('way-request-accept').click();
    await page.getByText('等待的客户 已成为你的客户').waitFor();
    await page.getByText('暂无待通过的申请').waitFor();

    // Add a customer by phone number: the request shows under "Requests I sent".
    await page.getByTestId('add-customer').click();
    await page.getByTestId('add-lookup').locator('input').fill(fx.strangerPhone);
    await page.getByTestId('add-lookup').locator('input').press('Enter');
    await page.getByTestId('add-found').getByText('新朋友').waitFor();
    await page.getByTestId('add-send').click();
    await page.getByTestId('sent-requests').getByText('新朋友').waitFor();
    expect(await page.getByTestId('sent-requests').innerText()).toContain('等待验证');
    // The accepted consumer is a customer now.
    await page.getByRole('tab', { name: '我的客户' }).click();
    await page.getByPlaceholder('搜索备注、昵称或手机号').fill('');
    await expect.poll(() => table.getByTestId('customer-name').count()).toBe(4);
    await context.close();
  });

  it('on a desktop: creates a contact way with its QR code and link, and chats with a quick reply beside the profile', async () => {
    const context = await newContext(browser, DESKTOP, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/contact-ways');
    await signInAs(page, fx.code, 'fang');
    await page.getByTestId('contact-ways').waitFor();
    await page.getByTestId('way-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('门店收银台');
    await dialog.getByLabel('渠道').fill('收银台立牌');
    await dialog.getByLabel('欢迎语').fill('您好，我是悦享生活馆的王芳，很高兴为您服务！');
    await dialog.getByTestId('way-tags').click();
    await page.locator('.ant-select-dropdown').getByText('新客', { exact: true }).click();
    await page.keyboard.press('Escape');
    await dialog.getByLabel('自动备注').fill('收银台客户');
    await page.getByTestId('way-save').click();
    const way = page.getByTestId('contact-way').filter({ hasText: '门店收银台' });
    await way.waitFor();
    expect(await way.innerText()).toContain('收银台立牌');
    expect(await way.innerText()).toContain('新客');
    expect(await way.getByTestId('way-url').innerText()).toContain('/app/add/');
    // The QR image really loads.
    await expect.poll(() => way.getByTestId('way-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const qrSrc = (await way.getByTestId('way-qr').getAttribute('src')) ?? '';
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'workspace-contact-ways');

    // Edit: the channel changes. Delete: the way and its link are gone.
    await way.getByTestId('way-edit').click();
    await page.getByRole('dialog').getByLabel('渠道').fill('收银台立牌 B');
    await page.getByTestId('way-save').click();
    await expect.poll(() => way.innerText()).toContain('收银台立牌 B');
    const friends = page.getByTestId('contact-way').filter({ hasText: '朋友圈' });
    const friendsUrl = await friends.getByTestId('way-url').innerText();
    await friends.getByTestId('way-delete').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /删\s?除/ })
      .click();
    await friends.waitFor({ state: 'detached' });
    const gone = await page.request.get(`/api/v1/contact-links/${friendsUrl.trim().split('/').pop()}`);
    expect(gone.status()).toBe(404);

    // Chats: 林小姐 writes; the unread badge shows, the conversation opens beside her profile.
    const lin = fx.customers.林小姐;
    const { data } = await lin.consumer.call<{ data: { id: string }[] }>('GET', '/conversations?as=consumer');
    const conversationId = data[0]?.id ?? '';
    await lin.consumer.call('POST', `/conversations/${conversationId}/messages?as=consumer`, {
      clientId: unique('m'),
      kind: 'text',
      body: { text: '你好，请问周末店里有活动吗？😊' },
    });
    await expect.poll(() => page.getByTestId('nav-unread').innerText(), { timeout: 10_000 }).toContain('1');
    await page.getByRole('menuitem', { name: /消息/ }).click();
    // A conversation shows the remark I gave (Tom Chen → 陈先生 · 老客).
    await page.getByTestId('conversation').filter({ hasText: '陈先生 · 老客' }).waitFor();
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).click();
    await page.getByTestId('messages').getByText('你好，请问周末店里有活动吗？😊').waitFor();
    await page.getByTestId('customer-profile').waitFor();
    expect(await page.getByTestId('customer-profile').innerText()).toContain('VIP');

    // A quick reply fills the input; send it; 林小姐 reads it and the mark turns "已读".
    await page.getByTestId('quick-button').click();
    await page.getByTestId('quick-replies').getByTestId('quick-item').filter({ hasText: '门店地址' }).waitFor();
    await screenshot(page, 'workspace-quick-replies');
    await page.getByTestId('quick-replies').getByTestId('quick-item').filter({ hasText: '门店地址' }).click();
    expect(await page.getByTestId('chat-input').inputValue()).toBe('我们在南京东路 100 号 3 楼，欢迎到店体验！');
    await page.getByTestId('chat-send').click();
    const mine = page.locator('[data-testid="msg"][data-mine="true"]').last();
    await expect.poll(() => mine.getAttribute('data-state')).toBe('sent');
    expect(await mine.getByTestId('msg-read').innerText()).toBe('未读');
    const seq = Number(await mine.getAttribute('data-seq'));
    await lin.consumer.call('POST', `/conversations/${conversationId}/read?as=consumer`, { seq });
    await expect.poll(() => mine.getByTestId('msg-read').innerText(), { timeout: 10_000 }).toBe('已读');

    // My personal library: add a reply, it is offered under 我的.
    await page.getByTestId('quick-button').click();
    await page.getByTestId('quick-manage').click();
    await page.getByTestId('quick-new').click();
    const replyForm = page.getByRole('dialog').filter({ hasText: '新建快捷回复' });
    await replyForm.getByLabel('标题').fill('会员积分');
    await replyForm.getByLabel('内容').fill('本次消费可获得双倍积分。');
    await page.getByTestId('quick-save').click();
    await page.getByTestId('quick-manage-modal').getByText('会员积分').waitFor();
    await screenshot(page, 'workspace-quick-manage');
    await page.getByRole('dialog').filter({ hasText: '我的快捷回复' }).locator('.ant-modal-close').click();
    await page.getByTestId('quick-button').click();
    await page.getByTestId('quick-replies').getByText('我的 · 未分组').waitFor();
    await page.getByTestId('quick-replies').getByTestId('quick-item').filter({ hasText: '会员积分' }).click();
    expect(await page.getByTestId('chat-input').inputValue()).toBe('本次消费可获得双倍积分。');
    await page.getByTestId('chat-input').fill('');

    // A send that fails on the network shows as failed; Retry sends it with the same client id.
    const sends = (url: URL) => /\/conversations\/[^/]+\/messages$/.test(url.pathname);
    await page.route(sends, (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    await page.getByTestId('chat-input').fill('网络不好时发的消息');
    await page.getByTestId('chat-send').click();
    const failed = page.locator('[data-testid="msg"][data-state="failed"]');
    await failed.getByTestId('msg-retry').waitFor();
    expect(await failed.innerText()).toContain('网络错误');
    await page.unroute(sends);
    await failed.getByTestId('msg-retry').click();
    await expect.poll(() => page.locator('[data-testid="msg"][data-mine="true"]').last().getAttribute('data-state')).toBe('sent');
    expect(await page.locator('[data-testid="msg"]', { hasText: '网络不好时发的消息' }).count()).toBe(1);

    // Quote her message and reply with an emoji.
    const theirs = page.locator('[data-testid="msg"][data-mine="false"]').last();
    await theirs.hover();
    await theirs.getByTestId('msg-more').click();
    await page.getByRole('menuitem', { name: '引用' }).click();
    await page.getByTestId('composer-quote').waitFor();
    await page.getByTestId('chat-input').fill('有的，周六全场八折 ');
    await page.getByTestId('emoji-button').click();
    await page.getByTestId('emoji-panel').waitFor();
    await screenshot(page, 'workspace-chat-emoji');
    await page.getByTestId('emoji-panel').getByText('🎉').click();
    await page.getByTestId('chat-send').click();
    const quoted = page.locator('[data-testid="msg"][data-mine="true"]').last();
    await quoted.getByTestId('msg-quote').waitFor();
    expect(await quoted.innerText()).toContain('有的，周六全场八折 🎉');
    await expect.poll(() => quoted.getAttribute('data-state')).toBe('sent');

    // Recall within two minutes.
    await quoted.hover();
    await quoted.getByTestId('msg-more').click();
    await page.getByRole('menuitem', { name: '撤回' }).click();
    await page.getByTestId('msg-recalled').getByText('你撤回了一条消息').waitFor();

    // Attachments: an image (the way's own QR code) and a file, uploaded then sent.
    const png = await page.request.get(qrSrc);
    await page.getByTestId('attach-image-input').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await png.body() });
    const image = page.locator('[data-testid="msg"][data-mine="true"]').last();
    await image.locator('img').waitFor();
    await expect.poll(() => image.getAttribute('data-state')).toBe('sent');
    await expect.poll(() => image.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('attach-file-input').setInputFiles({
      name: '周末活动.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('周六全场八折\n'),
    });
    const file = page.locator('[data-testid="msg"][data-mine="true"]').last();
    await file.getByText('周末活动.txt').waitFor();
    await expect.poll(() => file.getAttribute('data-state')).toBe('sent');
    await screenshot(page, 'workspace-chat');

    // The lost customer's conversation: why, and no input.
    await page.getByTestId('conversation').filter({ hasText: '周先生' }).click();
    await page.getByTestId('chat-closed').waitFor();
    await expect.poll(() => page.getByTestId('chat-closed').innerText()).toContain('该客户已将你删除');
    expect(await page.getByTestId('chat-input').count()).toBe(0);
    await screenshot(page, 'workspace-chat-lost');
    await context.close();
  });

  it('on a phone in English: customers as cards, contact ways, chats full screen; no sideways scrolling', async () => {
    const context = await newContext(browser, PHONE, 'en');
    const page = await context.newPage();
    await page.goto('/work/customers');
    await signInAs(page, fx.code, 'fang', { enterprise: 'Enterprise ID', login: 'Account, phone or email', password: 'Password' });
    await page.getByTestId('customer-cards').waitFor();
    expect(await page.getByTestId('customer-cards').innerText()).toContain('Lost · deleted you');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'workspace-customers-phone-en');

    await page.getByTestId('tab-contactWays').click();
    await page.getByTestId('contact-way').first().waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('way-qr')
          .first()
          .evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'workspace-contact-ways-phone-en');

    await page.getByTestId('tab-chats').click();
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).waitFor();
    await screenshot(page, 'workspace-chats-phone-en');
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).click();
    await page.getByTestId('chat-input').waitFor();
    // Full screen: no tab bar while a conversation is open.
    expect(await page.getByTestId('tab-home').count()).toBe(0);
    await page.getByTestId('chat-input').fill('See you on Saturday! 😊');
    await page.getByTestId('chat-send').click();
    await expect.poll(() => page.locator('[data-testid="msg"][data-mine="true"]').last().getAttribute('data-state')).toBe('sent');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'workspace-chat-phone-en');
    await page.getByTestId('chat-profile').click();
    await page.getByTestId('customer-profile').waitFor();
    // Let the drawer finish sliding in.
    await expect.poll(async () => (await page.getByTestId('customer-profile').boundingBox())?.x).toBeLessThan(40);
    await screenshot(page, 'workspace-profile-phone-en');
    await context.close();
  });

  it('on a phone in Chinese: the chat list, a conversation with the quick replies open', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/chats');
    await signInAs(page, fx.code, 'fang');
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).waitFor();
    await screenshot(page, 'workspace-chats-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).click();
    await page.getByTestId('quick-button').click();
    await page.getByTestId('quick-item').first().waitFor();
    // A bottom sheet: let it finish sliding up.
    await expect.poll(async () => (await page.getByTestId('quick-replies').boundingBox())?.y).toBeLessThan(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'workspace-chat-phone-quick');
    await page.getByTestId('quick-item').filter({ hasText: '门店地址' }).click();
    expect(await page.getByTestId('chat-input').inputValue()).toBe('我们在南京东路 100 号 3 楼，欢迎到店体验！');
    await page.getByTestId('tab-home').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '返回消息列表' }).click();
    await page.getByTestId('tab-home').waitFor();
    await context.close();
  });

  it('on a tablet: the profile opens beside the chat in a drawer', async () => {
    const context = await newContext(browser, { viewport: { width: 1024, height: 768 } }, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/chats');
    await signInAs(page, fx.code, 'fang');
    await page.getByTestId('conversation').filter({ hasText: '林小姐' }).click();
    await page.getByTestId('chat-input').waitFor();
    expect(await page.getByTestId('customer-profile').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.getByTestId('chat-profile').click();
    await page.getByTestId('customer-profile').waitFor();
    // Let the drawer finish sliding in.
    await expect
      .poll(async () => {
        const box = await page.locator('.ant-drawer-content-wrapper').boundingBox();
        return box ? Math.round(box.x + box.width) : 0;
      })
      .toBeLessThanOrEqual(1024);
    await screenshot(page, 'workspace-chat-tablet');
    await context.close();
  });

  it('explains a gate refusal with a link to the checklist on Home', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/customers');
    await signInAs(page, fx.code, fx.blockedLogin);
    await page.getByTestId('customers-gate').waitFor();
    await page.getByTestId('add-customer').click();
    await page.getByTestId('add-lookup').locator('input').fill(fx.strangerPhone);
    await page.getByTestId('add-lookup').locator('input').press('Enter');
    await page.getByTestId('add-send').click();
    const refusal = page.getByTestId('gate-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('你暂时无法使用客户联系');
    // The reason, as the checklist names it.
    expect(await refusal.innerText()).toContain('尚未满足：客户联系权限。');
    await screenshot(page, 'workspace-gate-refusal');
    await refusal.getByRole('link', { name: '查看首页的检查清单' }).click();
    await page.getByTestId('gate-checklist').waitFor();
    await context.close();
  });

  it('on a desktop: my welcome message with an image reaches a new customer; a way an admin assigned me is read-only', async () => {
    // An admin's way that offers the guide: listed for her, tagged, with its QR but no edit or delete.
    await fx.admin.call('POST', '/contact-ways', { type: 'single', memberIds: [fx.guideId], name: '总部活码', skipVerify: true });
    const context = await newContext(browser, DESKTOP, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/work/contact-ways');
    await signInAs(page, fx.code, 'fang');
    const assigned = page.getByTestId('contact-way').filter({ hasText: '总部活码' });
    await assigned.getByTestId('way-assigned').waitFor();
    expect(await assigned.getByTestId('way-assigned').innerText()).toBe('管理员分配');
    expect(await assigned.getByTestId('way-edit').count()).toBe(0);
    expect(await assigned.getByTestId('way-delete').count()).toBe(0);
    await expect.poll(() => assigned.getByTestId('way-qr').evaluate(naturalWidth)).toBeGreaterThan(100);
    const own = page.getByTestId('contact-way').filter({ hasText: '柜台海报' });
    expect(await own.getByTestId('way-edit').count()).toBe(1);
    expect(await own.getByTestId('way-assigned').count()).toBe(0);
    await assigned.scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace-contact-ways-assigned');

    // My welcome message: text and an image, previewed on the phone frame, saved.
    await page.getByTestId('my-welcome-link').click();
    const form = page.getByTestId('welcome-form');
    await form.waitFor();
    // Members cannot read the enterprise default: the page says where it lives.
    expect(await page.getByTestId('welcome-enterprise').innerText()).toContain('仅管理员可见');
    const preview = page.getByTestId('welcome-preview');
    await preview.getByText('不发送你的欢迎语').waitFor();
    const text = '您好，我是悦享生活馆的王芳，这是本周的新品图，欢迎到店试用！';
    await form.getByLabel('文字内容').fill(text);
    await form
      .getByTestId('image-upload-input')
      .setInputFiles({ name: '本周新品.png', mimeType: 'image/png', buffer: gradientPng(240, 160) });
    const image = form.getByTestId('image-attachment');
    await image.getByText('本周新品.png').waitFor();
    await expect.poll(() => image.locator('img').evaluate(naturalWidth)).toBeGreaterThan(0);
    await preview.getByText(text).waitFor();
    await expect.poll(() => preview.getByTestId('welcome-preview-image').evaluate(naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('welcome-save').click();
    await page.getByText('欢迎语已保存').waitFor();
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(page, 'workspace-welcome');

    // A consumer adds her through her own way (which has no welcome of its own): mine is sent.
    const ways = await fx.guide.call<{ data: { name: string; url: string }[] }>('GET', '/contact-ways/mine');
    const counter = ways.data.find((w) => w.name === '柜台海报');
    if (!counter) throw new Error('no 柜台海报 way');
    const { consumer } = await newConsumer('新来的陈小姐');
    await consumer.call('POST', `/contact-links/${counter.url.split('/').pop()}/add`);
    await page.goto('/work/chats');
    await page.getByTestId('conversation').filter({ hasText: '新来的陈小姐' }).click();
    const messages = page.getByTestId('messages');
    await messages.getByText(text).waitFor({ timeout: 15_000 });
    const sentImage = page
      .locator('[data-testid="msg"]')
      .filter({ has: page.locator('img') })
      .last();
    await expect.poll(() => sentImage.locator('img').evaluate(naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'workspace-welcome-received');

    // The customer receives the same, and may open the image (granted to the conversation).
    const { data } = await consumer.call<{ data: { id: string }[] }>('GET', '/conversations?as=consumer');
    const conversation = await consumer.call<{ data: { kind: string; body: { text?: string; fileId?: string } }[] }>(
      'GET',
      `/conversations/${data[0]?.id}/messages?as=consumer`,
    );
    expect(conversation.data.map((m) => m.kind)).toEqual(['text', 'image']);
    expect(conversation.data[0]?.body.text).toBe(text);
    const file = await fetch(`${baseUrl()}/api/v1/files/${conversation.data[1]?.body.fileId}?as=consumer`, {
      headers: { cookie: consumer.cookie },
    });
    expect(file.status).toBe(200);
    await context.close();
  });

  it('on a phone in English: my welcome message, the precedence and the preview; no sideways scrolling', async () => {
    const context = await newContext(browser, PHONE, 'en');
    const page = await context.newPage();
    await page.goto('/work/welcome');
    await signInAs(page, fx.code, 'fang', { enterprise: 'Enterprise ID', login: 'Account, phone or email', password: 'Password' });
    await page.getByTestId('welcome-form').waitFor();
    await expect.poll(() => page.getByTestId('welcome-preview-image').evaluate(naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('welcome-precedence').innerText()).toContain("A contact way's own welcome message beats yours");
    // The phone bar keeps its five tabs; this page sits under Contact ways.
    expect(await page.getByTestId('tab-contactWays').getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'workspace-welcome-phone-en');
    // A contact way's own welcome takes images too.
    await page.getByTestId('tab-contactWays').click();
    await page.getByTestId('way-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Welcome message').fill('Hello from the pop-up store!');
    await dialog
      .getByTestId('image-upload-input')
      .setInputFiles({ name: 'pop-up.png', mimeType: 'image/png', buffer: gradientPng(200, 200) });
    await expect.poll(() => dialog.getByTestId('image-attachment').locator('img').evaluate(naturalWidth)).toBeGreaterThan(0);
    await dialog.getByTestId('image-attachment').scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace-way-welcome-phone-en');
    await dialog.getByLabel('Name').fill('Pop-up store');
    await page.getByTestId('way-save').click();
    const way = page.getByTestId('contact-way').filter({ hasText: 'Pop-up store' });
    await way.waitFor();
    expect(await way.innerText()).toContain('(+1 attachments)');
    await context.close();
  });
});
