import { FileImageOutlined, LeftOutlined, LinkOutlined, MoreOutlined } from '@ant-design/icons';
import { type AttachmentBodyT, fileThumbnailUrl, fileUrl } from '@rapport/shared';
import { Avatar, Typography } from 'antd';
import { type CSSProperties, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WelcomeNs, WelcomeValues } from './WelcomeFields';

const bubble: CSSProperties = {
  background: '#fff',
  borderRadius: 8,
  padding: '8px 11px',
  fontSize: 14,
  lineHeight: 1.5,
  color: '#1f1f1f',
  maxWidth: 220,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  boxShadow: '0 1px 1px rgba(0,0,0,0.04)',
};

function Message({ children }: { children: ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', marginBottom: 12 }}>
      <Avatar size={34} shape="square" style={{ background: '#1677ff', flex: 'none', borderRadius: 6 }}>
        ✦
      </Avatar>
      {children}
    </div>
  );
}

/** An image bubble at its aspect ratio (thumbnail, the original when it has none), as Messenger shows it. */
function PreviewImage({ image }: { image: AttachmentBodyT }) {
  const [src, setSrc] = useState(`${fileThumbnailUrl(image.fileId)}?as=member`);
  const scale = image.width && image.height ? Math.min(1, 140 / Math.max(image.width, image.height)) : 1;
  return (
    <img
      src={src}
      onError={() => setSrc(`${fileUrl(image.fileId)}?as=member`)}
      alt={image.name}
      data-testid="welcome-preview-image"
      style={{
        width: image.width ? Math.round(image.width * scale) : 120,
        height: image.height ? Math.round(image.height * scale) : undefined,
        maxWidth: 140,
        objectFit: 'cover',
        borderRadius: 6,
        background: '#fff',
        display: 'block',
      }}
    />
  );
}

/**
 * What a new customer sees in Messenger right after the add: the text, then each attachment, sent by
 * the member who added them.
 */
export function WelcomePreview({ ns, values, memberName }: { ns: WelcomeNs; values: WelcomeValues | undefined; memberName: string }) {
  const { t } = useTranslation(ns);
  const text = values?.text?.trim();
  const attachments = values?.attachments ?? [];
  const empty = !text && attachments.length === 0;
  return (
    <div
      data-testid="welcome-preview"
      style={{
        width: 300,
        margin: '0 auto',
        border: '8px solid #1f1f1f',
        borderRadius: 32,
        overflow: 'hidden',
        background: '#ededed',
        height: 560,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          padding: '14px 12px 10px',
          background: '#f7f7f7',
          borderBottom: '1px solid #e5e5e5',
          fontSize: 15,
          fontWeight: 500,
        }}
      >
        <LeftOutlined />
        <span>{memberName}</span>
        <MoreOutlined />
      </div>
      <div style={{ flex: 1, overflowY: 'auto', padding: 12 }}>
        <div style={{ textAlign: 'center', marginBottom: 14 }}>
          <span style={{ fontSize: 12, color: '#8c8c8c', background: '#dcdcdc', borderRadius: 4, padding: '2px 8px' }}>
            {t('welcome.previewAdded', { name: memberName })}
          </span>
        </div>
        {empty ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, marginTop: 40 }}>
            {t('welcome.previewEmpty')}
          </Typography.Paragraph>
        ) : null}
        {text ? (
          <Message>
            <div style={bubble}>{text}</div>
          </Message>
        ) : null}
        {attachments.map((a, i) =>
          a?.kind === 'image' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: attachments are edited in place, by position
            <Message key={i}>
              {a.body?.fileId ? (
                <PreviewImage image={a.body} />
              ) : (
                <div style={{ ...bubble, width: 140, height: 100, display: 'grid', placeItems: 'center', color: '#8c8c8c' }}>
                  <FileImageOutlined style={{ fontSize: 28 }} />
                </div>
              )}
            </Message>
          ) : a?.kind === 'link' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: attachments are edited in place, by position
            <Message key={i}>
              <div style={{ ...bubble, width: 220, padding: 10 }}>
                <div style={{ fontWeight: 500, marginBottom: 6 }}>{a.body?.title?.trim() || t('welcome.linkTitle')}</div>
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                  <span style={{ flex: 1, fontSize: 12, color: '#8c8c8c', minWidth: 0 }}>
                    {a.body?.description?.trim() || a.body?.url?.trim() || ''}
                  </span>
                  {a.body?.imageUrl?.trim() ? (
                    <img
                      src={a.body.imageUrl.trim()}
                      alt=""
                      style={{ width: 44, height: 44, objectFit: 'cover', borderRadius: 4, flex: 'none', background: '#f0f0f0' }}
                    />
                  ) : (
                    <span
                      style={{
                        width: 44,
                        height: 44,
                        borderRadius: 4,
                        flex: 'none',
                        background: '#e6f4ff',
                        display: 'grid',
                        placeItems: 'center',
                        color: '#1677ff',
                      }}
                    >
                      <LinkOutlined />
                    </span>
                  )}
                </div>
              </div>
            </Message>
          ) : null,
        )}
      </div>
      <div style={{ height: 44, background: '#f7f7f7', borderTop: '1px solid #e5e5e5', padding: 7 }}>
        <div style={{ height: '100%', background: '#fff', borderRadius: 4 }} />
      </div>
    </div>
  );
}
