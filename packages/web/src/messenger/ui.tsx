import type { ChatMessageDto } from '@rapport/shared';
import { Avatar } from 'antd-mobile';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

const COLOURS = ['#07c160', '#1677ff', '#fa8c16', '#eb2f96', '#722ed1', '#13c2c2', '#f5222d', '#2f54eb'];

/** A person's picture, or their initial on a colour of their own when they have none. */
export function PersonAvatar({
  url,
  name,
  size = 44,
  style,
}: {
  url: string | null | undefined;
  name: string;
  size?: number;
  style?: CSSProperties;
}) {
  const common: CSSProperties = { width: size, height: size, borderRadius: 6, flex: 'none', ...style };
  if (url) return <Avatar src={url} style={{ '--size': `${size}px`, '--border-radius': '6px', flex: 'none', ...style }} />;
  const initial = name.trim().slice(0, 1).toUpperCase() || '?';
  const colour = COLOURS[[...name].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0) % COLOURS.length];
  return (
    <span
      aria-hidden="true"
      style={{
        ...common,
        display: 'inline-grid',
        placeItems: 'center',
        background: colour,
        color: '#fff',
        fontSize: size * 0.45,
        fontWeight: 600,
      }}
    >
      {initial}
    </span>
  );
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/**
 * A time the WeChat way: today "14:05", yesterday "Yesterday" (with the time in a chat), this week
 * the weekday, else the date.
 */
export function useChatTime() {
  const { t, i18n } = useTranslation('app');
  const locale = i18n.language;
  return (at: number, withTime = false) => {
    const date = new Date(at);
    const now = new Date();
    const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
    if (sameDay(date, now)) return time;
    const yesterday = new Date(now);
    yesterday.setDate(now.getDate() - 1);
    if (sameDay(date, yesterday)) return withTime ? `${t('chat.yesterday')} ${time}` : t('chat.yesterday');
    const days = (now.getTime() - date.getTime()) / 86_400_000;
    if (days < 6) {
      const weekday = date.toLocaleDateString(locale, { weekday: 'long' });
      return withTime ? `${weekday} ${time}` : weekday;
    }
    const sameYear = date.getFullYear() === now.getFullYear();
    const day = date.toLocaleDateString(
      locale,
      sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' },
    );
    return withTime ? `${day} ${time}` : day;
  };
}

/** The member a card message refers to, when it is one. */
export const cardMemberId = (message: Pick<ChatMessageDto, 'kind' | 'body'>) =>
  message.kind === 'card' && typeof message.body?.memberId === 'string' ? message.body.memberId : undefined;
