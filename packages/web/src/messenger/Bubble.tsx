import {
  EnvironmentOutlined,
  ExclamationCircleFilled,
  FileOutlined,
  LinkOutlined,
  PauseOutlined,
  PictureOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { type ChatMessageDto, fileThumbnailUrl, fileUrl } from '@rapport/shared';
import { DotLoading, ImageViewer, Toast } from 'antd-mobile';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatSize } from '../common/chat';
import { EnterpriseBadge, isWebLink } from '../common/mobile/BusinessCardView';
import { useCard } from './hooks';
import { PersonAvatar } from './ui';

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The look of a bubble's frame: green and on the right for mine, white on the left for theirs. */
const frame = (mine: boolean): CSSProperties => ({
  position: 'relative',
  maxWidth: '100%',
  padding: '9px 12px',
  borderRadius: 6,
  background: mine ? '#95ec69' : '#fff',
  color: '#111',
  fontSize: 16,
  lineHeight: 1.45,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  textAlign: 'left',
});

/** A card-shaped bubble (file, link, location, business card): white for both sides, as in WeChat. */
const panel: CSSProperties = {
  display: 'flex',
  gap: 10,
  width: 232,
  maxWidth: '100%',
  padding: '10px 12px',
  borderRadius: 6,
  background: '#fff',
  color: '#111',
  textAlign: 'left',
  textDecoration: 'none',
  border: 0,
  font: 'inherit',
  cursor: 'pointer',
};

function ImageBubble({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation('app');
  const id = str(body.fileId);
  const [src, setSrc] = useState<string | null>(fileThumbnailUrl(id));
  const width = num(body.width);
  const height = num(body.height);
  // Reserve the picture's shape before it loads so the list does not jump.
  const ratio = width && height ? Math.min(Math.max(width / height, 0.5), 2) : 1;
  const w = ratio >= 1 ? 160 : 160 * ratio;
  return (
    <button
      type="button"
      onClick={() => ImageViewer.show({ image: fileUrl(id) })}
      style={{
        padding: 0,
        border: 0,
        background: '#e5e5e5',
        borderRadius: 6,
        overflow: 'hidden',
        cursor: 'zoom-in',
        width: w,
        height: w / ratio,
      }}
      aria-label={t('chat.openImage')}
    >
      {src ? (
        <img
          src={src}
          alt={str(body.name)}
          // No thumbnail (an animated GIF, say): the picture itself; neither: say so instead of a broken image.
          onError={() => setSrc((current) => (current === fileUrl(id) ? null : fileUrl(id)))}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
      ) : (
        <span style={{ display: 'grid', placeItems: 'center', height: '100%', padding: 8, fontSize: 12, color: '#8c8c8c' }}>
          <PictureOutlined style={{ fontSize: 28 }} />
          {t('chat.imageUnavailable')}
        </span>
      )}
    </button>
  );
}

function FileBubble({ body }: { body: Record<string, unknown> }) {
  const name = str(body.name);
  return (
    <a href={fileUrl(str(body.fileId))} download={name} style={panel} data-testid="bubble-file">
      <span style={{ flex: 1, minWidth: 0 }}>
        <span style={{ display: 'block', fontSize: 15, overflowWrap: 'anywhere' }}>{name}</span>
        <span style={{ display: 'block', fontSize: 12, color: '#8c8c8c', marginTop: 4 }}>{formatSize(num(body.size))}</span>
      </span>
      <FileOutlined style={{ fontSize: 36, color: '#1677ff', flex: 'none' }} />
    </a>
  );
}

/** Voice notes I have heard, by message id (received ones show a red dot until then); the newest few hundred. */
const PLAYED_KEY = 'rapport.voicePlayed';
const PLAYED_KEEP = 500;

function playedIds(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(PLAYED_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function markPlayed(id: string) {
  const list = playedIds().filter((other) => other !== id);
  list.push(id);
  try {
    localStorage.setItem(PLAYED_KEY, JSON.stringify(list.slice(-PLAYED_KEEP)));
  } catch {
    // Storage full or disabled: the dot comes back after a reload, nothing worse.
  }
}

/** The one note playing: starting another stops it, as in WeChat. */
let playing: { audio: HTMLAudioElement; stop: () => void } | null = null;

/** 12,400 ms → "12″", the way WeChat labels a voice note; never 0″. */
const voiceSeconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}″`;

function VoiceBubble({ id, body, mine }: { id: string; body: Record<string, unknown>; mine: boolean }) {
  const { t } = useTranslation('app');
  const audio = useRef<HTMLAudioElement | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'playing'>('idle');
  const [unplayed, setUnplayed] = useState(() => !mine && id !== '' && !playedIds().includes(id));
  const fileId = str(body.fileId);
  useEffect(
    () => () => {
      if (playing?.audio === audio.current) playing = null;
      audio.current?.pause();
    },
    [],
  );
  const duration = num(body.durationMs);
  const stop = () => {
    audio.current?.pause();
    setState('idle');
  };
  const toggle = () => {
    // A note still uploading has no file to play yet.
    if (!fileId) return;
    if (state !== 'idle') {
      stop();
      return;
    }
    if (!audio.current) {
      const element = new Audio(fileUrl(fileId));
      element.preload = 'auto';
      element.onplaying = () => setState('playing');
      element.onended = () => setState('idle');
      element.onerror = () => {
        setState('idle');
        Toast.show({ icon: 'fail', content: t('chat.voiceUnavailable') });
      };
      audio.current = element;
    }
    const element = audio.current;
    if (playing && playing.audio !== element) playing.stop();
    playing = { audio: element, stop };
    if (unplayed && id) {
      markPlayed(id);
      setUnplayed(false);
    }
    setState('loading');
    element.currentTime = 0;
    void element.play().catch(() => setState('idle'));
  };
  // Longer notes make longer bubbles: 1 s is the narrowest, a minute spans most of the row.
  const width = Math.round(72 + Math.min(1, Math.max(0, duration - 1000) / 59_000) * 148);
  const icon =
    state === 'idle' ? (
      <SoundOutlined style={{ transform: mine ? 'scaleX(-1)' : undefined }} />
    ) : state === 'playing' ? (
      <PauseOutlined />
    ) : (
      <DotLoading color="currentColor" />
    );
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, flexDirection: mine ? 'row-reverse' : 'row', maxWidth: '100%' }}>
      <button
        type="button"
        onClick={toggle}
        aria-label={`${state === 'idle' ? t('chat.playVoice') : t('chat.pauseVoice')} ${voiceSeconds(duration)}`}
        data-testid="bubble-voice"
        data-file={fileId || undefined}
        data-state={state}
        data-duration={Math.max(1, Math.round(duration / 1000))}
        style={{
          ...frame(mine),
          width,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          justifyContent: mine ? 'flex-end' : 'flex-start',
          border: 0,
          cursor: fileId ? 'pointer' : 'default',
        }}
      >
        {mine ? <span>{voiceSeconds(duration)}</span> : null}
        <span style={{ display: 'inline-flex', width: 18, justifyContent: 'center' }}>{icon}</span>
        {mine ? null : <span>{voiceSeconds(duration)}</span>}
      </button>
      {unplayed ? (
        <span
          data-testid="bubble-voice-unplayed"
          role="img"
          aria-label={t('chat.voiceUnplayed')}
          style={{ flex: 'none', alignSelf: 'flex-start', marginTop: 4, width: 8, height: 8, borderRadius: '50%', background: '#fa5151' }}
        />
      ) : null}
    </span>
  );
}

function LinkBubble({ body }: { body: Record<string, unknown> }) {
  const url = str(body.url);
  const image = str(body.imageUrl);
  const content = (
    <>
      <span style={{ flex: 1, minWidth: 0 }}>
        <span style={{ display: 'block', fontSize: 15, fontWeight: 500, overflowWrap: 'anywhere' }}>{str(body.title)}</span>
        {body.description ? (
          <span style={{ display: 'block', fontSize: 12, color: '#8c8c8c', marginTop: 4, overflowWrap: 'anywhere' }}>
            {str(body.description)}
          </span>
        ) : null}
      </span>
      {image && isWebLink(image) ? (
        <img src={image} alt="" style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4, flex: 'none' }} />
      ) : (
        <LinkOutlined style={{ fontSize: 28, color: '#1677ff', flex: 'none' }} />
      )}
    </>
  );
  return isWebLink(url) ? (
    <a href={url} target="_blank" rel="noopener noreferrer" style={panel} data-testid="bubble-link">
      {content}
    </a>
  ) : (
    <span style={panel}>{content}</span>
  );
}

function LocationBubble({ body }: { body: Record<string, unknown> }) {
  const lat = num(body.lat);
  const lng = num(body.lng);
  const name = str(body.name);
  const address = str(body.address);
  return (
    <a
      href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`}
      target="_blank"
      rel="noopener noreferrer"
      style={panel}
      data-testid="bubble-location"
    >
      <EnvironmentOutlined style={{ fontSize: 28, color: '#fa5151', flex: 'none' }} />
      <span style={{ flex: 1, minWidth: 0 }}>
        <span style={{ display: 'block', fontSize: 15, fontWeight: 500, overflowWrap: 'anywhere' }}>
          {name || address || `${lat.toFixed(5)}, ${lng.toFixed(5)}`}
        </span>
        {name && address ? (
          <span style={{ display: 'block', fontSize: 12, color: '#8c8c8c', marginTop: 4, overflowWrap: 'anywhere' }}>{address}</span>
        ) : null}
      </span>
    </a>
  );
}

function CardBubble({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  const memberId = str(body.memberId);
  const card = useCard(memberId);
  return (
    <button
      type="button"
      style={{ ...panel, flexDirection: 'column', gap: 8 }}
      onClick={() => navigate(`/app/cards/${memberId}`)}
      data-testid="bubble-card"
    >
      <span style={{ display: 'flex', gap: 10, alignItems: 'center', width: '100%' }}>
        <PersonAvatar url={card.data?.avatarUrl} name={card.data?.name ?? '?'} size={40} />
        <span style={{ flex: 1, minWidth: 0 }}>
          <span style={{ display: 'block', fontSize: 15, fontWeight: 500, overflowWrap: 'anywhere' }}>
            {card.data?.name ?? (card.isError ? t('chat.cardUnavailable') : '…')}
          </span>
          {card.data ? <EnterpriseBadge shortName={card.data.enterpriseShortName} verified={card.data.enterpriseVerified} /> : null}
        </span>
      </span>
      <span style={{ borderTop: '1px solid #f0f0f0', paddingTop: 6, width: '100%', fontSize: 12, color: '#8c8c8c' }}>
        {t('chat.businessCard')}
      </span>
    </button>
  );
}

/** The content of a stored or pending message, by kind. */
export function MessageContent({ message, mine }: { message: ChatMessageDto; mine: boolean }) {
  const { t } = useTranslation('app');
  const body = message.body ?? {};
  switch (message.kind) {
    case 'text':
      return <div style={frame(mine)}>{str(body.text)}</div>;
    case 'image':
      return <ImageBubble body={body} />;
    case 'file':
      return <FileBubble body={body} />;
    case 'voice':
      return <VoiceBubble id={message.id} body={body} mine={mine} />;
    case 'link':
      return <LinkBubble body={body} />;
    case 'location':
      return <LocationBubble body={body} />;
    case 'card':
      return <CardBubble body={body} />;
    default:
      return <div style={{ ...frame(mine), color: '#8c8c8c' }}>{t('chat.unsupported')}</div>;
  }
}

/** The state beside one of my bubbles: a spinner while sending, a red mark to retry after a failure. */
export function SendState({ state, onRetry, label }: { state: 'pending' | 'failed'; onRetry: () => void; label: string }): ReactNode {
  if (state === 'pending') {
    return (
      <span data-testid="bubble-pending" style={{ alignSelf: 'center', color: '#8c8c8c', fontSize: 12 }}>
        <DotLoading color="currentColor" />
      </span>
    );
  }
  return (
    <button
      type="button"
      data-testid="bubble-retry"
      aria-label={label}
      title={label}
      onClick={onRetry}
      style={{
        alignSelf: 'center',
        border: 0,
        background: 'none',
        padding: 4,
        cursor: 'pointer',
        color: '#fa5151',
        fontSize: 20,
        lineHeight: 1,
      }}
    >
      <ExclamationCircleFilled />
    </button>
  );
}
