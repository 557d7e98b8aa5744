import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, QrcodeOutlined, SmileOutlined } from '@ant-design/icons';
import { CONTACT_WAY_LIMITS, type ContactWayDto, type MemberDto } from '@rapport/shared';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { toWelcomeBody, toWelcomeValues, WelcomeFields, type WelcomeValues } from '../../common/antd/WelcomeFields';
import { useErrorMessage } from '../../common/i18n';
import { ErrorAlert } from '../customers/GateAlert';
import { useAvailableTags } from '../customers/hooks';
import { TagSelect } from '../customers/tags';
import { useIsDesktop } from '../layout';
import { useDeleteContactWay, useMyContactWays, useSaveContactWay, type WayInput } from './hooks';

/**
 * My contact ways (联系我): my own single-member ways, each a link and QR code a consumer opens to
 * add me, with its channel label (state), whether I confirm adds, the welcome message, the tags and
 * remark a new customer gets, and how many customers came through it. Ways an admin made that offer
 * me are listed too, "assigned by admin": their QR and link are mine to share, their settings are not.
 */
export function ContactWaysPage({ member }: { member: MemberDto }) {
  const { t } = useTranslation('work');
  const ways = useMyContactWays();
  const [editing, setEditing] = useState<ContactWayDto | 'new'>();
  const desktop = useIsDesktop();
  const rows = useMemo(() => ways.data?.pages.flatMap((page) => page.data) ?? [], [ways.data]);

  let body: React.ReactNode;
  if (ways.isPending) body = <LoadingState rows={4} />;
  else if (ways.isError) body = <ErrorState compact error={ways.error} onRetry={() => void ways.refetch()} />;
  else if (rows.length === 0)
    body = (
      <Card variant="borderless">
        <EmptyState
          description={t('ways.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('ways.create')}
            </Button>
          }
        />
      </Card>
    );
  else
    body = (
      <div style={{ display: 'grid', gap: desktop ? 16 : 12 }} data-testid="contact-ways">
        {rows.map((way) => (
          <WayCard key={way.id} way={way} mine={way.createdBy === member.id} onEdit={() => setEditing(way)} />
        ))}
        <LoadMore
          shown={t('ways.shown', { count: rows.length })}
          allShown={t('customers.allShown')}
          hasMore={Boolean(ways.hasNextPage)}
          loading={ways.isFetchingNextPage}
          onLoadMore={() => void ways.fetchNextPage()}
        />
      </div>
    );

  return (
    <div>
      <PageHeader
        title={t('ways.title')}
        description={t('ways.subtitle')}
        extra={
          <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>
            <Link to="/work/welcome" data-testid="my-welcome-link">
              <Button icon={<SmileOutlined />}>{t('ways.myWelcome')}</Button>
            </Link>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="way-create">
              {t('ways.create')}
            </Button>
          </span>
        }
      />
      {body}
      {editing ? <WayModal way={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}

function WayCard({ way, mine, onEdit }: { way: ContactWayDto; mine: boolean; onEdit: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const desktop = useIsDesktop();
  const remove = useDeleteContactWay();
  const tags = useAvailableTags();
  const tagNames = useMemo(() => {
    const names = new Map(tags.data?.groups.flatMap((g) => g.tags.map((tag) => [tag.id, tag.name] as const)));
    return way.tagIds.map((id) => names.get(id)).filter((name): name is string => Boolean(name));
  }, [tags.data, way.tagIds]);
  const qr = `/api/v1/contact-ways/${way.id}/qr`;
  const file = way.name.replace(/[\\/:*?"<>|]+/g, '_');
  const attachments = way.welcome?.attachments.length ?? 0;

  return (
    <Card
      variant="borderless"
      data-testid="contact-way"
      title={
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          <QrcodeOutlined />
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="way-name">
            {way.name}
          </span>
          {mine ? null : (
            <Tag color="purple" style={{ marginInlineEnd: 0, fontWeight: 'normal' }} data-testid="way-assigned">
              {t('ways.assigned')}
            </Tag>
          )}
        </span>
      }
      extra={
        // An admin's way is theirs to change (the server answers 404 to anyone else).
        mine ? (
          <span style={{ display: 'inline-flex', gap: 4 }}>
            <Button type="text" icon={<EditOutlined />} onClick={onEdit} aria-label={tc('edit')} data-testid="way-edit">
              {desktop ? tc('edit') : null}
            </Button>
            <Popconfirm
              title={t('ways.deleteConfirm')}
              description={t('ways.deleteHint')}
              okText={tc('delete')}
              cancelText={tc('cancel')}
              okButtonProps={{ danger: true, loading: remove.isPending }}
              onConfirm={() =>
                remove.mutateAsync(way.id).then(
                  () => void message.success(t('ways.deleted')),
                  (error) => void message.error(errorMessage(error)),
                )
              }
            >
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={tc('delete')} data-testid="way-delete">
                {desktop ? tc('delete') : null}
              </Button>
            </Popconfirm>
          </span>
        ) : null
      }
    >
      <div
        style={{
          display: 'flex',
          gap: desktop ? 20 : 16,
          flexDirection: desktop ? 'row' : 'column',
          alignItems: desktop ? 'flex-start' : 'stretch',
        }}
      >
        <div style={{ flex: 'none', display: 'grid', gap: 8, justifyItems: 'center' }}>
          <img
            src={`${qr}.png`}
            alt={t('ways.qrAlt', { name: way.name })}
            width={160}
            height={160}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }}
            data-testid="way-qr"
          />
          <span style={{ display: 'flex', gap: 8 }}>
            <Button size="small" icon={<DownloadOutlined />} href={`${qr}.png`} download={`${file}.png`} data-testid="way-png">
              PNG
            </Button>
            <Button size="small" icon={<DownloadOutlined />} href={`${qr}.svg`} download={`${file}.svg`} data-testid="way-svg">
              SVG
            </Button>
          </span>
        </div>
        <div style={{ flex: 1, minWidth: 0, width: '100%' }}>
          <Typography.Paragraph
            copyable={{ text: way.url, tooltips: [t('ways.copy'), t('ways.copied')] }}
            style={{ marginBottom: 12, overflowWrap: 'anywhere' }}
            data-testid="way-url"
          >
            <a href={way.url} target="_blank" rel="noopener noreferrer">
              {way.url}
            </a>
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            colon={false}
            styles={{ label: { width: desktop ? 120 : 96, color: '#8c8c8c' } }}
            items={[
              {
                key: 'adds',
                label: t('ways.adds'),
                children: (
                  <span data-testid="way-adds" style={{ fontWeight: 600 }}>
                    {way.adds}
                  </span>
                ),
              },
              { key: 'state', label: t('ways.state'), children: way.state || '—' },
              {
                key: 'verify',
                label: t('ways.verify'),
                children: way.skipVerify ? (
                  <Tag color="success" style={{ marginInlineEnd: 0 }}>
                    {t('ways.skipVerify')}
                  </Tag>
                ) : (
                  <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                    {t('ways.confirm')}
                  </Tag>
                ),
              },
              {
                key: 'welcome',
                label: t('ways.welcome'),
                children: way.welcome ? (
                  <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {way.welcome.text}
                    {attachments ? (
                      <Typography.Text type="secondary"> {t('ways.attachments', { count: attachments })}</Typography.Text>
                    ) : null}
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t('ways.welcomeDefault')}</Typography.Text>
                ),
              },
              {
                key: 'tags',
                label: t('ways.tags'),
                children: tagNames.length ? (
                  <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                    {tagNames.map((name) => (
                      <Tag key={name} color="blue" style={{ marginInlineEnd: 0 }}>
                        {name}
                      </Tag>
                    ))}
                  </span>
                ) : (
                  '—'
                ),
              },
              { key: 'remark', label: t('ways.remark'), children: way.remark || '—' },
              ...(way.dailyCapPerMember
                ? [{ key: 'cap', label: t('ways.dailyCap'), children: t('ways.perDay', { count: way.dailyCapPerMember }) }]
                : []),
            ]}
          />
        </div>
      </div>
    </Card>
  );
}

interface WayValues {
  name: string;
  state: string;
  skipVerify: boolean;
  /** Own welcome of the way: empty text and no attachments send mine or the enterprise's. */
  welcome: WelcomeValues;
  tagIds: string[];
  remark: string;
  dailyCapPerMember: number | null;
}

function WayModal({ way, onClose }: { way?: ContactWayDto; onClose: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const [form] = Form.useForm<WayValues>();
  const save = useSaveContactWay(way?.id);
  const submit = (values: WayValues) => {
    const welcome = toWelcomeBody(values.welcome);
    const body: WayInput = {
      name: values.name.trim(),
      state: values.state.trim(),
      skipVerify: values.skipVerify,
      remark: values.remark.trim(),
      tagIds: values.tagIds,
      welcome: welcome.text || welcome.attachments.length ? welcome : null,
      dailyCapPerMember: values.dailyCapPerMember ?? 0,
    };
    save.mutate(body, {
      onSuccess: () => {
        void message.success(way ? tc('saved') : t('ways.created'));
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={way ? t('ways.editTitle') : t('ways.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tc('save')}
      cancelText={tc('cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'way-save' } as never}
      destroyOnHidden
      width={520}
    >
      <Form<WayValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={{
          name: way?.name ?? '',
          state: way?.state ?? '',
          skipVerify: way?.skipVerify ?? true,
          welcome: toWelcomeValues(way?.welcome),
          tagIds: way?.tagIds ?? [],
          remark: way?.remark ?? '',
          dailyCapPerMember: way?.dailyCapPerMember || null,
        }}
        data-testid="way-form"
      >
        <Form.Item
          name="name"
          label={t('ways.name')}
          rules={[{ required: true, whitespace: true, message: t('ways.nameRequired') }]}
          extra={t('ways.nameHint')}
        >
          <Input maxLength={CONTACT_WAY_LIMITS.name} placeholder={t('ways.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="state" label={t('ways.state')} extra={t('ways.stateHint')}>
          <Input maxLength={CONTACT_WAY_LIMITS.state} showCount placeholder={t('ways.statePlaceholder')} />
        </Form.Item>
        <Form.Item name="skipVerify" label={t('ways.skipVerify')} valuePropName="checked" extra={t('ways.skipVerifyHint')}>
          <Switch />
        </Form.Item>
        <WelcomeFields ns="work" prefix={['welcome']} textLabel={t('ways.welcome')} textHelp={t('ways.welcomeHint')} />
        <Form.Item name="tagIds" label={t('ways.tags')} extra={t('ways.tagsHint')}>
          <TagSelectField />
        </Form.Item>
        <Form.Item name="remark" label={t('ways.remark')} extra={t('ways.remarkHint')}>
          <Input maxLength={CONTACT_WAY_LIMITS.remark} showCount />
        </Form.Item>
        <Form.Item name="dailyCapPerMember" label={t('ways.dailyCap')} extra={t('ways.dailyCapHint')}>
          <InputNumber min={1} max={CONTACT_WAY_LIMITS.dailyCap} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}

/** TagSelect as a form control (value / onChange injected by Form.Item). */
function TagSelectField({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation('work');
  return (
    <TagSelect
      value={value ?? []}
      onChange={(ids) => onChange?.(ids)}
      placeholder={t('ways.tagsPlaceholder')}
      enterpriseOnly
      testId="way-tags"
    />
  );
}
