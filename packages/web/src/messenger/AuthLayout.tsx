import { Button, NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';

/** The frame of sign-up and sign-in: a back arrow to the welcome screen, a title, the form. */
export function AuthLayout({ title, subtitle, children }: { title: ReactNode; subtitle: ReactNode; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <>
      <NavBar onBack={() => navigate('/app')} style={{ background: '#fff', '--border-bottom': 'none' }} />
      <main className="rp-app-main rp-app-form" style={{ background: '#fff' }}>
        <div style={{ padding: '8px 24px 16px' }}>
          <h1 style={{ margin: 0, fontSize: 26, fontWeight: 600, color: '#1f1f1f' }}>{title}</h1>
          <p style={{ margin: '8px 0 0', fontSize: 15, lineHeight: 1.5, color: '#8c8c8c' }}>{subtitle}</p>
        </div>
        {children}
      </main>
    </>
  );
}

/** The form's own error (wrong password, network), above the fields; nothing when there is none. */
export function AuthFormError({ message, testId }: { message: string | null; testId: string }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      data-testid={testId}
      style={{ margin: '8px 24px 12px', padding: '8px 12px', borderRadius: 8, color: '#ff3141', background: '#fff1f0', fontSize: 14 }}
    >
      {message}
    </div>
  );
}

/** The submit button of sign-up and sign-in, and the way to the other one. */
export function AuthFormFooter({
  submitLabel,
  loading,
  testId,
  prompt,
  linkTo,
  linkLabel,
}: {
  submitLabel: ReactNode;
  loading: boolean;
  testId: string;
  prompt: ReactNode;
  linkTo: string;
  linkLabel: ReactNode;
}) {
  return (
    <>
      <Button block type="submit" color="primary" size="large" shape="rounded" loading={loading} data-testid={testId}>
        {submitLabel}
      </Button>
      <p style={{ textAlign: 'center', fontSize: 14, color: '#8c8c8c', margin: '16px 0 0' }}>
        {prompt} <Link to={linkTo}>{linkLabel}</Link>
      </p>
    </>
  );
}
