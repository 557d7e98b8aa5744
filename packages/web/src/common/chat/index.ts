/**
 * The chat client core, shared by Messenger (consumers) and the Workspace (members); no UI library.
 *
 * Identity: every hook takes `me = useChatMe(as, id)` (`as` = 'member' | 'consumer', the session
 * that speaks; `?as=` on every chat call). Pass the memoised object it returns.
 *
 * Live updates: hand `useChatEvents(me)` to the live connection
 * (`useLiveConnection(kind, id, onEvent)` in common/mobile/live.ts, or `RealtimeClient.onEvent`),
 * and call `useChatSync(me, status)` once with the connection status: it resends waiting messages
 * and refreshes after a reconnect. Events (message.created / recalled, conversation.read / closed /
 * reopened / opened, friend.accepted) update the caches below in place; applying one twice is harmless.
 *
 * - `useConversations(as)` → `{ conversations, totalUnread, fetchNextPage, hasNextPage, … }`: newest
 *   first, each with `lastMessage`, `unread`, `peers[].readSeq`, `status` / `closedReason`.
 * - `useConversation(as, id)` → query of one `ConversationDto`.
 * - `useMessages(me, id)` → `{ items, hasOlder, loadOlder, loadingOlder, isPending, error, refetch }`:
 *   `items` (`ChatItem[]`, oldest first) are stored messages by seq plus my pending / failed ones
 *   (`item.state`, `item.outbox`); `item.key` stays the same when a pending bubble is acked.
 * - `useSendMessage(me, id)` → `{ send({ kind, body, quoteSeq? }) → clientId, retry(item.outbox), discard(item.outbox) }`:
 *   REST send with a client id; a retry reuses it (idempotent on the server). Waiting messages are kept in
 *   localStorage per principal and resent after a reload.
 * - `useMarkRead(me, conversation, newestSeqOf(items, me), active)`: read up to the newest message of
 *   the others while shown.
 * - `useRecall(me, id)` → mutation(seq); `mayRecall(message, conversation, me)` for the menu.
 * - `lastReadByPeers(conversation, messages, me)`: the seq of my last message the others read ("read" mark).
 * - `needsTimeSeparator(previous, current)`, `isMine(message, me)`, `hasConsumer(conversation, me)`.
 * - `describeMessage(t, message, { cardName, recalledBy })` with `t` of the `common` namespace:
 *   "text", "[Image]", "[File] name", "[Voice] 0:12", "[Link] title", "[Location] name", "[Card] name",
 *   or the recall notice; `formatDuration(ms)`, `formatSize(bytes)`.
 * - `uploadFile(as, 'image' | 'file' | 'voice', file, { name?, durationMs? })` → the stored file; send
 *   `{ kind, body: stored.attachment }`.
 * - Lower level: `chatKeys`, `applyChatEvent(client, me, event)`, `applyMessage`, `updateConversation`.
 */
import { useMemo } from 'react';
import type { ChatAs, ChatMe } from './merge';

export { applyChatEvent, applyMessage, chatKeys, updateConversation } from './cache';
export { type DescribeOptions, describeMessage, formatDuration, formatSize } from './describe';
export {
  mayRecall,
  newClientId,
  newestSeqOf,
  RECALL_WINDOWS,
  type SendInput,
  useChatEvents,
  useChatSync,
  useConversation,
  useConversations,
  useMarkRead,
  useMessages,
  useRecall,
  useSendMessage,
} from './hooks';
export {
  type ChatAs,
  type ChatItem,
  type ChatMe,
  canRecall,
  hasConsumer,
  isMine,
  lastReadByPeers,
  type MessageWindow,
  mergeMessages,
  needsTimeSeparator,
  type OutboxEntry,
  sortConversations,
  timeline,
  withMessage,
  withRead,
} from './merge';
export { uploadFile } from './upload';

/** The stable identity object every chat hook takes. */
export function useChatMe(as: ChatAs, id: string): ChatMe {
  return useMemo(() => ({ as, id }), [as, id]);
}
