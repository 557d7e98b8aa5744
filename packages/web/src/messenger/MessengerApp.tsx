import '../common/mobile/setup';
import './messenger.css';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AddByLinkPage } from './AddByLinkPage';
import { AddFriendPage } from './AddFriendPage';
import { ChangePasswordPage } from './ChangePasswordPage';
import { ChatPage } from './ChatPage';
import { ChatsPage } from './ChatsPage';
import { FriendContactPage, MemberContactPage } from './ContactPage';
import { ContactsPage } from './ContactsPage';
import { EditProfilePage } from './EditProfilePage';
import { clearReturn, peekReturn, useConsumerSession } from './hooks';
import { MePage } from './MePage';
import { NewFriendsPage } from './NewFriendsPage';
import { SignedInShell, SubPage, TabPage } from './Shell';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';
import { LoadError, Loading, NotFound } from './states';
import { WelcomePage } from './WelcomePage';

/**
 * Messenger (the WeChat analogue) at /app: mobile-first, a phone-shaped column even on desktop.
 * Signed out: welcome, sign-up, sign-in, and an add link's preview. Signed in: Chats, Contacts and
 * Me in a tab bar, a chat, contacts' pages and requests, and add links.
 */
export default function MessengerApp() {
  const { t, i18n } = useTranslation('app');
  useEffect(() => {
    document.title = t('documentTitle');
  }, [t]);
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS}>
      <div className="rp-app-backdrop">
        <div className="rp-app">
          <SessionGate />
        </div>
      </div>
    </ConfigProvider>
  );
}

function SessionGate() {
  const session = useConsumerSession();
  // A failed refetch keeps the last good session: a tunnel must not sign anyone out.
  if (session.data === undefined) {
    if (session.isError) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
    return <Loading full />;
  }
  const consumer = session.data?.consumer;
  if (!consumer) {
    return (
      <Routes>
        <Route index element={<WelcomePage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="add/:token" element={<AddByLinkPage signedIn={false} />} />
        <Route path="*" element={<Navigate to="/app" replace />} />
      </Routes>
    );
  }
  return (
    <SignedInShell consumer={consumer}>
      <Routes>
        <Route index element={<Navigate to="/app/chats" replace />} />
        <Route path="signup" element={<AfterSignIn />} />
        <Route path="signin" element={<AfterSignIn />} />
        <Route path="add/:token" element={<AddByLinkPage signedIn />} />
        <Route
          path="chats"
          element={
            <TabPage tab="chats">
              <ChatsPage />
            </TabPage>
          }
        />
        <Route
          path="contacts"
          element={
            <TabPage tab="contacts">
              <ContactsPage consumer={consumer} />
            </TabPage>
          }
        />
        <Route
          path="me"
          element={
            <TabPage tab="me">
              <MePage consumer={consumer} />
            </TabPage>
          }
        />
        <Route path="chats/:id" element={<ChatPage />} />
        <Route path="contacts/new" element={<NewFriendsPage />} />
        <Route path="contacts/add" element={<AddFriendPage />} />
        <Route path="contacts/enterprise/:memberId" element={<MemberContactPage back="/app/contacts" />} />
        <Route path="contacts/friends/:consumerId" element={<FriendContactPage />} />
        <Route path="cards/:memberId" element={<MemberContactPage back={-1} />} />
        <Route path="me/profile" element={<EditProfilePage consumer={consumer} />} />
        <Route path="me/password" element={<ChangePasswordPage />} />
        <Route
          path="*"
          element={
            <SubPage title="">
              <NotFound />
            </SubPage>
          }
        />
      </Routes>
    </SignedInShell>
  );
}

/** Just signed in or up: back to where the visitor was going (an add link), else Chats. */
function AfterSignIn() {
  const [to] = useState(peekReturn);
  useEffect(() => clearReturn(), []);
  return <Navigate to={to} replace />;
}
