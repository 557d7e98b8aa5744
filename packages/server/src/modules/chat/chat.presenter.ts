import type { ChatMessageDto, ConversationDto, ConversationPeerDto, PrincipalKindT } from '@rapport/shared';
import type { ConversationRow, MessageRow } from './chat.repository.js';

/** `<kind>:<id>` → `{ kind, id }`. */
export function principalRef(principal: string): { kind: PrincipalKindT; id: string } {
  const at = principal.indexOf(':');
  return { kind: principal.slice(0, at) as PrincipalKindT, id: principal.slice(at + 1) };
}

/** A message on the wire; a recalled message keeps its place but not its body (the archive keeps it). */
export const presentMessage = (row: MessageRow): ChatMessageDto =>
  messageDto(row, row.recalled_at === null ? (JSON.parse(row.body) as Record<string, unknown>) : null);

/** A message on the wire with the body given: a send that has just stored it has it parsed already. */
export const messageDto = (row: MessageRow, body: Record<string, unknown> | null): ChatMessageDto => ({
  id: row.id,
  conversationId: row.conversation_id,
  seq: Number(row.seq),
  sender: principalRef(row.sender),
  clientId: row.client_id,
  kind: row.kind,
  body,
  quoteSeq: row.quote_seq === null ? null : Number(row.quote_seq),
  recalledAt: row.recalled_at === null ? null : Number(row.recalled_at),
  createdAt: Number(row.created_at),
});

export const presentConversation = (
  row: ConversationRow,
  mine: { readSeq: number; unread: number },
  lastMessage: MessageRow | undefined,
  peers: ConversationPeerDto[],
): ConversationDto => ({
  id: row.id,
  kind: row.kind,
  enterpriseId: row.enterprise_id,
  status: row.status,
  closedReason: row.closed_reason,
  lastSeq: Number(row.last_seq),
  lastMessageAt: row.last_message_at === null ? null : Number(row.last_message_at),
  lastMessage: lastMessage ? presentMessage(lastMessage) : null,
  readSeq: mine.readSeq,
  unread: mine.unread,
  peers,
  createdAt: Number(row.created_at),
});
