/**
 * `npm run demo`: a believable verified retail chain — three stores as departments, two admins,
 * twelve store guides with business cards — and a few Messenger consumers. Everything goes
 * through the public API (app.inject), so the demo exercises the same paths users do.
 * Running it again changes nothing.
 */
import type { RapportApp } from '../app.js';

export const DEMO = {
  enterprise: 'maple',
  password: 'demo-pass-1',
  consumerPassword: 'demo-pass-1',
};

const STORES = [
  { name: '上海徐汇店', address: '上海市徐汇区漕溪北路 88 号 枫林生活 1F' },
  { name: '上海静安店', address: '上海市静安区南京西路 1266 号 恒隆广场 B1' },
  { name: '杭州湖滨店', address: '杭州市上城区湖滨路 21 号 湖滨银泰 in77 C 区' },
];

const GUIDES = [
  ['zhouxin', '周欣', '资深导购', 0],
  ['lina', '李娜', '美妆顾问', 0],
  ['chenhao', '陈浩', '店长', 0],
  ['wangfang', '王芳', '导购', 0],
  ['liuyang', '刘洋', '店长', 1],
  ['zhaomin', '赵敏', '护肤顾问', 1],
  ['sunli', '孙丽', '导购', 1],
  ['hejing', '何静', '会员专员', 1],
  ['gaofei', '高飞', '店长', 2],
  ['linxiao', '林晓', '导购', 2],
  ['xuyan', '许妍', '美妆顾问', 2],
  ['tangjie', '唐杰', '导购', 2],
] as const;

const CONSUMERS = [
  ['13800138001', '小雨'],
  ['13800138002', 'Coco'],
  ['13800138003', '阿杰'],
  ['13800138004', '晴天'],
  ['13800138005', 'Mia 米娅'],
  ['13800138006', '老周'],
] as const;

export async function seedDemo(app: RapportApp, log: (line: string) => void = console.log): Promise<void> {
  const call = async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, cookie?: string) => {
    const response = await app.inject({ method, url: `/api/v1${url}`, payload: payload as object, headers: cookie ? { cookie } : {} });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return { body: response.json() as T, cookie: setCookie(response.headers['set-cookie']) };
  };

  const existing = await app.platform.db.selectFrom('enterprises').select('id').where('code', '=', DEMO.enterprise).executeTakeFirst();
  if (existing) {
    log('The demo enterprise already exists; nothing to do.');
    printDetails(log);
    return;
  }

  const signUp = await call<{ enterprise: { id: string }; member: { id: string; departmentIds: string[] } }>('POST', '/enterprises', {
    enterpriseName: '枫林生活（Maple & Moss）',
    shortName: '枫林生活',
    code: DEMO.enterprise,
    adminName: '王静',
    account: 'admin',
    password: DEMO.password,
    phone: '13900000001',
    email: 'wangjing@maple.example',
  });
  const admin = signUp.cookie;
  const rootId = signUp.body.member.departmentIds[0];
  const enterpriseId = signUp.body.enterprise.id;

  const hq = await call<{ id: string }>('POST', '/departments', { name: '总部运营', parentId: rootId, sort: 0 }, admin);
  await call(
    'PATCH',
    `/members/${signUp.body.member.id}`,
    { title: '会员运营总监', realNameVerified: true, customerContact: true, departmentIds: [hq.body.id] },
    admin,
  );
  const stores: string[] = [];
  for (const [i, store] of STORES.entries()) {
    stores.push((await call<{ id: string }>('POST', '/departments', { name: store.name, parentId: rootId, sort: i + 1 }, admin)).body.id);
  }

  await call(
    'POST',
    '/members',
    {
      account: 'ops',
      password: DEMO.password,
      name: '陈晨',
      title: '会员运营经理',
      phone: '13900000002',
      role: 'admin',
      realNameVerified: true,
      customerContact: true,
      departmentIds: [hq.body.id],
    },
    admin,
  );

  for (const [n, [account, name, title, store]] of GUIDES.entries()) {
    const member = await call<{ id: string }>(
      'POST',
      '/members',
      {
        account,
        password: DEMO.password,
        name,
        title,
        phone: `1370000${String(100 + n).padStart(4, '0')}`,
        email: `${account}@maple.example`,
        realNameVerified: n !== 11,
        customerContact: n !== 10,
        departmentIds: [stores[store]],
      },
      admin,
    );
    await call(
      'PUT',
      `/members/${member.body.id}/card`,
      {
        phone: `1370000${String(100 + n).padStart(4, '0')}`,
        storeAddress: STORES[store].address,
        bio: `你好，我是${STORES[store].name}的${name}，有任何护肤、穿搭或会员问题都可以随时找我。`,
        customFields: [
          { label: '营业时间', kind: 'text', value: '10:00–22:00' },
          { label: '会员中心', kind: 'link', value: 'https://maple.example/member' },
        ],
      },
      admin,
    );
  }

  for (const [phone, nickname] of CONSUMERS) {
    await call('POST', '/consumers', { phone, nickname, password: DEMO.consumerPassword });
  }

  await verifyEnterprise(app, enterpriseId);
  log('Demo data created.');
  printDetails(log);
}

async function verifyEnterprise(app: RapportApp, enterpriseId: string) {
  const { verifyEnterpriseAsPlatform } = await import('../modules/operator/index.js');
  await verifyEnterpriseAsPlatform(app.platform, enterpriseId);
}

function setCookie(header: string | string[] | undefined): string | undefined {
  const first = Array.isArray(header) ? header[0] : header;
  return first?.split(';')[0];
}

function printDetails(log: (line: string) => void) {
  log(
    [
      '',
      '  Demo sign-in details (password for everyone: demo-pass-1)',
      `  Admin console  /admin  enterprise ID "${DEMO.enterprise}", account "admin" (王静) or "ops" (陈晨)`,
      `  Workspace      /work   enterprise ID "${DEMO.enterprise}", accounts ${GUIDES.slice(0, 4)
        .map(([a]) => `"${a}"`)
        .join(', ')} … (12 guides)`,
      `  Messenger      /app    phones ${CONSUMERS.slice(0, 3)
        .map(([p]) => p)
        .join(', ')} … (6 consumers)`,
      '',
    ].join('\n'),
  );
}
