import { IdcardOutlined } from '@ant-design/icons';
import { LIMITS } from '@rapport/shared';
import { Avatar, Button, Card, Col, Empty, Flex, Input, Row, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { useCard, useMembers } from '../hooks';
import { StatusTag } from '../members/MemberTags';
import { CardEditor } from './CardEditor';

/** 对外名片: pick a member on the left, edit their card with a live preview on the right. */
export function CardsPage() {
  const { t } = useTranslation('admin');
  const { memberId } = useParams();
  const navigate = useNavigate();
  const [q, setQ] = useState<string>();
  const filters = useMemo(() => ({ q }), [q]);
  const members = useMembers(filters);
  const card = useCard(memberId);
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader title={t('cards.title')} description={t('cards.description')} />
      <Row gutter={16} wrap={false}>
        <Col flex="220px">
          <Card variant="borderless" styles={{ body: { padding: 12 } }} title={t('cards.pickMember')}>
            <Input.Search
              allowClear
              maxLength={LIMITS.searchQuery}
              placeholder={t('cards.searchMembers')}
              aria-label={t('cards.searchMembers')}
              onSearch={(value) => setQ(value.trim() || undefined)}
              style={{ marginBottom: 8 }}
            />
            {members.isPending ? (
              <Flex justify="center" style={{ padding: 24 }}>
                <Spin />
              </Flex>
            ) : members.isError ? (
              <ErrorState error={members.error} onRetry={() => void members.refetch()} />
            ) : rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.empty')} />
            ) : (
              <nav aria-label={t('cards.pickMember')} style={{ maxHeight: 'calc(100vh - 300px)', overflowY: 'auto' }}>
                {rows.map((m) => {
                  const active = m.id === memberId;
                  return (
                    <button
                      type="button"
                      key={m.id}
                      onClick={() => navigate(`/admin/cards/${m.id}`)}
                      aria-current={active ? 'page' : undefined}
                      data-testid={`card-member-${m.account}`}
                      style={{
                        display: 'flex',
                        width: '100%',
                        alignItems: 'center',
                        gap: 10,
                        padding: '8px 10px',
                        border: 'none',
                        borderRadius: 6,
                        cursor: 'pointer',
                        textAlign: 'left',
                        background: active ? '#e6f4ff' : 'transparent',
                        marginBottom: 2,
                      }}
                    >
                      <Avatar size={32} src={m.avatarUrl ?? undefined} style={{ background: '#e6f4ff', color: '#1677ff', flex: 'none' }}>
                        {m.name.slice(0, 1)}
                      </Avatar>
                      <span style={{ minWidth: 0, flex: 1 }}>
                        <Typography.Text strong={active} ellipsis style={{ display: 'block', color: active ? '#1677ff' : undefined }}>
                          {m.name}
                        </Typography.Text>
                        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                          {m.title || m.account}
                        </Typography.Text>
                      </span>
                      {m.status !== 'active' ? <StatusTag status={m.status} /> : null}
                    </button>
                  );
                })}
                {members.hasNextPage ? (
                  <Button block type="link" loading={members.isFetchingNextPage} onClick={() => void members.fetchNextPage()}>
                    {t('ui:loadMore')}
                  </Button>
                ) : null}
              </nav>
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {!memberId ? (
            <Card variant="borderless">
              <Empty
                image={<IdcardOutlined style={{ fontSize: 56, color: '#bfbfbf' }} />}
                description={t('cards.pickHint')}
                style={{ padding: '64px 0' }}
              />
            </Card>
          ) : card.isPending ? (
            <LoadingState rows={10} />
          ) : card.isError ? (
            <Card variant="borderless">
              <ErrorState error={card.error} onRetry={() => void card.refetch()} />
            </Card>
          ) : (
            <CardEditor card={card.data} />
          )}
        </Col>
      </Row>
    </>
  );
}
