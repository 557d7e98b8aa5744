import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';

/** While something loads: three pulsing dots in the middle of the column. */
export function Loading({ full = false }: { full?: boolean }) {
  const { t } = useTranslation('common');
  return (
    <output
      aria-busy="true"
      aria-label={t('loading')}
      style={{ display: 'grid', placeItems: 'center', height: full ? '100%' : 160, fontSize: 24, color: '#07c160' }}
    >
      <DotLoading color="currentColor" />
    </output>
  );
}

/** Could not load: the translated reason and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <ErrorBlock status="disconnected" title={t('loadFailed')} description={errorMessage(error)} style={{ padding: '48px 16px' }}>
      <Button color="primary" onClick={onRetry}>
        {t('retry')}
      </Button>
    </ErrorBlock>
  );
}

export function NotFound() {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  return (
    <ErrorBlock status="empty" title={t('notFound')} description="" style={{ padding: '64px 16px' }}>
      <Button color="primary" onClick={() => navigate('/app', { replace: true })}>
        {t('backHome')}
      </Button>
    </ErrorBlock>
  );
}
