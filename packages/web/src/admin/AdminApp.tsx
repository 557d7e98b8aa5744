import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AntdProvider } from '../common/antd/AntdProvider';
import { SignedIn, type SignedInSession } from '../common/antd/SignedIn';
import { NotFoundState } from '../common/antd/states';
import { useSignOut } from '../common/session';
import { AdminShell } from './AdminShell';
import { CardsPage } from './cards/CardsPage';
import { ContactWaysPage } from './contact-ways/ContactWaysPage';
import { CustomersPage } from './customers/CustomersPage';
import { MembersPage } from './members/MembersPage';
import { OrgPage } from './org/OrgPage';
import { QuickRepliesPage } from './quick-replies/QuickRepliesPage';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';
import { SettingsPage } from './settings/SettingsPage';
import { TagsPage } from './tags/TagsPage';
import { WelcomePage } from './welcome/WelcomePage';

/** The enterprise admin console (管理后台) at /admin. */
export default function AdminApp() {
  return (
    <AntdProvider>
      <Routes>
        <Route path="signin" element={<SignInPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route
          path="*"
          element={
            <SignedIn kind="member" signInPath="/admin/signin">
              {(session) => <AdminConsole session={session} />}
            </SignedIn>
          }
        />
      </Routes>
    </AntdProvider>
  );
}

/** Everything behind sign-in: only active admins get past here. */
function AdminConsole({ session }: { session: SignedInSession<'member'> }) {
  if (session.member.role !== 'admin') return <AdminsOnly name={session.member.name} />;
  return (
    <AdminShell session={session}>
      <Routes>
        <Route index element={<Navigate to="org" replace />} />
        <Route path="org" element={<OrgPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="cards" element={<CardsPage />} />
        <Route path="cards/:memberId" element={<CardsPage />} />
        <Route path="customers" element={<CustomersPage />} />
        <Route path="contact-ways" element={<ContactWaysPage />} />
        <Route path="tags" element={<TagsPage />} />
        <Route path="quick-replies" element={<QuickRepliesPage />} />
        <Route path="welcome" element={<WelcomePage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFoundState home="/admin" />} />
      </Routes>
    </AdminShell>
  );
}

function AdminsOnly({ name }: { name: string }) {
  const { t } = useTranslation('admin');
  const signOut = useSignOut('member');
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Result
        status="403"
        title={t('adminsOnly.title')}
        subTitle={t('adminsOnly.description', { name })}
        extra={[
          <Button key="work" type="primary" href="/work">
            {t('adminsOnly.toWorkspace')}
          </Button>,
          <Button key="out" loading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('adminsOnly.switchAccount')}
          </Button>,
        ]}
      />
    </div>
  );
}
