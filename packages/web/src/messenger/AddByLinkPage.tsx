import { ClockCircleFilled } from '@ant-design/icons';
import type { BusinessCardDto } from '@rapport/shared';
import { Button, ErrorBlock, NavBar } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../common/api';
import { useErrorMessage } from '../common/i18n';
import { BusinessCardView, EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { rememberReturn, useAddThroughLink, useContactLink, useFindConversation } from './hooks';
import { OfflineBanner } from './Shell';
import { LoadError, Loading } from './states';
import { PersonAvatar } from './ui';

/** Link errors a visitor can do nothing about, each with its own explanation. */
const DEAD_LINK = new Set(['CONTACT_WAY_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED']);

/**
 * `/app/add/<token>` — a contact way link (联系我): the member who will be added, their business card
 * with the "@enterprise" badge, and one big Add button. Signed out, it offers sign-in / sign-up and
 * comes back here afterwards.
 */
export function AddByLinkPage({ signedIn }: { signedIn: boolean }) {
  const { token = '' } = useParams();
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const link = useContactLink(token);
  const add = useAddThroughLink(token);
  const findConversation = useFindConversation();
  const [pending, setPending] = useState<BusinessCardDto | null>(null);
  const [opening, setOpening] = useState(false);

  const onAdd = async () => {
    try {
      const result = await add.mutateAsync();
      if (result.status === 'pending') {
        setPending(result.card);
        return;
      }
      setOpening(true);
      const conversation = await findConversation(result.card.memberId).catch(() => undefined);
      navigate(conversation ? `/app/chats/${conversation.id}` : '/app/chats', { replace: true });
    } catch {
      // Shown below from add.error.
    } finally {
      setOpening(false);
    }
  };
  const toAccount = (path: '/app/signin' | '/app/signup') => {
    rememberReturn(`/app/add/${token}`);
    navigate(path);
  };

  const deadCode = (error: unknown) =>
    error instanceof ApiError && (DEAD_LINK.has(error.code) || error.status === 404)
      ? 'invalid'
      : error instanceof ApiError && error.code === 'CONTACT_WAY_UNAVAILABLE'
        ? 'unavailable'
        : null;

  let body: React.ReactNode;
  if (link.isPending) body = <Loading />;
  else if (link.isError) {
    const dead = deadCode(link.error);
    body = dead ? (
      <ErrorBlock
        status="empty"
        title={t(`addLink.${dead}Title`)}
        description={t(`addLink.${dead}Text`)}
        style={{ padding: '72px 32px 24px', '--image-height': '120px' }}
        data-testid={`add-link-${dead}`}
      >
        <Button color="primary" onClick={() => navigate(signedIn ? '/app/chats' : '/app', { replace: true })}>
          {tc('backHome')}
        </Button>
      </ErrorBlock>
    ) : (
      <LoadError error={link.error} onRetry={() => void link.refetch()} />
    );
  } else if (pending) {
    body = (
      <div style={{ padding: '40px 16px 24px', display: 'grid', gap: 16, textAlign: 'center' }} data-testid="add-link-pending">
        <ClockCircleFilled style={{ fontSize: 56, color: '#fa8c16', justifySelf: 'center' }} />
        <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600, color: '#1f1f1f' }}>{t('addLink.pendingTitle')}</h2>
        <p style={{ margin: 0, fontSize: 15, lineHeight: 1.6, color: '#595959' }}>{t('addLink.pendingText', { name: pending.name })}</p>
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            width: '100%',
            padding: 12,
            borderRadius: 12,
            background: '#fff',
            textAlign: 'left',
          }}
        >
          <PersonAvatar url={pending.avatarUrl} name={pending.name} size={48} />
          <div style={{ minWidth: 0, display: 'grid', gap: 4 }}>
            <span style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap', fontSize: 16, fontWeight: 500 }}>
              {pending.name}
              <EnterpriseBadge shortName={pending.enterpriseShortName} verified={pending.enterpriseVerified} />
            </span>
            {pending.title ? <span style={{ fontSize: 13, color: '#8c8c8c' }}>{pending.title}</span> : null}
          </div>
        </div>
        <Button block size="large" onClick={() => navigate('/app/chats', { replace: true })} style={{ marginTop: 8 }}>
          {t('addLink.toChats')}
        </Button>
      </div>
    );
  } else {
    const card = link.data.card;
    const addError = add.error ? deadCode(add.error) : null;
    body = (
      <div style={{ padding: '16px 12px 24px', display: 'grid', gap: 16 }} data-testid="add-link">
        <p style={{ margin: '0 4px', fontSize: 15, color: '#595959', lineHeight: 1.5, textAlign: 'center' }}>
          {t('addLink.intro', { name: card.name })}
        </p>
        <BusinessCardView card={card} />
        {add.error ? (
          <div role="alert" data-testid="add-link-error" className="rp-inline-error">
            {addError ? t(`addLink.${addError}Text`) : errorMessage(add.error)}
          </div>
        ) : null}
        {signedIn ? (
          <Button
            block
            color="primary"
            size="large"
            loading={add.isPending || opening}
            onClick={() => void onAdd()}
            data-testid="add-link-add"
          >
            {t('addLink.add')}
          </Button>
        ) : (
          <>
            <Button block color="primary" size="large" onClick={() => toAccount('/app/signin')} data-testid="add-link-signin">
              {t('addLink.signInToAdd')}
            </Button>
            <p style={{ margin: 0, textAlign: 'center', fontSize: 14, color: '#8c8c8c' }}>
              {t('addLink.noAccount')}{' '}
              <Link to="/app/signup" onClick={() => rememberReturn(`/app/add/${token}`)} data-testid="add-link-signup">
                {tc('signUp')}
              </Link>
            </p>
          </>
        )}
        {link.data.skipVerify ? null : <p className="rp-hint">{t('addLink.needsAcceptance')}</p>}
      </div>
    );
  }

  return (
    <>
      <NavBar onBack={() => navigate(signedIn ? '/app/chats' : '/app')}>{t('addLink.title')}</NavBar>
      {signedIn ? <OfflineBanner /> : null}
      <main className="rp-app-main">{body}</main>
    </>
  );
}
