/**
 * Event names of the customers module. Domain events go to the outbox (`recordEvent`), user events
 * to per-user streams (`appendUserEvent`).
 *
 * Hook point for the chat / welcome-message work: `customer.added` is recorded in the same
 * transaction that creates (or restores) the relationship; its payload is `CustomerAddedPayload`.
 */
export const CUSTOMER_DOMAIN_EVENTS = {
  added: 'customer.added',
  updated: 'customer.updated',
  lost: 'customer.lost',
  requestSent: 'customer_request.sent',
  requestDeclined: 'customer_request.declined',
} as const;

export const CUSTOMER_USER_EVENTS = {
  /** To the member: a new customer (data: Customer). */
  customerAdded: 'customer.added',
  /** To the member: their profile notes changed (data: Customer). */
  customerUpdated: 'customer.updated',
  /** To the member: the consumer deleted or blocked them (data: Customer). */
  customerLost: 'customer.lost',
  /** To the consumer: a member now follows them (data: EnterpriseContact). */
  contactAdded: 'contact.added',
  /** To the consumer's other devices: an enterprise contact was deleted or blocked (data: { memberId }). */
  contactRemoved: 'contact.removed',
  /** To the consumer: a member asks to add them (data: IncomingCustomerRequest). */
  requestReceived: 'customer_request.received',
  /** To the consumer's devices: a request was accepted or declined (data: { id, status }). */
  requestDecided: 'customer_request.decided',
} as const;

/** Payload of the `customer.added` domain event. */
export interface CustomerAddedPayload {
  customerId: string;
  enterpriseId: string;
  memberId: string;
  consumerId: string;
  addSource: string;
  initiatorMemberId: string | null;
  contactWayId: string | null;
  state: string | null;
  addedAt: number;
  /** True when a lost relationship was restored rather than created. */
  restored: boolean;
}

/** The durable job that sends the welcome message (欢迎语) of an add; handled by the welcome module. */
export const CUSTOMER_WELCOME_JOB = 'customer.welcome';

/** A welcome message carried by the add itself (a contact way's own); null falls back to the member's, then the enterprise's. */
export interface WelcomeContent {
  text: string;
  attachments: Array<{ kind: 'image' | 'link'; body: unknown }>;
}

/** Payload of the `customer.welcome` job, enqueued in the add's transaction. */
export interface CustomerWelcomePayload {
  customerId: string;
  enterpriseId: string;
  memberId: string;
  consumerId: string;
  conversationId: string;
  addedAt: number;
  /** Client ids of the welcome messages derive from it, so a retried job never sends twice. */
  dedupeKey: string;
  welcome: WelcomeContent | null;
}
