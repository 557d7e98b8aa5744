import {
  type ConversationDto,
  type CustomerDto,
  type CustomerPageDto,
  maxFileBytes,
  type QuickReplyDto,
  type QuickReplyGroupDto,
  type QuickReplyScopeT,
  type QuickReplySearchDto,
  type StoredFileDto,
} from '@rapport/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, query } from '../../common/api';
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

/**
 * The customer relationship behind a member ↔ customer conversation. The API has no lookup by
 * conversation, so this adapter searches my customers by the peer's nickname (which the search
 * matches) and picks the one holding this conversation; a page of everyone is the fallback.
 */
export function useCustomerOfConversation(conversation: ConversationDto | undefined) {
  const call = useSessionApi('member');
  const peer = conversation?.peers.find((p) => p.kind === 'consumer');
  const id = conversation?.id;
  return useQuery({
    queryKey: ['customer', 'byConversation', id ?? ''],
    enabled: Boolean(id && peer && conversation?.kind === 'customer'),
    queryFn: async (): Promise<CustomerDto | null> => {
      const find = async (q: string | undefined) => {
        let cursor: string | undefined;
        for (let page = 0; page < 10; page++) {
          const answer = await call<CustomerPageDto>('GET', `/customers${query({ q, cursor, limit: 200 })}`);
          const hit = answer.data.find((c) => c.conversationId === id || (peer && c.consumer.id === peer.id));
          if (hit) return hit;
          if (!answer.nextCursor) return undefined;
          cursor = answer.nextCursor;
        }
        return undefined;
      };
      return (await find(peer?.name.slice(0, 100))) ?? (await find(undefined)) ?? null;
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * Uploads an image or file as the member (POST /files, the raw bytes); the answer's `attachment` is
 * the body of the message that sends it. A thin local adapter: the chat core's own upload helper was
 * not on main when this was written.
 */
export async function uploadAttachment(kind: 'image' | 'file', file: File): Promise<StoredFileDto> {
  const max = maxFileBytes(kind);
  if (file.size > max) throw new ApiError(413, 'FILE_TOO_LARGE', 'File too large', { maxBytes: max });
  if (file.size === 0) throw new ApiError(400, 'FILE_EMPTY', 'The file is empty');
  let response: Response;
  try {
    response = await fetch(`/api/v1/files${query({ as: 'member', kind, name: file.name || kind })}`, {
      method: 'POST',
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (response.ok) return (await response.json()) as StoredFileDto;
  const payload = await response.json().catch(() => undefined);
  throw new ApiError(response.status, payload?.error?.code ?? 'INTERNAL', payload?.error?.message ?? response.statusText);
}
