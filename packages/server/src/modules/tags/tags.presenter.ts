import type { TagDto, TagGroupDto } from '@rapport/shared';
import { parseDepartmentIds } from './tags.policy.js';
import type { TagGroupRow } from './tags.repository.js';

/** The one wire shape of a tag. */
export const presentTag = (row: { id: string; name: string; group_id: string | null; owner_member_id: string | null }): TagDto => ({
  id: row.id,
  name: row.name,
  groupId: row.group_id,
  personal: row.owner_member_id !== null,
});

/** The one wire shape of a tag group, with its tags. */
export const presentTagGroup = (row: TagGroupRow, tags: TagDto[]): TagGroupDto => ({
  id: row.id,
  name: row.name,
  departmentIds: parseDepartmentIds(row.department_ids),
  tags,
  createdAt: Number(row.created_at),
});
