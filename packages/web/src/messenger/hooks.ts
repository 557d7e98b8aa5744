import type {
  BusinessCardDto,
  ConsumerDto,
  ContactLinkAddResultDto,
  ContactLinkDto,
  ConversationDto,
  EnterpriseContactGroupsDto,
  FriendDto,
  FriendRequestDto,
  IncomingCustomerRequestDto,
  SessionInfoDto,
} from '@rapport/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, query } from '../common/api';
import { chatKeys } from '../common/chat';
import { sessionKey, useSession, useSessionApi } from '../common/session';

type FriendRequestListsDto = { incoming: FriendRequestDto[]; outgoing: FriendRequestDto[] };

/** Keys start with the entity, so a realtime `consumer.updated` event refreshes ['consumer', …]. */
export const appKeys = {
  me: ['consumer', 'me'] as const,
};

/** The signed-in consumer (null when signed out). */
export function useConsumerSession() {
  return useSession('consumer');
}

/** My profile, shown at once from the session's copy while the fresh one loads. */
export function useMe(placeholder: ConsumerDto | undefined) {
  const call = useSessionApi('consumer');
  return useQuery({ queryKey: appKeys.me, queryFn: () => call<ConsumerDto>('GET', '/consumers/me'), placeholderData: placeholder });
}

export function useUpdateProfile() {
  const call = useSessionApi('consumer');
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { nickname?: string; avatarUrl?: string | null }) => call<ConsumerDto>('PATCH', '/consumers/me', body),
    onSuccess: (consumer) => {
      client.setQueryData(appKeys.me, consumer);
      client.setQueryData<SessionInfoDto | null>(sessionKey('consumer'), (info) => (info ? { ...info, consumer } : info));
    },
  });
}

export interface SignUpInput {
  account?: string;
  phone?: string;
  nickname: string;
  password: string;
}

// ---------- contacts (friends, enterprise contacts, requests) ----------

/**
 * Keys start with the entity of the realtime event that changes them, so `friend.requested`,
 * `customer_request.received`, `contact.added` … refresh them through realtime.ts.
 */
export const peopleKeys = {
  friendRequests: ['friend', 'requests'] as const,
  friends: ['friend', 'list'] as const,
  customerRequests: ['customer_request', 'incoming'] as const,
  enterpriseContacts: ['contact', 'enterprise'] as const,
  card: (memberId: string) => ['card', 'consumer', memberId] as const,
  link: (token: string) => ['contact_link', token] as const,
};

export function useFriendRequests() {
  const call = useSessionApi('consumer');
  return useQuery({ queryKey: peopleKeys.friendRequests, queryFn: () => call<FriendRequestListsDto>('GET', '/friend-requests') });
}

export function useFriends() {
  const call = useSessionApi('consumer');
  return useQuery({ queryKey: peopleKeys.friends, queryFn: () => call<{ data: FriendDto[] }>('GET', '/friends') });
}

export function useCustomerRequests() {
  const call = useSessionApi('consumer');
  return useQuery({
    queryKey: peopleKeys.customerRequests,
    queryFn: () => call<{ data: IncomingCustomerRequestDto[] }>('GET', '/customer-requests/incoming'),
  });
}

export function useEnterpriseContacts() {
  const call = useSessionApi('consumer');
  return useQuery({
    queryKey: peopleKeys.enterpriseContacts,
    queryFn: () => call<EnterpriseContactGroupsDto>('GET', '/contacts/enterprise'),
  });
}

/** Incoming friend and customer requests still waiting for me (the "New friends" badge). */
export function useNewFriendsCount() {
  const friends = useFriendRequests();
  const customers = useCustomerRequests();
  return (friends.data?.incoming.length ?? 0) + (customers.data?.data.length ?? 0);
}

/** A member's business card as I see it (chat header, list badges, card messages); long-lived. */
export function useCard(memberId: string | undefined) {
  const call = useSessionApi('consumer');
  return useQuery({
    queryKey: peopleKeys.card(memberId ?? ''),
    queryFn: () => call<BusinessCardDto>('GET', `/cards/${memberId}`),
    enabled: Boolean(memberId),
    staleTime: 5 * 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** Refreshes what a decision on a request changes: the requests, both contact lists, the chats. */
function useRefreshPeople() {
  const client = useQueryClient();
  return () => {
    for (const key of [peopleKeys.friendRequests, peopleKeys.friends, peopleKeys.customerRequests, peopleKeys.enterpriseContacts]) {
      void client.invalidateQueries({ queryKey: key });
    }
    void client.invalidateQueries({ queryKey: chatKeys.conversations('consumer') });
  };
}

export function useDecideFriendRequest() {
  const call = useSessionApi('consumer');
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      call<FriendRequestDto>('POST', `/friend-requests/${id}/${accept ? 'accept' : 'decline'}`),
    onSettled: refresh,
  });
}

export function useDecideCustomerRequest() {
  const call = useSessionApi('consumer');
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      call('POST', `/customer-requests/${id}/${accept ? 'accept' : 'decline'}`),
    onSettled: refresh,
  });
}

export function useSendFriendRequest() {
  const call = useSessionApi('consumer');
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: (body: { to: string; message?: string }) => call<FriendRequestDto>('POST', '/friend-requests', body),
    onSuccess: refresh,
  });
}

/** Deletes or blocks an enterprise contact: the relationship becomes lost and the chat closes. */
export function useRemoveEnterpriseContact() {
  const call = useSessionApi('consumer');
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: ({ memberId, block }: { memberId: string; block: boolean }) =>
      block ? call('POST', `/contacts/enterprise/${memberId}/block`) : call('DELETE', `/contacts/enterprise/${memberId}`),
    onSuccess: refresh,
  });
}

/** A contact way link's public preview (works signed out). */
export function useContactLink(token: string) {
  return useQuery({
    queryKey: peopleKeys.link(token),
    queryFn: () => api<ContactLinkDto>('GET', `/contact-links/${encodeURIComponent(token)}`),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useAddThroughLink(token: string) {
  const call = useSessionApi('consumer');
  const refresh = useRefreshPeople();
  return useMutation({
    mutationFn: () => call<ContactLinkAddResultDto>('POST', `/contact-links/${encodeURIComponent(token)}/add`),
    onSuccess: refresh,
  });
}

/** The conversation with a peer, looked up in my conversations (fetched fresh). */
export function useFindConversation() {
  const call = useSessionApi('consumer');
  return async (peerId: string): Promise<ConversationDto | undefined> => {
    const page = await call<{ data: ConversationDto[] }>('GET', `/conversations${query({ as: 'consumer', limit: 200 })}`);
    return page.data.find((c) => c.peers.some((p) => p.id === peerId));
  };
}

// ---------- return after sign-in ----------

const RETURN_KEY = 'rapport.app.return';

/** Remembers where a signed-out visitor wanted to go (an add link), for after sign-in or sign-up. */
export const rememberReturn = (path: string) => sessionStorage.setItem(RETURN_KEY, path);

/** The remembered place, else Chats. */
export function peekReturn(): string {
  const path = sessionStorage.getItem(RETURN_KEY);
  return path?.startsWith('/app/') ? path : '/app/chats';
}

export const clearReturn = () => sessionStorage.removeItem(RETURN_KEY);
