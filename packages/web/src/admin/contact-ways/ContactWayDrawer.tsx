import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CONTACT_WAY_LIMITS, type ContactWayDto, type MemberDto, type MemberScheduleDto, type TagGroupDto } from '@rapport/shared';
import {
  App,
  Button,
  Card,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules } from '../../common/antd/rules';
import { toWelcomeBody, toWelcomeValues, WelcomeFields, type WelcomeValues } from '../../common/antd/WelcomeFields';
import { useErrorMessage } from '../../common/i18n';
import { useSaveContactWay } from './hooks';

interface Values {
  name: string;
  type: 'single' | 'multi';
  memberIds: string[];
  skipVerify: boolean;
  state?: string;
  remark?: string;
  tagIds: string[];
  dailyCapPerMember?: number | null;
  scheduled: boolean;
  schedules: MemberScheduleDto[];
  ownWelcome: boolean;
  welcome?: WelcomeValues;
}

/** Half-hour steps of a day, with 24:00 as the end of the last window. */
const TIMES = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const toValues = (way: ContactWayDto | undefined): Values =>
  way
    ? {
        name: way.name,
        type: way.type,
        memberIds: way.memberIds,
        skipVerify: way.skipVerify,
        state: way.state,
        remark: way.remark,
        tagIds: way.tagIds,
        dailyCapPerMember: way.dailyCapPerMember,
        scheduled: way.schedules.length > 0,
        schedules: way.schedules,
        ownWelcome: way.welcome !== null,
        welcome: toWelcomeValues(way.welcome),
      }
    : {
        name: '',
        type: 'multi',
        memberIds: [],
        skipVerify: true,
        tagIds: [],
        dailyCapPerMember: null,
        scheduled: false,
        schedules: [],
        ownWelcome: false,
        welcome: toWelcomeValues(null),
      };

/** Create or edit a contact way: members and rotation, caps and schedules, what a new customer gets. */
export function ContactWayDrawer({
  open,
  way,
  members,
  tagGroups,
  onClose,
  onSaved,
}: {
  open: boolean;
  way?: ContactWayDto;
  members: MemberDto[];
  tagGroups: TagGroupDto[];
  onClose: () => void;
  onSaved: (way: ContactWayDto, created: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveContactWay();
  const rules = makeRules(t);
  const type = Form.useWatch('type', form);
  const memberIds = (Form.useWatch('memberIds', form) as string[] | undefined) ?? [];
  const scheduled = Form.useWatch('scheduled', form);
  const ownWelcome = Form.useWatch('ownWelcome', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(way));
  }, [open, way, form]);

  const memberOptions = useMemo(
    () =>
      members
        .filter((m) => m.status === 'active' || way?.memberIds.includes(m.id))
        .map((m) => {
          // Rotation skips members who fail the gate; say so rather than hide them.
          const eligible = m.realNameVerified && m.customerContact && m.status === 'active';
          return {
            value: m.id,
            label: eligible ? m.name : `${m.name} ${t('contactWays.notEligible')}`,
            search: `${m.name} ${m.account}`,
            title: m.account,
          };
        }),
    [members, way, t],
  );
  const nameOf = useMemo(() => new Map(members.map((m) => [m.id, m.name])), [members]);
  const tagTree = useMemo(
    () =>
      tagGroups.map((g) => ({
        value: `group:${g.id}`,
        title: g.name,
        selectable: false,
        children: g.tags.map((tag) => ({ value: tag.id, title: tag.name })),
      })),
    [tagGroups],
  );

  const submit = async (values: Values) => {
    const fields = {
      name: values.name.trim(),
      memberIds: values.memberIds,
      skipVerify: values.skipVerify,
      state: (values.state ?? '').trim(),
      remark: (values.remark ?? '').trim(),
      tagIds: values.tagIds ?? [],
      dailyCapPerMember: values.dailyCapPerMember ?? 0,
      // Only schedules of members still on the way; none when the switch is off.
      schedules: values.scheduled ? (values.schedules ?? []).filter((s) => values.memberIds.includes(s.memberId)) : [],
      welcome: values.ownWelcome ? toWelcomeBody(values.welcome) : null,
    };
    try {
      const saved = way
        ? await save.mutateAsync({ id: way.id, patch: fields })
        : await save.mutateAsync({ body: { type: values.type, ...fields } });
      message.success(way ? t('common:saved') : t('contactWays.created', { name: saved.name }));
      onSaved(saved, !way);
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { MEMBER_NOT_FOUND: 'memberIds', TAG_NOT_FOUND: 'tagIds', CONTACT_WAY_LIMIT: 'name' },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Drawer
      title={way ? t('contactWays.editTitle', { name: way.name }) : t('contactWays.add')}
      open={open}
      onClose={onClose}
      size={720}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="way-save">
            {way ? t('common:save') : t('common:create')}
          </Button>
        </Space>
      }
    >
      <Form<Values> name="contact-way" form={form} layout="vertical" onFinish={submit} initialValues={toValues(way)}>
        <Form.Item name="name" label={t('contactWays.name')} rules={[rules.requiredText(), rules.max(CONTACT_WAY_LIMITS.name)]}>
          <Input maxLength={CONTACT_WAY_LIMITS.name} showCount placeholder={t('contactWays.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="type" label={t('contactWays.type')} extra={way ? t('contactWays.typeFixed') : undefined}>
          <Radio.Group
            disabled={Boolean(way)}
            onChange={(e) => {
              if (e.target.value === 'single') form.setFieldValue('memberIds', memberIds.slice(0, 1));
            }}
            options={[
              { value: 'single', label: t('contactWays.types.single') },
              { value: 'multi', label: t('contactWays.types.multi') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="memberIds"
          label={type === 'single' ? t('contactWays.member') : t('contactWays.members')}
          extra={type === 'single' ? t('contactWays.memberHelp') : t('contactWays.rotationHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('contactWays.pickMembers') }]}
        >
          <Select
            mode="multiple"
            maxCount={type === 'single' ? 1 : CONTACT_WAY_LIMITS.members}
            options={memberOptions}
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('contactWays.pickMembers')}
            aria-label={t('contactWays.members')}
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="dailyCapPerMember"
            label={t('contactWays.dailyCap')}
            extra={t('contactWays.dailyCapHelp')}
            style={{ flex: '1 1 240px' }}
          >
            <InputNumber
              min={0}
              max={CONTACT_WAY_LIMITS.dailyCap}
              precision={0}
              placeholder={t('contactWays.noCap')}
              style={{ width: '100%' }}
              suffix={t('contactWays.perDay')}
              aria-label={t('contactWays.dailyCap')}
            />
          </Form.Item>
          <Form.Item
            name="skipVerify"
            label={t('contactWays.skipVerify')}
            extra={t('contactWays.skipVerifyHelp')}
            valuePropName="checked"
            style={{ flex: '1 1 240px' }}
          >
            <Switch aria-label={t('contactWays.skipVerify')} />
          </Form.Item>
        </Flex>

        <Form.Item name="scheduled" label={t('contactWays.schedule')} extra={t('contactWays.scheduleHelp')} valuePropName="checked">
          <Switch aria-label={t('contactWays.schedule')} />
        </Form.Item>
        {scheduled ? (
          <Form.List name="schedules">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 24 }}>
                {fields.map((field) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={
                      <Form.Item name={[field.name, 'memberId']} rules={[rules.required()]} style={{ margin: 0 }} label={null}>
                        <Select
                          style={{ width: 220 }}
                          placeholder={t('contactWays.scheduleMember')}
                          aria-label={t('contactWays.scheduleMember')}
                          options={memberIds.map((id) => ({ value: id, label: nameOf.get(id) ?? id }))}
                        />
                      </Form.Item>
                    }
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('contactWays.removeSchedule')}
                      />
                    }
                  >
                    <Form.List name={[field.name, 'windows']}>
                      {(windows, ops) => (
                        <Flex vertical gap={6}>
                          {windows.length === 0 ? <Typography.Text type="secondary">{t('contactWays.noWindows')}</Typography.Text> : null}
                          {windows.map((w) => (
                            <Flex key={w.key} gap={8} align="flex-start">
                              <Form.Item name={[w.name, 'weekday']} rules={[rules.required()]} style={{ margin: 0 }}>
                                <Select
                                  style={{ width: 110 }}
                                  aria-label={t('contactWays.weekday')}
                                  options={WEEKDAYS.map((d) => ({ value: d, label: t(`contactWays.weekdays.${d}`) }))}
                                />
                              </Form.Item>
                              <Form.Item name={[w.name, 'start']} rules={[rules.required()]} style={{ margin: 0 }}>
                                <Select
                                  style={{ width: 96 }}
                                  aria-label={t('contactWays.from')}
                                  options={TIMES.slice(0, -1).map((v) => ({ value: v, label: v }))}
                                />
                              </Form.Item>
                              <span style={{ lineHeight: '32px' }}>–</span>
                              <Form.Item
                                name={[w.name, 'end']}
                                dependencies={[[field.name, 'windows', w.name, 'start']]}
                                style={{ margin: 0 }}
                                rules={[
                                  rules.required(),
                                  ({ getFieldValue }) => ({
                                    validator: async (_, end: string | undefined) => {
                                      const start = getFieldValue(['schedules', field.name, 'windows', w.name, 'start']) as
                                        | string
                                        | undefined;
                                      if (start && end && minutes(end) <= minutes(start)) throw new Error(t('contactWays.endAfterStart'));
                                    },
                                  }),
                                ]}
                              >
                                <Select
                                  style={{ width: 96 }}
                                  aria-label={t('contactWays.to')}
                                  options={TIMES.slice(1).map((v) => ({ value: v, label: v }))}
                                />
                              </Form.Item>
                              <Button
                                type="text"
                                icon={<DeleteOutlined />}
                                onClick={() => ops.remove(w.name)}
                                aria-label={t('contactWays.removeWindow')}
                              />
                            </Flex>
                          ))}
                          {windows.length < CONTACT_WAY_LIMITS.windows ? (
                            <Button
                              type="link"
                              size="small"
                              icon={<PlusOutlined />}
                              style={{ alignSelf: 'flex-start', paddingInline: 0 }}
                              onClick={() => ops.add({ weekday: 1, start: '09:00', end: '18:00' })}
                            >
                              {t('contactWays.addWindow')}
                            </Button>
                          ) : null}
                        </Flex>
                      )}
                    </Form.List>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= memberIds.length}
                  onClick={() => {
                    const taken = new Set((form.getFieldValue('schedules') as MemberScheduleDto[] | undefined)?.map((s) => s?.memberId));
                    const next = memberIds.find((id) => !taken.has(id));
                    add({
                      memberId: next,
                      windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
                    });
                  }}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('contactWays.addSchedule')}
                </Button>
              </Flex>
            )}
          </Form.List>
        ) : null}

        <Divider titlePlacement="start" plain>
          {t('contactWays.onAdd')}
        </Divider>
        <Flex gap={16} wrap>
          <Form.Item
            name="state"
            label={t('contactWays.state')}
            extra={t('contactWays.stateHelp')}
            rules={[rules.max(CONTACT_WAY_LIMITS.state)]}
            style={{ flex: '1 1 240px' }}
          >
            <Input maxLength={CONTACT_WAY_LIMITS.state} showCount placeholder={t('contactWays.statePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="remark"
            label={t('contactWays.remark')}
            extra={t('contactWays.remarkHelp')}
            rules={[rules.max(CONTACT_WAY_LIMITS.remark)]}
            style={{ flex: '1 1 240px' }}
          >
            <Input maxLength={CONTACT_WAY_LIMITS.remark} showCount />
          </Form.Item>
        </Flex>
        <Form.Item name="tagIds" label={t('contactWays.tags')} extra={t('contactWays.tagsHelp')}>
          <TreeSelect
            multiple
            treeData={tagTree}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            maxCount={CONTACT_WAY_LIMITS.tags}
            placeholder={tagGroups.length ? t('contactWays.pickTags') : t('contactWays.noTags')}
            aria-label={t('contactWays.tags')}
          />
        </Form.Item>
        <Form.Item name="ownWelcome" label={t('contactWays.welcome')} extra={t('contactWays.welcomeHelp')} valuePropName="checked">
          <Switch aria-label={t('contactWays.welcome')} />
        </Form.Item>
        {ownWelcome ? (
          <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
            <WelcomeFields ns="admin" prefix={['welcome']} textHelp={t('contactWays.welcomeTextHelp')} />
          </Card>
        ) : null}
      </Form>
    </Drawer>
  );
}
