import '../common/mobile/setup';
import './messenger.css';
import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { ChangePasswordPage } from './ChangePasswordPage';
import { EditProfilePage } from './EditProfilePage';
import { ChatsPage, ContactsPage } from './EmptyTabs';
import { useConsumerSession } from './hooks';
import { MePage } from './MePage';
import { SignedInShell, SubPage, TabPage } from './Shell';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';
import { LoadError, Loading, NotFound } from './states';
import { WelcomePage } from './WelcomePage';

/**
 * Messenger (the WeChat analogue) at /app: mobile-first, a phone-shaped column even on desktop.
 * Signed out: welcome, sign-up, sign-in. Signed in: Chats, Contacts and Me in a tab bar.
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
        <Route path="*" element={<Navigate to="/app" replace />} />
      </Routes>
    );
  }
  return (
    <SignedInShell consumer={consumer}>
      <Routes>
        <Route index element={<Navigate to="/app/chats" replace />} />
        <Route path="signup" element={<Navigate to="/app/chats" replace />} />
        <Route path="signin" element={<Navigate to="/app/chats" replace />} />
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
