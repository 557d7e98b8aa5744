import { DownOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import type { PrincipalKindT } from '@rapport/shared';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { ChangePasswordModal } from './ChangePasswordModal';

export interface ShellMenuItem {
  key: string;
  icon: ReactNode;
  label: ReactNode;
  path: string;
}

/** The language switch of the antd surfaces: a globe and the current language (just the globe when space is short). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { i18n, t } = useTranslation('common');
  const current = LANGUAGES.find((l) => l.code === i18n.language) ?? LANGUAGES[0];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current.code],
        items: LANGUAGES.map((l) => ({ key: l.code, label: l.label })),
        onClick: ({ key }) => setLanguage(key as Language),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language')} data-testid="language-switch">
        {compact ? null : current.label}
      </Button>
    </Dropdown>
  );
}

/** Small brand block for the sider and the sign-in pages. */
export function Brand({ subtitle, inverse = false }: { subtitle: ReactNode; inverse?: boolean }) {
  return (
    <Flex align="center" gap={10}>
      <img src="/favicon.svg" alt="" width={30} height={30} />
      <div style={{ lineHeight: 1.2 }}>
        <div style={{ fontWeight: 600, fontSize: 16, color: inverse ? '#fff' : '#1f1f1f' }}>Rapport</div>
        <div style={{ fontSize: 12, color: inverse ? 'rgba(255,255,255,.75)' : '#8c8c8c' }}>{subtitle}</div>
      </div>
    </Flex>
  );
}

interface ShellProps {
  /** The surface name under the brand, e.g. "Admin console". */
  surface: ReactNode;
  items: ShellMenuItem[];
  selectedKey: string;
  /** Left side of the header, e.g. the enterprise name and its verification badge. */
  headerLeft?: ReactNode;
  userName: string;
  userDetail?: ReactNode;
  kind: PrincipalKindT;
  onSignOut: () => void;
  children: ReactNode;
}

/** The frame of a desktop console: sider menu, header with language switch and user menu. */
export function DesktopShell({ surface, items, selectedKey, headerLeft, userName, userDetail, kind, onSignOut, children }: ShellProps) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const [passwordOpen, setPasswordOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', borderBottom: '1px solid #f0f0f0' }}>
          <Brand subtitle={surface} />
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey]}
          style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          items={items.map((item) => ({ key: item.key, icon: item.icon, label: item.label }))}
          onClick={({ key }) => {
            const item = items.find((i) => i.key === key);
            if (item) navigate(item.path);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            {headerLeft}
          </Flex>
          <Flex align="center" gap={8}>
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
                  { type: 'divider' },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('signOut'), danger: true },
                ],
                onClick: ({ key }) => (key === 'password' ? setPasswordOpen(true) : onSignOut()),
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Flex align="center" gap={8}>
                  <Avatar size={28} style={{ background: '#1677ff' }}>
                    {userName.slice(0, 1).toUpperCase()}
                  </Avatar>
                  <div style={{ textAlign: 'left', lineHeight: 1.2 }}>
                    <div>{userName}</div>
                    {userDetail ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {userDetail}
                      </Typography.Text>
                    ) : null}
                  </div>
                  <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
                </Flex>
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1440, margin: '0 auto' }}>{children}</div>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal kind={kind} open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
