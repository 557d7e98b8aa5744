import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createVerifiedShop, gradientPng } from './support/api.js';
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

interface Shop {
  guide: ApiClient;
  guideId: string;
  /** A skipVerify contact way's token, and one that needs the guide's confirmation. */
  openToken: string;
  confirmToken: string;
}

/** A verified enterprise (悦享) with a contact-ready guide (王芳) who has a card and two contact ways. */
async function createShop(): Promise<Shop> {
  const { guide, guideId } = await createVerifiedShop('member-pass-1');
  await guide.call('PUT', '/members/me/card', {
    phone: '021-6888 1234',
    storeAddress: '上海市南京东路 100 号 3 楼',
    bio: '护肤顾问，十年门店经验。欢迎随时咨询新品与会员活动。',
  });
  const token = (url: string) => url.split('/').pop() ?? '';
  const open = await guide.call<{ url: string }>('POST', '/contact-ways', { type: 'single', name: '柜台海报', skipVerify: true });
  const confirm = await guide.call<{ url: string }>('POST', '/contact-ways', { type: 'single', name: '朋友圈', skipVerify: false });
  return { guide, guideId, openToken: token(open.url), confirmToken: token(confirm.url) };
}

/** A consumer signed up through the API, its session cookie, id and phone. */
async function newConsumer(nickname: string) {
  const client = new ApiClient();
  const phone = uniquePhone();
  const created = await client.call<{ consumer: { id: string } }>('POST', '/consumers', { phone, nickname, password: PASSWORD });
  return { client, id: created.consumer.id, phone };
}

/** A browser context signed in with an API client's consumer session. */
async function contextOf(browser: Browser, client: ApiClient, locale: string) {
  const context = await newContext(browser, PHONE, locale);
  await client.signIn(context);
  return context;
}

const conversationWith = async (client: ApiClient, peerId: string, as = 'consumer') => {
  const { data } = await client.call<{ data: { id: string; peers: { id: string }[] }[] }>('GET', `/conversations?as=${as}`);
  const found = data.find((c) => c.peers.some((p) => p.id === peerId));
  if (!found) throw new Error(`no conversation with ${peerId}`);
  return found.id;
};

const sendAs = (client: ApiClient, as: string, conversationId: string, kind: string, body: Record<string, unknown>) =>
  client.call('POST', `/conversations/${conversationId}/messages?as=${as}`, { clientId: unique('e2e-'), kind, body });

describe('Messenger chat (consumer, phone)', () => {
  let browser: Browser;
  let shop: Shop;
  beforeAll(async () => {
    browser = await launchBrowser();
    shop = await createShop();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a guide by link: the card with its badge signed out, sign-up, back to the link, one tap, the chat', async () => {
    const context = await newContext(browser, PHONE, 'zh-CN');
    const page = await context.newPage();

    // A link that does not exist says so.
    await page.goto('/app/add/no-such-link');
    await page.getByTestId('add-link-invalid').waitFor();
    expect(await page.getByTestId('add-link-invalid').innerText()).toContain('该链接无法使用');
    await screenshot(page, 'messenger-add-link-invalid');

    await page.goto(`/app/add/${shop.openToken}`);
    await page.getByTestId('business-card').waitFor();
    expect(await page.getByTestId('enterprise-badge').innerText()).toContain('@悦享');
    expect(await page.getByTestId('add-link').innerText()).toContain('王芳');
    await screenshot(page, 'messenger-add-link-signed-out');

    // Sign up from the link, and land on the link again.
    await page.getByTestId('add-link-signup').click();
    await page.waitForURL('**/app/signup');
    const phone = uniquePhone();
    await field(page, 'signup-phone').fill(phone);
    await field(page, 'signup-nickname').fill('林小姐');
    await field(page, 'signup-password').fill(PASSWORD);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(`**/app/add/${shop.openToken}`);
    await page.getByTestId('add-link-add').waitFor();
    await screenshot(page, 'messenger-add-link');

    // One tap: added, straight into the chat with the guide.
    await page.getByTestId('add-link-add').click();
    await page.waitForURL('**/app/chats/*');
    const conversationId = page.url().split('/').pop() ?? '';
    expect(await page.getByTestId('chat-title').innerText()).toContain('王芳');
    expect(await page.getByTestId('chat-title').getByTestId('enterprise-badge').innerText()).toContain('@悦享');

    // The guide answers: text, a link card, a location and her business card arrive live.
    await sendAs(shop.guide, 'member', conversationId, 'text', { text: '您好，我是王芳，有任何护肤问题都可以问我 😊' });
    await sendAs(shop.guide, 'member', conversationId, 'link', {
      url: 'https://example.com/spring',
      title: '春季新品上市',
      description: '会员专享 8 折，仅限本周',
    });
    await sendAs(shop.guide, 'member', conversationId, 'location', {
      lat: 31.2384,
      lng: 121.4805,
      name: '悦享生活馆 南京东路店',
      address: '上海市南京东路 100 号 3 楼',
    });
    await sendAs(shop.guide, 'member', conversationId, 'card', { memberId: shop.guideId });
    await page.getByTestId('bubble-card').waitFor();
    await expect.poll(() => page.getByTestId('bubble-card').innerText()).toContain('王芳');
    expect(await page.getByTestId('bubble-link').innerText()).toContain('春季新品上市');
    expect(await page.getByTestId('bubble-location').innerText()).toContain('南京东路店');
    await page.getByTestId('composer-input').fill('好的，谢谢！周末去店里看看');
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.locator('[data-testid="bubble"][data-state="sent"]').count()).toBe(5);
    await screenshot(page, 'messenger-chat-guide');

    // The card message opens the card; Chats lists the guide with the badge.
    await page.getByTestId('bubble-card').click();
    await page.waitForURL(`**/app/cards/${shop.guideId}`);
    await page.getByTestId('business-card').waitFor();
    await page.goto('/app/chats');
    await page.getByTestId('chat-row').first().waitFor();
    expect(await page.getByTestId('chat-row').first().innerText()).toContain('好的，谢谢');
    expect(await page.getByTestId('chat-row').first().getByTestId('enterprise-badge').innerText()).toContain('@悦享');

    // A friend asks to be friends: New friends shows it live (badge on Contacts); accepting opens the chat.
    const friend = await newConsumer('小周');
    await friend.client.call('POST', '/friend-requests', { to: phone, message: '我是小周，上次展会认识的' });
    await expect.poll(() => page.getByTestId('tab-contacts').innerText()).toContain('1');
    await page.getByTestId('tab-contacts').click();
    await page.getByTestId('contacts-enterprise').waitFor();
    await screenshot(page, 'messenger-contacts');
    await page.getByTestId('contacts-new-friends').click();
    await page.getByTestId('friend-request').waitFor();
    expect(await page.getByTestId('friend-request').innerText()).toContain('上次展会认识的');
    await screenshot(page, 'messenger-new-friends');
    await page.getByTestId('friend-request-accept').click();
    await page.waitForURL('**/app/chats/*');
    expect(await page.getByTestId('chat-title').innerText()).toContain('小周');
    await page.goto('/app/contacts');
    await page.getByTestId('contacts-friends').waitFor();
    expect(await page.getByTestId('friend').innerText()).toContain('小周');

    // Chats: the guide (badged) and the friend, newest first, the friend's new message unread.
    await sendAs(
      friend.client,
      'consumer',
      await conversationWith(friend.client, (await page.request.get('/api/v1/consumers/me').then((r) => r.json())).id),
      'text',
      {
        text: '周末一起去逛街吗？',
      },
    );
    await page.getByTestId('tab-chats').click();
    await expect.poll(() => page.getByTestId('chat-row').count()).toBe(2);
    await expect.poll(() => page.getByTestId('chat-row').first().innerText()).toContain('周末一起去逛街吗');
    expect(await page.getByTestId('chat-row').nth(1).getByTestId('enterprise-badge').innerText()).toContain('@悦享');
    await screenshot(page, 'messenger-chats-list');
    await context.close();

    // A link that needs the guide's confirmation: the request waits for her.
    const newcomer = await newConsumer('周先生');
    const other = await contextOf(browser, newcomer.client, 'zh-CN');
    const otherPage = await other.newPage();
    await otherPage.goto(`/app/add/${shop.confirmToken}`);
    await otherPage.getByTestId('add-link-add').click();
    await otherPage.getByTestId('add-link-pending').waitFor();
    expect(await otherPage.getByTestId('add-link-pending').innerText()).toContain('王芳');
    await screenshot(otherPage, 'messenger-add-link-pending');
    await other.close();
  });

  it('accepts a customer request from New friends, then blocks the guide from her page', async () => {
    const consumer = await newConsumer('Emma Li');
    const found = await shop.guide.call<{ id: string }>('GET', `/consumers/lookup?q=${consumer.phone}`);
    await shop.guide.call('POST', '/customer-requests', {
      consumerId: found.id,
      message: 'Hi Emma, I am your skincare adviser at the store.',
    });

    const context = await contextOf(browser, consumer.client, 'en');
    const page = await context.newPage();
    await page.goto('/app/contacts');
    await page.getByTestId('contacts-new-friends').waitFor();
    await expect.poll(() => page.getByTestId('tab-contacts').innerText()).toContain('1');
    await page.getByTestId('contacts-new-friends').click();
    await page.waitForURL('**/app/contacts/new');
    await page.getByTestId('customer-request').waitFor();
    expect(await page.getByTestId('customer-request').innerText()).toContain('skincare adviser');
    expect(await page.getByTestId('customer-request').getByTestId('enterprise-badge').innerText()).toContain('@悦享');
    await screenshot(page, 'messenger-new-friends-en');

    await page.getByTestId('customer-request-accept').click();
    await page.waitForURL('**/app/chats/*');
    expect(await page.getByTestId('chat-title').innerText()).toContain('王芳');

    // Contacts: the guide is listed apart from friends, badged.
    await page.goto('/app/contacts');
    await page.getByTestId('contacts-enterprise').waitFor();
    expect(await page.getByTestId('enterprise-contact').innerText()).toContain('王芳');
    expect(await page.getByTestId('contacts-enterprise').getByTestId('enterprise-badge').innerText()).toContain('@悦享');
    await screenshot(page, 'messenger-contacts-en');

    await page.getByTestId('enterprise-contact').click();
    await page.waitForURL(`**/app/contacts/enterprise/${shop.guideId}`);
    await page.getByTestId('contact-block').waitFor();
    await screenshot(page, 'messenger-contact-en');
    await page.getByTestId('contact-block').click();
    await page.locator('.adm-dialog').getByText('Block', { exact: true }).click();
    await page.waitForURL('**/app/contacts');

    // The chat stays readable but closed, and says why.
    await page.goto('/app/chats');
    await page.getByTestId('chat-row').first().click();
    await page.getByTestId('chat-closed').waitFor();
    expect(await page.getByTestId('chat-closed').innerText()).toContain('blocked');
    expect(await page.getByTestId('composer').count()).toBe(0);
    await screenshot(page, 'messenger-chat-closed-en');
    await context.close();
  });

  it('two friends chat in real time: both directions, unread badges, read receipt, quote, recall, resend after a drop', async () => {
    const anna = await newConsumer('安娜');
    const ben = await newConsumer('Ben');
    const request = await anna.client.call<{ id: string }>('POST', '/friend-requests', { to: ben.phone, message: '我是安娜' });
    await ben.client.call('POST', `/friend-requests/${request.id}/accept`);
    const conversationId = await conversationWith(anna.client, ben.id);

    const annaContext = await contextOf(browser, anna.client, 'zh-CN');
    const benContext = await contextOf(browser, ben.client, 'en');
    const annaPage = await annaContext.newPage();
    const benPage = await benContext.newPage();
    await benPage.goto('/app/chats');
    await benPage.getByTestId('chat-list').waitFor();
    await annaPage.goto(`/app/chats/${conversationId}`);
    await annaPage.getByTestId('composer-input').waitFor();
    await expect.poll(() => annaPage.getByTestId('offline-banner').count()).toBe(0);

    // Anna → Ben: Ben's list shows it live with an unread badge, on the row and the tab.
    await annaPage.getByTestId('composer-input').fill('Ben，周六一起去看展吗？');
    await annaPage.getByTestId('composer-send').click();
    await expect.poll(() => benPage.getByTestId('chat-row-preview').first().innerText()).toContain('周六一起去看展');
    await expect.poll(() => benPage.getByTestId('chat-row').first().locator('.adm-badge-content').innerText()).toBe('1');
    await expect.poll(() => benPage.getByTestId('tab-chats').innerText()).toContain('1');
    await screenshot(benPage, 'messenger-chats-en');

    // Ben opens it: read, and Anna sees the read mark on her message.
    await benPage.getByTestId('chat-row').first().click();
    await benPage.getByText('周六一起去看展').waitFor();
    await annaPage.getByTestId('bubble-read').waitFor();
    expect(await annaPage.getByTestId('bubble-read').innerText()).toBe('已读');
    await expect.poll(() => benPage.getByTestId('tab-chats').locator('.adm-badge-content').count()).toBe(0);

    // Ben → Anna, with an emoji from the picker and a quote of her message.
    await benPage.getByText('周六一起去看展').click({ button: 'right' });
    await benPage.locator('.adm-action-sheet').getByText('Quote', { exact: true }).click();
    await benPage.getByTestId('composer-quote').waitFor();
    await benPage.getByTestId('composer-input').fill('Sure, see you there ');
    await benPage.getByTestId('composer-emoji').click();
    await benPage.getByTestId('emoji-grid').getByRole('button', { name: '👍' }).click();
    await screenshot(benPage, 'messenger-chat-emoji-en');
    await benPage.getByTestId('composer-send').click();
    await annaPage.getByText('Sure, see you there 👍').waitFor();
    expect(await annaPage.locator('.rp-bubble-quote').innerText()).toContain('周六一起去看展');

    // Anna recalls a message within the window; Ben sees the notice instead.
    await annaPage.getByTestId('composer-input').fill('发错了，这条撤回');
    await annaPage.getByTestId('composer-send').click();
    await benPage.getByText('发错了，这条撤回').waitFor();
    await annaPage.getByText('发错了，这条撤回').click({ button: 'right' });
    await annaPage.locator('.adm-action-sheet').getByText('撤回', { exact: true }).click();
    await annaPage.getByText('你撤回了一条消息').waitFor();
    await benPage.getByText('安娜 recalled a message').waitFor();
    expect(await benPage.getByText('发错了，这条撤回').count()).toBe(0);

    // A photo and a file: uploaded, sent, and shown to Ben (thumbnail, name and size).
    await annaPage.getByTestId('composer-attach').click();
    await annaPage.getByTestId('attach-panel').waitFor();
    await screenshot(annaPage, 'messenger-chat-attach');
    await annaPage
      .getByTestId('attach-image-input')
      .setInputFiles({ name: '展览海报.png', mimeType: 'image/png', buffer: gradientPng(240, 160) });
    await annaPage.locator('.rp-bubble-mine img').waitFor();
    await expect
      .poll(() => annaPage.locator('.rp-bubble-mine img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await benPage.locator('[data-testid="bubble"] button[aria-label="Open the picture"]').waitFor();
    await annaPage.getByTestId('composer-attach').click();
    await annaPage.getByTestId('attach-file-input').setInputFiles({
      name: '路线.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('地铁 2 号线南京东路站 3 号口出，步行 5 分钟。\n'.repeat(40)),
    });
    await benPage.getByTestId('bubble-file').waitFor();
    expect(await benPage.getByTestId('bubble-file').innerText()).toContain('路线.txt');
    expect(await benPage.getByTestId('bubble-file').innerText()).toMatch(/\d+ (B|KB)/);

    // A send while the network is down fails and is resent by itself once the connection is back.
    await annaContext.setOffline(true);
    await annaPage.getByTestId('composer-input').fill('网络不好也不会丢');
    await annaPage.getByTestId('composer-send').click();
    await annaPage.locator('[data-testid="bubble"][data-state="failed"]').waitFor();
    await screenshot(annaPage, 'messenger-chat-failed');
    await annaContext.setOffline(false);
    await annaPage.locator('[data-testid="bubble"][data-state="failed"]').waitFor({ state: 'detached', timeout: 30_000 });
    await benPage.getByText('网络不好也不会丢').waitFor();
    expect(await benPage.getByText('网络不好也不会丢').count()).toBe(1);
    await annaPage.getByTestId('bubble-read').waitFor();

    // A send the server could not take: the red mark offers to resend it (same clientId) or drop it.
    const sends = '**/api/v1/conversations/*/messages?as=consumer';
    await annaPage.route(sends, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'INTERNAL', message: 'down' } }),
          })
        : route.continue(),
    );
    await annaPage.getByTestId('composer-input').fill('再发一次');
    await annaPage.getByTestId('composer-send').click();
    await annaPage.getByTestId('bubble-retry').waitFor();
    await annaPage.unroute(sends);
    await annaPage.getByTestId('bubble-retry').click();
    await annaPage.locator('.adm-action-sheet').getByText('重发', { exact: true }).click();
    await benPage.getByText('再发一次').waitFor();
    await expect.poll(() => annaPage.getByTestId('bubble-retry').count()).toBe(0);

    // A message still waiting when the page is closed is sent (once) when Messenger opens again.
    await annaPage.route(sends, (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    await annaPage.getByTestId('composer-input').fill('关掉页面也会发出去');
    await annaPage.getByTestId('composer-send').click();
    await annaPage.getByTestId('bubble-retry').waitFor();
    await annaPage.unroute(sends);
    await annaPage.reload();
    await benPage.getByText('关掉页面也会发出去').waitFor();
    await expect.poll(() => annaPage.getByTestId('bubble-retry').count()).toBe(0);
    expect(await annaPage.getByText('关掉页面也会发出去').count()).toBe(1);
    expect(await benPage.getByText('关掉页面也会发出去').count()).toBe(1);
    await screenshot(annaPage, 'messenger-chat');
    await screenshot(benPage, 'messenger-chat-en');

    // Anna's Chats list: newest first, the last message as the preview.
    await annaPage.getByRole('button', { name: /back/i }).or(annaPage.locator('.adm-nav-bar-back')).first().click();
    await annaPage.waitForURL('**/app/chats');
    expect(await annaPage.getByTestId('chat-row-preview').first().innerText()).toContain('关掉页面也会发出去');
    await screenshot(annaPage, 'messenger-chats');
    await annaContext.close();
    await benContext.close();
  });

  it('voice notes: hold to talk records and sends, the friend gets it live and plays it; too short and slide-up send nothing', async () => {
    const gina = await newConsumer('吉娜');
    const hugo = await newConsumer('Hugo');
    const request = await gina.client.call<{ id: string }>('POST', '/friend-requests', { to: hugo.phone });
    await hugo.client.call('POST', `/friend-requests/${request.id}/accept`);
    const conversationId = await conversationWith(gina.client, hugo.id);
    const ginaContext = await contextOf(browser, gina.client, 'zh-CN');
    const hugoContext = await contextOf(browser, hugo.client, 'en');
    const ginaPage = await ginaContext.newPage();
    const hugoPage = await hugoContext.newPage();
    await hugoPage.goto(`/app/chats/${conversationId}`);
    await ginaPage.goto(`/app/chats/${conversationId}`);
    await hugoPage.getByTestId('composer-input').waitFor();
    await ginaPage.getByTestId('composer-input').waitFor();
    await expect.poll(() => hugoPage.getByTestId('offline-banner').count()).toBe(0);

    // The toggle swaps the text box for the talk button (and back).
    await ginaPage.getByTestId('composer-voice-toggle').click();
    const hold = ginaPage.getByTestId('voice-hold');
    expect(await hold.innerText()).toBe('按住 说话');
    const box = await hold.boundingBox();
    if (!box) throw new Error('no talk button');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await ginaPage.mouse.move(x, y);

    // Under a second: refused, nothing sent.
    await ginaPage.mouse.down();
    await ginaPage.waitForTimeout(300);
    await ginaPage.mouse.up();
    await ginaPage.getByText('说话时间太短').waitFor();
    await ginaPage.waitForTimeout(300);
    await screenshot(ginaPage, 'messenger-voice-too-short');
    expect(await ginaPage.getByTestId('bubble').count()).toBe(0);
    await ginaPage.locator('.adm-toast-main').waitFor({ state: 'detached' });

    // Sliding up off the button and releasing cancels.
    await ginaPage.mouse.down();
    await ginaPage.getByTestId('voice-overlay').waitFor();
    await ginaPage.waitForTimeout(1500);
    await ginaPage.mouse.move(x, y - 220, { steps: 5 });
    await expect.poll(() => ginaPage.getByTestId('voice-overlay').getAttribute('data-cancel')).toBe('true');
    expect(await ginaPage.getByTestId('voice-overlay').innerText()).toContain('松开手指，取消发送');
    await screenshot(ginaPage, 'messenger-voice-cancel');
    await ginaPage.mouse.up();
    await ginaPage.getByTestId('voice-overlay').waitFor({ state: 'detached' });
    await ginaPage.waitForTimeout(500);
    expect(await ginaPage.getByTestId('bubble').count()).toBe(0);
    await ginaPage.mouse.move(x, y);

    // Hold about two seconds: the overlay counts, release sends.
    await ginaPage.mouse.down();
    await ginaPage.getByTestId('voice-overlay').waitFor();
    await expect.poll(() => ginaPage.getByTestId('voice-elapsed').innerText(), { timeout: 5000 }).toBe('0:01');
    expect(await ginaPage.getByTestId('voice-overlay').innerText()).toContain('手指上滑，取消发送');
    await screenshot(ginaPage, 'messenger-voice-recording');
    await ginaPage.waitForTimeout(1000);
    await ginaPage.mouse.up();
    const sent = ginaPage.locator('[data-testid="bubble"][data-state="sent"] [data-testid="bubble-voice"]');
    await sent.waitFor();
    expect(await ginaPage.getByTestId('bubble-voice').count()).toBe(1);
    expect(Number(await sent.getAttribute('data-duration'))).toBeGreaterThanOrEqual(2);
    expect(await sent.innerText()).toMatch(/^\d+″$/);
    // Mine carry no unplayed dot.
    expect(await ginaPage.getByTestId('bubble-voice-unplayed').count()).toBe(0);
    // The sender can play her own note back.
    await sent.click();
    await expect.poll(() => sent.getAttribute('data-state'), { timeout: 5000 }).toBe('playing');
    await expect.poll(() => sent.getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');

    // Hugo gets it live, with its length and the unplayed dot; tapping plays it and the dot goes.
    const received = hugoPage.getByTestId('bubble-voice');
    await received.waitFor();
    expect(Number(await received.getAttribute('data-duration'))).toBeGreaterThanOrEqual(1);
    expect(await received.innerText()).toMatch(/^\d+″$/);
    await hugoPage.getByTestId('bubble-voice-unplayed').waitFor();
    await screenshot(hugoPage, 'messenger-voice-en');
    // Sending granted him the file (docs/decisions/0009): it downloads as audio and plays to the end.
    const download = await hugoPage.request.get(`/api/v1/files/${await received.getAttribute('data-file')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toMatch(/^audio\//);
    await received.click();
    await expect.poll(() => received.getAttribute('data-state'), { timeout: 5000 }).toBe('playing');
    expect(await hugoPage.getByTestId('bubble-voice-unplayed').count()).toBe(0);
    await expect.poll(() => received.getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');
    // Played stays played after a reload.
    await hugoPage.reload();
    await hugoPage.getByTestId('bubble-voice').waitFor();
    expect(await hugoPage.getByTestId('bubble-voice-unplayed').count()).toBe(0);
    await ginaPage.locator('.adm-toast-main').waitFor({ state: 'detached' });
    await screenshot(ginaPage, 'messenger-voice');

    // An upload that fails leaves a red mark; resend uploads it again and sends it.
    const uploads = '**/api/v1/files?*';
    await ginaPage.route(uploads, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'INTERNAL', message: 'down' } }),
      }),
    );
    await ginaPage.mouse.move(x, y);
    await ginaPage.mouse.down();
    await ginaPage.getByTestId('voice-overlay').waitFor();
    await ginaPage.waitForTimeout(1500);
    await ginaPage.mouse.up();
    await ginaPage.locator('[data-testid="bubble"][data-state="failed"] [data-testid="bubble-voice"]').waitFor();
    await ginaPage.unroute(uploads);
    await ginaPage.getByTestId('bubble-retry').click();
    await ginaPage.locator('.adm-action-sheet').getByText('重发', { exact: true }).click();
    await expect.poll(() => ginaPage.locator('[data-testid="bubble"][data-state="sent"] [data-testid="bubble-voice"]').count()).toBe(2);
    expect(await ginaPage.getByTestId('bubble-retry').count()).toBe(0);
    await expect.poll(() => hugoPage.getByTestId('bubble-voice').count()).toBe(2);
    // One note plays at a time: starting the second stops the first.
    const mine = ginaPage.getByTestId('bubble-voice');
    await mine.nth(0).click();
    await expect.poll(() => mine.nth(0).getAttribute('data-state'), { timeout: 5000 }).toBe('playing');
    await mine.nth(1).click();
    await expect.poll(() => mine.nth(1).getAttribute('data-state'), { timeout: 5000 }).toBe('playing');
    expect(await mine.nth(0).getAttribute('data-state')).toBe('idle');
    await ginaContext.close();
    await hugoContext.close();
  });

  it('voice notes without a microphone: a clear message, and the keyboard comes back', async () => {
    const ivy = await newConsumer('Ivy');
    const jack = await newConsumer('Jack');
    const request = await ivy.client.call<{ id: string }>('POST', '/friend-requests', { to: jack.phone });
    await jack.client.call('POST', `/friend-requests/${request.id}/accept`);
    const conversationId = await conversationWith(ivy.client, jack.id);
    const context = await contextOf(browser, ivy.client, 'en');
    // The user said no to the microphone.
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    const page = await context.newPage();
    await page.goto(`/app/chats/${conversationId}`);
    await page.getByTestId('composer-voice-toggle').click();
    await page.getByTestId('voice-hold').hover();
    await page.mouse.down();
    await page.getByText('Microphone access is blocked').waitFor();
    await screenshot(page, 'messenger-voice-denied-en');
    await page.mouse.up();
    await page.getByTestId('composer-input').waitFor();
    expect(await page.getByTestId('voice-hold').count()).toBe(0);
    expect(await page.getByTestId('bubble').count()).toBe(0);
    await context.close();
  });

  it('loads a long history page by page: the newest first, older ones on scrolling up, keeping the place', async () => {
    const eve = await newConsumer('Eve');
    const finn = await newConsumer('Finn');
    const request = await eve.client.call<{ id: string }>('POST', '/friend-requests', { to: finn.phone });
    await finn.client.call('POST', `/friend-requests/${request.id}/accept`);
    const conversationId = await conversationWith(eve.client, finn.id);
    for (let i = 1; i <= 70; i++) {
      await sendAs(i % 2 ? finn.client : eve.client, 'consumer', conversationId, 'text', { text: `message ${i}` });
    }
    const context = await contextOf(browser, eve.client, 'en');
    const page = await context.newPage();
    await page.goto(`/app/chats/${conversationId}`);
    await page.getByText('message 70', { exact: true }).waitFor();
    expect(await page.getByTestId('bubble').count()).toBe(50);
    expect(await page.getByText('message 20', { exact: true }).count()).toBe(0);
    const scroller = page.getByTestId('chat-messages');
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await page.getByText('message 1', { exact: true }).waitFor();
    expect(await page.getByTestId('bubble').count()).toBe(70);
    // The view stays where the reader was instead of jumping to the top of the older page.
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
    await context.close();
  });

  it('adds a friend by phone: the request waits in their New friends', async () => {
    const carol = await newConsumer('Carol');
    const dan = await newConsumer('丹丹');
    const context = await contextOf(browser, carol.client, 'en');
    const page = await context.newPage();
    await page.goto('/app/contacts');
    await page.getByTestId('contacts-add-friend').click();
    await page.waitForURL('**/app/contacts/add');
    await field(page, 'add-friend-to').fill(carol.phone);
    await page.getByTestId('add-friend-submit').click();
    await page.getByTestId('add-friend-error').waitFor();
    await field(page, 'add-friend-to').fill(dan.phone);
    await page.getByTestId('add-friend-message').locator('textarea').first().fill('Hi, Carol from the yoga class');
    await screenshot(page, 'messenger-add-friend-en');
    await page.getByTestId('add-friend-submit').click();
    await page.waitForURL('**/app/contacts/new');
    await page.getByText('Waiting').waitFor();
    const incoming = await dan.client.call<{ incoming: { from: { nickname: string } }[] }>('GET', '/friend-requests');
    expect(incoming.incoming.map((r) => r.from.nickname)).toEqual(['Carol']);
    await context.close();
  });
});
