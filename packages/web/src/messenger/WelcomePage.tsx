import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LanguageSheet, useLanguageLabel } from './LanguageSheet';

/** The first screen of Messenger: what it is, sign up, sign in. */
export function WelcomePage() {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const [languageOpen, setLanguageOpen] = useState(false);
  const languageLabel = useLanguageLabel();
  return (
    <div
      data-testid="welcome"
      style={{
        height: '100%',
        overflowY: 'auto',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(180deg, #e9f9f0 0%, #ffffff 55%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 12px 0' }}>
        <button
          type="button"
          onClick={() => setLanguageOpen(true)}
          aria-label={tc('language')}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 6,
            border: 0,
            background: 'rgba(0, 0, 0, 0.04)',
            borderRadius: 16,
            padding: '6px 12px',
            fontSize: 14,
            color: '#434343',
            cursor: 'pointer',
          }}
        >
          <GlobalOutlined />
          {languageLabel}
        </button>
      </div>
      <div
        style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: '24px 32px' }}
      >
        <img src="/favicon.svg" alt="" width={84} height={84} style={{ borderRadius: 20 }} />
        <h1 style={{ margin: '20px 0 8px', fontSize: 30, fontWeight: 700, color: '#1f1f1f' }}>Rapport</h1>
        <p style={{ margin: 0, fontSize: 17, lineHeight: 1.6, color: '#434343', textAlign: 'center', maxWidth: 320 }}>
          {t('welcome.tagline')}
        </p>
        <ul style={{ listStyle: 'none', padding: 0, margin: '28px 0 0', display: 'grid', gap: 12, maxWidth: 320 }}>
          {(['friends', 'staff', 'control'] as const).map((key) => (
            <li key={key} style={{ display: 'flex', gap: 10, fontSize: 15, lineHeight: 1.5, color: '#595959' }}>
              <span aria-hidden="true" style={{ color: '#07c160', fontWeight: 700 }}>
                ✓
              </span>
              <span>{t(`welcome.points.${key}`)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div style={{ padding: '16px 24px calc(24px + env(safe-area-inset-bottom))', display: 'grid', gap: 12 }}>
        <Button block color="primary" size="large" shape="rounded" onClick={() => navigate('/app/signup')} data-testid="welcome-signup">
          {tc('signUp')}
        </Button>
        <Button block size="large" shape="rounded" onClick={() => navigate('/app/signin')} data-testid="welcome-signin">
          {tc('signIn')}
        </Button>
        <p style={{ margin: '4px 0 0', textAlign: 'center', fontSize: 13, color: '#8c8c8c' }}>
          {t('welcome.staff')} <Link to="/work">{t('welcome.toWorkspace')}</Link>
        </p>
      </div>
      <LanguageSheet visible={languageOpen} onClose={() => setLanguageOpen(false)} />
    </div>
  );
}
