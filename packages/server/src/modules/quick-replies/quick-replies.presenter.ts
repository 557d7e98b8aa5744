import type { QuickReplyDto, QuickReplyGroupDto } from '@rapport/shared';
import type { QuickReplyGroupRow, QuickReplyRow } from './quick-replies.repository.js';

const scopeOf = (row: { owner_member_id: string | null }) => (row.owner_member_id === null ? 'enterprise' : 'personal');

/** The one wire shape of a quick reply. */
export const presentQuickReply = (row: QuickReplyRow): QuickReplyDto => ({
  id: row.id,
  scope: scopeOf(row),
  groupId: row.group_id,
  title: row.title,
  text: row.text,
  updatedAt: Number(row.updated_at),
});

/** The one wire shape of a quick reply group. */
export const presentQuickReplyGroup = (row: QuickReplyGroupRow): QuickReplyGroupDto => ({
  id: row.id,
  scope: scopeOf(row),
  name: row.name,
});
