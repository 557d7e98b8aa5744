import { LIMITS } from '@rapport/shared';
import { Button, Flex, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The search box of a list: the query applies on Enter (or the search button); emptying the box
 * drops it at once. `value` is the text being typed, `onQuery` gets the trimmed query or undefined.
 */
export function ListSearch({
  value,
  onChange,
  onQuery,
  placeholder,
  width,
}: {
  value: string;
  onChange: (text: string) => void;
  onQuery: (q: string | undefined) => void;
  placeholder: string;
  width: number | string;
}) {
  const { t } = useTranslation('common');
  return (
    <Input.Search
      allowClear
      value={value}
      maxLength={LIMITS.searchQuery}
      onChange={(e) => {
        onChange(e.target.value);
        if (!e.target.value) onQuery(undefined);
      }}
      onSearch={(q) => onQuery(q.trim() || undefined)}
      placeholder={placeholder}
      aria-label={t('search')}
      style={{ width }}
    />
  );
}

/** Under a cursor-paged list: how many rows are shown, and "load more" until all are. */
export function LoadMore({
  shown,
  allShown,
  hasMore,
  loading,
  onLoadMore,
}: {
  shown: ReactNode;
  allShown: ReactNode;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useTranslation('ui');
  return (
    <Flex justify="center" align="center" gap={12} style={{ padding: '16px 0 4px' }}>
      <Typography.Text type="secondary">{shown}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading}>
          {t('loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">· {allShown}</Typography.Text>
      )}
    </Flex>
  );
}
