import type { QuickReplyDto, QuickReplyGroupDto, QuickReplySearchDto } from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../common/api';

const all = ['admin', 'quick-replies'] as const;
export const quickReplyKeys = {
  all,
  groups: [...all, 'groups'] as const,
  search: (q: string | undefined) => [...all, 'search', q ?? ''] as const,
};

/** Groups of the enterprise library. */
export function useQuickReplyGroups() {
  return useQuery({
    queryKey: quickReplyKeys.groups,
    queryFn: async () => (await api<{ data: QuickReplyGroupDto[] }>('GET', `/quick-reply-groups${query({ scope: 'enterprise' })}`)).data,
  });
}

/** The enterprise library's replies matching `q` (all of them without), grouped. */
export function useQuickReplies(q: string | undefined) {
  return useQuery({
    queryKey: quickReplyKeys.search(q),
    queryFn: async () => (await api<QuickReplySearchDto>('GET', `/quick-replies${query({ scope: 'enterprise', q })}`)).data,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: quickReplyKeys.all });
}

export interface QuickReplyInput {
  title: string;
  text: string;
  groupId: string | null;
}

export function useSaveQuickReply() {
  const onSettled = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: QuickReplyInput & { id?: string }) =>
      id
        ? api<QuickReplyDto>('PATCH', `/quick-replies/${id}`, body)
        : api<QuickReplyDto>('POST', '/quick-replies', { scope: 'enterprise', ...body }),
    onSettled,
  });
}

export function useDeleteQuickReply() {
  const onSettled = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api<unknown>('DELETE', `/quick-replies/${id}`), onSettled });
}

export function useSaveQuickReplyGroup() {
  const onSettled = useInvalidate();
  return useMutation({
    mutationFn: ({ id, name }: { id?: string; name: string }) =>
      id
        ? api<QuickReplyGroupDto>('PATCH', `/quick-reply-groups/${id}`, { name })
        : api<QuickReplyGroupDto>('POST', '/quick-reply-groups', { scope: 'enterprise', name }),
    onSettled,
  });
}

export function useDeleteQuickReplyGroup() {
  const onSettled = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api<unknown>('DELETE', `/quick-reply-groups/${id}`), onSettled });
}
