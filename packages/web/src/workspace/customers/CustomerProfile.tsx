import { EditOutlined, ExportOutlined, StopOutlined } from '@ant-design/icons';
import { CUSTOMER_LIMITS, type CustomerDto, type TagDto } from '@rapport/shared';
import { Alert, App, Avatar, Button, Descriptions, Form, Input, Popover, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { PATTERNS } from '../../common/antd/rules';
import { ErrorState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { useMyContactWays } from '../contact-ways/hooks';
import { useAvailableTags, useCustomer, useTagCustomer, useUpdateCustomer } from './hooks';
import { NewPersonalTag, TagChip, tagOptions } from './tags';

/** The name a member knows a customer by: their remark, else the consumer's nickname. */
export const customerName = (customer: Pick<CustomerDto, 'remark' | 'consumer'>) => customer.remark || customer.consumer.nickname;

export function CustomerAvatar({ customer, size = 40 }: { customer: Pick<CustomerDto, 'remark' | 'consumer'>; size?: number }) {
  return (
    <Avatar size={size} src={customer.consumer.avatarUrl ?? undefined} style={{ background: '#52c41a', flex: 'none' }}>
      {customerName(customer).slice(0, 1).toUpperCase()}
    </Avatar>
  );
}

/** Why and when a customer was lost, for a banner or a list row. */
export function LostNote({ customer }: { customer: CustomerDto }) {
  const { t, i18n } = useTranslation('work');
  return (
    <Alert
      type="warning"
      showIcon
      icon={<StopOutlined />}
      data-testid="customer-lost"
      title={t(`customers.lost.${customer.lostReason ?? 'deleted'}`)}
      description={t('customers.lost.since', { time: formatDateTime(customer.lostAt, i18n.language) })}
    />
  );
}

/** Add source and channel as one line: "Contact way · Spring fair". */
export function useSourceLabel() {
  const { t } = useTranslation('work');
  return (customer: Pick<CustomerDto, 'addSource' | 'state'>) =>
    customer.state ? `${t(`customers.source.${customer.addSource}`)} · ${customer.state}` : t(`customers.source.${customer.addSource}`);
}

/**
 * A customer's profile as their member keeps it (PRODUCT §2): notes (remark, description, phone
 * numbers, company) editable, tags (enterprise groups visible to me, my personal tags, a new one
 * inline), add time, source and channel, and the enterprise CRM link. Used beside the chat and in the
 * customer list's drawer.
 */
export function CustomerProfile({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);
  if (customer.isPending) return <Skeleton active avatar paragraph={{ rows: 6 }} />;
  if (customer.isError) return <ErrorState compact error={customer.error} onRetry={() => void customer.refetch()} />;
  return <ProfileBody customer={customer.data} />;
}

function ProfileBody({ customer }: { customer: CustomerDto }) {
  const { t, i18n } = useTranslation('work');
  const sourceLabel = useSourceLabel();
  const [editing, setEditing] = useState(false);
  const lost = customer.status === 'lost';
  // The contact way by name when it is one of mine (ways an admin made are not listed to me).
  const ways = useMyContactWays();
  const way = customer.contactWayId ? ways.data?.pages.flatMap((page) => page.data).find((w) => w.id === customer.contactWayId) : undefined;
  return (
    <div data-testid="customer-profile" style={{ display: 'grid', gap: 16, minWidth: 0 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', minWidth: 0 }}>
        <CustomerAvatar customer={customer} size={48} />
        <div style={{ minWidth: 0 }}>
          <div style={{ fontWeight: 600, fontSize: 16, overflowWrap: 'anywhere' }} data-testid="profile-name">
            {customerName(customer)}
          </div>
          {customer.remark ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('profile.nickname', { name: customer.consumer.nickname })}
            </Typography.Text>
          ) : null}
        </div>
      </div>
      {lost ? <LostNote customer={customer} /> : null}

      <section>
        <SectionTitle
          title={t('profile.notes')}
          action={
            !editing && !lost ? (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
                {t('profile.edit')}
              </Button>
            ) : null
          }
        />
        {editing ? (
          <NotesForm customer={customer} onDone={() => setEditing(false)} />
        ) : (
          <Descriptions
            size="small"
            column={1}
            colon={false}
            styles={{ label: { width: 88, color: '#8c8c8c' } }}
            items={[
              { key: 'remark', label: t('profile.remark'), children: customer.remark || '—' },
              { key: 'description', label: t('profile.description'), children: customer.description || '—' },
              {
                key: 'phones',
                label: t('profile.phones'),
                children: customer.remarkPhones.length ? customer.remarkPhones.join(', ') : '—',
              },
              { key: 'company', label: t('profile.company'), children: customer.company || '—' },
            ]}
          />
        )}
      </section>

      <section>
        <SectionTitle title={t('profile.tags')} />
        <ProfileTags customer={customer} />
      </section>

      <section>
        <SectionTitle title={t('profile.relationship')} />
        <Descriptions
          size="small"
          column={1}
          colon={false}
          styles={{ label: { width: 88, color: '#8c8c8c' } }}
          items={[
            { key: 'added', label: t('profile.addedAt'), children: formatDateTime(customer.addedAt, i18n.language) },
            { key: 'source', label: t('profile.source'), children: <span data-testid="profile-source">{sourceLabel(customer)}</span> },
            ...(way ? [{ key: 'way', label: t('profile.contactWay'), children: <span data-testid="profile-way">{way.name}</span> }] : []),
            {
              key: 'status',
              label: t('profile.status'),
              children: lost ? t(`customers.lost.${customer.lostReason ?? 'deleted'}`) : t('customers.status.active'),
            },
          ]}
        />
      </section>

      {customer.crmUrl ? (
        <Button href={customer.crmUrl} target="_blank" rel="noopener noreferrer" icon={<ExportOutlined />} data-testid="crm-link" block>
          {t('profile.crm')}
        </Button>
      ) : null}
    </div>
  );
}

function SectionTitle({ title, action }: { title: string; action?: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, minHeight: 24 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {action}
    </div>
  );
}

interface NotesValues {
  remark: string;
  description: string;
  remarkPhones: string[];
  company: string;
}

function NotesForm({ customer, onDone }: { customer: CustomerDto; onDone: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const update = useUpdateCustomer(customer.id);
  const [form] = Form.useForm<NotesValues>();
  const save = (values: NotesValues) =>
    update.mutate(
      {
        remark: values.remark.trim(),
        description: values.description.trim(),
        remarkPhones: values.remarkPhones.map((p) => p.trim()).filter(Boolean),
        company: values.company.trim(),
      },
      {
        onSuccess: () => {
          void message.success(tc('saved'));
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, { translate: errorMessage, invalidText: t('profile.invalid') }))
            void message.error(errorMessage(error));
        },
      },
    );
  return (
    <Form<NotesValues>
      form={form}
      layout="vertical"
      size="middle"
      requiredMark={false}
      initialValues={{
        remark: customer.remark,
        description: customer.description,
        remarkPhones: customer.remarkPhones,
        company: customer.company,
      }}
      onFinish={save}
      data-testid="profile-form"
    >
      <Form.Item name="remark" label={t('profile.remark')} rules={[{ max: CUSTOMER_LIMITS.remark }]} style={{ marginBottom: 12 }}>
        <Input maxLength={CUSTOMER_LIMITS.remark} showCount />
      </Form.Item>
      <Form.Item name="description" label={t('profile.description')} style={{ marginBottom: 12 }}>
        <Input.TextArea maxLength={CUSTOMER_LIMITS.description} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item
        name="remarkPhones"
        label={t('profile.phones')}
        extra={t('profile.phonesHint', { max: CUSTOMER_LIMITS.remarkPhones })}
        rules={[
          {
            validator: (_, value: string[] | undefined) =>
              (value ?? []).every((p) => PATTERNS.phone.test(p.trim()))
                ? (value ?? []).length <= CUSTOMER_LIMITS.remarkPhones
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.phonesMax', { max: CUSTOMER_LIMITS.remarkPhones })))
                : Promise.reject(new Error(t('profile.phoneInvalid'))),
          },
        ]}
        style={{ marginBottom: 12 }}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} aria-label={t('profile.phones')} />
      </Form.Item>
      <Form.Item name="company" label={t('profile.company')} style={{ marginBottom: 12 }}>
        <Input maxLength={CUSTOMER_LIMITS.company} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        <Button onClick={onDone}>{tc('cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          {tc('save')}
        </Button>
      </div>
    </Form>
  );
}

function ProfileTags({ customer }: { customer: CustomerDto }) {
  const { t } = useTranslation('work');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const available = useAvailableTags();
  const tagging = useTagCustomer(customer.id);
  const [open, setOpen] = useState(false);
  // A fresh select after each pick, so it shows its placeholder again.
  const [picks, setPicks] = useState(0);
  const tags = customer.tags ?? [];
  const on = useMemo(() => new Set(tags.map((tag) => tag.id)), [tags]);
  const options = useMemo(() => tagOptions(available.data, t('tags.personal'), on), [available.data, t, on]);
  const lost = customer.status === 'lost';
  const change = (body: { add?: string[]; remove?: string[] }) =>
    tagging.mutate(body, { onError: (error) => void message.error(errorMessage(error)) });
  const add = (tag: Pick<TagDto, 'id'>) => {
    change({ add: [tag.id] });
    setPicks((n) => n + 1);
    setOpen(false);
  };
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }} data-testid="profile-tags">
      {tags.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('profile.noTags')}
        </Typography.Text>
      ) : null}
      {tags.map((tag) => (
        <TagChip
          key={tag.id}
          tag={tag}
          onClose={lost ? undefined : () => change({ remove: [tag.id] })}
          closeLabel={t('profile.untag', { name: tag.name })}
        />
      ))}
      {lost ? null : (
        <Popover
          open={open}
          onOpenChange={setOpen}
          trigger="click"
          placement="bottomLeft"
          content={
            <div style={{ width: 260, display: 'grid', gap: 8 }}>
              <Select
                showSearch
                autoFocus
                options={options}
                optionFilterProp="label"
                placeholder={t('profile.pickTag')}
                notFoundContent={t('tags.none')}
                key={picks}
                onSelect={(id: string) => add({ id })}
                style={{ width: '100%' }}
                data-testid="profile-tag-select"
                aria-label={t('profile.pickTag')}
              />
              <NewPersonalTag onCreated={add} />
            </div>
          }
        >
          <Button size="small" type="dashed" loading={tagging.isPending} data-testid="profile-add-tag">
            + {t('profile.addTag')}
          </Button>
        </Popover>
      )}
    </div>
  );
}
