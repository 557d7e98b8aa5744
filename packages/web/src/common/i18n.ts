import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { ApiError } from './api';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'rapport.lang';

// One JSON file per surface and language: locales/<lang>/<namespace>.json
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, module] of Object.entries(files)) {
  const [, lang, ns] = file.match(/locales\/([^/]+)\/([^/]+)\.json$/) ?? [];
  if (!lang || !ns) continue;
  resources[lang] ??= {};
  resources[lang][ns] = module.default;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(resources.en ?? {}),
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** The translated message of an API error: `errors.<CODE>` in common, else the server's message. */
export function useErrorMessage() {
  const { t } = useTranslation('common');
  return (error: unknown): string => {
    const e = error as Partial<ApiError> | undefined;
    if (e?.code) return t(`errors.${e.code}`, { defaultValue: e.message ?? t('errors.INTERNAL') });
    return t('errors.INTERNAL');
  };
}

export default i18n;
