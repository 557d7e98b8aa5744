import { Button, Card, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../common/i18n';

/** While the session loads: the outline of the page, not a blank screen. */
export function LoadingPage() {
  return (
    <div aria-busy="true" style={{ maxWidth: 720, margin: '0 auto', padding: 24 }}>
      <Skeleton.Input active block style={{ height: 40, marginBottom: 24 }} />
      <Card variant="borderless">
        <Skeleton active avatar paragraph={{ rows: 4 }} />
      </Card>
    </div>
  );
}

/** The page could not load (network down, server error): the reason and a way to retry. */
export function LoadErrorPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <div style={{ padding: '10vh 16px' }}>
      <Result
        status="warning"
        title={t('loadFailed')}
        subTitle={errorMessage(error)}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('retry')}
          </Button>
        }
      />
    </div>
  );
}

/** A section of a page that failed on its own, with a retry, while the rest stays usable. */
export function SectionError({ error, onRetry, title }: { error: unknown; onRetry: () => void; title?: ReactNode }) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  return (
    <Result
      status="warning"
      title={title ?? t('loadFailed')}
      subTitle={errorMessage(error)}
      style={{ padding: '16px 0' }}
      extra={
        <Button onClick={onRetry} size="small">
          {t('retry')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation('common');
  return (
    <Result
      status="404"
      title={t('notFound')}
      extra={
        <Link to="/work">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
