import type { BusinessCardDto } from '@rapport/shared';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Only web links become anchors; anything else on a card is shown as text. */
export const isWebLink = (value: string) => /^https?:\/\/\S+$/i.test(value);

/** The fields of a card the view shows; a live preview passes unsaved form values. */
export type CardViewData = Pick<
  BusinessCardDto,
  | 'name'
  | 'title'
  | 'avatarUrl'
  | 'enterpriseName'
  | 'enterpriseShortName'
  | 'enterpriseVerified'
  | 'phone'
  | 'storeAddress'
  | 'photoUrl'
  | 'bio'
  | 'customFields'
>;

/**
 * The "@short name" badge consumers see next to a member's name: green with a check when the
 * enterprise is verified, grey when it is not.
 */
export function EnterpriseBadge({ shortName, verified, style }: { shortName: string; verified: boolean; style?: CSSProperties }) {
  const { t } = useTranslation('app');
  return (
    <span
      data-testid="enterprise-badge"
      title={verified ? t('card.verified') : t('card.unverified')}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 3,
        maxWidth: '100%',
        padding: '1px 7px',
        borderRadius: 4,
        fontSize: 12,
        lineHeight: '18px',
        fontWeight: 500,
        whiteSpace: 'nowrap',
        color: verified ? '#d46b08' : '#8c8c8c',
        background: verified ? '#fff7e6' : '#f5f5f5',
        border: `1px solid ${verified ? '#ffd591' : '#e8e8e8'}`,
        ...style,
      }}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>@{shortName}</span>
      {verified ? (
        <svg viewBox="0 0 16 16" width={12} height={12} aria-label={t('card.verified')} role="img" style={{ flex: 'none' }}>
          <circle cx="8" cy="8" r="8" fill="#fa8c16" />
          <path d="M4.5 8.2l2.2 2.2 4.8-4.8" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : null}
    </span>
  );
}

function Photo({ url, name }: { url: string | null; name: string }) {
  const [failed, setFailed] = useState<string | null>(null);
  const show = url && failed !== url;
  return (
    <div
      style={{
        position: 'relative',
        aspectRatio: '4 / 3',
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 50%, #f9f0ff 100%)',
        display: 'grid',
        placeItems: 'center',
        overflow: 'hidden',
      }}
    >
      {show ? (
        <img
          src={url}
          alt={name}
          onError={() => setFailed(url)}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'cover' }}
        />
      ) : (
        <span aria-hidden="true" style={{ fontSize: 72, fontWeight: 600, color: 'rgba(22, 119, 255, 0.35)' }}>
          {name.trim().slice(0, 1).toUpperCase()}
        </span>
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 12, padding: '12px 0', borderTop: '1px solid #f0f0f0', fontSize: 15, lineHeight: 1.5 }}>
      <div style={{ flex: '0 0 84px', color: '#8c8c8c' }}>{label}</div>
      <div style={{ flex: 1, minWidth: 0, color: '#1f1f1f', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{children}</div>
    </div>
  );
}

/**
 * A member's business card (对外名片) exactly as consumers see it: large photo, name, title,
 * the "@short name" badge, phone, store address, introduction and custom fields. Plain markup so
 * both the Workspace (antd) and Messenger (antd-mobile) can show it.
 */
export function BusinessCardView({ card, style }: { card: CardViewData; style?: CSSProperties }) {
  const { t } = useTranslation('app');
  const link: CSSProperties = { color: '#1677ff', textDecoration: 'none' };
  return (
    <article
      data-testid="business-card"
      aria-label={t('card.ariaLabel', { name: card.name })}
      style={{
        background: '#fff',
        borderRadius: 12,
        overflow: 'hidden',
        boxShadow: '0 2px 12px rgba(0, 0, 0, 0.06)',
        maxWidth: 480,
        width: '100%',
        ...style,
      }}
    >
      <Photo url={card.photoUrl} name={card.name} />
      <div style={{ padding: '16px 20px 8px' }}>
        <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: '4px 8px' }}>
          <h2 style={{ margin: 0, fontSize: 22, fontWeight: 600, color: '#1f1f1f', overflowWrap: 'anywhere' }}>{card.name}</h2>
          <EnterpriseBadge shortName={card.enterpriseShortName} verified={card.enterpriseVerified} />
        </div>
        {card.title ? <div style={{ marginTop: 4, fontSize: 15, color: '#595959', overflowWrap: 'anywhere' }}>{card.title}</div> : null}
        <div style={{ marginTop: 2, fontSize: 13, color: '#8c8c8c', overflowWrap: 'anywhere' }}>{card.enterpriseName}</div>
        {card.bio ? (
          <p
            style={{
              margin: '12px 0 4px',
              fontSize: 15,
              lineHeight: 1.6,
              color: '#434343',
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
            }}
          >
            {card.bio}
          </p>
        ) : null}
      </div>
      <div style={{ padding: '0 20px 8px' }}>
        {card.phone ? (
          <Row label={t('card.phone')}>
            <a href={`tel:${card.phone.replace(/[\s-]/g, '')}`} style={link}>
              {card.phone}
            </a>
          </Row>
        ) : null}
        {card.storeAddress ? <Row label={t('card.storeAddress')}>{card.storeAddress}</Row> : null}
        {card.customFields.map((field, index) => (
          // Fields have no id; label + position is stable for a given card.
          <Row key={`${index}-${field.label}`} label={field.label}>
            {field.kind === 'link' && isWebLink(field.value) ? (
              <a href={field.value} target="_blank" rel="noopener noreferrer" style={link}>
                {field.value}
              </a>
            ) : (
              field.value
            )}
          </Row>
        ))}
      </div>
    </article>
  );
}
