import { Button, Card, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../i18n';

/** A card-shaped skeleton while a page's first data loads. */
export function LoadingState({ rows = 6 }: { rows?: number }) {
  return (
    <Card variant="borderless" aria-busy="true">
      <Skeleton active paragraph={{ rows }} />
    </Card>
  );
}

/** While a whole surface loads (its session): the outline of the page, not a blank screen. */
export function PageSkeleton() {
  return (
    <div aria-busy="true" style={{ maxWidth: 720, margin: '0 auto', padding: 24 }}>
      <Skeleton.Input active block style={{ height: 40, marginBottom: 24 }} />
      <Card variant="borderless">
        <Skeleton active avatar paragraph={{ rows: 4 }} />
      </Card>
    </div>
  );
}

/**
 * Something could not load: the translated reason and a retry button. `compact` for a section
 * that failed on its own while the rest of the page stays usable.
 */
export function ErrorState({
  error,
  onRetry,
  title,
  status = 'error',
  compact = false,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: ReactNode;
  status?: 'error' | 'warning';
  compact?: boolean;
}) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <Result
      status={status}
      title={title ?? t('loadFailed')}
      subTitle={errorMessage(error)}
      style={compact ? { padding: '16px 0' } : undefined}
      extra={
        onRetry ? (
          <Button type={compact ? 'default' : 'primary'} size={compact ? 'small' : undefined} onClick={onRetry}>
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

/** No page at this address, with the way back to the surface's home. */
export function NotFoundState({ home }: { home: string }) {
  const { t } = useTranslation('common');
  return (
    <Result
      status="404"
      title={t('notFound')}
      extra={
        <Link to={home}>
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
