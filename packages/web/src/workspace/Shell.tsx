import {
  ContactsFilled,
  ContactsOutlined,
  CrownOutlined,
  DownOutlined,
  HomeFilled,
  HomeOutlined,
  IdcardFilled,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MessageFilled,
  MessageOutlined,
  QrcodeOutlined,
  SmileFilled,
  SmileOutlined,
} from '@ant-design/icons';
import type { EnterpriseDto, MemberDto } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Badge, Button, Dropdown, Layout, Menu, type MenuProps, Tooltip } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ChangePasswordModal } from '../common/antd/ChangePasswordModal';
import { Brand, LanguageSwitch } from '../common/antd/DesktopShell';
import { useChatEvents, useChatMe, useChatSync, useConversations } from '../common/chat';
import { useErrorMessage } from '../common/i18n';
import { EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { useLiveConnection } from '../common/mobile/live';
import type { RealtimeStatus } from '../common/realtime';
import { useSignOut } from '../common/session';
import { workKeys } from './hooks';
import { LiveContext, STATUS_COLOR, useIsDesktop } from './layout';

const TABS = [
  { key: 'home', path: '/work', icon: <HomeOutlined />, activeIcon: <HomeFilled /> },
  { key: 'chats', path: '/work/chats', icon: <MessageOutlined />, activeIcon: <MessageFilled /> },
  { key: 'customers', path: '/work/customers', icon: <ContactsOutlined />, activeIcon: <ContactsFilled /> },
  { key: 'contactWays', path: '/work/contact-ways', icon: <QrcodeOutlined />, activeIcon: <QrcodeOutlined /> },
  { key: 'card', path: '/work/card', icon: <IdcardOutlined />, activeIcon: <IdcardFilled /> },
  // Desktop nav only: five tabs fill a phone's bar; phones reach it from Contact ways.
  { key: 'welcome', path: '/work/welcome', icon: <SmileOutlined />, activeIcon: <SmileFilled />, desktopOnly: true },
] as const;

function useActiveTab() {
  const { pathname } = useLocation();
  const path = pathname.replace(/\/+$/, '');
  return TABS.find((tab) => tab.key !== 'home' && (path === tab.path || path.startsWith(`${tab.path}/`)))?.key ?? 'home';
}

/**
 * The Workspace frame. Desktop: side nav and a header. Phone: a compact header and a bottom tab
 * bar, like the 企业微信 app. Both show the enterprise with its "@short name" badge, the language
 * switch and the user menu (change password, admin console for admins, sign out).
 */
export function WorkspaceShell({ member, enterprise, children }: { member: MemberDto; enterprise: EnterpriseDto; children: ReactNode }) {
  const desktop = useIsDesktop();
  const me = useChatMe('member', member.id);
  // Chat events update the conversation and message caches in place; a reconnect resends and resyncs.
  const { status, restart } = useLiveConnection('member', member.id, useChatEvents(me));
  useChatSync(me, status);
  const { totalUnread } = useConversations('member');
  const { pathname } = useLocation();
  const chats = /^\/work\/chats(\/|$)/.test(pathname);
  // A phone shows an open conversation full screen, without the tab bar (like the 企业微信 app).
  const immersive = !desktop && /^\/work\/chats\/[^/]+/.test(pathname);
  const queryClient = useQueryClient();
  // The card repeats the member's name and title and the enterprise's badge: when the session
  // brings news of either (an admin's edit, verification), the card is refetched too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these values are the triggers
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: workKeys.card });
  }, [queryClient, member.updatedAt, enterprise.verification, enterprise.name, enterprise.shortName]);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const header = (
    <Header member={member} enterprise={enterprise} status={status} compact={!desktop} onChangePassword={() => setPasswordOpen(true)} />
  );
  return (
    <LiveContext.Provider value={status}>
      {desktop ? (
        <Layout style={{ minHeight: '100dvh' }}>
          <SideNav admin={member.role === 'admin'} unread={totalUnread} />
          <Layout>
            {header}
            <Layout.Content style={{ padding: 24, minWidth: 0 }}>
              <div style={{ maxWidth: chats ? 1400 : 1080, margin: '0 auto' }}>{children}</div>
            </Layout.Content>
          </Layout>
        </Layout>
      ) : (
        // A phone app shell: header and tab bar stay put, the page scrolls between them.
        <Layout style={{ height: '100dvh', overflow: 'hidden' }}>
          {header}
          <Layout.Content
            data-testid="work-scroll"
            style={{ padding: immersive ? 0 : '12px 12px 24px', minWidth: 0, minHeight: 0, overflowY: immersive ? 'hidden' : 'auto' }}
          >
            {children}
          </Layout.Content>
          {immersive ? null : <TabBar unread={totalUnread} />}
        </Layout>
      )}
      <ChangePasswordModal kind="member" open={passwordOpen} onClose={() => setPasswordOpen(false)} onChanged={restart} />
    </LiveContext.Provider>
  );
}

/** The unread count beside Chats. */
function UnreadBadge({ count }: { count: number }) {
  return <Badge count={count} size="small" overflowCount={99} data-testid="nav-unread" />;
}

function SideNav({ admin, unread }: { admin: boolean; unread: number }) {
  const { t } = useTranslation('work');
  const navigate = useNavigate();
  const active = useActiveTab();
  const items: MenuProps['items'] = TABS.map((tab) => ({
    key: tab.key,
    icon: tab.icon,
    label:
      tab.key === 'chats' ? (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          {t(`nav.${tab.key}`)}
          <UnreadBadge count={unread} />
        </span>
      ) : (
        t(`nav.${tab.key}`)
      ),
  }));
  return (
    <Layout.Sider width={216} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
      <div style={{ position: 'sticky', top: 0 }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', borderBottom: '1px solid #f0f0f0' }}>
          <Brand subtitle={t('surfaceName')} />
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[active]}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={items}
            onClick={({ key }) => {
              const tab = TABS.find((x) => x.key === key);
              if (tab) navigate(tab.path);
            }}
          />
        </nav>
        {admin ? (
          <div style={{ padding: '12px 16px', borderTop: '1px solid #f0f0f0', marginTop: 8 }}>
            <Link to="/admin" data-testid="admin-link">
              <Button icon={<CrownOutlined />} block>
                {t('nav.admin')}
              </Button>
            </Link>
          </div>
        ) : null}
      </div>
    </Layout.Sider>
  );
}

function TabBar({ unread }: { unread: number }) {
  const { t } = useTranslation('work');
  const shown = useActiveTab();
  const active = shown === 'welcome' ? 'contactWays' : shown;
  return (
    <nav
      aria-label={t('nav.label')}
      style={{
        flex: 'none',
        display: 'flex',
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        paddingBottom: 'env(safe-area-inset-bottom)',
      }}
    >
      {TABS.filter((tab) => !('desktopOnly' in tab)).map((tab) => {
        const on = tab.key === active;
        return (
          <Link
            key={tab.key}
            to={tab.path}
            aria-current={on ? 'page' : undefined}
            data-testid={`tab-${tab.key}`}
            style={{
              flex: 1,
              height: 56,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              color: on ? '#1677ff' : '#8c8c8c',
              fontSize: 11,
              textDecoration: 'none',
              transition: 'none',
            }}
          >
            <span style={{ fontSize: 22, lineHeight: 1 }}>
              {tab.key === 'chats' ? (
                <Badge count={unread} size="small" overflowCount={99} offset={[4, 0]} data-testid="tab-unread">
                  <span style={{ fontSize: 22, color: on ? '#1677ff' : '#8c8c8c' }}>{on ? tab.activeIcon : tab.icon}</span>
                </Badge>
              ) : on ? (
                tab.activeIcon
              ) : (
                tab.icon
              )}
            </span>
            {t(`nav.${tab.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}

function Header({
  member,
  enterprise,
  status,
  compact,
  onChangePassword,
}: {
  member: MemberDto;
  enterprise: EnterpriseDto;
  status: RealtimeStatus;
  compact: boolean;
  onChangePassword: () => void;
}) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const signOut = useSignOut('member');

  const items: MenuProps['items'] = [
    {
      key: 'me',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4, color: '#1f1f1f', maxWidth: 220 }}>
          <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }}>{member.name}</div>
          <div style={{ fontSize: 12, color: '#8c8c8c', overflow: 'hidden', textOverflow: 'ellipsis' }}>{member.account}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: tc('changePassword') },
    ...(member.role === 'admin' ? [{ key: 'admin', icon: <CrownOutlined />, label: t('nav.admin') }] : []),
    { type: 'divider' },
    { key: 'signOut', icon: <LogoutOutlined />, label: tc('signOut'), danger: true },
  ];

  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') onChangePassword();
    else if (key === 'admin') navigate('/admin');
    else if (key === 'signOut')
      signOut.mutate(undefined, {
        onSuccess: () => navigate('/work'),
        onError: (error) => void message.error(errorMessage(error)),
      });
  };

  return (
    <Layout.Header
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 10,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 8,
        borderBottom: '1px solid #f0f0f0',
        paddingInline: compact ? 12 : 24,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
        <span
          data-testid="enterprise-name"
          style={{
            fontWeight: 600,
            fontSize: compact ? 16 : 17,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            minWidth: 0,
          }}
        >
          {enterprise.name}
        </span>
        <EnterpriseBadge shortName={enterprise.shortName} verified={enterprise.verification === 'verified'} style={{ flex: 'none' }} />
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: compact ? 0 : 8, flex: 'none' }}>
        <Tooltip title={tc(status)}>
          <output aria-label={tc(status)} data-testid="live-dot" data-status={status} style={{ padding: '0 8px', lineHeight: 1 }}>
            <Badge status={STATUS_COLOR[status]} />
          </output>
        </Tooltip>
        <LanguageSwitch compact={compact} />
        <Dropdown trigger={['click']} menu={{ items, onClick: onMenu }} placement="bottomRight">
          <Button type="text" data-testid="user-menu" aria-label={t('userMenu')} style={{ height: 40, paddingInline: compact ? 4 : 8 }}>
            <span style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Avatar size={28} src={member.avatarUrl ?? undefined} style={{ background: '#1677ff', flex: 'none' }}>
                {member.name.slice(0, 1).toUpperCase()}
              </Avatar>
              {compact ? null : (
                <>
                  <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{member.name}</span>
                  <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                </>
              )}
            </span>
          </Button>
        </Dropdown>
      </div>
    </Layout.Header>
  );
}
