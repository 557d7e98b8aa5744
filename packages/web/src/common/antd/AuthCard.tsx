import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Brand, LanguageSwitch } from './DesktopShell';

/** The centred card of sign-in, sign-up and setup pages, over a soft brand background. */
export function AuthCard({
  surface,
  title,
  subtitle,
  width = 400,
  children,
}: {
  surface: ReactNode;
  title: ReactNode;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #e8f1ff 0%, #f5f6f8 45%, #f5f6f8 100%)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Flex justify="space-between" align="center" style={{ padding: '16px 32px' }}>
        <Brand subtitle={surface} />
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" align="flex-start" style={{ flex: 1, padding: '4vh 16px 48px' }}>
        <Card style={{ width, maxWidth: '100%', boxShadow: '0 6px 24px rgba(22, 119, 255, 0.08)' }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>
            {title}
          </Typography.Title>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
              {subtitle}
            </Typography.Paragraph>
          ) : null}
          {children}
        </Card>
      </Flex>
    </div>
  );
}
