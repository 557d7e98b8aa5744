import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from '../i18n';

/** A plain language switch usable on every surface (desktop and mobile). */
export function LanguageSelect({ style }: { style?: React.CSSProperties }) {
  const { i18n, t } = useTranslation('common');
  return (
    <select
      aria-label={t('language')}
      value={i18n.language}
      onChange={(e) => setLanguage(e.target.value as Language)}
      style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '4px 8px', background: '#fff', fontSize: 14, ...style }}
    >
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
