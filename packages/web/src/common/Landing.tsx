import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSelect } from './ui/LanguageSelect';

const SURFACES = [
  { path: '/app', key: 'messenger', color: '#07c160' },
  { path: '/work', key: 'workspace', color: '#1677ff' },
  { path: '/admin', key: 'admin', color: '#13294b' },
  { path: '/operator', key: 'operator', color: '#595959' },
] as const;

/** The root page: what Rapport is and the way into each surface. */
export function Landing() {
  const { t } = useTranslation('common');
  return (
    <main style={{ maxWidth: 880, margin: '0 auto', padding: '48px 20px' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1 style={{ margin: 0, fontSize: 28 }}>Rapport</h1>
        </div>
        <LanguageSelect />
      </header>
      <p style={{ fontSize: 17, color: '#434343', lineHeight: 1.6 }}>{t('landing.tagline')}</p>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(190px, 1fr))', gap: 16, marginTop: 32 }}>
        {SURFACES.map((s) => (
          <Link
            key={s.path}
            to={s.path}
            style={{
              display: 'block',
              padding: 20,
              borderRadius: 12,
              background: '#fff',
              borderTop: `4px solid ${s.color}`,
              color: 'inherit',
              textDecoration: 'none',
              boxShadow: '0 1px 3px rgba(0,0,0,.08)',
            }}
          >
            <strong style={{ fontSize: 18 }}>{t(`landing.${s.key}.title`)}</strong>
            <p style={{ color: '#595959', marginBottom: 0 }}>{t(`landing.${s.key}.description`)}</p>
          </Link>
        ))}
      </div>
    </main>
  );
}
