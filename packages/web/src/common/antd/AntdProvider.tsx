import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';

/** The namespace (admin / operator) whose `desktop.*` keys the shared desktop pieces read. */
export type DesktopNamespace = 'admin' | 'operator';
const NamespaceContext = createContext<DesktopNamespace>('admin');

/** `t` bound to the surface namespace, for strings of the shared desktop pieces (`desktop.*`). */
export function useDesktopT() {
  const ns = useContext(NamespaceContext);
  return useTranslation(ns).t;
}

/** Brand colours and spacing of the desktop consoles. */
export const DESKTOP_THEME = {
  token: {
    colorPrimary: '#1677ff',
    colorInfo: '#1677ff',
    borderRadius: 6,
    colorBgLayout: '#f5f6f8',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { itemBorderRadius: 6, itemMarginInline: 8, itemHeight: 42 },
    Table: { headerBg: '#fafafa' },
  },
  algorithm: theme.defaultAlgorithm,
};

/**
 * antd's ConfigProvider (theme, and the antd locale following i18n.language) plus antd's App
 * (so `App.useApp()` gives message / modal / notification bound to the theme).
 */
export function DesktopProvider({ ns, children }: { ns: DesktopNamespace; children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? zhCN : enUS;
  return (
    <NamespaceContext.Provider value={ns}>
      <ConfigProvider locale={locale} theme={DESKTOP_THEME} button={{ autoInsertSpace: false }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </NamespaceContext.Provider>
  );
}
