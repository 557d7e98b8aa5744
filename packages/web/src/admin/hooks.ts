import {
  type BusinessCardDto,
  type DepartmentDto,
  type EnterpriseDto,
  type ImportResultDto,
  LIMITS,
  type MemberDto,
} from '@rapport/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../common/api';
import { sessionKey } from '../common/session';

export type MemberStatus = MemberDto['status'];
export type MemberRole = MemberDto['role'];
export type ImportMode = ImportResultDto['mode'];
export type CardField = BusinessCardDto['customFields'][number];

export interface MemberFilters {
  q?: string;
  departmentId?: string;
  status?: MemberStatus;
  role?: MemberRole;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const adminKeys = {
  all: ['admin'] as const,
  enterprise: ['admin', 'enterprise'] as const,
  departments: ['admin', 'departments'] as const,
  members: ['admin', 'members'] as const,
  allMembers: ['admin', 'members', 'all'] as const,
  memberList: (filters: MemberFilters) => ['admin', 'members', 'list', filters] as const,
  member: (id: string) => ['admin', 'members', 'one', id] as const,
  card: (id: string) => ['admin', 'card', id] as const,
};

export const MEMBER_PAGE_SIZE = 50;

// ---------- enterprise ----------

export function useEnterprise() {
  return useQuery({ queryKey: adminKeys.enterprise, queryFn: () => api<EnterpriseDto>('GET', '/enterprise') });
}

export type EnterprisePatch = Partial<
  Pick<EnterpriseDto, 'name' | 'shortName' | 'timezone' | 'unverifiedCustomerLimit' | 'memberCustomerLimit' | 'enterpriseCustomerLimit'>
>;

export function useUpdateEnterprise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: EnterprisePatch) => api<EnterpriseDto>('PATCH', '/enterprise', patch),
    onSuccess: (enterprise) => {
      client.setQueryData(adminKeys.enterprise, enterprise);
      void client.invalidateQueries({ queryKey: sessionKey('member') });
      // Business cards show the enterprise's names.
      void client.invalidateQueries({ queryKey: ['admin', 'card'] });
    },
  });
}

// ---------- departments ----------

export function useDepartments() {
  return useQuery({
    queryKey: adminKeys.departments,
    queryFn: async () => (await api<{ data: DepartmentDto[] }>('GET', '/departments')).data,
  });
}

function useInvalidateOrganisation() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: adminKeys.departments });
    void client.invalidateQueries({ queryKey: adminKeys.members });
  };
}

export function useCreateDepartment() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (body: { name: string; parentId: string; sort?: number }) => api<DepartmentDto>('POST', '/departments', body),
    onSuccess: invalidate,
  });
}

export function useUpdateDepartment() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; name?: string; parentId?: string; sort?: number }) =>
      api<DepartmentDto>('PATCH', `/departments/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteDepartment() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (id: string) => api<unknown>('DELETE', `/departments/${id}`),
    onSuccess: invalidate,
  });
}

// ---------- members ----------

export function membersQueryString(filters: MemberFilters, extra: Record<string, string | number | undefined> = {}) {
  return query({ q: filters.q?.trim(), departmentId: filters.departmentId, status: filters.status, role: filters.role, ...extra });
}

export function useMembers(filters: MemberFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: adminKeys.memberList(filters),
    queryFn: ({ pageParam }) =>
      api<Page<MemberDto>>('GET', `/members${membersQueryString(filters, { cursor: pageParam, limit: MEMBER_PAGE_SIZE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMember(id: string | undefined) {
  return useQuery({
    queryKey: adminKeys.member(id ?? ''),
    queryFn: () => api<MemberDto>('GET', `/members/${id}`),
    enabled: Boolean(id),
  });
}

export interface MemberInput {
  account?: string;
  password?: string;
  name: string;
  departmentIds: string[];
  phone?: string | null;
  email?: string | null;
  title?: string | null;
  avatarUrl?: string | null;
  role?: MemberRole;
  realNameVerified?: boolean;
  customerContact?: boolean;
}

export function useCreateMember() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({ mutationFn: (body: MemberInput) => api<MemberDto>('POST', '/members', body), onSuccess: invalidate });
}

export function useUpdateMember() {
  const invalidate = useInvalidateOrganisation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<MemberInput> & { id: string }) => api<MemberDto>('PATCH', `/members/${id}`, patch),
    onSuccess: (member) => {
      invalidate();
      void client.invalidateQueries({ queryKey: adminKeys.card(member.id) });
    },
  });
}

export type MemberAction = 'disable' | 'enable' | 'resign';

export function useMemberAction() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: MemberAction }) => api<MemberDto>('POST', `/members/${id}/${action}`),
    onSuccess: invalidate,
  });
}

export function useImportMembers() {
  const invalidate = useInvalidateOrganisation();
  return useMutation({
    mutationFn: (body: { csv: string; mode: ImportMode; defaultPassword?: string }) =>
      api<ImportResultDto>('POST', '/members/import', body),
    onSettled: invalidate,
  });
}

// ---------- business cards ----------

export function useCard(memberId: string | undefined) {
  return useQuery({
    queryKey: adminKeys.card(memberId ?? ''),
    queryFn: () => api<BusinessCardDto>('GET', `/members/${memberId}/card`),
    enabled: Boolean(memberId),
  });
}

export interface CardInput {
  title?: string | null;
  phone?: string | null;
  storeAddress?: string | null;
  photoUrl?: string | null;
  bio?: string | null;
  customFields?: CardField[];
}

export function useUpdateCard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, ...body }: CardInput & { memberId: string }) => api<BusinessCardDto>('PUT', `/members/${memberId}/card`, body),
    onSuccess: (card) => {
      client.setQueryData(adminKeys.card(card.memberId), card);
      void client.invalidateQueries({ queryKey: adminKeys.members });
    },
  });
}

// ---------- whole lists (pickers, name lookups, CSV exports) ----------

/** Every row of a cursor-paged list, fetched in pages of the largest size the API allows. */
export async function fetchAllPages<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<T>>('GET', `${path}${query({ ...params, cursor, limit: LIMITS.pageSize })}`);
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** Every member of the enterprise: member pickers and member names in other lists. */
export function useAllMembers() {
  return useQuery({ queryKey: adminKeys.allMembers, queryFn: () => fetchAllPages<MemberDto>('/members') });
}
