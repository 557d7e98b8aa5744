import { LinkOutlined } from '@ant-design/icons';
import type { MemberDto, WelcomeMessageDto } from '@rapport/shared';
import { Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImageThumb } from '../../common/antd/ImageAttachments';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { useWelcomeForm, WelcomeForm, WelcomePrecedence, WelcomeSavedAt } from '../../common/antd/WelcomeForm';
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
  const { t } = useTranslation('work');
  const desktop = useIsDesktop();
  const wide = useIsWide();
  const save = useSaveMyWelcome();
  const { form, values, submit } = useWelcomeForm(welcome, save, 'work');

  const editor = (
    <Card variant="borderless" title={t('welcome.mine')} extra={desktop ? <WelcomeSavedAt ns="work" welcome={welcome} /> : null}>
      <WelcomeForm
        ns="work"
        name="my-welcome"
        welcome={welcome}
        form={form}
        submit={submit}
        saving={save.isPending}
        revertLabel={t('welcome.revert')}
      />
    </Card>
  );
  const preview = (
    <Card variant="borderless" title={t('welcome.preview')} styles={{ body: { padding: '20px 0' } }}>
      <WelcomePreview ns="work" values={values} memberName={member.name} />
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

const PRECEDENCE = [
  ['precedenceWay', 'precedenceWayHelp'],
  ['precedenceMine', 'precedenceMineHelp'],
  ['precedenceDefault', 'precedenceDefaultHelp'],
] as const;

/** Which welcome message a new customer gets (this page edits the middle step), and the enterprise default. */
function Precedence({ admin }: { admin: boolean }) {
  const { t } = useTranslation('work');
  return (
    <Card variant="borderless" title={t('welcome.precedenceTitle')}>
      <WelcomePrecedence
        ns="work"
        steps={PRECEDENCE}
        here={1}
        below={(step) => (step === 2 ? <EnterpriseDefault admin={admin} /> : null)}
      />
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
