import { ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AntdProvider } from '../common/antd/AntdProvider';
import { DesktopShell } from '../common/antd/DesktopShell';
import { ErrorState, NotFoundState } from '../common/antd/states';
import { useSessionGuard } from '../common/antd/useSessionGuard';
import { useSession, useSignOut } from '../common/session';
import { FullPageSpinner } from '../common/ui/FullPageSpinner';
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
        <Route path="*" element={<SignedInOperator />} />
      </Routes>
    </AntdProvider>
  );
}

function SignedInOperator() {
  const { t } = useTranslation('operator');
  const session = useSession('operator');
  const signOut = useSignOut('operator');
  useSessionGuard('operator');
  const location = useLocation();
  const navigate = useNavigate();
  if (session.isPending) return <FullPageSpinner />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const operator = session.data?.operator;
  if (!operator) return <Navigate to="/operator/signin" replace state={{ from: location.pathname + location.search }} />;
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
