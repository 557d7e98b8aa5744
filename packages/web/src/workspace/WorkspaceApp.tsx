import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { CardPage } from './CardPage';
import { HomePage } from './HomePage';
import { useMemberSession } from './hooks';
import { useIsDesktop } from './layout';
import { WorkspaceShell } from './Shell';
import { SignInPage } from './SignInPage';
import { LoadErrorPage, LoadingPage, NotFoundPage } from './states';
import { WORK_THEME, WORK_THEME_PHONE } from './theme';

/**
 * The member Workspace (the 企业微信 app analogue) at /work: sign-in, then Home and My card in a
 * shell that is a side nav on desktop and a bottom tab bar on phones.
 */
export default function WorkspaceApp() {
  const { t, i18n } = useTranslation('work');
  const desktop = useIsDesktop();
  useEffect(() => {
    document.title = t('documentTitle');
  }, [t]);
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={desktop ? WORK_THEME : WORK_THEME_PHONE}>
      <AntApp>
        <SessionGate />
      </AntApp>
    </ConfigProvider>
  );
}

function SessionGate() {
  const session = useMemberSession();
  // A failed refetch keeps the last good session: a flaky network must not sign anyone out.
  if (session.data === undefined) {
    if (session.isError) return <LoadErrorPage error={session.error} onRetry={() => void session.refetch()} />;
    return <LoadingPage />;
  }
  const info = session.data;
  if (!info?.member || !info.enterprise) return <SignInPage />;
  return (
    <WorkspaceShell member={info.member} enterprise={info.enterprise}>
      <Routes>
        <Route index element={<HomePage member={info.member} enterprise={info.enterprise} />} />
        <Route path="card" element={<CardPage member={info.member} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </WorkspaceShell>
  );
}
