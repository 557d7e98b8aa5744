import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AntdProvider } from '../common/antd/AntdProvider';
import { ErrorState, NotFoundState } from '../common/antd/states';
import { useSession, useSignOut } from '../common/session';
import { FullPageSpinner } from '../common/ui/FullPageSpinner';
import { AdminShell } from './AdminShell';
import { CardsPage } from './cards/CardsPage';
import { MembersPage } from './members/MembersPage';
import { OrgPage } from './org/OrgPage';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';
import { SettingsPage } from './settings/SettingsPage';

/** The enterprise admin console (管理后台) at /admin. */
export default function AdminApp() {
  return (
    <AntdProvider>
      <Routes>
        <Route path="signin" element={<SignInPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="*" element={<SignedInAdmin />} />
      </Routes>
    </AntdProvider>
  );
}

/** Everything behind sign-in: only active admins get past here. */
function SignedInAdmin() {
  const session = useSession('member');
  const location = useLocation();
  if (session.isPending) return <FullPageSpinner />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const info = session.data;
  if (!info?.member) return <Navigate to="/admin/signin" replace state={{ from: location.pathname + location.search }} />;
  if (info.member.role !== 'admin') return <AdminsOnly name={info.member.name} />;
  return (
    <AdminShell session={info}>
      <Routes>
        <Route index element={<Navigate to="org" replace />} />
        <Route path="org" element={<OrgPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="cards" element={<CardsPage />} />
        <Route path="cards/:memberId" element={<CardsPage />} />
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
