import { WELCOME_LIMITS, type WelcomeMessageDto } from '@rapport/shared';
import { Alert, App, Button, Card, Col, Flex, Form, Row, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { toWelcomeBody, toWelcomeValues, WelcomeFields, type WelcomeValues } from '../../common/antd/WelcomeFields';
import { WelcomePreview } from '../../common/antd/WelcomePreview';
import { useErrorMessage } from '../../common/i18n';
import { useSession } from '../../common/session';
import { useEnterpriseWelcome, useSaveEnterpriseWelcome } from './hooks';

/** 欢迎语: the enterprise default, sent to a new customer when neither the contact way nor the member has one. */
export function WelcomePage() {
  const { t } = useTranslation('admin');
  const welcome = useEnterpriseWelcome();
  return (
    <>
      <PageHeader title={t('welcome.title')} description={t('welcome.description')} />
      {welcome.isPending ? (
        <LoadingState rows={8} />
      ) : welcome.isError ? (
        <ErrorState error={welcome.error} onRetry={() => void welcome.refetch()} />
      ) : (
        <WelcomeEditor welcome={welcome.data} />
      )}
    </>
  );
}

function WelcomeEditor({ welcome }: { welcome: WelcomeMessageDto }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<WelcomeValues>();
  const save = useSaveEnterpriseWelcome();
  const memberName = useSession('member').data?.member?.name ?? '';
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

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          variant="borderless"
          title={t('welcome.default')}
          style={{ marginBottom: 16 }}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {welcome.updatedAt ? t('welcome.updatedAt', { time: formatDateTime(welcome.updatedAt, i18n.language) }) : t('welcome.notSet')}
            </Typography.Text>
          }
        >
          <Form<WelcomeValues>
            name="welcome"
            form={form}
            layout="vertical"
            initialValues={toWelcomeValues(welcome)}
            onFinish={submit}
            data-testid="welcome-form"
          >
            <WelcomeFields ns="admin" />
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="welcome-save">
                {t('common:save')}
              </Button>
              <Button onClick={() => form.setFieldsValue(toWelcomeValues(welcome))}>{t('cards.revert')}</Button>
            </Flex>
          </Form>
        </Card>
        <Card variant="borderless" title={t('welcome.precedenceTitle')}>
          <ol style={{ listStyle: 'none', padding: 0, margin: '0 0 16px' }} data-testid="welcome-precedence">
            {(
              [
                ['precedenceWay', 'precedenceWayHelp'],
                ['precedenceMember', 'precedenceMemberHelp'],
                ['precedenceDefault', 'precedenceDefaultHelp'],
              ] as const
            ).map(([title, help], i) => {
              // This page edits the last step.
              const here = i === 2;
              return (
                <li key={title} style={{ display: 'flex', gap: 12, marginBottom: 12 }}>
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
                  <div>
                    <Typography.Text strong={here}>{t(`welcome.${title}`)}</Typography.Text>
                    {here ? (
                      <Tag color="blue" style={{ marginInlineStart: 8 }}>
                        {t('welcome.thisPage')}
                      </Tag>
                    ) : null}
                    <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
                      {t(`welcome.${help}`)}
                    </Typography.Paragraph>
                  </div>
                </li>
              );
            })}
          </ol>
          <Alert type="info" showIcon title={t('welcome.onceHint', { max: WELCOME_LIMITS.attachments })} />
        </Card>
      </Col>
      <Col flex="340px">
        <Card variant="borderless" title={t('cards.preview')} styles={{ body: { padding: '20px 0' } }}>
          <WelcomePreview ns="admin" values={watched ?? toWelcomeValues(welcome)} memberName={memberName} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '16px 16px 0' }}>
            {t('welcome.previewHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
