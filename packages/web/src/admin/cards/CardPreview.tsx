import {
  CheckCircleFilled,
  EnvironmentOutlined,
  LeftOutlined,
  LinkOutlined,
  MessageOutlined,
  PhoneOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { BusinessCardDto } from '@rapport/shared';
import { Avatar, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardField } from '../hooks';

export interface PreviewValues {
  title?: string | null;
  phone?: string | null;
  storeAddress?: string | null;
  photoUrl?: string | null;
  bio?: string | null;
  customFields?: Partial<CardField>[];
}

const row: CSSProperties = {
  display: 'flex',
  gap: 10,
  padding: '11px 0',
  borderBottom: '1px solid #f2f2f2',
  fontSize: 13,
  alignItems: 'flex-start',
};

function InfoRow({ icon, label, children }: { icon?: ReactNode; label: ReactNode; children: ReactNode }) {
  return (
    <div style={row}>
      <span
        style={{ color: '#8c8c8c', width: 84, flex: 'none', display: 'flex', gap: 4, alignItems: 'flex-start', wordBreak: 'break-word' }}
      >
        {icon}
        {label}
      </span>
      <span style={{ color: '#1f1f1f', minWidth: 0, wordBreak: 'break-word' }}>{children}</span>
    </div>
  );
}

/** The "@short name" badge a consumer sees beside the member's name. */
export function ShortNameBadge({ shortName, verified }: { shortName: string; verified: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <span
      data-testid="card-badge"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 3,
        fontSize: 13,
        fontWeight: 500,
        color: verified ? '#07c160' : '#8c8c8c',
      }}
    >
      @{shortName}
      {verified ? <CheckCircleFilled style={{ fontSize: 12 }} aria-label={t('verification.verified')} /> : null}
      {verified ? null : (
        <span
          style={{ fontSize: 11, border: '1px solid #d9d9d9', borderRadius: 3, padding: '0 3px', lineHeight: '15px', marginInlineStart: 2 }}
        >
          {t('verification.unverified')}
        </span>
      )}
    </span>
  );
}

/** A phone-sized preview of the business card (对外名片) as a consumer sees it in Messenger. */
export function CardPreview({ card, values }: { card: BusinessCardDto; values: PreviewValues }) {
  const { t } = useTranslation('admin');
  const fields = (values.customFields ?? []).filter((f) => f?.label?.trim() || f?.value?.trim());
  return (
    <figure
      data-testid="card-preview"
      aria-label={t('cards.preview')}
      style={{
        width: 300,
        height: 660,
        borderRadius: 40,
        border: '10px solid #1f1f1f',
        background: '#f7f7f7',
        overflow: 'hidden',
        display: 'flex',
        flexDirection: 'column',
        boxShadow: '0 12px 32px rgba(0,0,0,.12)',
        margin: '0 auto',
      }}
    >
      <div style={{ height: 28, display: 'flex', justifyContent: 'center', alignItems: 'center', background: '#fff' }}>
        <div style={{ width: 90, height: 18, borderRadius: 10, background: '#1f1f1f' }} />
      </div>
      <div
        style={{ height: 40, display: 'flex', alignItems: 'center', padding: '0 12px', background: '#fff', fontSize: 15, fontWeight: 500 }}
      >
        <LeftOutlined style={{ fontSize: 14 }} />
        <span style={{ flex: 1, textAlign: 'center', marginInlineEnd: 14 }}>{t('cards.previewHeader')}</span>
      </div>
      <div style={{ flex: 1, overflowY: 'auto' }}>
        <div
          style={{
            height: 170,
            background: values.photoUrl
              ? `center / cover no-repeat url("${values.photoUrl.replaceAll('"', '%22')}")`
              : 'linear-gradient(135deg, #4096ff 0%, #69b1ff 50%, #bae0ff 100%)',
            position: 'relative',
          }}
        >
          {values.photoUrl ? null : (
            <Typography.Text style={{ position: 'absolute', bottom: 12, right: 14, color: 'rgba(255,255,255,.85)', fontSize: 12 }}>
              {t('cards.noPhoto')}
            </Typography.Text>
          )}
        </div>
        <div style={{ background: '#fff', margin: '-28px 12px 0', borderRadius: 12, padding: '0 16px 8px', position: 'relative' }}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end', paddingTop: 12 }}>
            <Avatar
              size={56}
              src={card.avatarUrl ?? undefined}
              style={{ background: '#1677ff', border: '3px solid #fff', marginTop: -30, flex: 'none', fontSize: 22 }}
            >
              {card.name.slice(0, 1)}
            </Avatar>
            <div style={{ minWidth: 0, paddingBottom: 2 }}>
              <div style={{ fontSize: 18, fontWeight: 600, color: '#1f1f1f', lineHeight: 1.3 }} data-testid="card-preview-name">
                {card.name}
              </div>
              <ShortNameBadge shortName={card.enterpriseShortName} verified={card.enterpriseVerified} />
            </div>
          </div>
          <div style={{ color: '#595959', fontSize: 13, margin: '8px 0 4px' }} data-testid="card-preview-title">
            {values.title?.trim() || t('cards.noTitle')}
          </div>
          <div style={{ color: '#8c8c8c', fontSize: 12, marginBottom: 6 }}>{card.enterpriseName}</div>
          {values.phone?.trim() ? (
            <InfoRow icon={<PhoneOutlined />} label={t('fields.phone')}>
              <span style={{ color: '#1677ff' }}>{values.phone}</span>
            </InfoRow>
          ) : null}
          {values.storeAddress?.trim() ? (
            <InfoRow icon={<EnvironmentOutlined />} label={t('cards.storeShort')}>
              {values.storeAddress}
            </InfoRow>
          ) : null}
          {fields.map((f, i) => (
            <InfoRow key={`${i}-${f.label}`} icon={f.kind === 'link' ? <LinkOutlined /> : undefined} label={f.label || '—'}>
              {f.kind === 'link' ? <span style={{ color: '#1677ff' }}>{f.value}</span> : f.value}
            </InfoRow>
          ))}
          {values.bio?.trim() ? (
            <div style={{ fontSize: 13, color: '#434343', padding: '12px 0 6px', whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
              {values.bio}
            </div>
          ) : null}
        </div>
        <div style={{ display: 'flex', gap: 10, padding: '16px 12px 20px' }}>
          <div
            style={{ flex: 1, textAlign: 'center', background: '#07c160', color: '#fff', borderRadius: 8, padding: '9px 0', fontSize: 14 }}
          >
            <UserAddOutlined /> {t('cards.previewAdd')}
          </div>
          <div
            style={{ flex: 1, textAlign: 'center', background: '#fff', color: '#1f1f1f', borderRadius: 8, padding: '9px 0', fontSize: 14 }}
          >
            <MessageOutlined /> {t('cards.previewMessage')}
          </div>
        </div>
      </div>
    </figure>
  );
}
