import type {
  ConversationDto,
  CustomerDto,
  CustomerPageDto,
  QuickReplyDto,
  QuickReplyGroupDto,
  QuickReplyScopeT,
  QuickReplySearchDto,
} from '@rapport/shared';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { query } from '../../common/api';
import { useSessionApi } from '../../common/session';

/** Under 'quick_reply' so a later `quick_reply.*` event would refresh them like a fetch. */
export const quickReplyKeys = {
  all: ['quick_reply'] as const,
  search: (q: string, scope: QuickReplyScopeT | 'all') => ['quick_reply', 'search', q, scope] as const,
  groups: (scope: QuickReplyScopeT) => ['quick_reply', 'groups', scope] as const,
};

/** Quick replies of the enterprise and mine, grouped by scope then group, matching `q`. */
export function useQuickReplies(q: string, scope: QuickReplyScopeT | 'all') {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: quickReplyKeys.search(q, scope),
    queryFn: () => call<QuickReplySearchDto>('GET', `/quick-replies${query({ q: q || undefined, scope })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useQuickReplyGroups(scope: QuickReplyScopeT) {
  const call = useSessionApi('member');
  return useQuery({
    queryKey: quickReplyKeys.groups(scope),
    queryFn: async () => (await call<{ data: QuickReplyGroupDto[] }>('GET', `/quick-reply-groups?scope=${scope}`)).data,
  });
}

/** Create, edit and delete my personal quick replies and their groups. */
export function useQuickReplyMutations() {
  const call = useSessionApi('member');
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: quickReplyKeys.all });
  return {
    save: useMutation({
      mutationFn: ({ id, title, text, groupId }: { id?: string; title: string; text: string; groupId: string | null }) =>
        id
          ? call<QuickReplyDto>('PATCH', `/quick-replies/${id}`, { title, text, groupId })
          : call<QuickReplyDto>('POST', '/quick-replies', { scope: 'personal', title, text, groupId }),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => call('DELETE', `/quick-replies/${id}`), onSuccess }),
    createGroup: useMutation({
      mutationFn: (name: string) => call<QuickReplyGroupDto>('POST', '/quick-reply-groups', { scope: 'personal', name }),
      onSuccess,
    }),
    removeGroup: useMutation({ mutationFn: (id: string) => call('DELETE', `/quick-reply-groups/${id}`), onSuccess }),
  };
}

/** The customer relationship behind a member ↔ customer conversation (null when none of mine holds it). */
export function useCustomerOfConversation(conversation: ConversationDto | undefined) {
  const call = useSessionApi('member');
  const id = conversation?.id;
  return useQuery({
    queryKey: ['customer', 'byConversation', id ?? ''],
    enabled: Boolean(id && conversation?.kind === 'customer'),
    queryFn: async (): Promise<CustomerDto | null> =>
      (await call<CustomerPageDto>('GET', `/customers${query({ conversationIds: [id ?? ''], limit: 1 })}`)).data[0] ?? null,
    staleTime: 5 * 60_000,
  });
}

/** Conversations per request: the API's limit. */
const REMARKS_PER_REQUEST = 100;

/**
 * My remarks for the customers behind these conversations, by consumer id: a chat shows the name I gave, as
 * the profile does. Asked in conversation-id order, 100 a request, so a new message reorders no request.
 * Keyed under the customer lists, so editing a remark refreshes them.
 */
export function useRemarks(conversations: ConversationDto[]): Map<string, string> {
  const call = useSessionApi('member');
  const chunks = useMemo(() => {
    const ids = conversations
      .filter((c) => c.kind === 'customer')
      .map((c) => c.id)
      .sort();
    return Array.from({ length: Math.ceil(ids.length / REMARKS_PER_REQUEST) }, (_, i) =>
      ids.slice(i * REMARKS_PER_REQUEST, (i + 1) * REMARKS_PER_REQUEST),
    );
  }, [conversations]);
  return useQueries({
    queries: chunks.map((conversationIds) => ({
      queryKey: ['customer', 'list', 'byConversations', conversationIds],
      queryFn: async () => (await call<CustomerPageDto>('GET', `/customers${query({ conversationIds, limit: REMARKS_PER_REQUEST })}`)).data,
      staleTime: 60_000,
    })),
    combine: (results) =>
      new Map(results.flatMap((r) => r.data ?? []).flatMap((c) => (c.remark ? [[c.consumer.id, c.remark] as const] : []))),
  });
}
