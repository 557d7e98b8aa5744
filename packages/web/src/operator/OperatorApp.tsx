import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AntdProvider } from '../common/antd/AntdProvider';
import { DesktopShell } from '../common/antd/DesktopShell';
import { SignedIn, type SignedInSession } from '../common/antd/SignedIn';
import { NotFoundState } from '../common/antd/states';
import { useSignOut } from '../common/session';
import { EnterprisesPage } from './EnterprisesPage';
import { SetupPage } from './SetupPage';
import { OperatorSignInPage } from './SignInPage';

/** The operator console (运营后台) at /operator: enterprises and their verification. */
export default function OperatorApp() {
  return (
    <AntdProvider>
      <Routes>
        <Route path="setup" element={<SetupPage />} />
        <Route path="signin" element={<OperatorSignInPage />} />
        <Route
          path="*"
          element={
            <SignedIn kind="operator" signInPath="/operator/signin">
              {(session) => <OperatorConsole session={session} />}
            </SignedIn>
          }
        />
      </Routes>
    </AntdProvider>
  );
}

/** The console behind sign-in. */
function OperatorConsole({ session }: { session: SignedInSession<'operator'> }) {
  const { t } = useTranslation('operator');
  const signOut = useSignOut('operator');
  const location = useLocation();
  const navigate = useNavigate();
  const operator = session.operator;
  return (
    <DesktopShell
      surface={t('surface')}
      kind="operator"
      items={[{ key: 'enterprises', icon: <ShopOutlined />, label: t('nav.enterprises'), path: '/operator/enterprises' }]}
      selectedKey={location.pathname.split('/')[2] || 'enterprises'}
      headerLeft={<span style={{ fontWeight: 600, fontSize: 16 }}>{t('headerTitle')}</span>}
      userName={operator.account}
      userDetail={t('role')}
      onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate('/operator/signin') })}
    >
      <Routes>
        <Route index element={<Navigate to="enterprises" replace />} />
        <Route path="enterprises" element={<EnterprisesPage />} />
        <Route path="*" element={<NotFoundState home="/operator" />} />
      </Routes>
    </DesktopShell>
  );
}
