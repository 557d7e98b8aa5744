import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { AntdProvider } from '../common/antd/AntdProvider';
import { ErrorState, NotFoundState, PageSkeleton } from '../common/antd/states';
import { CardPage } from './CardPage';
import { ChatsPage } from './chat/ChatsPage';
import { ContactWaysPage } from './contact-ways/ContactWaysPage';
import { CustomersPage } from './customers/CustomersPage';
import { HomePage } from './HomePage';
import { useMemberSession } from './hooks';
import { useIsDesktop } from './layout';
import { WorkspaceShell } from './Shell';
import { SignInPage } from './SignInPage';
import { WelcomePage } from './welcome/WelcomePage';

/**
 * The member Workspace (the 企业微信 app analogue) at /work: sign-in, then Home, Chats, Customers,
 * Contact ways, My card and My welcome message in a shell that is a side nav on desktop and a bottom tab bar on phones.
 */
export default function WorkspaceApp() {
  const { t } = useTranslation('work');
  const desktop = useIsDesktop();
  useEffect(() => {
    document.title = t('documentTitle');
  }, [t]);
  return (
    <AntdProvider touch phone={!desktop}>
      <SessionGate />
    </AntdProvider>
  );
}

function SessionGate() {
  const session = useMemberSession();
  // A failed refetch keeps the last good session: a flaky network must not sign anyone out.
  if (session.data === undefined) {
    if (session.isError)
      return (
        <div style={{ padding: '10vh 16px' }}>
          <ErrorState status="warning" error={session.error} onRetry={() => void session.refetch()} />
        </div>
      );
    return <PageSkeleton />;
  }
  const info = session.data;
  if (!info?.member || !info.enterprise) return <SignInPage />;
  return (
    <WorkspaceShell member={info.member} enterprise={info.enterprise}>
      <Routes>
        <Route index element={<HomePage member={info.member} enterprise={info.enterprise} />} />
        <Route path="customers" element={<CustomersPage member={info.member} enterprise={info.enterprise} chatEnabled />} />
        <Route path="chats" element={<ChatsPage member={info.member} />} />
        <Route path="chats/:conversationId" element={<ChatsPage member={info.member} />} />
        <Route path="contact-ways" element={<ContactWaysPage member={info.member} />} />
        <Route path="welcome" element={<WelcomePage member={info.member} />} />
        <Route path="card" element={<CardPage member={info.member} />} />
        <Route path="*" element={<NotFoundState home="/work" />} />
      </Routes>
    </WorkspaceShell>
  );
}
