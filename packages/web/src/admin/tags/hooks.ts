import type { TagDto, TagGroupDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../common/api';

export const tagKeys = { groups: ['admin', 'tag-groups'] as const };

/** The enterprise tag library: every group with its tags. */
export function useTagGroups() {
  return useQuery({
    queryKey: tagKeys.groups,
    queryFn: async () => (await api<{ data: TagGroupDto[] }>('GET', '/tag-groups')).data,
  });
}

function useInvalidateTags() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: tagKeys.groups });
}

export function useCreateTagGroup() {
  const onSettled = useInvalidateTags();
  return useMutation({
    mutationFn: (body: { name: string; departmentIds: string[]; tags: { name: string }[] }) =>
      api<TagGroupDto>('POST', '/tag-groups', body),
    onSettled,
  });
}

export function useUpdateTagGroup() {
  const onSettled = useInvalidateTags();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; name?: string; departmentIds?: string[] }) =>
      api<TagGroupDto>('PATCH', `/tag-groups/${id}`, patch),
    onSettled,
  });
}

export function useDeleteTagGroup() {
  const onSettled = useInvalidateTags();
  return useMutation({ mutationFn: (id: string) => api<unknown>('DELETE', `/tag-groups/${id}`), onSettled });
}

export function useCreateTag() {
  const onSettled = useInvalidateTags();
  return useMutation({ mutationFn: (body: { groupId: string; name: string }) => api<TagDto>('POST', '/tags', body), onSettled });
}

export function useRenameTag() {
  const onSettled = useInvalidateTags();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => api<TagDto>('PATCH', `/tags/${id}`, { name }),
    onSettled,
  });
}

export function useDeleteTag() {
  const onSettled = useInvalidateTags();
  return useMutation({ mutationFn: (id: string) => api<unknown>('DELETE', `/tags/${id}`), onSettled });
}
