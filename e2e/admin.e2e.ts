import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPng } from './support/api.js';
import { baseUrl, DESKTOP, launchBrowser, newContext, screenshot, unique } from './support/browser.js';

/** A consumer signs up (API) and adds through a contact way link, as a phone would after scanning. */
async function addThroughLink(url: string, nickname: string) {
  const token = url.split('/app/add/')[1];
  const signUp = await fetch(`${baseUrl()}/api/v1/consumers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: unique('scan.'), nickname, password: 'scan-pass-123' }),
  });
  expect(signUp.status).toBe(201);
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const add = await fetch(`${baseUrl()}/api/v1/contact-links/${token}/add`, { method: 'POST', headers: { cookie } });
  expect(add.status).toBe(200);
  expect((await add.json()).status).toBe('added');
}

/** Loaded and decoded (an image that failed shows 0). */
const naturalWidth = (img: Element) => (img as HTMLImageElement).naturalWidth;

/**
 * The admin console in Chinese: an enterprise signs up through the UI, builds its organisation,
 * adds and imports members, edits a business card and its settings, builds its tag library, quick
 * replies, welcome message and contact ways (a consumer adds through one), sees its customers; then a
 * glance in English and a plain member bounced with "admins only".
 */
describe('admin console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const code = unique('acme-');
  const admin = { account: 'boss', password: 'boss-pass-123' };
  const suffix = code.slice(-5);
  const guide = { account: `wang${suffix}`, name: '王小导', password: 'guide-pass-1' };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The open antd modal / drawer with this title. */
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });

  it('signs up an enterprise with inline validation', async () => {
    await page.goto('/admin/signin');
    await page.getByRole('link', { name: '注册企业' }).click();
    await page.getByRole('heading', { name: '注册企业' }).waitFor();

    await page.getByLabel('企业名称').fill('上海示例零售有限公司');
    await page.getByLabel('企业简称').fill('示例零售');
    await page.getByLabel('企业 ID').fill('Bad code!');
    await page.getByLabel('你的姓名').fill('赵管理');
    await page.getByLabel('管理员账号').fill(admin.account);
    await page.getByLabel('密码', { exact: true }).fill(admin.password);
    await page.getByLabel('确认密码').fill('something-else');
    await page.getByLabel('手机').fill('12');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('仅限小写字母、数字和短横线，且以字母或数字开头').waitFor();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByText('请输入有效的手机号').waitFor();
    await screenshot(page, 'admin-signup');

    await page.getByLabel('企业 ID').fill(code);
    await page.getByLabel('确认密码').fill(admin.password);
    await page.getByLabel('手机').fill('');
    await page.getByLabel('邮箱').fill(`boss@${code}.example.com`);
    await page.getByRole('button', { name: '注册并登录' }).click();

    await page.waitForURL('**/admin/org');
    expect(await page.getByTestId('enterprise-name').textContent()).toBe('上海示例零售有限公司');
    expect(await page.getByTestId('enterprise-verification').getAttribute('data-status')).toBe('unverified');
  });

  it('adds a department and a member in the organisation chart', async () => {
    // the root department is named after the enterprise and selected at first
    await page.getByTestId('org-selected').getByText('上海示例零售有限公司').waitFor();
    await page.getByRole('button', { name: '添加子部门' }).click();
    await dialog('添加部门').getByLabel('部门名称').fill('华东区');
    await dialog('添加部门').getByRole('button', { name: '新建' }).click();
    await page.getByText('已添加部门“华东区”').waitFor();
    // the new department is selected: add a member into it
    await page.getByTestId('org-selected').getByText('华东区').waitFor();
    await page.getByRole('button', { name: '添加成员' }).first().click();
    const drawer = dialog('添加成员');
    await drawer.getByLabel('姓名').fill(guide.name);
    await drawer.getByLabel('账号').fill(guide.account);
    await drawer.getByLabel('初始密码').fill(guide.password);
    await drawer.getByLabel('职务').fill('导购');
    await drawer.getByLabel('手机').fill(`139${Date.now().toString().slice(-8)}`);
    await drawer.getByRole('switch', { name: '实名认证' }).click();
    await drawer.getByRole('switch', { name: '客户联系权限' }).click();
    await drawer.getByTestId('member-save').click();
    await page.getByText(`已添加 ${guide.name}`).waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(guide.name) }).waitFor();
    // member counts follow
    await page.getByTestId('dept-华东区').getByText('(1)').waitFor();
    await screenshot(page, 'admin-org');

    // rename, move and delete an empty department
    await page.getByRole('button', { name: '添加子部门' }).click();
    await dialog('添加部门').getByLabel('部门名称').fill('临时部门');
    await dialog('添加部门').getByRole('button', { name: '新建' }).click();
    await page.getByTestId('dept-临时部门').waitFor();
    await page.getByRole('button', { name: '临时部门 的操作' }).click();
    await page.getByRole('menuitem', { name: '重命名' }).click();
    await dialog('重命名“临时部门”').getByLabel('部门名称').fill('快闪店');
    await dialog('重命名“临时部门”').getByRole('button', { name: '保存' }).click();
    await page.getByTestId('dept-快闪店').waitFor();
    await page.getByRole('button', { name: '快闪店 的操作' }).click();
    await page.getByRole('menuitem', { name: '删除' }).click();
    await dialog('删除“快闪店”？').getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除“快闪店”').waitFor();
    await page.getByTestId('dept-快闪店').waitFor({ state: 'detached' });
    // a department with members cannot be deleted: the reason is shown
    await page.getByRole('button', { name: '华东区 的操作' }).click();
    await page.getByRole('menuitem', { name: '删除' }).click();
    await dialog('删除“华东区”？').getByRole('button', { name: '删除' }).click();
    await page.getByText('请先移出该部门的成员和子部门').waitFor();
  });

  it('imports a CSV: all-or-nothing rejects it, valid-rows imports the good rows', async () => {
    await page.getByRole('menuitem', { name: '成员管理' }).click();
    await page.getByRole('heading', { name: '成员管理' }).waitFor();
    await page.getByRole('button', { name: '批量导入' }).click();
    const modal = dialog('通过 CSV 批量导入成员');
    await modal.getByRole('tab', { name: '粘贴内容' }).click();
    const csv = [
      '账号,姓名,手机,职务,部门,角色,实名,客户联系',
      `li${suffix},李店长,,店长,华东区,成员,是,是`,
      `zhou${suffix},周导购,not-a-phone,导购,华东区,成员,否,否`,
      `chen${suffix},陈导购,,导购,,成员,否,是`,
    ].join('\n');
    await modal.getByRole('textbox', { name: '粘贴内容' }).fill(csv);
    await modal.getByLabel('默认密码（选填）').fill('import-pass-1');
    await modal.getByTestId('import-submit').click();
    await modal.getByTestId('import-rejected').waitFor();
    await modal.getByText('发现 1 处错误，未导入任何成员').waitFor();
    await modal.getByRole('row', { name: /第 3 行/ }).waitFor();
    await screenshot(page, 'admin-import');

    await modal.getByRole('radio', { name: /仅导入正确的行/ }).check();
    await modal.getByTestId('import-submit').click();
    await modal.getByTestId('import-result').waitFor();
    await modal.getByText('已导入 2 名成员').waitFor();
    await modal.getByText('跳过 1 行，原因见下表。').waitFor();
    await screenshot(page, 'admin-import-result');

    // the template downloads, and a file can be uploaded instead of pasted
    await modal.getByRole('button', { name: '继续导入' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: '下载模板' }).click()]);
    expect(download.suggestedFilename()).toBe('成员导入模板.csv');
    await modal.getByRole('tab', { name: '上传文件' }).click();
    await modal.locator('input[type=file]').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
    });
    await modal.getByText('members.csv').waitFor();
    await modal.getByText('共 3 行数据').waitFor();
    await modal.getByRole('button', { name: '取消' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /李店长/ }).waitFor();
    await page.getByRole('row', { name: /陈导购/ }).waitFor();
    expect(await page.getByRole('row', { name: /周导购/ }).count()).toBe(0);
  });

  it('disables a member after confirmation', async () => {
    await page.getByTestId(`member-more-li${suffix}`).click();
    await page.getByRole('menuitem', { name: '停用' }).click();
    await dialog(/停用 李店长/)
      .getByRole('button', { name: '停用' })
      .click();
    await page.getByText('已停用 李店长').waitFor();
    const row = page.getByRole('row', { name: /李店长/ });
    await row.getByText('已停用').waitFor();
    expect(await row.getByTestId('member-status').getAttribute('data-status')).toBe('disabled');
    // filters: only disabled members
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已停用' }).click();
    await page.getByRole('row', { name: /陈导购/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /李店长/ }).waitFor();
    await page.getByRole('button', { name: '重置' }).click();
    await page.getByRole('row', { name: /陈导购/ }).waitFor();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });
    await screenshot(page, 'admin-members');
    // the export link carries the filters and the UI language
    const href = await page.getByTestId('export-csv').getAttribute('href');
    expect(href).toContain('lang=zh-CN');
    const csv = await (await page.request.get(href ?? '')).text();
    expect(csv).toContain('账号,姓名');
    expect(csv).toContain('李店长');
  });

  it('edits a business card with a live preview', async () => {
    await page.getByRole('menuitem', { name: '对外名片' }).click();
    await page.getByText('从左侧选择一名成员，编辑其对外名片').waitFor();
    await page.getByTestId(`card-member-${guide.account}`).click();
    const form = page.getByTestId('card-form');
    await form.waitFor();
    const preview = page.getByTestId('card-preview');
    expect(await preview.getByTestId('card-badge').textContent()).toContain('@示例零售');
    await form.getByLabel('职务').fill('资深导购');
    await form.getByLabel('门店地址').fill('上海市徐汇区淮海中路 88 号 1 楼');
    await form.getByLabel('个人介绍').fill('十年美妆顾问，擅长肤质分析与搭配建议。营业时间 10:00–22:00。');
    await form.getByRole('button', { name: '添加字段' }).click();
    await form.getByLabel('名称').fill('服务时间');
    await form.getByLabel('内容').fill('每天 10:00–22:00');
    await form.getByRole('button', { name: '添加字段' }).click();
    await form.getByTestId('custom-field-1').getByRole('combobox', { name: '类型' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '链接' }).click();
    await form.getByTestId('custom-field-1').getByLabel('名称').fill('官方商城');
    await form.getByTestId('custom-field-1').getByLabel('内容').fill('https://shop.example.com');
    // the preview follows the form as you type
    await preview.getByText('资深导购').waitFor();
    await preview.getByText('上海市徐汇区淮海中路 88 号 1 楼').waitFor();
    await preview.getByText('https://shop.example.com').waitFor();
    await form.getByTestId('card-save').click();
    await page.getByText(`已保存 ${guide.name} 的名片`).waitFor();
    await screenshot(page, 'admin-card');
    // saved: a reload shows it
    await page.reload();
    await page.getByTestId('card-preview').getByText('服务时间').waitFor();
  });

  it('changes enterprise settings within the schema bounds', async () => {
    await page.getByRole('menuitem', { name: '企业设置' }).click();
    const form = page.getByTestId('settings-form');
    await form.waitFor();
    const perMember = form.getByLabel('每位成员的客户上限');
    await perMember.fill('30000');
    await perMember.blur();
    // clamped to the schema maximum
    expect(await perMember.inputValue()).toBe('20000');
    await perMember.fill('3000');
    await form.getByTestId('settings-save').click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.getByText('等待平台认证').waitFor();
    await screenshot(page, 'admin-settings');
    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByTestId('settings-form').getByLabel('每位成员的客户上限').inputValue()).toBe('3000');
  });

  it('builds the tag library: a group limited to a department, tags added, renamed and deleted', async () => {
    await page.getByRole('menuitem', { name: '企业标签' }).click();
    await page.getByRole('heading', { name: '企业标签库' }).waitFor();
    await page.getByText('还没有标签组').waitFor();
    await page.getByRole('button', { name: '新建标签组' }).first().click();
    const modal = dialog('新建标签组');
    await modal.getByLabel('标签组名称').fill('客户等级');
    await modal.getByRole('radio', { name: '仅限指定部门' }).check();
    await modal.getByRole('button', { name: '新建' }).click();
    await modal.locator('.ant-form-item-explain-error', { hasText: '请至少选择一个部门' }).waitFor();
    await modal.getByRole('combobox', { name: '可见部门' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^华东区$/ }).click();
    await modal.getByLabel('标签组名称').click();
    const tagsInput = modal.getByRole('combobox', { name: '标签', exact: true });
    await tagsInput.click();
    await tagsInput.fill('VIP');
    await tagsInput.press('Enter');
    await tagsInput.fill('普通客户');
    await tagsInput.press('Enter');
    await modal.getByLabel('标签组名称').click();
    await modal.getByRole('button', { name: '新建' }).click();
    await page.getByText('已新建标签组“客户等级”').waitFor();
    await modal.waitFor({ state: 'hidden' });
    const group = page.getByTestId('tag-group-客户等级');
    await group.getByText('华东区').waitFor();
    await group.getByTestId('tag-VIP').waitFor();
    await group.getByTestId('tag-普通客户').waitFor();

    // one more tag inline, a rename in place, and a delete after confirming
    await group.getByRole('button', { name: '向 客户等级 添加标签' }).click();
    await group.getByRole('textbox', { name: '向 客户等级 添加标签' }).fill('潜在客户');
    await group.getByRole('textbox', { name: '向 客户等级 添加标签' }).press('Enter');
    await group.getByTestId('tag-潜在客户').waitFor();
    await group.getByRole('textbox', { name: '向 客户等级 添加标签' }).press('Escape');
    await group.getByTestId('tag-普通客户').getByRole('button', { name: '普通客户' }).click();
    await group.getByRole('textbox', { name: '重命名 普通客户' }).fill('老客户');
    await group.getByRole('textbox', { name: '重命名 普通客户' }).press('Enter');
    await group.getByTestId('tag-老客户').waitFor();
    await group.getByTestId('tag-潜在客户').locator('.anticon-close').click();
    await dialog('删除标签“潜在客户”？').getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除标签“潜在客户”').waitFor();
    await group.getByTestId('tag-潜在客户').waitFor({ state: 'detached' });

    // a second group for everyone
    await page.getByRole('button', { name: '新建标签组' }).first().click();
    await modal.getByLabel('标签组名称').fill('兴趣偏好');
    await tagsInput.click();
    await tagsInput.fill('护肤,彩妆,香水,');
    await modal.getByLabel('标签组名称').click();
    await modal.getByRole('button', { name: '新建' }).click();
    await page.getByTestId('tag-group-兴趣偏好').getByText('全企业').waitFor();
    await page.getByTestId('tag-usage').getByText('已用 5 / 3,000 个标签').waitFor();
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    await screenshot(page, 'admin-tags');

    // search narrows to matching tags
    await page.getByLabel('搜索标签组或标签').fill('彩');
    await page.getByTestId('tag-group-客户等级').waitFor({ state: 'detached' });
    await page.getByTestId('tag-彩妆').waitFor();
    expect(await page.getByTestId('tag-护肤').count()).toBe(0);
    await page.getByLabel('搜索标签组或标签').fill('');
    await page.getByTestId('tag-group-客户等级').waitFor();
  });

  it('adds a quick reply in a group and finds it by search', async () => {
    await page.getByRole('menuitem', { name: '快捷回复' }).click();
    await page.getByRole('heading', { name: '快捷回复' }).waitFor();
    await page.getByRole('button', { name: '新建分组' }).click();
    await dialog('新建分组').getByLabel('分组名称').fill('售后服务');
    await dialog('新建分组').getByRole('button', { name: '新建' }).click();
    await page.getByText('已新建分组“售后服务”').waitFor();
    await page.getByTestId('qr-group-售后服务').getByRole('button').first().click();
    await page.getByRole('button', { name: '新建快捷回复' }).first().click();
    const modal = dialog('新建快捷回复');
    // the selected group is the default
    await modal.getByText('售后服务').waitFor();
    await modal.getByLabel('标题').fill('退换货政策');
    await modal.getByLabel('回复内容').fill('您好，商品签收后 7 天内可无理由退换，请保留吊牌和购物小票。😊');
    await modal.getByRole('button', { name: '新建' }).click();
    await page.getByText('已添加到快捷回复库').waitFor();
    await page.getByTestId('quick-reply-退换货政策').waitFor();
    await page.getByRole('button', { name: '新建快捷回复' }).first().click();
    await modal.getByLabel('标题').fill('营业时间');
    await modal.getByLabel('回复内容').fill('门店营业时间为每天 10:00–22:00，节假日照常营业。');
    await modal.getByRole('button', { name: '新建' }).click();
    await page.getByTestId('quick-reply-营业时间').waitFor();
    await page.getByTestId('qr-group-全部').getByRole('button').first().click();
    await page.getByLabel('搜索标题或内容').fill('退换');
    await page.getByLabel('搜索标题或内容').press('Enter');
    await page.getByTestId('quick-reply-营业时间').waitFor({ state: 'detached' });
    await page.getByTestId('quick-reply-退换货政策').waitFor();
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    await screenshot(page, 'admin-quick-replies');
    await page.getByLabel('搜索标题或内容').fill('');
    await page.getByTestId('quick-reply-营业时间').waitFor();
  });

  it('sets the enterprise welcome message with a live preview', async () => {
    await page.getByRole('menuitem', { name: '欢迎语' }).click();
    const form = page.getByTestId('welcome-form');
    await form.waitFor();
    const preview = page.getByTestId('welcome-preview');
    await preview.getByText('不发送欢迎语').waitFor();
    await form.getByLabel('文字内容').fill('您好！我是您的专属美妆顾问，有任何问题随时问我～');
    await form.getByRole('button', { name: '添加链接卡片' }).click();
    await form.getByLabel('标题').fill('新客专享礼');
    await form.getByLabel('链接地址').fill('not a link');
    await form.getByLabel('描述').fill('首单立减 50 元');
    await preview.getByText('您好！我是您的专属美妆顾问，有任何问题随时问我～').waitFor();
    await preview.getByText('新客专享礼').waitFor();
    // An image: uploaded at once, its thumbnail shown in the list and in the phone preview.
    await form
      .getByTestId('image-upload-input')
      .setInputFiles({ name: '新客礼盒.png', mimeType: 'image/png', buffer: gradientPng(240, 160) });
    const image = form.getByTestId('image-attachment');
    await image.getByText('新客礼盒.png').waitFor();
    await expect.poll(() => image.locator('img').evaluate(naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => preview.getByTestId('welcome-preview-image').evaluate(naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('welcome-save').click();
    await form.getByText('请输入以 http:// 或 https:// 开头的链接').waitFor();
    await form.getByLabel('链接地址').fill('https://shop.example.com/new');
    await page.getByTestId('welcome-save').click();
    await page.getByText('欢迎语已保存').waitFor();
    await screenshot(page, 'admin-welcome');
    await page.reload();
    await page.getByTestId('welcome-preview').getByText('新客专享礼').waitFor();
    // The saved image is an enterprise material: it still renders after the reload.
    await expect.poll(() => page.getByTestId('welcome-preview-image').evaluate(naturalWidth)).toBeGreaterThan(0);
    const saved = await page.request.get('/api/v1/enterprise/welcome-message');
    const body = (await saved.json()) as { attachments: { kind: string; body: { name?: string; width?: number } }[] };
    expect(body.attachments.map((a) => a.kind)).toEqual(['link', 'image']);
    expect(body.attachments[1]?.body).toMatchObject({ name: '新客礼盒.png', width: 240 });
  });

  let wayUrl = '';
  it('creates a multi-member contact way, shows its QR code and link, and counts an add', async () => {
    await page.getByRole('menuitem', { name: '联系我/活码' }).click();
    await page.getByRole('heading', { name: '联系我 / 渠道活码' }).waitFor();
    await page.getByRole('button', { name: '新建联系我' }).first().click();
    const drawer = dialog('新建联系我');
    await drawer.getByLabel('名称').fill('淮海店海报');
    await drawer.getByRole('combobox', { name: '成员' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: guide.name }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '陈导购' }).click();
    await drawer.getByLabel('名称').click();
    await drawer.getByLabel('每人每日添加上限').fill('20');
    // 陈导购 only on weekday mornings (王小导 has no schedule: always offered)
    await drawer.getByRole('switch', { name: '接待时段' }).click();
    await drawer.getByRole('button', { name: '为成员设置时段' }).click();
    await drawer.getByRole('combobox', { name: '成员', exact: true }).last().click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '陈导购' })
      .click();
    await drawer.getByLabel('渠道标识').fill('淮海店-海报');
    await drawer.getByLabel('客户备注').fill('海报客户');
    await drawer.getByRole('combobox', { name: '自动标签' }).click();
    await page.locator('.ant-select-tree-title', { hasText: /^VIP$/ }).click();
    await drawer.getByLabel('渠道标识').click();
    await drawer.getByRole('switch', { name: '专属欢迎语' }).click();
    await drawer.getByLabel('文字内容').fill('欢迎光临淮海店！扫码添加即送小样一份。');
    await screenshot(page, 'admin-contact-way-edit-bottom');
    await drawer.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0));
    await screenshot(page, 'admin-contact-way-edit');
    await drawer.getByTestId('way-save').click();
    await page.getByText('已创建“淮海店海报”，二维码和链接如下').waitFor();

    // the QR code (a real image) and the link, with downloads
    const qr = page.getByTestId('way-qr');
    await qr.waitFor();
    await expect.poll(() => qr.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    expect(await qr.getByRole('link', { name: /下载 SVG/ }).getAttribute('href')).toMatch(/\/qr\.svg$/);
    wayUrl = (await qr.locator('.ant-typography').filter({ hasText: '/app/add/' }).first().textContent()) ?? '';
    expect(wayUrl).toMatch(/\/app\/add\/[A-Za-z0-9_-]+$/);
    expect(await qr.getByTestId('way-qr-adds').textContent()).toBe('0');
    await screenshot(page, 'admin-contact-way-qr');
    await page.keyboard.press('Escape');
    await qr.waitFor({ state: 'detached' });

    // a consumer scans it: the way counts the add, in all and today
    await addThroughLink(wayUrl, '扫码的小周');
    // a second way (for the guide alone) and its customer, to tell the filters apart
    const guideId = (await (await page.request.get(`/api/v1/members?q=${encodeURIComponent(guide.name)}`)).json()).data[0].id;
    const desk = await page.request.post('/api/v1/contact-ways', {
      data: { type: 'single', memberIds: [guideId], name: '前台名片', state: '前台', skipVerify: true },
    });
    expect(desk.status()).toBe(201);
    await addThroughLink((await desk.json()).url, '前台的小林');
    await page.reload();
    await page.getByTestId('way-adds-淮海店海报').getByText('1').waitFor();
    expect(await page.getByTestId('way-today-淮海店海报').textContent()).toBe('+1');
    expect(await page.getByTestId('way-today-前台名片').textContent()).toBe('+1');
    await page.getByTestId('ways-today').getByText('2').waitFor();
    const row = page.getByRole('row', { name: /淮海店海报/ });
    await row.getByText('多人').waitFor();
    await row.getByText('淮海店-海报').waitFor();
    await row.getByText(/王小导、陈导购/).waitFor();
    await row.getByText('每日 20 人').waitFor();
    await screenshot(page, 'admin-contact-ways');

    // the CSV export lists the way with its adds
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ways-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^联系我列表-.*\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('名称,类型,成员');
    expect(csv).toContain('名称,类型,成员,渠道标识,客户备注,自动标签,无需验证自动通过,每人每日添加上限,添加客户数,今日,链接');
    expect(csv).toMatch(/淮海店海报,多人,王小导 \/ 陈导购,淮海店-海报,海报客户,VIP,是,20,1,1,/);
    expect(csv).toMatch(/前台名片,单人,王小导,前台,,,是,,1,1,/);

    // the search asks the server (name, channel or remark) once typing pauses
    const search = page.getByLabel('搜索名称、渠道标识或备注');
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/contact-ways?') && r.url().includes('q=%E6%B5%B7%E6%8A%A5'));
    await search.fill('海报客户');
    await searched;
    await page.getByRole('row', { name: /前台名片/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /淮海店海报/ }).waitFor();
    await search.fill('前台');
    await page.getByRole('row', { name: /淮海店海报/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /前台名片/ }).waitFor();
    // the export follows the filters
    const [filteredDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ways-export').click()]);
    const filteredCsv = fs.readFileSync((await filteredDownload.path()) ?? '', 'utf8');
    expect(filteredCsv).toContain('前台名片');
    expect(filteredCsv).not.toContain('淮海店海报');
    await search.fill('');
    await page.getByRole('row', { name: /淮海店海报/ }).waitFor();

    // filter by member and type on the server
    await page.getByRole('combobox', { name: '类型' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '多人' }).click();
    await page.getByRole('row', { name: /前台名片/ }).waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: '成员' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '李店长' }).click();
    await page.getByText('没有符合条件的联系我').waitFor();

    // edit: a higher daily cap and no schedule any more
    await page.reload();
    await page.getByRole('button', { name: '编辑 淮海店海报' }).click();
    const edit = dialog('编辑“淮海店海报”');
    expect(await edit.getByLabel('渠道标识').inputValue()).toBe('淮海店-海报');
    await edit.getByLabel('每人每日添加上限').fill('30');
    await edit.getByRole('switch', { name: '接待时段' }).click();
    await edit.getByTestId('way-save').click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await edit.waitFor({ state: 'hidden' });
    const edited = page.getByRole('row', { name: /淮海店海报/ });
    await edited.getByText('每日 30 人').waitFor();
    expect(await edited.getByText('分时段').count()).toBe(0);
  });

  it("opens a contact way's customers from its row", async () => {
    await page.getByRole('link', { name: '查看 淮海店海报 的客户' }).click();
    await page.waitForURL('**/admin/customers?contactWayId=*');
    await page.getByRole('heading', { name: '客户总览' }).waitFor();
    await page.getByRole('row', { name: /海报客户/ }).waitFor();
    await page
      .locator('.ant-select')
      .filter({ has: page.getByRole('combobox', { name: '联系我' }) })
      .getByText('淮海店海报')
      .waitFor();
    expect(await page.getByRole('row', { name: /前台的小林/ }).count()).toBe(0);
    await page.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    await screenshot(page, 'admin-customers-by-way');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customers-export').click()]);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('扫码的小周');
    expect(csv).not.toContain('前台的小林');
  });

  it('lists the enterprise customers with owner, source, channel and tags, filtered on the server', async () => {
    await page.getByRole('menuitem', { name: '客户总览' }).click();
    await page.waitForURL('**/admin/customers');
    const row = page.getByRole('row', { name: /海报客户/ });
    await row.getByText(guide.name).waitFor();
    await row.getByText('扫描渠道码').waitFor();
    await row.getByText('淮海店-海报').waitFor();
    await row.getByText('正常').waitFor();
    await row.getByTestId('customer-tag').getByText('VIP').waitFor();
    await page.getByRole('row', { name: /前台的小林/ }).waitFor();
    await screenshot(page, 'admin-customers');

    // search by nickname on the server
    const search = page.getByLabel('搜索昵称、备注、手机号');
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/enterprise-customers?') && r.url().includes('q='));
    await search.fill('小林');
    await searched;
    await page.getByRole('row', { name: /海报客户/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /前台的小林/ }).waitFor();
    await search.fill('');
    await page.getByRole('row', { name: /海报客户/ }).waitFor();

    // filter by an enterprise tag (grouped in the picker)
    const tagged = page.waitForResponse((r) => r.url().includes('/api/v1/enterprise-customers?') && r.url().includes('tagIds='));
    await page.getByRole('combobox', { name: '标签', exact: true }).click();
    await page.locator('.ant-select-item-group').filter({ hasText: '客户等级' }).waitFor();
    await page.locator('.ant-select-item-option').filter({ hasText: /^VIP$/ }).click();
    await tagged;
    await page.getByRole('row', { name: /前台的小林/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /海报客户/ }).waitFor();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^老客户$/ })
      .click();
    await page.getByText('没有符合条件的客户').waitFor();
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('row', { name: /前台的小林/ }).waitFor();

    // filter by contact way, picked by a server search
    await page.getByRole('combobox', { name: '联系我' }).click();
    await page.getByRole('combobox', { name: '联系我' }).fill('前台');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^前台名片$/ })
      .click();
    await page.waitForURL('**/admin/customers?contactWayId=*');
    await page.getByRole('row', { name: /海报客户/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /前台的小林/ }).waitFor();
    await page.getByRole('menuitem', { name: '客户总览' }).click();
    await page.getByRole('row', { name: /海报客户/ }).waitFor();

    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已流失' }).click();
    await page.getByText('没有符合条件的客户').waitFor();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '正常' }).click();
    await page.getByRole('row', { name: /海报客户/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customers-export').click()]);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('客户,备注,所属成员,添加时间,添加来源,添加人,联系我,渠道,企业标签,状态,流失时间');
    expect(csv).toMatch(/扫码的小周,海报客户,王小导,[^,]+,扫描渠道码,[^,]*,淮海店海报,淮海店-海报,VIP,正常,/);
    expect(csv).toMatch(/前台的小林,,王小导,[^,]+,扫描渠道码,[^,]*,前台名片,前台,,正常,/);
  });

  it('sets the CRM link template with validation and an example', async () => {
    await page.getByRole('menuitem', { name: '企业设置' }).click();
    const form = page.getByTestId('crm-form');
    await form.waitFor();
    await form.getByLabel('链接模板').fill('https://crm.example.com/customers');
    await form.getByTestId('crm-save').click();
    await form.getByText('请填写不含空格、以 http(s) 开头且包含 {customerId} 或 {consumerId} 的地址').waitFor();
    await form.getByLabel('链接模板').fill('https://crm.example.com/customers/{customerId}?from=rapport');
    await form
      .getByTestId('crm-sample')
      .getByText(/^https:\/\/crm\.example\.com\/customers\/01JD8Z/)
      .waitFor();
    await form.getByTestId('crm-save').click();
    await page.getByText('CRM 链接已保存').waitFor();
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-settings-crm');
    await page.reload();
    expect(await page.getByTestId('crm-form').getByLabel('链接模板').inputValue()).toBe(
      'https://crm.example.com/customers/{customerId}?from=rapport',
    );
  });

  it('switches to English', async () => {
    await page.getByRole('menuitem', { name: '成员管理' }).click();
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).waitFor();
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').waitFor({ state: 'detached' });
    await page
      .getByRole('row', { name: /李店长/ })
      .getByText('Disabled')
      .waitFor();
    await screenshot(page, 'admin-members-en');
    // the customer-contact pages in English
    const pages = [
      { menu: 'Customers', heading: 'Customers', shot: 'admin-customers-en' },
      { menu: 'Contact ways', heading: 'Contact ways', shot: 'admin-contact-ways-en' },
      { menu: 'Tag library', heading: 'Tag library', shot: 'admin-tags-en' },
      { menu: 'Quick replies', heading: 'Quick replies', shot: 'admin-quick-replies-en' },
      { menu: 'Welcome message', heading: 'Welcome message', shot: 'admin-welcome-en' },
    ];
    for (const p of pages) {
      await page.getByRole('menuitem', { name: p.menu }).click();
      await page.getByRole('heading', { name: p.heading, exact: true }).waitFor();
      await page.locator('.ant-skeleton').first().waitFor({ state: 'detached' });
      await page.mouse.move(800, 820);
      await screenshot(page, p.shot);
    }
    await page.getByRole('menuitem', { name: 'Contact ways' }).click();
    await page.getByRole('button', { name: 'QR code of 淮海店海报' }).click();
    await page.getByTestId('way-qr').getByText('Download PNG').waitFor();
    await screenshot(page, 'admin-contact-way-qr-en');
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: 'Members' }).click();
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '成员管理' }).waitFor();
  });

  it('signs out; a plain member is told the console is for admins only', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/admin/signin');
    // the enterprise ID is remembered
    expect(await page.getByLabel('企业 ID', { exact: true }).inputValue()).toBe(code);
    await page.getByLabel('账号', { exact: true }).fill(guide.account);
    await page.getByLabel('密码', { exact: true }).fill(guide.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('仅限管理员').waitFor();
    await page.getByRole('link', { name: '前往工作台' }).waitFor();
    await screenshot(page, 'admin-members-only');
  });
});
