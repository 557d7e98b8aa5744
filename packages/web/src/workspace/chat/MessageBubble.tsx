import {
  EnvironmentOutlined,
  ExclamationCircleFilled,
  FileOutlined,
  IdcardOutlined,
  LinkOutlined,
  LoadingOutlined,
  MoreOutlined,
} from '@ant-design/icons';
import { type ChatMessageDto, fileThumbnailUrl, fileUrl } from '@rapport/shared';
import { Button, Dropdown, Image, type MenuProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../common/chat';
import { describeMessage, formatDuration, formatSize } from '../../common/chat';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const asMember = (url: string) => `${url}?as=member`;

/** The content of one message, by kind. */
function Content({ message, mine }: { message: ChatMessageDto; mine: boolean }) {
  const { t } = useTranslation('work');
  const body = message.body ?? {};
  switch (message.kind) {
    case 'text':
      return <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{str(body.text)}</span>;
    case 'image': {
      const id = str(body.fileId);
      const width = num(body.width);
      const height = num(body.height);
      const scale = width && height ? Math.min(1, 220 / Math.max(width, height)) : 1;
      return (
        <Image
          src={asMember(fileThumbnailUrl(id))}
          preview={{ src: asMember(fileUrl(id)) }}
          // Not every image has a thumbnail: the original then.
          fallback={asMember(fileUrl(id))}
          alt={str(body.name)}
          width={width ? Math.round(width * scale) : 180}
          height={height ? Math.round(height * scale) : undefined}
          style={{ borderRadius: 6, objectFit: 'cover', display: 'block' }}
        />
      );
    }
    case 'file':
      return (
        <a
          href={`${fileUrl(str(body.fileId))}?as=member&download=1`}
          download={str(body.name)}
          style={{ display: 'flex', gap: 10, alignItems: 'center', color: 'inherit', minWidth: 180 }}
        >
          <FileOutlined style={{ fontSize: 28, color: '#1677ff' }} />
          <span style={{ minWidth: 0 }}>
            <span style={{ display: 'block', overflowWrap: 'anywhere' }}>{str(body.name)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(num(body.size))}
            </Typography.Text>
          </span>
        </a>
      );
    case 'voice':
      return (
        <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          {/* biome-ignore lint/a11y/useMediaCaption: a voice note has no captions to offer */}
          <audio controls preload="none" src={asMember(fileUrl(str(body.fileId)))} style={{ height: 32, maxWidth: 220 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDuration(num(body.durationMs))}
          </Typography.Text>
        </span>
      );
    case 'link':
      return (
        <a
          href={str(body.url)}
          target="_blank"
          rel="noopener noreferrer"
          style={{ display: 'flex', gap: 10, color: 'inherit', maxWidth: 280 }}
          data-testid="link-card"
        >
          <span style={{ minWidth: 0, flex: 1 }}>
            <span style={{ display: 'block', fontWeight: 500, overflowWrap: 'anywhere' }}>{str(body.title)}</span>
            {str(body.description) ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {str(body.description)}
              </Typography.Text>
            ) : null}
          </span>
          {str(body.imageUrl) ? (
            <img src={str(body.imageUrl)} alt="" width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <LinkOutlined style={{ fontSize: 24, color: '#1677ff' }} />
          )}
        </a>
      );
    case 'location': {
      const lat = num(body.lat);
      const lng = num(body.lng);
      return (
        <a
          href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`}
          target="_blank"
          rel="noopener noreferrer"
          style={{ display: 'flex', gap: 10, alignItems: 'center', color: 'inherit' }}
        >
          <EnvironmentOutlined style={{ fontSize: 24, color: '#fa541c' }} />
          <span style={{ minWidth: 0 }}>
            <span style={{ display: 'block', fontWeight: 500 }}>{str(body.name) || t('chat.location')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {str(body.address) || `${lat.toFixed(4)}, ${lng.toFixed(4)}`}
            </Typography.Text>
          </span>
        </a>
      );
    }
    case 'card':
      return (
        <span style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
          <IdcardOutlined style={{ fontSize: 24, color: mine ? '#1677ff' : '#52c41a' }} />
          <span>{t('chat.businessCard')}</span>
        </span>
      );
    default:
      return <Typography.Text type="secondary">{t('chat.unsupported')}</Typography.Text>;
  }
}

/**
 * One bubble: mine on the right (with pending, failed + retry, read / unread), theirs on the left;
 * a quoted message above the content; a menu to quote, copy and (within the window) recall.
 */
export function MessageBubble({
  item,
  mine,
  quoted,
  read,
  canRecall,
  onQuote,
  onRecall,
  onRetry,
  onDiscard,
  failure,
}: {
  item: ChatItem;
  mine: boolean;
  quoted?: ChatMessageDto;
  /** For my stored messages: the others have read it. */
  read?: boolean;
  canRecall: boolean;
  onQuote: () => void;
  onRecall: () => void;
  onRetry: () => void;
  onDiscard: () => void;
  failure?: string;
}) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = item;
  if (message.recalledAt !== null) {
    return (
      <div style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '4px 0' }} data-testid="msg-recalled">
        {describeMessage(tc, message, { recalledBy: mine ? 'me' : undefined })}
      </div>
    );
  }
  const stored = item.state === 'sent';
  const menu: MenuProps['items'] = [
    ...(stored ? [{ key: 'quote', label: t('chat.quote') }] : []),
    ...(message.kind === 'text' ? [{ key: 'copy', label: t('chat.copy') }] : []),
    ...(canRecall ? [{ key: 'recall', label: t('chat.recall') }] : []),
  ];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'quote') onQuote();
    else if (key === 'copy') void navigator.clipboard?.writeText(str(message.body?.text));
    else if (key === 'recall') onRecall();
  };
  const bubble = (
    <div
      style={{
        background: mine ? '#d6e9ff' : '#fff',
        border: mine ? 'none' : '1px solid #f0f0f0',
        borderRadius: 10,
        padding: message.kind === 'image' ? 4 : '8px 12px',
        maxWidth: '100%',
        minWidth: 0,
      }}
      data-testid="msg-bubble"
    >
      {quoted ? (
        <div
          style={{ borderInlineStart: '3px solid #bfbfbf', paddingInlineStart: 8, marginBottom: 6, color: '#595959', fontSize: 12 }}
          data-testid="msg-quote"
        >
          {describeMessage(tc, quoted)}
        </div>
      ) : null}
      <Content message={message} mine={mine} />
    </div>
  );
  return (
    <div
      className="rp-msg-row"
      data-testid="msg"
      data-mine={mine}
      data-state={item.state}
      data-seq={message.seq || undefined}
      style={{ display: 'flex', flexDirection: mine ? 'row-reverse' : 'row', alignItems: 'flex-end', gap: 6 }}
    >
      <div style={{ maxWidth: 'min(75%, 480px)', minWidth: 0, display: 'grid', justifyItems: mine ? 'end' : 'start', gap: 2 }}>
        {bubble}
        {mine && stored ? (
          <span style={{ fontSize: 11, color: read ? '#8c8c8c' : '#1677ff' }} data-testid="msg-read" data-read={read}>
            {read ? t('chat.read') : t('chat.unread')}
          </span>
        ) : null}
        {item.state === 'failed' ? (
          <span style={{ fontSize: 12, color: '#ff4d4f' }} data-testid="msg-failed">
            {failure}{' '}
            <Button size="small" type="link" onClick={onRetry} style={{ padding: 0, height: 'auto' }} data-testid="msg-retry">
              {t('chat.retry')}
            </Button>{' '}
            <Button size="small" type="link" danger onClick={onDiscard} style={{ padding: 0, height: 'auto' }}>
              {t('chat.discard')}
            </Button>
          </span>
        ) : null}
      </div>
      {item.state === 'pending' ? (
        <LoadingOutlined style={{ color: '#8c8c8c', marginBottom: 8 }} aria-label={t('chat.sending')} data-testid="msg-pending" />
      ) : item.state === 'failed' ? (
        <ExclamationCircleFilled style={{ color: '#ff4d4f', marginBottom: 8 }} aria-label={t('chat.failed')} />
      ) : null}
      {menu.length ? (
        <Dropdown trigger={['click']} menu={{ items: menu, onClick: onMenu }} placement={mine ? 'bottomRight' : 'bottomLeft'}>
          <Button
            className="rp-msg-more"
            size="small"
            type="text"
            icon={<MoreOutlined />}
            aria-label={t('chat.actions')}
            data-testid="msg-more"
            style={{ marginBottom: 4 }}
          />
        </Dropdown>
      ) : null}
    </div>
  );
}
