import type { ChatMessageDto } from '@rapport/shared';
import type { TFunction } from 'i18next';

/** 12 s → "0:12", 75 s → "1:15". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** 2,048 → "2 KB"; sizes of attachments as a file bubble shows them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export interface DescribeOptions {
  /** The name of a business card's member, when known (else "[Card]" alone). */
  cardName?: (memberId: string) => string | undefined;
  /** Who recalled it: "You" / a name; without it the recall is told impersonally. */
  recalledBy?: 'me' | string;
}

/**
 * One line for a list preview or a quote: the text itself, or "[Image]", "[File] name",
 * "[Voice] 0:12", "[Link] title", "[Location] name", "[Card] name", or the recall notice.
 * `t` must be the `common` namespace's.
 */
export function describeMessage(
  t: TFunction,
  message: Pick<ChatMessageDto, 'kind' | 'body' | 'recalledAt'>,
  options: DescribeOptions = {},
): string {
  if (message.recalledAt !== null || message.body === null) {
    if (options.recalledBy === 'me') return t('chat.recalledByMe');
    if (options.recalledBy) return t('chat.recalledBy', { name: options.recalledBy });
    return t('chat.recalled');
  }
  const body = message.body;
  switch (message.kind) {
    case 'text':
      return str(body.text).replace(/\s+/g, ' ').trim();
    case 'image':
      return t('chat.preview.image');
    case 'file':
      return t('chat.preview.file', { name: str(body.name) });
    case 'voice':
      return t('chat.preview.voice', { duration: formatDuration(num(body.durationMs)) });
    case 'link':
      return t('chat.preview.link', { title: str(body.title) });
    case 'location':
      return t('chat.preview.location', {
        name: str(body.name) || str(body.address) || `${num(body.lat).toFixed(4)}, ${num(body.lng).toFixed(4)}`,
      });
    case 'card': {
      const name = options.cardName?.(str(body.memberId));
      return name ? t('chat.preview.card', { name }) : t('chat.preview.cardUnnamed');
    }
    default:
      return t('chat.preview.unsupported');
  }
}
