import {
  ApartmentOutlined,
  ContactsOutlined,
  IdcardOutlined,
  QrcodeOutlined,
  SafetyCertificateFilled,
  SettingOutlined,
  SmileOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { EnterpriseDto, SessionInfoDto } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { DesktopShell } from '../common/antd/DesktopShell';
import { useRealtime } from '../common/realtime';
import { useSignOut } from '../common/session';
import { adminKeys, useEnterprise } from './hooks';

/** The verified / unverified badge of an enterprise. */
export function VerificationTag({ enterprise }: { enterprise: Pick<EnterpriseDto, 'verification'> }) {
  const { t } = useTranslation('admin');
  return enterprise.verification === 'verified' ? (
    <Tag color="success" icon={<SafetyCertificateFilled />} data-testid="enterprise-verification" data-status="verified">
      {t('verification.verified')}
    </Tag>
  ) : (
    <Tooltip title={t('verification.unverifiedHint')}>
      <Tag color="warning" data-testid="enterprise-verification" data-status="unverified">
        {t('verification.unverified')}
      </Tag>
    </Tooltip>
  );
}

export function AdminShell({ session, children }: { session: SessionInfoDto; children: ReactNode }) {
  const { t } = useTranslation('admin');
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut('member');
  // Live updates (verification by the operator, settings changed by another admin) refresh the cache.
  const queryClient = useQueryClient();
  const onEvent = useCallback(
    (event: { type: string }) => {
      if (event.type.startsWith('enterprise.')) void queryClient.invalidateQueries({ queryKey: adminKeys.enterprise });
      if (event.type.startsWith('member.')) void queryClient.invalidateQueries({ queryKey: adminKeys.members });
    },
    [queryClient],
  );
  useRealtime('member', session.member?.id, onEvent);
  const enterpriseQuery = useEnterprise();
  const enterprise = enterpriseQuery.data ?? session.enterprise;
  const member = session.member;

  const items = [
    { key: 'org', icon: <ApartmentOutlined />, label: t('nav.org'), path: '/admin/org' },
    { key: 'members', icon: <TeamOutlined />, label: t('nav.members'), path: '/admin/members' },
    { key: 'cards', icon: <IdcardOutlined />, label: t('nav.cards'), path: '/admin/cards' },
    { key: 'customers', icon: <ContactsOutlined />, label: t('nav.customers'), path: '/admin/customers' },
    { key: 'contact-ways', icon: <QrcodeOutlined />, label: t('nav.contactWays'), path: '/admin/contact-ways' },
    { key: 'tags', icon: <TagsOutlined />, label: t('nav.tags'), path: '/admin/tags' },
    { key: 'quick-replies', icon: <ThunderboltOutlined />, label: t('nav.quickReplies'), path: '/admin/quick-replies' },
    { key: 'welcome', icon: <SmileOutlined />, label: t('nav.welcome'), path: '/admin/welcome' },
    { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings'), path: '/admin/settings' },
  ];
  const selectedKey = location.pathname.split('/')[2] ?? 'org';

  return (
    <DesktopShell
      surface={t('surface')}
      kind="member"
      items={items}
      selectedKey={selectedKey}
      userName={member?.name ?? ''}
      userDetail={t('roles.admin')}
      onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate('/admin/signin') })}
      headerLeft={
        enterprise ? (
          <>
            <Typography.Text strong style={{ fontSize: 16 }} ellipsis data-testid="enterprise-name">
              {enterprise.name}
            </Typography.Text>
            <VerificationTag enterprise={enterprise} />
          </>
        ) : null
      }
    >
      {children}
    </DesktopShell>
  );
}
