import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createVerifiedShop } from './support/api.js';
import { DESKTOP, launchBrowser, newContext, PHONE, screenshot, unique } from './support/browser.js';

const PASSWORD = 'contact-pass-1';

/** A browser context signed in with an API client's session. */
async function signedInContext(browser: Browser, client: ApiClient, shape: typeof DESKTOP | typeof PHONE, locale: string) {
  const context = await newContext(browser, shape, locale);
  await client.signIn(context);
  return context;
}

interface Shop {
  code: string;
  guide: ApiClient;
  guideId: string;
  /** An existing customer of the guide (for bulk tagging beside the new one). */
  regular: string;
}

/**
 * A verified enterprise with a contact-ready store guide (real-name verified, customer-contact
 * permission), enterprise tags, an enterprise quick reply, and one customer already.
 */
async function createShop(): Promise<Shop> {
  const { code, admin, guide, guideId } = await createVerifiedShop(PASSWORD);
  await admin.call('POST', '/tag-groups', { name: '客户等级', tags: [{ name: 'VIP' }, { name: '新客' }] });
  await admin.call('POST', '/quick-replies', {
    scope: 'enterprise',
    title: '营业时间',
    text: '门店每天 10:00–22:00 营业，周六全场八折，欢迎光临！',
  });
  // One customer already, through a way made by API.
  const way = await guide.call<{ url: string }>('POST', '/contact-ways', { type: 'single', name: '老客', skipVerify: true });
  const regular = await newConsumer('老客户');
  await regular.client.call('POST', `/contact-links/${way.url.split('/').pop()}/add`);
  return { code, guide, guideId, regular: '老客户' };
}

async function newConsumer(nickname: string) {
  const client = new ApiClient();
  const created = await client.call<{ consumer: { id: string } }>('POST', '/consumers', {
    account: unique('cc.'),
    nickname,
    password: PASSWORD,
  });
  return { client, id: created.consumer.id };
}

const LABELS = {
  'zh-CN': {
    name: '名称',
    state: '渠道',
    welcome: '欢迎语',
    read: '已读',
    source: '扫码 / 联系我',
    tagged: '已为 2 位客户打标签',
    chats: /消息/,
    customers: /客户/,
    ways: /联系我/,
  },
  en: {
    name: 'Name',
    state: 'Channel',
    welcome: 'Welcome message',
    read: 'Read',
    source: 'Contact way',
    tagged: 'Tagged 2 customers',
    chats: /Chats/,
    customers: /Customers/,
    ways: /Contact ways/,
  },
} as const;

/**
 * The whole customer-contact loop across surfaces, in one language: the guide makes a contact way in
 * the Workspace, a consumer opens its link in Messenger and adds her, the welcome message arrives,
 * they chat both ways live (a quick reply, read receipts), and the guide tags the new customer in bulk.
 */
async function contactLoop(browser: Browser, shop: Shop, locale: 'zh-CN' | 'en') {
  const label = LABELS[locale];
  const suffix = locale === 'en' ? '-en' : '';
  const contexts: BrowserContext[] = [];
  try {
    // The guide, on a desktop, creates a contact way.
    const guideContext = await signedInContext(browser, shop.guide, DESKTOP, locale);
    contexts.push(guideContext);
    const guide = await guideContext.newPage();
    await guide.goto('/work/contact-ways');
    await guide.getByTestId('way-create').click();
    const dialog = guide.getByRole('dialog');
    const wayName = locale === 'en' ? 'Window poster' : '橱窗海报';
    const state = locale === 'en' ? 'window-poster' : '橱窗海报';
    const welcome =
      locale === 'en' ? "Hi! I'm Fang from the store — ask me anything." : '您好！我是悦享生活馆的王芳，有任何问题都可以问我。';
    await dialog.getByLabel(label.name).fill(wayName);
    await dialog.getByLabel(label.state).fill(state);
    await dialog.getByLabel(label.welcome).fill(welcome);
    await guide.getByTestId('way-save').click();
    const way = guide.getByTestId('contact-way').filter({ hasText: wayName });
    await way.waitFor();
    await expect.poll(() => way.getByTestId('way-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const url = (await way.getByTestId('way-url').innerText()).trim();
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/app\/add\/[A-Za-z0-9_-]+$/);
    await guide.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(guide, `customer-contact-guide-way${suffix}`);

    // The guide waits in Chats.
    await guide.getByRole('menuitem', { name: label.chats }).click();
    await guide.getByTestId('conversation-list').waitFor();

    // A consumer, on a phone, opens the link and adds the guide.
    const nickname = locale === 'en' ? 'Amy Lin' : '林小姐';
    const consumer = await newConsumer(nickname);
    const consumerContext = await signedInContext(browser, consumer.client, PHONE, locale);
    contexts.push(consumerContext);
    const phone = await consumerContext.newPage();
    await phone.goto(path);
    await phone.getByTestId('add-link').waitFor();
    expect(await phone.getByTestId('add-link').innerText()).toContain('王芳');
    await screenshot(phone, `customer-contact-consumer-link${suffix}`);
    await phone.getByTestId('add-link-add').click();
    await phone.waitForURL('**/app/chats/**');

    // The welcome message arrives in the consumer's chat.
    await phone.getByTestId('chat-messages').getByText(welcome).waitFor({ timeout: 15_000 });

    // The guide sees the new conversation appear live, with the welcome message, and the customer's source.
    const row = guide.getByTestId('conversation').filter({ hasText: nickname });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await guide.getByTestId('messages').getByText(welcome).waitFor();
    const profile = guide.getByTestId('customer-profile');
    await expect.poll(() => profile.getByTestId('profile-source').innerText(), { timeout: 10_000 }).toBe(`${label.source} · ${state}`);
    expect(await profile.getByTestId('profile-way').innerText()).toBe(wayName);

    // Consumer → guide, live.
    const hello = locale === 'en' ? 'Hello! Do you have this jacket in size M?' : '你好！这件外套有 M 码吗？';
    await phone.getByTestId('composer-input').fill(hello);
    await phone.getByTestId('composer-send').click();
    await guide.getByTestId('messages').getByText(hello).waitFor({ timeout: 10_000 });

    // Guide → consumer with a quick reply, live; the consumer reads it and the guide sees "read".
    await guide.getByTestId('quick-button').click();
    await guide.getByTestId('quick-item').filter({ hasText: '营业时间' }).click();
    const reply = '门店每天 10:00–22:00 营业，周六全场八折，欢迎光临！';
    expect(await guide.getByTestId('chat-input').inputValue()).toBe(reply);
    await guide.getByTestId('chat-send').click();
    await phone.getByTestId('chat-messages').getByText(reply).waitFor({ timeout: 10_000 });
    const mine = guide.locator('[data-testid="msg"][data-mine="true"]').last();
    await expect.poll(() => mine.getByTestId('msg-read').innerText(), { timeout: 10_000 }).toBe(label.read);
    await screenshot(guide, `customer-contact-guide-chat${suffix}`);
    await screenshot(phone, `customer-contact-consumer-chat${suffix}`);

    // Bulk tagging from the customer list: the new customer and the regular one get VIP.
    await guide.getByRole('menuitem', { name: label.customers }).click();
    const table = guide.getByTestId('customer-table');
    await table.locator('tr', { hasText: nickname }).waitFor();
    for (const name of [nickname, shop.regular]) {
      await table.locator('tr', { hasText: name }).locator('.ant-checkbox-input').check();
    }
    await guide.getByTestId('bulk-tag').click();
    await guide.getByRole('dialog').locator('.ant-select').click();
    await guide.locator('.ant-select-dropdown').getByText('VIP', { exact: true }).click();
    await guide.keyboard.press('Escape');
    await guide.getByTestId('bulk-apply').click();
    await guide.getByText(label.tagged).waitFor();
    for (const name of [nickname, shop.regular]) {
      await expect.poll(() => table.locator('tr', { hasText: name }).innerText()).toContain('VIP');
    }
    await guide.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot(guide, `customer-contact-guide-tagged${suffix}`);

    // Untag the regular one again (the bulk bar's other half).
    await table.locator('tr', { hasText: shop.regular }).locator('.ant-checkbox-input').check();
    await guide.getByTestId('bulk-untag').click();
    await guide.getByRole('dialog').locator('.ant-select').click();
    await guide.locator('.ant-select-dropdown').getByText('VIP', { exact: true }).click();
    await guide.keyboard.press('Escape');
    await guide.getByTestId('bulk-apply').click();
    await expect.poll(() => table.locator('tr', { hasText: shop.regular }).innerText()).not.toContain('VIP');

    // The way counts the customer it brought.
    await guide.getByRole('menuitem', { name: label.ways }).click();
    await expect.poll(() => guide.getByTestId('contact-way').filter({ hasText: wayName }).getByTestId('way-adds').innerText()).toBe('1');
  } finally {
    for (const context of contexts) await context.close();
  }
}

describe('Customer contact across surfaces (Workspace guide ↔ Messenger consumer)', () => {
  let browser: Browser;
  let shop: Shop;
  beforeAll(async () => {
    browser = await launchBrowser();
    shop = await createShop();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('in Chinese: contact way, add by link, welcome message, live chat both ways, bulk tagging', async () => {
    await contactLoop(browser, shop, 'zh-CN');
  });

  it('in English: the same loop with a second consumer', async () => {
    await contactLoop(browser, shop, 'en');
  });
});
