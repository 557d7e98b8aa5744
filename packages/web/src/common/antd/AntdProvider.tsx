import { App as AntApp, ConfigProvider, type ThemeConfig, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Brand colours and spacing of the antd surfaces (admin and operator consoles, the Workspace). */
export const ANTD_THEME: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
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
};

/** A surface used by touch as much as by mouse (the Workspace): rounder, taller targets. */
const TOUCH_THEME: ThemeConfig = {
  ...ANTD_THEME,
  token: { ...ANTD_THEME.token, borderRadius: 8 },
  components: {
    ...ANTD_THEME.components,
    Layout: { ...ANTD_THEME.components?.Layout, headerPadding: '0 16px' },
    Menu: { itemBorderRadius: 8, itemMarginInline: 8, itemHeight: 44 },
  },
};

/** On phones every pixel of width counts: tighter cards. */
const PHONE_THEME: ThemeConfig = {
  ...TOUCH_THEME,
  components: { ...TOUCH_THEME.components, Card: { bodyPadding: 16, headerPadding: 16 } },
};

/**
 * antd's ConfigProvider (theme, and the antd locale following i18n.language) plus antd's App
 * (so `App.useApp()` gives message / modal / notification bound to the theme).
 * `touch` for a surface also used on phones and tablets; `phone` while the screen is phone-sized.
 */
export function AntdProvider({ touch = false, phone = false, children }: { touch?: boolean; phone?: boolean; children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? zhCN : enUS;
  const config = phone ? PHONE_THEME : touch ? TOUCH_THEME : ANTD_THEME;
  return (
    <ConfigProvider locale={locale} theme={config} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
