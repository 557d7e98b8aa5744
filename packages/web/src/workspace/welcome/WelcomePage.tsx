import { LinkOutlined } from '@ant-design/icons';
import type { MemberDto, WelcomeMessageDto } from '@rapport/shared';
import { App, Button, Card, Flex, Form, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { ImageThumb } from '../../common/antd/ImageAttachments';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { toWelcomeBody, toWelcomeValues, WelcomeFields, type WelcomeValues } from '../../common/antd/WelcomeFields';
import { WelcomePreview } from '../../common/antd/WelcomePreview';
import { useErrorMessage } from '../../common/i18n';
import { useIsDesktop, useIsWide } from '../layout';
import { useEnterpriseWelcome, useMyWelcome, useSaveMyWelcome } from './hooks';

/**
 * My welcome message: sent once to a customer who adds me through a contact way without its own,
 * as me; without mine the enterprise default is sent. Text, images and link cards, with a phone preview.
 */
export function WelcomePage({ member }: { member: MemberDto }) {
  const { t } = useTranslation('work');
  const welcome = useMyWelcome();
  return (
    <div>
      <PageHeader title={t('welcome.title')} description={t('welcome.subtitle')} />
      {welcome.isPending ? (
        <LoadingState rows={8} />
      ) : welcome.isError ? (
        <ErrorState compact error={welcome.error} onRetry={() => void welcome.refetch()} />
      ) : (
        <WelcomeEditor welcome={welcome.data} member={member} />
      )}
    </div>
  );
}

function WelcomeEditor({ welcome, member }: { welcome: WelcomeMessageDto; member: MemberDto }) {
  const { t, i18n } = useTranslation('work');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const desktop = useIsDesktop();
  const wide = useIsWide();
  const [form] = Form.useForm<WelcomeValues>();
  const save = useSaveMyWelcome();
  const watched = Form.useWatch([], form) as WelcomeValues | undefined;

  useEffect(() => form.setFieldsValue(toWelcomeValues(welcome)), [welcome, form]);

  const submit = async (values: WelcomeValues) => {
    const body = toWelcomeBody(values);
    try {
      await save.mutateAsync(body);
      message.success(body.text || body.attachments.length ? t('welcome.saved') : t('welcome.cleared'));
    } catch (error) {
      if (!applyServerErrors(form, error, { translate: errorMessage, invalidText: t('ui:invalidValue') }))
        message.error(errorMessage(error));
    }
  };

  const editor = (
    <Card
      variant="borderless"
      title={t('welcome.mine')}
      extra={
        desktop ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {welcome.updatedAt ? t('welcome.updatedAt', { time: formatDateTime(welcome.updatedAt, i18n.language) }) : t('welcome.notSet')}
          </Typography.Text>
        ) : null
      }
    >
      <Form<WelcomeValues>
        name="my-welcome"
        form={form}
        layout="vertical"
        initialValues={toWelcomeValues(welcome)}
        onFinish={submit}
        data-testid="welcome-form"
      >
        <WelcomeFields ns="work" />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="welcome-save">
            {t('common:save')}
          </Button>
          <Button onClick={() => form.setFieldsValue(toWelcomeValues(welcome))}>{t('welcome.revert')}</Button>
        </Flex>
      </Form>
    </Card>
  );
  const preview = (
    <Card variant="borderless" title={t('welcome.preview')} styles={{ body: { padding: '20px 0' } }}>
      <WelcomePreview ns="work" values={watched ?? toWelcomeValues(welcome)} memberName={member.name} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '16px 16px 0' }}>
        {t('welcome.previewHint')}
      </Typography.Paragraph>
    </Card>
  );
  const precedence = <Precedence admin={member.role === 'admin'} />;

  if (!wide)
    return (
      <Flex vertical gap={desktop ? 16 : 12}>
        {editor}
        {preview}
        {precedence}
      </Flex>
    );
  return (
    <Flex gap={16} align="flex-start">
      <Flex vertical gap={16} style={{ flex: 1, minWidth: 0 }}>
        {editor}
        {precedence}
      </Flex>
      <div style={{ flex: '0 0 340px', position: 'sticky', top: 16 }}>{preview}</div>
    </Flex>
  );
}

/** Which welcome message a new customer gets, this page's step highlighted, and the enterprise default. */
function Precedence({ admin }: { admin: boolean }) {
  const { t } = useTranslation('work');
  const steps = [
    ['precedenceWay', 'precedenceWayHelp'],
    ['precedenceMine', 'precedenceMineHelp'],
    ['precedenceDefault', 'precedenceDefaultHelp'],
  ] as const;
  return (
    <Card variant="borderless" title={t('welcome.precedenceTitle')}>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="welcome-precedence">
        {steps.map(([title, help], i) => {
          // This page edits the middle step.
          const here = i === 1;
          return (
            <li key={title} style={{ display: 'flex', gap: 12, marginBottom: i < 2 ? 12 : 0 }}>
              <span
                style={{
                  flex: 'none',
                  width: 24,
                  height: 24,
                  borderRadius: 12,
                  display: 'grid',
                  placeItems: 'center',
                  fontSize: 12,
                  color: here ? '#fff' : '#595959',
                  background: here ? '#1677ff' : '#f0f0f0',
                }}
              >
                {i + 1}
              </span>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong={here}>{t(`welcome.${title}`)}</Typography.Text>
                {here ? (
                  <Tag color="blue" style={{ marginInlineStart: 8 }}>
                    {t('welcome.thisPage')}
                  </Tag>
                ) : null}
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                  {t(`welcome.${help}`)}
                </Typography.Paragraph>
                {i === 2 ? <EnterpriseDefault admin={admin} /> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

/** The enterprise default, read-only; only admins may read it, so a member is told where it lives. */
function EnterpriseDefault({ admin }: { admin: boolean }) {
  const { t } = useTranslation('work');
  const errorMessage = useErrorMessage();
  const welcome = useEnterpriseWelcome(admin);
  const box = { marginTop: 8, padding: '8px 12px', background: '#fafafa', borderRadius: 6, border: '1px solid #f0f0f0' };
  if (!admin)
    return (
      <Typography.Paragraph type="secondary" style={{ ...box, fontSize: 13 }} data-testid="welcome-enterprise">
        {t('welcome.enterpriseHidden')}
      </Typography.Paragraph>
    );
  if (welcome.isPending) return <Skeleton active paragraph={{ rows: 2 }} title={false} style={{ marginTop: 8 }} />;
  if (welcome.isError)
    return (
      <Typography.Paragraph type="danger" style={{ ...box, fontSize: 13 }}>
        {errorMessage(welcome.error)}
      </Typography.Paragraph>
    );
  const { text, attachments } = welcome.data;
  return (
    <div style={box} data-testid="welcome-enterprise">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('welcome.enterpriseReadOnly')}
      </Typography.Text>
      {!text && attachments.length === 0 ? (
        <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t('welcome.enterpriseNotSet')}</Typography.Paragraph>
      ) : null}
      {text ? (
        <Typography.Paragraph
          ellipsis={{ rows: 4, expandable: true, symbol: t('welcome.more') }}
          style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
        >
          {text}
        </Typography.Paragraph>
      ) : null}
      {attachments.length ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          {attachments.map((a, i) =>
            a.kind === 'image' ? (
              <ImageThumb key={`${i}-${a.body.fileId}`} image={a.body} size={48} />
            ) : (
              <Tag
                key={`${i}-${a.body.url}`}
                icon={<LinkOutlined />}
                style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}
              >
                {a.body.title}
              </Tag>
            ),
          )}
        </Flex>
      ) : null}
    </div>
  );
}
