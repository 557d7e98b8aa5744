/**
 * `npm run demo`: a believable verified retail chain — three stores as departments, two admins,
 * twelve store guides with business cards — and Messenger consumers who are already customers:
 * tags, quick replies, a default welcome message, contact ways, customer chats, a friendship and
 * requests waiting to be answered. Everything goes through the public API (app.inject), so the demo
 * exercises the same paths users do. Running it again changes nothing.
 */
import { type RapportApp, registerJobHandlers } from '../app.js';
import { JobRunner } from '../platform/jobs/index.js';

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

  const consumers: Array<{ id: string; cookie: string }> = [];
  for (const [phone, nickname] of CONSUMERS) {
    const created = await call<{ consumer: { id: string } }>('POST', '/consumers', { phone, nickname, password: DEMO.consumerPassword });
    consumers.push({ id: created.body.consumer.id, cookie: created.cookie as string });
  }

  await verifyEnterprise(app, enterpriseId);
  await seedCustomerContact(app, call, { admin: admin as string, stores, consumers });
  log('Demo data created.');
  printDetails(log);
}

type Call = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  cookie?: string,
) => Promise<{ body: T; cookie: string | undefined }>;

/** Tags, quick replies, welcome, contact ways, customers with chats, a friendship and open requests. */
async function seedCustomerContact(
  app: RapportApp,
  call: Call,
  { admin, stores, consumers }: { admin: string; stores: string[]; consumers: Array<{ id: string; cookie: string }> },
) {
  const signIn = async (login: string) =>
    (await call('POST', '/sessions/member', { enterprise: DEMO.enterprise, login, password: DEMO.password })).cookie as string;
  type Consumer = (typeof consumers)[number];
  const [xiaoyu, coco, ajie, qingtian, mia, laozhou] = consumers as [Consumer, Consumer, Consumer, Consumer, Consumer, Consumer];

  type Group = { tags: Array<{ id: string; name: string }> };
  const level = (
    await call<Group>('POST', '/tag-groups', { name: '会员等级', tags: [{ name: '金卡' }, { name: '银卡' }, { name: '新客' }] }, admin)
  ).body.tags;
  const interest = (
    await call<Group>('POST', '/tag-groups', { name: '兴趣偏好', tags: [{ name: '护肤' }, { name: '彩妆' }, { name: '香氛' }] }, admin)
  ).body.tags;
  await call('POST', '/tag-groups', { name: '湖滨店活动', departmentIds: [stores[2]], tags: [{ name: '西湖音乐节' }] }, admin);
  const tag = (tags: Group['tags'], name: string) => tags.find((t) => t.name === name)?.id as string;

  const storeInfo = (await call<{ id: string }>('POST', '/quick-reply-groups', { scope: 'enterprise', name: '门店信息' }, admin)).body.id;
  const offers = (await call<{ id: string }>('POST', '/quick-reply-groups', { scope: 'enterprise', name: '会员活动' }, admin)).body.id;
  for (const [groupId, title, text] of [
    [storeInfo, '营业时间', '我们每天 10:00–22:00 营业，节假日照常，欢迎随时过来～'],
    [storeInfo, '停车', '商场地下停车场 B2，消费满 200 元可免费停车 2 小时。'],
    [offers, '双十二', '双十二会员日：全场 8.5 折，金卡会员再享积分双倍，12 月 10 日起可预约。'],
    [offers, '生日礼', '生日当月到店可领取会员生日礼一份，记得带上会员码哦。'],
  ] as const) {
    await call('POST', '/quick-replies', { scope: 'enterprise', title, text, groupId }, admin);
  }
  await call(
    'PUT',
    '/enterprise/welcome-message',
    { text: '你好，欢迎成为枫林生活的会员！我是你的专属顾问，有任何问题都可以直接在这里问我。', attachments: [] },
    admin,
  );

  const members = (await call<{ data: Array<{ id: string; account: string }> }>('GET', '/members?limit=100', undefined, admin)).body.data;
  const memberId = (account: string) => members.find((m) => m.account === account)?.id as string;
  const { body: counter } = await call<{ url: string }>(
    'POST',
    '/contact-ways',
    {
      type: 'single',
      memberIds: [memberId('zhouxin')],
      name: '徐汇店收银台',
      skipVerify: true,
      state: 'xuhui-counter',
      remark: '徐汇店',
      tagIds: [tag(level, '新客')],
      welcome: { text: '感谢扫码添加！今天到店消费可领取一份小样，出示此消息即可。', attachments: [] },
    },
    admin,
  );
  const { body: citywide } = await call<{ url: string }>(
    'POST',
    '/contact-ways',
    {
      type: 'multi',
      memberIds: [memberId('liuyang'), memberId('zhaomin'), memberId('sunli')],
      name: '静安店导购活码',
      skipVerify: true,
      state: 'jingan-poster',
      dailyCapPerMember: 50,
    },
    admin,
  );
  await call(
    'POST',
    '/contact-ways',
    { type: 'single', memberIds: [memberId('gaofei')], name: '湖滨店店长', state: 'hubin-manager' },
    admin,
  );
  const addThrough = (way: { url: string }, consumer: { cookie: string }) =>
    call('POST', `/contact-links/${way.url.split('/').pop()}/add`, undefined, consumer.cookie);
  const request = async (member: string, consumer: { id: string }, message: string) =>
    (await call<{ id: string }>('POST', '/customer-requests', { consumerId: consumer.id, message }, member)).body.id;

  const zhouxin = await signIn('zhouxin');
  const lina = await signIn('lina');
  await addThrough(counter, xiaoyu);
  await addThrough(citywide, mia);
  await call('POST', `/customer-requests/${await request(zhouxin, coco, '你好，我是徐汇店的周欣')}/accept`, undefined, coco.cookie);
  await call('POST', `/customer-requests/${await request(zhouxin, ajie, '上次的面霜到货啦')}/accept`, undefined, ajie.cookie);
  await call('POST', `/customer-requests/${await request(lina, qingtian, '我是李娜，帮你留了试用装')}/accept`, undefined, qingtian.cookie);
  await request(zhouxin, laozhou, '你好，我是枫林生活徐汇店的周欣');
  // The welcome messages go out through the job queue; send them before the conversations go on.
  const runner = registerJobHandlers(new JobRunner(app.platform));
  while ((await runner.runOnce()) > 0) {
    // until no job is due
  }

  type Customers = { data: Array<{ id: string; consumer: { id: string }; conversationId: string }> };
  const customersOf = async (cookie: string) => (await call<Customers>('GET', '/customers?limit=100', undefined, cookie)).body.data;
  const zhouxinCustomers = await customersOf(zhouxin);
  const customer = (consumer: { id: string }) => zhouxinCustomers.find((c) => c.consumer.id === consumer.id) as Customers['data'][0];
  await call(
    'PATCH',
    `/customers/${customer(xiaoyu).id}`,
    { remark: '小雨（敏感肌）', description: '偏好无香精产品，周末下午到店', company: '' },
    zhouxin,
  );
  await call('POST', `/customers/${customer(xiaoyu).id}/tags`, { add: [tag(level, '金卡'), tag(interest, '护肤')] }, zhouxin);
  await call('POST', `/customers/${customer(coco).id}/tags`, { add: [tag(level, '新客'), tag(interest, '彩妆')] }, zhouxin);

  let n = 0;
  const say = (conversationId: string, as: 'member' | 'consumer', cookie: string, text: string) =>
    call('POST', `/conversations/${conversationId}/messages?as=${as}`, { clientId: `demo-${++n}`, kind: 'text', body: { text } }, cookie);
  const xiaoyuChat = customer(xiaoyu).conversationId;
  await say(xiaoyuChat, 'consumer', xiaoyu.cookie, '你好，我皮肤比较敏感，上次推荐的精华还有货吗？');
  await say(xiaoyuChat, 'member', zhouxin, '有的！我给你留一瓶，这周末过来可以先试用 😊');
  await say(xiaoyuChat, 'consumer', xiaoyu.cookie, '太好了，周六下午三点左右到～');
  const cocoChat = customer(coco).conversationId;
  await say(cocoChat, 'member', zhouxin, 'Coco 你好，新到的秋冬彩妆盘已经上架了，需要帮你预留吗？');
  await say(cocoChat, 'consumer', coco.cookie, '想看看色号，有图吗？');
  await say(cocoChat, 'consumer', coco.cookie, '顺便问下双十二有活动吗');

  const friendRequest = await call<{ id: string }>('POST', '/friend-requests', { to: CONSUMERS[1][0], message: '我是小雨' }, xiaoyu.cookie);
  await call('POST', `/friend-requests/${friendRequest.body.id}/accept`, undefined, coco.cookie);
  const [friend] = (await call<{ data: Array<{ conversationId: string }> }>('GET', '/friends', undefined, xiaoyu.cookie)).body.data;
  const friendsChat = friend?.conversationId as string;
  await say(friendsChat, 'consumer', xiaoyu.cookie, '周六一起去徐汇店逛逛？');
  await say(friendsChat, 'consumer', coco.cookie, '好呀，顺便看看新彩妆');
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
      '  Try it         sign in to /work as "zhouxin" and to /app as 13800138001 (小雨, a customer of 周欣) side by side',
      '',
    ].join('\n'),
  );
}
