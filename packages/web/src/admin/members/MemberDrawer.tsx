import type { DepartmentDto, MemberDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { App, Button, Col, Drawer, Flex, Form, Input, Radio, Row, Switch, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules, nullable, optional } from '../../common/antd/rules';
import { buildDepartmentTree, rootDepartment } from '../../common/departments';
import { useErrorMessage } from '../../common/i18n';
import { type MemberInput, type MemberRole, useCreateMember, useUpdateMember } from '../hooks';

interface Values {
  name: string;
  account: string;
  password?: string;
  departmentIds: string[];
  title?: string;
  phone?: string;
  email?: string;
  avatarUrl?: string;
  role: MemberRole;
  realNameVerified: boolean;
  customerContact: boolean;
}

interface Props {
  open: boolean;
  /** The member to edit; undefined to add a new one. */
  member?: MemberDto;
  departments: DepartmentDto[];
  /** Pre-selected department of a new member. */
  defaultDepartmentId?: string;
  onClose: () => void;
}

const toValues = (m: MemberDto): Values => ({
  name: m.name,
  account: m.account,
  departmentIds: m.departmentIds,
  title: m.title ?? '',
  phone: m.phone ?? '',
  email: m.email ?? '',
  avatarUrl: m.avatarUrl ?? '',
  role: m.role,
  realNameVerified: m.realNameVerified,
  customerContact: m.customerContact,
});

/** Add a member, or edit one: identity, departments, role and the two customer-contact flags. */
export function MemberDrawer({ open, member, departments, defaultDepartmentId, onClose }: Props) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateMember();
  const update = useUpdateMember();
  const rules = makeRules(t);
  const tree = useMemo(() => buildDepartmentTree(departments), [departments]);
  const editing = Boolean(member);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (member) form.setFieldsValue(toValues(member));
    else
      form.setFieldsValue({
        departmentIds: [defaultDepartmentId ?? rootDepartment(departments)?.id].filter((id): id is string => Boolean(id)),
        role: 'member',
        realNameVerified: false,
        customerContact: false,
      });
  }, [open, member, defaultDepartmentId, departments, form]);

  const submit = async (values: Values) => {
    try {
      if (member) {
        const next: Partial<MemberInput> = {
          name: values.name.trim(),
          departmentIds: values.departmentIds,
          title: nullable(values.title),
          phone: nullable(values.phone),
          email: nullable(values.email),
          avatarUrl: nullable(values.avatarUrl),
          role: values.role,
          realNameVerified: values.realNameVerified,
          customerContact: values.customerContact,
        };
        const before = toValues(member);
        // Send only what changed, so e.g. editing the last admin's phone never touches the role.
        const patch = Object.fromEntries(
          Object.entries(next).filter(([key, value]) => {
            const old = before[key as keyof Values];
            const normalized = typeof old === 'string' ? nullable(old) : old;
            return JSON.stringify(normalized) !== JSON.stringify(value);
          }),
        ) as Partial<MemberInput>;
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        await update.mutateAsync({ id: member.id, ...patch });
        message.success(t('memberForm.saved', { name: values.name.trim() }));
      } else {
        await create.mutateAsync({
          account: values.account.trim(),
          password: values.password ?? '',
          name: values.name.trim(),
          departmentIds: values.departmentIds,
          title: optional(values.title),
          phone: optional(values.phone),
          email: optional(values.email),
          avatarUrl: optional(values.avatarUrl),
          role: values.role,
          realNameVerified: values.realNameVerified,
          customerContact: values.customerContact,
        });
        message.success(t('memberForm.created', { name: values.name.trim() }));
      }
      onClose();
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: {
          MEMBER_ACCOUNT_TAKEN: 'account',
          MEMBER_PHONE_TAKEN: 'phone',
          MEMBER_EMAIL_TAKEN: 'email',
          WEAK_PASSWORD: 'password',
          DEPARTMENT_NOT_FOUND: 'departmentIds',
        },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Drawer
      title={editing ? t('memberForm.editTitle', { name: member?.name }) : t('memberForm.createTitle')}
      open={open}
      onClose={onClose}
      size={560}
      destroyOnHidden={false}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="member-save">
            {editing ? t('common:save') : t('common:create')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> name="member" form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('fields.name')} rules={[rules.requiredText(), rules.max(LIMITS.name)]}>
              <Input maxLength={LIMITS.name} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="account"
              label={t('fields.account')}
              tooltip={editing ? t('memberForm.accountFixed') : undefined}
              rules={editing ? [] : [rules.required(), rules.min(2), rules.max(LIMITS.account), rules.account()]}
            >
              <Input maxLength={LIMITS.account} disabled={editing} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('memberForm.initialPassword')}
            extra={t('memberForm.initialPasswordHelp')}
            rules={rules.password()}
          >
            <Input.Password maxLength={LIMITS.passwordMax} autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="departmentIds"
          label={t('fields.departments')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('memberForm.departmentRequired') },
            { type: 'array', max: 20, message: t('memberForm.departmentMax', { max: 20 }) },
          ]}
        >
          <TreeSelect
            multiple
            treeData={tree}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder={t('memberForm.departmentPlaceholder')}
            aria-label={t('fields.departments')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="title" label={t('fields.title')} rules={[rules.max(LIMITS.title)]}>
              <Input maxLength={LIMITS.title} placeholder={t('memberForm.titlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('fields.phone')} rules={[rules.phone(), rules.max(LIMITS.phone)]}>
              <Input maxLength={LIMITS.phone} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="email" label={t('fields.email')} rules={[rules.email(), rules.max(LIMITS.email)]}>
              <Input maxLength={LIMITS.email} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="avatarUrl" label={t('fields.avatarUrl')} rules={[rules.url(), rules.max(LIMITS.url)]}>
              <Input maxLength={LIMITS.url} placeholder="https://" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="role" label={t('fields.role')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'member', label: t('roles.member') },
              { value: 'admin', label: t('roles.admin') },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="realNameVerified"
              label={t('fields.realNameVerified')}
              valuePropName="checked"
              extra={t('memberForm.realNameHelp')}
            >
              <Switch aria-label={t('fields.realNameVerified')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="customerContact"
              label={t('fields.customerContact')}
              valuePropName="checked"
              extra={t('memberForm.customerContactHelp')}
            >
              <Switch aria-label={t('fields.customerContact')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
