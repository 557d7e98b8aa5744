import { EditOutlined, GlobalOutlined, LockOutlined } from '@ant-design/icons';
import type { ConsumerDto } from '@rapport/shared';
import { Avatar, Dialog, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';
import { useSignOut } from '../common/session';
import { useMe } from './hooks';
import { LanguageSheet, useLanguageLabel } from './LanguageSheet';
import { LoadError, Loading } from './states';

const icon = (node: React.ReactNode) => <span style={{ fontSize: 18, color: '#07c160', display: 'flex' }}>{node}</span>;

/** Me: my profile (nickname, avatar, account / phone), then edit profile, password, language, sign out. */
export function MePage({ consumer: fromSession }: { consumer: ConsumerDto }) {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const me = useMe(fromSession);
  const signOut = useSignOut('consumer');
  const [languageOpen, setLanguageOpen] = useState(false);
  const languageLabel = useLanguageLabel();

  if (me.isPending) return <Loading />;
  if (me.isError && !me.data) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  const consumer = me.data;

  const confirmSignOut = async () => {
    const ok = await Dialog.confirm({ content: t('me.signOutConfirm'), confirmText: tc('signOut'), cancelText: tc('cancel') });
    if (!ok) return;
    try {
      await signOut.mutateAsync();
      navigate('/app', { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    }
  };

  return (
    <div style={{ paddingBottom: 24 }}>
      <button
        type="button"
        onClick={() => navigate('/app/me/profile')}
        data-testid="me-profile"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          width: '100%',
          padding: '28px 20px 28px 24px',
          border: 0,
          background: '#fff',
          textAlign: 'left',
          cursor: 'pointer',
          font: 'inherit',
          color: 'inherit',
        }}
      >
        <Avatar src={consumer.avatarUrl ?? ''} style={{ '--size': '64px', '--border-radius': '8px', flex: 'none' }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <div data-testid="me-nickname" style={{ fontSize: 20, fontWeight: 600, overflowWrap: 'anywhere', lineHeight: 1.3 }}>
            {consumer.nickname}
          </div>
          {consumer.account ? (
            <div style={{ marginTop: 6, fontSize: 14, color: '#8c8c8c', overflowWrap: 'anywhere' }}>
              {t('me.accountLine', { value: consumer.account })}
            </div>
          ) : null}
          {consumer.phone ? (
            <div style={{ marginTop: 4, fontSize: 14, color: '#8c8c8c', overflowWrap: 'anywhere' }}>
              {t('me.phoneLine', { value: consumer.phone })}
            </div>
          ) : null}
        </div>
        <span aria-hidden="true" style={{ color: '#bfbfbf', fontSize: 18 }}>
          ›
        </span>
      </button>

      <List mode="card" style={{ margin: '12px 0 0' }}>
        <List.Item prefix={icon(<EditOutlined />)} onClick={() => navigate('/app/me/profile')} data-testid="me-edit">
          {t('me.editProfile')}
        </List.Item>
        <List.Item prefix={icon(<LockOutlined />)} onClick={() => navigate('/app/me/password')} data-testid="me-password">
          {tc('changePassword')}
        </List.Item>
        <List.Item prefix={icon(<GlobalOutlined />)} extra={languageLabel} onClick={() => setLanguageOpen(true)} data-testid="me-language">
          {tc('language')}
        </List.Item>
      </List>

      <List mode="card" style={{ margin: '12px 0 0' }}>
        <List.Item arrowIcon={false} onClick={() => void confirmSignOut()} data-testid="me-signout">
          <div style={{ textAlign: 'center', color: '#fa5151' }}>{tc('signOut')}</div>
        </List.Item>
      </List>

      <LanguageSheet visible={languageOpen} onClose={() => setLanguageOpen(false)} />
    </div>
  );
}
