import { CheckCircleFilled, ClockCircleFilled, TeamOutlined } from '@ant-design/icons';
import type { BusinessCardDto, EnterpriseDto, MemberDto } from '@rapport/shared';
import { Avatar, Badge, Button, Card, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { departmentLabel } from '../common/departments';
import { useErrorMessage } from '../common/i18n';
import { EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { contactGate, useDepartments, useMyCard } from './hooks';
import { STATUS_COLOR, useIsDesktop, useLiveStatus } from './layout';

type Condition = 'enterpriseVerified' | 'realNameVerified' | 'customerContact';
const CONDITIONS: Condition[] = ['enterpriseVerified', 'realNameVerified', 'customerContact'];

function greetingKey(hour: number) {
  if (hour < 5) return 'evening';
  if (hour < 12) return 'morning';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

/**
 * Home: who I am here (greeting, title, departments), whether I may add customers yet (the three
 * conditions of PRODUCT.md §1, with who to ask for what is missing) and the live connection.
 */
export function HomePage({ member, enterprise }: { member: MemberDto; enterprise: EnterpriseDto }) {
  const desktop = useIsDesktop();
  const column = { display: 'grid', gap: desktop ? 16 : 12, alignContent: 'start', minWidth: 0 } as const;
  return (
    <div
      style={{
        display: 'grid',
        gap: desktop ? 16 : 12,
        gridTemplateColumns: desktop ? 'minmax(0, 1fr) minmax(280px, 340px)' : 'minmax(0, 1fr)',
        alignItems: 'start',
      }}
    >
      <div style={column}>
        <Greeting member={member} enterprise={enterprise} />
        <ContactReadiness member={member} enterprise={enterprise} />
      </div>
      <div style={column}>
        <CardSummary />
        <Connection />
      </div>
    </div>
  );
}

const CARD_PARTS = ['title', 'phone', 'storeAddress', 'photoUrl', 'bio'] as const;

/** My card at a glance, and what is still missing from it. */
function CardSummary() {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const card = useMyCard();
  return (
    <Card variant="borderless" title={t('home.card.title')} extra={<Link to="/work/card">{t('home.card.open')}</Link>}>
      {card.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 1 }} />
      ) : card.isError ? (
        <Typography.Text type="secondary">
          {errorMessage(card.error)}{' '}
          <Button type="link" size="small" onClick={() => void card.refetch()} style={{ padding: 0 }}>
            {tc('retry')}
          </Button>
        </Typography.Text>
      ) : (
        <CardSummaryBody card={card.data} />
      )}
    </Card>
  );
}

function CardSummaryBody({ card }: { card: BusinessCardDto }) {
  const { t } = useTranslation('work');
  const missing = CARD_PARTS.filter((part) => !card[part]);
  return (
    <div data-testid="card-summary">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <Avatar
          shape="square"
          size={48}
          src={card.photoUrl ?? card.avatarUrl ?? undefined}
          style={{ background: '#e6f4ff', color: '#1677ff', flex: 'none' }}
        >
          {card.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
            <span style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{card.name}</span>
            <EnterpriseBadge shortName={card.enterpriseShortName} verified={card.enterpriseVerified} />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {card.title ?? t('home.card.noTitle')}
          </Typography.Text>
        </div>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
        {missing.length === 0
          ? t('home.card.complete')
          : t('home.card.missing', { parts: missing.map((part) => t(`home.card.parts.${part}`)).join(t('home.card.separator')) })}
      </Typography.Paragraph>
    </div>
  );
}

function Greeting({ member, enterprise }: { member: MemberDto; enterprise: EnterpriseDto }) {
  const { t } = useTranslation('work');
  return (
    <Card variant="borderless">
      <div style={{ display: 'flex', gap: 16, alignItems: 'center' }}>
        <Avatar size={56} src={member.avatarUrl ?? undefined} style={{ background: '#1677ff', flex: 'none', fontSize: 24 }}>
          {member.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="greeting">
            {t(`home.greeting.${greetingKey(new Date().getHours())}`, { name: member.name })}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {member.title ? `${member.title} · ${enterprise.name}` : enterprise.name}
          </Typography.Text>
        </div>
      </div>
      <div style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <TeamOutlined /> {t('home.departments')}
        </Typography.Text>
        <div style={{ marginTop: 6 }}>
          <Departments ids={member.departmentIds} />
        </div>
      </div>
      {member.title ? null : (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
          {t('home.noTitle')} <Link to="/work/card">{t('home.setOnCard')}</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function Departments({ ids }: { ids: string[] }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const departments = useDepartments();
  if (ids.length === 0) return <Typography.Text type="secondary">{t('home.noDepartments')}</Typography.Text>;
  if (departments.isPending) return <Skeleton.Button active size="small" style={{ width: 160 }} />;
  if (departments.isError)
    return (
      <Typography.Text type="secondary">
        {errorMessage(departments.error)}{' '}
        <Button type="link" size="small" onClick={() => void departments.refetch()} style={{ padding: 0 }}>
          {tc('retry')}
        </Button>
      </Typography.Text>
    );
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="departments">
      {ids.map((id) => (
        <Tag key={id} color="blue" style={{ marginInlineEnd: 0, whiteSpace: 'normal', fontSize: 13, padding: '2px 8px' }}>
          {departmentLabel(departments.data, id) ?? t('home.unknownDepartment')}
        </Tag>
      ))}
    </div>
  );
}

function ContactReadiness({ member, enterprise }: { member: MemberDto; enterprise: EnterpriseDto }) {
  const { t } = useTranslation('work');
  const { conditions, ready } = contactGate(member, enterprise);
  const admin = member.role === 'admin';
  const hint = (condition: Condition): ReactNode => {
    const key = `home.gate.${condition}.${admin ? 'missingAdmin' : 'missing'}`;
    return t(key, { enterprise: enterprise.name });
  };
  return (
    <Card
      variant="borderless"
      title={t('home.gate.title')}
      extra={
        <Tag color={ready ? 'success' : 'warning'} data-testid="gate-status" style={{ marginInlineEnd: 0 }}>
          {ready ? t('home.gate.ready') : t('home.gate.notYet')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {ready ? t('home.gate.readyText') : t('home.gate.notYetText')}
      </Typography.Paragraph>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }} data-testid="gate-checklist">
        {CONDITIONS.map((condition) => {
          const ok = conditions[condition];
          return (
            <li
              key={condition}
              data-testid={`gate-${condition}`}
              data-ok={ok}
              style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}
            >
              <span style={{ fontSize: 20, lineHeight: '22px', color: ok ? '#52c41a' : '#faad14', flex: 'none' }}>
                {ok ? (
                  <CheckCircleFilled aria-label={t('home.gate.done')} />
                ) : (
                  <ClockCircleFilled aria-label={t('home.gate.missingLabel')} />
                )}
              </span>
              <div style={{ minWidth: 0 }}>
                <div style={{ fontWeight: 500, lineHeight: '22px' }}>{t(`home.gate.${condition}.label`)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {ok ? t(`home.gate.${condition}.done`, { enterprise: enterprise.name }) : hint(condition)}
                </Typography.Text>
              </div>
            </li>
          );
        })}
      </ul>
      {!ready && admin ? (
        <div style={{ marginTop: 16 }}>
          <Link to="/admin">
            <Button>{t('home.gate.openAdmin')}</Button>
          </Link>
        </div>
      ) : null}
    </Card>
  );
}

function Connection() {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const status = useLiveStatus();
  return (
    <Card variant="borderless" size="small">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <div>
          <div style={{ fontWeight: 500 }}>{t('home.live.title')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('home.live.text')}
          </Typography.Text>
        </div>
        <Badge status={STATUS_COLOR[status]} text={tc(status)} data-testid="live-status" data-status={status} />
      </div>
    </Card>
  );
}
