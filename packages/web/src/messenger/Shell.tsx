import { ContactsFilled, ContactsOutlined, DisconnectOutlined, MessageFilled, MessageOutlined, UserOutlined } from '@ant-design/icons';
import type { ConsumerDto } from '@rapport/shared';
import { NavBar, TabBar } from 'antd-mobile';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ChatMe, useChatEvents, useChatMe, useChatSync, useConversations } from '../common/chat';
import { useLiveConnection } from '../common/mobile/live';
import type { RealtimeStatus } from '../common/realtime';
import { useNewFriendsCount } from './hooks';

interface Live {
  status: RealtimeStatus;
  /** Reopens the live connection after this device's session was rotated (password change). */
  restart: () => void;
}
const LiveContext = createContext<Live>({ status: 'connecting', restart: () => {} });
export const useLive = () => useContext(LiveContext);

const MeContext = createContext<ChatMe>({ as: 'consumer', id: '' });
/** Me as the chat core names me ({ as: 'consumer', id }). */
export const useMeInChat = () => useContext(MeContext);

/**
 * Keeps the consumer's live connection open for every signed-in screen; its events keep the
 * chat caches current, and a reconnect resends what was waiting.
 */
export function SignedInShell({ consumer, children }: { consumer: ConsumerDto; children: ReactNode }) {
  const me = useChatMe('consumer', consumer.id);
  const onChatEvent = useChatEvents(me);
  const live = useLiveConnection('consumer', consumer.id, onChatEvent);
  useChatSync(me, live.status);
  return (
    <MeContext.Provider value={me}>
      <LiveContext.Provider value={live}>{children}</LiveContext.Provider>
    </MeContext.Provider>
  );
}

/** A slim bar under the title while the connection is down; nothing when it is up. */
export function OfflineBanner() {
  const { t } = useTranslation('common');
  const { status } = useLive();
  if (status !== 'offline') return null;
  return (
    <output className="rp-app-offline" data-testid="offline-banner">
      <DisconnectOutlined />
      <span>{t('offline')}</span>
    </output>
  );
}

export type Tab = 'chats' | 'contacts' | 'me';
const TABS: { key: Tab; icon: ReactNode; activeIcon: ReactNode }[] = [
  { key: 'chats', icon: <MessageOutlined />, activeIcon: <MessageFilled /> },
  { key: 'contacts', icon: <ContactsOutlined />, activeIcon: <ContactsFilled /> },
  { key: 'me', icon: <UserOutlined />, activeIcon: <UserOutlined /> },
];

/** A top-level screen: title bar, the screen, and the tab bar (Chats, Contacts, Me). */
export function TabPage({ tab, right, children }: { tab: Tab; right?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  const { totalUnread } = useConversations('consumer');
  const newFriends = useNewFriendsCount();
  const badges: Record<Tab, number> = { chats: totalUnread, contacts: newFriends, me: 0 };
  return (
    <>
      <NavBar backIcon={false} right={right}>
        {t(`tabs.${tab}`)}
      </NavBar>
      <OfflineBanner />
      <main className="rp-app-main" data-testid={`page-${tab}`}>
        {children}
      </main>
      <TabBar activeKey={tab} onChange={(key) => navigate(`/app/${key}`)} safeArea>
        {TABS.map((item) => (
          <TabBar.Item
            key={item.key}
            data-testid={`tab-${item.key}`}
            icon={(active: boolean) => <span style={{ fontSize: 24 }}>{active ? item.activeIcon : item.icon}</span>}
            badge={badges[item.key] > 0 ? (badges[item.key] > 99 ? '99+' : badges[item.key]) : undefined}
            title={t(`tabs.${item.key}`)}
          />
        ))}
      </TabBar>
    </>
  );
}

/** A screen reached from another: title bar with a back arrow, no tab bar. */
export function SubPage({
  title,
  back = '/app/me',
  right,
  children,
}: {
  title: ReactNode;
  /** A path, or -1 for wherever the user came from. */
  back?: string | number;
  right?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <>
      <NavBar onBack={() => (typeof back === 'number' ? navigate(back) : navigate(back))} right={right}>
        {title}
      </NavBar>
      <OfflineBanner />
      <main className="rp-app-main">{children}</main>
    </>
  );
}
