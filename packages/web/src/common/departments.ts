import type { DepartmentDto } from '@rapport/shared';

export interface DepartmentNode {
  key: string;
  value: string;
  title: string;
  department: DepartmentDto;
  children: DepartmentNode[];
}

const bySortThenName = (a: DepartmentDto, b: DepartmentDto) => a.sort - b.sort || a.name.localeCompare(b.name);

/** The flat list as a tree (antd Tree / TreeSelect data), children in `sort` order. */
export function buildDepartmentTree(departments: DepartmentDto[], exclude?: string): DepartmentNode[] {
  const children = new Map<string | null, DepartmentDto[]>();
  const ids = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    // A parent we cannot see is treated as the top, so nothing disappears from the tree.
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const build = (parent: string | null): DepartmentNode[] =>
    (children.get(parent) ?? [])
      .filter((d) => d.id !== exclude)
      .sort(bySortThenName)
      .map((d) => ({ key: d.id, value: d.id, title: d.name, department: d, children: build(d.id) }));
  return build(null);
}

/** Names from the top department down to this one. */
export function departmentPath(departments: DepartmentDto[], id: string): string[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const path: string[] = [];
  let current = byId.get(id);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/**
 * A department as a member reads it: "Store 1" under "Shanghai" under the root becomes
 * "Shanghai / Store 1" (the root is the enterprise itself); undefined for an unknown id.
 */
export function departmentLabel(departments: DepartmentDto[], id: string): string | undefined {
  const names = departmentPath(departments, id);
  if (names.length === 0) return undefined;
  return (names.length > 1 ? names.slice(1) : names).join(' / ');
}

/** The department and every department under it. */
export function subtreeIds(departments: DepartmentDto[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}

export const rootDepartment = (departments: DepartmentDto[]) => departments.find((d) => d.parentId === null) ?? departments[0];
