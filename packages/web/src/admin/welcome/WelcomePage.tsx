import { WELCOME_LIMITS, type WelcomeMessageDto } from '@rapport/shared';
import { Alert, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { useWelcomeForm, WelcomeForm, WelcomePrecedence, WelcomeSavedAt } from '../../common/antd/WelcomeForm';
import { WelcomePreview } from '../../common/antd/WelcomePreview';
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

const PRECEDENCE = [
  ['precedenceWay', 'precedenceWayHelp'],
  ['precedenceMember', 'precedenceMemberHelp'],
  ['precedenceDefault', 'precedenceDefaultHelp'],
] as const;

function WelcomeEditor({ welcome }: { welcome: WelcomeMessageDto }) {
  const { t } = useTranslation('admin');
  const save = useSaveEnterpriseWelcome();
  const { form, values, submit } = useWelcomeForm(welcome, save, 'admin');
  const memberName = useSession('member').data?.member?.name ?? '';

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          variant="borderless"
          title={t('welcome.default')}
          style={{ marginBottom: 16 }}
          extra={<WelcomeSavedAt ns="admin" welcome={welcome} />}
        >
          <WelcomeForm
            ns="admin"
            name="welcome"
            welcome={welcome}
            form={form}
            submit={submit}
            saving={save.isPending}
            revertLabel={t('cards.revert')}
          />
        </Card>
        <Card variant="borderless" title={t('welcome.precedenceTitle')}>
          {/* This page edits the last step. */}
          <WelcomePrecedence ns="admin" steps={PRECEDENCE} here={2} />
          <Alert type="info" showIcon title={t('welcome.onceHint', { max: WELCOME_LIMITS.attachments })} style={{ marginTop: 16 }} />
        </Card>
      </Col>
      <Col flex="340px">
        <Card variant="borderless" title={t('cards.preview')} styles={{ body: { padding: '20px 0' } }}>
          <WelcomePreview ns="admin" values={values} memberName={memberName} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '16px 16px 0' }}>
            {t('welcome.previewHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
