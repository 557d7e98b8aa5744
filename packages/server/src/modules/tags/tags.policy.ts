import { TAG_LIMITS } from '@rapport/shared';
import type { TagGroupRow, TagRow } from './tags.repository.js';

/** The caps, in one object tests may lower. */
export const tagCaps = { enterpriseTags: TAG_LIMITS.enterpriseTags, personalTags: TAG_LIMITS.personalTags };

export function parseDepartmentIds(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Who may see and apply tags: admins every group; a member the groups open to a department they are in or below. */
export interface TagViewer {
  memberId: string;
  admin: boolean;
  /** The member's departments and every ancestor of them */
  departmentScope: Set<string>;
}

/**
 * A group limited to departments is visible to members of those departments and of their
 * sub-departments; an unlimited group to everyone.
 */
export function canSeeGroup(viewer: TagViewer, group: TagGroupRow): boolean {
  if (viewer.admin) return true;
  const limited = parseDepartmentIds(group.department_ids);
  return limited.length === 0 || limited.some((id) => viewer.departmentScope.has(id));
}

/** An enterprise tag whose group is visible, or the viewer's own personal tag. */
export function canSeeTag(viewer: TagViewer, tag: TagRow, visibleGroupIds: Set<string>): boolean {
  return tag.group_id !== null ? visibleGroupIds.has(tag.group_id) : tag.owner_member_id === viewer.memberId;
}

/** Member departments expanded with every ancestor (a member of a sub-department is inside its parents). */
export function departmentScope(own: string[], departments: Array<{ id: string; parent_id: string | null }>): Set<string> {
  const parent = new Map(departments.map((d) => [d.id, d.parent_id]));
  const scope = new Set<string>();
  for (const start of own) {
    let id: string | null | undefined = start;
    while (id && !scope.has(id)) {
      scope.add(id);
      id = parent.get(id);
    }
  }
  return scope;
}

/** The CRM link of a customer, or null without a template. */
export function resolveCrmUrl(template: string | null, relation: { id: string; consumer_id: string }): string | null {
  if (!template) return null;
  return template
    .replaceAll('{customerId}', encodeURIComponent(relation.id))
    .replaceAll('{consumerId}', encodeURIComponent(relation.consumer_id));
}
