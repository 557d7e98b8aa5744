import { ActionSheet } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../common/i18n';

/** Picks the UI language from a bottom sheet, the way a phone app does. */
export function LanguageSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('common');
  return (
    <ActionSheet
      visible={visible}
      onClose={onClose}
      extra={t('language')}
      cancelText={t('cancel')}
      actions={LANGUAGES.map((l) => ({
        key: l.code,
        text: l.code === i18n.language ? `${l.label} ✓` : l.label,
        onClick: () => {
          setLanguage(l.code);
          onClose();
        },
      }))}
    />
  );
}

/** The current language's name. */
export function useLanguageLabel() {
  const { i18n } = useTranslation();
  return (LANGUAGES.find((l) => l.code === i18n.language) ?? LANGUAGES[0]).label;
}
