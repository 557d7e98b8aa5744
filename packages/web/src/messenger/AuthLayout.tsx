import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

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
