import { Button, Card, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n';

/** A card-shaped skeleton while a page's first data loads. */
export function LoadingState({ rows = 6 }: { rows?: number }) {
  return (
    <Card variant="borderless" aria-busy="true">
      <Skeleton active paragraph={{ rows }} />
    </Card>
  );
}

/** The page could not load: the translated reason and a retry button. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: ReactNode }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <Result
      status="error"
      title={title ?? t('loadFailed')}
      subTitle={errorMessage(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Nothing to show yet, with an optional call to action. */
export function EmptyState({ description, action }: { description?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('empty')} style={{ padding: '32px 0' }}>
      {action}
    </Empty>
  );
}
