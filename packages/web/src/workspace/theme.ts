import { type ThemeConfig, theme } from 'antd';

/** The Workspace look: WeCom blue, soft grey canvas, comfortable touch targets. */
export const WORK_THEME: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#1677ff',
    colorInfo: '#1677ff',
    borderRadius: 8,
    colorBgLayout: '#f5f6f8',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemBorderRadius: 8, itemMarginInline: 8, itemHeight: 44 },
  },
};

/** On phones every pixel of width counts: tighter cards. */
export const WORK_THEME_PHONE: ThemeConfig = {
  ...WORK_THEME,
  components: { ...WORK_THEME.components, Card: { bodyPadding: 16, headerPadding: 16 } },
};
