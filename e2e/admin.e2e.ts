import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, screenshot, unique } from './support/browser.js';

/**
 * The admin console in Chinese: an enterprise signs up through the UI, builds its organisation,
 * adds and imports members, edits a business card and its settings; then a glance in English and
 * a plain member bounced with "admins only".
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
