/**
 * Wire schemas (TypeBox): one definition gives the server its validation, serialisation and
 * OpenAPI, and the web app its types. Request bodies reject unknown properties.
 */
import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { CHAT_LIMITS, LIMITS } from './limits.js';

const strict = { additionalProperties: false } as const;

// Free text may hold tabs and line breaks but no other control characters: PostgreSQL refuses NUL
// in text, and nobody means to type the rest. NON_BLANK also needs one visible character.
const CONTROL_FREE = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const NON_BLANK = '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
/** A string without control characters (tabs and line breaks allowed). */
export const Text = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...options, pattern: CONTROL_FREE });
/** Like `Text`, with at least one visible character. */
export const NonBlankText = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ minLength: 1, ...options, pattern: NON_BLANK });

export const Id = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$', description: 'Opaque id' });
export const Timestamp = Type.Integer({ minimum: 0, description: 'Epoch milliseconds' });
export const Password = Type.String({ minLength: LIMITS.passwordMin, maxLength: LIMITS.passwordMax });
export const Account = Type.String({
  minLength: 2,
  maxLength: LIMITS.account,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'Letters, digits, dot, dash, underscore',
});
export const Phone = Type.String({ minLength: 5, maxLength: LIMITS.phone, pattern: '^\\+?[0-9][0-9 -]{3,18}[0-9]$' });
export const Email = Type.String({ maxLength: LIMITS.email, format: 'email' });
export const HttpUrl = Type.String({ maxLength: LIMITS.url, pattern: '^(https?://|/)[^\\s\\u0000-\\u001F\\u007F]*$' });
export const PersonName = NonBlankText({ minLength: 1, maxLength: LIMITS.name });
export const EnterpriseCode = Type.String({
  minLength: 2,
  maxLength: LIMITS.enterpriseCode,
  pattern: '^[a-z0-9][a-z0-9-]*$',
  description: 'Enterprise id used at member sign-in (lower-case letters, digits, dash)',
});
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Page = <T extends TSchema>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Nullable(Type.String()) });
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSize, default: 50 })),
};
export const IdParams = Type.Object({ id: Id }, strict);
export const Ok = Type.Object({ ok: Type.Literal(true) });

// ---------- entities ----------

export const VerificationStatus = Type.Union([Type.Literal('unverified'), Type.Literal('verified')]);
export const MemberRole = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export const MemberStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('resigned')]);

export const Enterprise = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String({ description: 'Shown as the "@short name" badge' }),
  verification: VerificationStatus,
  verifiedAt: Nullable(Timestamp),
  timezone: Type.String(),
  unverifiedCustomerLimit: Type.Integer(),
  memberCustomerLimit: Type.Integer(),
  enterpriseCustomerLimit: Type.Integer(),
  createdAt: Timestamp,
});

export const Department = Type.Object({
  id: Id,
  parentId: Nullable(Id),
  name: Type.String(),
  sort: Type.Integer(),
  memberCount: Type.Integer({ description: 'Active and disabled members directly in this department (not in sub-departments)' }),
});

export const Member = Type.Object({
  id: Id,
  account: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  title: Nullable(Type.String()),
  avatarUrl: Nullable(Type.String()),
  role: MemberRole,
  status: MemberStatus,
  realNameVerified: Type.Boolean({ description: 'Real-name verified (实名认证)' }),
  customerContact: Type.Boolean({ description: 'Holds customer-contact permission (客户联系权限)' }),
  departmentIds: Type.Array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  resignedAt: Nullable(Timestamp),
});

export const CardFieldKind = Type.Union([Type.Literal('text'), Type.Literal('link')]);
export const CardField = Type.Object(
  {
    label: NonBlankText({ maxLength: LIMITS.cardFieldLabel }),
    kind: CardFieldKind,
    value: NonBlankText({ maxLength: LIMITS.cardFieldValue, description: 'Text, or an http(s) URL for a link' }),
  },
  strict,
);

/** What a consumer sees of a member (对外名片). */
export const BusinessCard = Type.Object({
  memberId: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  avatarUrl: Nullable(Type.String()),
  enterpriseName: Type.String(),
  enterpriseShortName: Type.String(),
  enterpriseVerified: Type.Boolean(),
  phone: Nullable(Type.String()),
  storeAddress: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  customFields: Type.Array(CardField),
  updatedAt: Timestamp,
});

export const Consumer = Type.Object({
  id: Id,
  account: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const Operator = Type.Object({ id: Id, account: Type.String() });

export const PrincipalKind = Type.Union([Type.Literal('member'), Type.Literal('consumer'), Type.Literal('operator')]);

export const SessionInfo = Type.Object({
  kind: PrincipalKind,
  member: Type.Optional(Member),
  enterprise: Type.Optional(Enterprise),
  consumer: Type.Optional(Consumer),
  operator: Type.Optional(Operator),
});

// ---------- identity requests ----------

export const EnterpriseSignUpBody = Type.Object(
  {
    enterpriseName: NonBlankText({ minLength: 2, maxLength: LIMITS.enterpriseName }),
    shortName: NonBlankText({ minLength: 1, maxLength: LIMITS.shortName }),
    code: EnterpriseCode,
    adminName: PersonName,
    account: Account,
    password: Password,
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
  },
  strict,
);

export const MemberSignInBody = Type.Object(
  {
    enterprise: Text({ minLength: 1, maxLength: LIMITS.enterpriseCode }),
    login: Text({ minLength: 1, maxLength: LIMITS.email, description: 'Account, phone or email' }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  strict,
);

export const SignInBody = Type.Object(
  {
    login: Text({ minLength: 1, maxLength: LIMITS.email, description: 'Account or phone' }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  strict,
);

export const ConsumerSignUpBody = Type.Object(
  {
    account: Type.Optional(Account),
    phone: Type.Optional(Phone),
    nickname: NonBlankText({ minLength: 1, maxLength: LIMITS.nickname }),
    password: Password,
  },
  strict,
);

export const OperatorSetupBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), account: Account, password: Password },
  strict,
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }), newPassword: Password },
  strict,
);

export const KindQuery = Type.Object({ kind: PrincipalKind }, strict);

// ---------- organisation requests ----------

export const UpdateEnterpriseBody = Type.Object(
  {
    name: Type.Optional(NonBlankText({ minLength: 2, maxLength: LIMITS.enterpriseName })),
    shortName: Type.Optional(NonBlankText({ minLength: 1, maxLength: LIMITS.shortName })),
    timezone: Type.Optional(Text({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' })),
    unverifiedCustomerLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    memberCustomerLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
    enterpriseCustomerLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50000 })),
  },
  { ...strict, minProperties: 1 },
);

export const CreateDepartmentBody = Type.Object(
  {
    name: NonBlankText({ minLength: 1, maxLength: LIMITS.departmentName }),
    parentId: Id,
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  strict,
);

export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(NonBlankText({ minLength: 1, maxLength: LIMITS.departmentName })),
    parentId: Type.Optional(Id),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { ...strict, minProperties: 1 },
);

const memberFields = {
  name: PersonName,
  phone: Nullable(Phone),
  email: Nullable(Email),
  title: Nullable(Text({ maxLength: LIMITS.title })),
  avatarUrl: Nullable(HttpUrl),
  role: MemberRole,
  realNameVerified: Type.Boolean(),
  customerContact: Type.Boolean(),
  departmentIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
};

export const CreateMemberBody = Type.Object(
  {
    account: Account,
    password: Password,
    ...memberFields,
    phone: Type.Optional(memberFields.phone),
    email: Type.Optional(memberFields.email),
    title: Type.Optional(memberFields.title),
    avatarUrl: Type.Optional(memberFields.avatarUrl),
    role: Type.Optional(MemberRole),
    realNameVerified: Type.Optional(Type.Boolean()),
    customerContact: Type.Optional(Type.Boolean()),
  },
  strict,
);

export const UpdateMemberBody = Type.Object(Type.Partial(Type.Object(memberFields)).properties, {
  ...strict,
  minProperties: 1,
});

export const ListMembersQuery = Type.Object(
  {
    q: Type.Optional(Text({ maxLength: LIMITS.searchQuery, description: 'Matches name, account, phone or email' })),
    departmentId: Type.Optional(Id),
    status: Type.Optional(MemberStatus),
    role: Type.Optional(MemberRole),
    ...PageQuery,
  },
  strict,
);

export const ImportMode = Type.Union([Type.Literal('all-or-nothing'), Type.Literal('valid-rows')]);
export const ImportMembersBody = Type.Object(
  {
    csv: Type.String({ minLength: 1, maxLength: LIMITS.csvBytes }),
    mode: Type.Optional(ImportMode),
    defaultPassword: Type.Optional(Password),
  },
  strict,
);
export const ImportRowError = Type.Object({
  row: Type.Integer({ description: '1-based line number in the CSV, header is line 1' }),
  field: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
});
export const ImportResult = Type.Object({
  mode: ImportMode,
  created: Type.Integer(),
  skipped: Type.Integer(),
  errors: Type.Array(ImportRowError),
});

export const UpdateCardBody = Type.Object(
  {
    phone: Type.Optional(Nullable(Phone)),
    storeAddress: Type.Optional(Nullable(Text({ maxLength: LIMITS.storeAddress }))),
    photoUrl: Type.Optional(Nullable(HttpUrl)),
    bio: Type.Optional(Nullable(Text({ maxLength: LIMITS.cardBio }))),
    title: Type.Optional(Nullable(Text({ maxLength: LIMITS.title }))),
    customFields: Type.Optional(Type.Array(CardField, { maxItems: LIMITS.cardFields })),
  },
  { ...strict, minProperties: 1 },
);

export const UpdateConsumerBody = Type.Object(
  {
    nickname: Type.Optional(NonBlankText({ minLength: 1, maxLength: LIMITS.nickname })),
    avatarUrl: Type.Optional(Nullable(HttpUrl)),
  },
  { ...strict, minProperties: 1 },
);

export const OperatorEnterprise = Type.Object({
  ...Enterprise.properties,
  memberCount: Type.Integer(),
  adminAccounts: Type.Array(Type.String()),
});
export const ListEnterprisesQuery = Type.Object(
  {
    q: Type.Optional(Text({ maxLength: LIMITS.searchQuery, description: 'Matches name, short name or enterprise id' })),
    verification: Type.Optional(VerificationStatus),
    ...PageQuery,
  },
  strict,
);

export const MemberIdParams = Type.Object({ memberId: Id }, strict);
export const DepartmentList = Type.Object({ data: Type.Array(Department) });
export const MemberPage = Page(Member);
export const OperatorEnterprisePage = Page(OperatorEnterprise);
/** The filters of `ListMembersQuery` (no paging: the export holds every match) and the header language. */
export const ExportMembersQuery = Type.Object(
  {
    q: ListMembersQuery.properties.q,
    departmentId: ListMembersQuery.properties.departmentId,
    status: ListMembersQuery.properties.status,
    role: ListMembersQuery.properties.role,
    lang: Type.Optional(
      Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN', description: 'Language of the header row and values' }),
    ),
  },
  strict,
);

export type EnterpriseDto = Static<typeof Enterprise>;
export type DepartmentDto = Static<typeof Department>;
export type MemberDto = Static<typeof Member>;
export type BusinessCardDto = Static<typeof BusinessCard>;
export type ConsumerDto = Static<typeof Consumer>;
export type OperatorDto = Static<typeof Operator>;
export type SessionInfoDto = Static<typeof SessionInfo>;
export type OperatorEnterpriseDto = Static<typeof OperatorEnterprise>;
export type ImportResultDto = Static<typeof ImportResult>;
export type PrincipalKindT = Static<typeof PrincipalKind>;
export type ImportRowErrorDto = Static<typeof ImportRowError>;
export type ImportModeT = Static<typeof ImportMode>;
export type MemberPageDto = Static<typeof MemberPage>;
export type OperatorEnterprisePageDto = Static<typeof OperatorEnterprisePage>;
export type CardFieldDto = Static<typeof CardField>;
export type UpdateEnterpriseInput = Static<typeof UpdateEnterpriseBody>;
export type CreateDepartmentInput = Static<typeof CreateDepartmentBody>;
export type UpdateDepartmentInput = Static<typeof UpdateDepartmentBody>;
export type CreateMemberInput = Static<typeof CreateMemberBody>;
export type UpdateMemberInput = Static<typeof UpdateMemberBody>;
export type ListMembersQueryT = Static<typeof ListMembersQuery>;
export type ExportMembersQueryT = Static<typeof ExportMembersQuery>;
export type ImportMembersInput = Static<typeof ImportMembersBody>;
export type UpdateCardInput = Static<typeof UpdateCardBody>;
export type ListEnterprisesQueryT = Static<typeof ListEnterprisesQuery>;

// ---- chat (PRODUCT.md §3) ----

/** `<kind>:<id>` of a chat participant. */
export const PrincipalRef = Type.Object({ kind: PrincipalKind, id: Id });
export const MESSAGE_KINDS = ['text', 'image', 'file', 'voice', 'link', 'location', 'card'] as const;
export type MessageKindT = (typeof MESSAGE_KINDS)[number];
export const TextBody = Type.Object({ text: NonBlankText({ maxLength: CHAT_LIMITS.textLength, description: 'Emoji welcome' }) }, strict);
/** An attachment already stored (image, file, voice note): the message carries its id and metadata. */
export const AttachmentBody = Type.Object(
  {
    fileId: Id,
    name: Text({ minLength: 1, maxLength: CHAT_LIMITS.fileName }),
    size: Type.Integer({ minimum: 0, maximum: CHAT_LIMITS.fileSize }),
    mime: Type.String({ minLength: 3, maxLength: 100, pattern: '^[a-zA-Z0-9!#$&^_.+-]+/[a-zA-Z0-9!#$&^_.+-]+$' }),
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    height: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    durationMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 3600 * 1000 })),
  },
  strict,
);
export const LinkBody = Type.Object(
  {
    url: HttpUrl,
    title: NonBlankText({ maxLength: 200 }),
    description: Type.Optional(Text({ maxLength: 500 })),
    imageUrl: Type.Optional(HttpUrl),
  },
  strict,
);
export const LocationBody = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    name: Type.Optional(Text({ maxLength: 200 })),
    address: Type.Optional(Text({ maxLength: 500 })),
  },
  strict,
);
export const CardBody = Type.Object({ memberId: Id }, strict);

const sendFields = {
  /** The client's id for this message: a resend with the same id returns the original (idempotent). */
  clientId: Type.String({ minLength: 1, maxLength: CHAT_LIMITS.clientIdLength, pattern: '^[A-Za-z0-9_.:-]+$' }),
  /** Quote-reply: the seq of a message of the same conversation. */
  quoteSeq: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
};
/** One variant per kind, so the body is checked against its kind's schema. */
const sendVariants = <P extends TProperties>(extra: P) =>
  Type.Union([
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('text'), body: TextBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('image'), body: AttachmentBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('file'), body: AttachmentBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('voice'), body: AttachmentBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('link'), body: LinkBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('location'), body: LocationBody }, strict),
    Type.Object({ ...extra, ...sendFields, kind: Type.Literal('card'), body: CardBody }, strict),
  ]);
/** POST /conversations/:id/messages. */
export const SendMessageBody = sendVariants({});
/** The WebSocket `message.send` command: the REST body plus the conversation. */
export const SendMessageCommand = sendVariants({ conversationId: Id });

export const ChatMessage = Type.Object({
  id: Id,
  conversationId: Id,
  /** Gap-free position in the conversation, from 1. */
  seq: Type.Integer(),
  sender: PrincipalRef,
  clientId: Type.String(),
  kind: Type.String({ description: 'text | image | file | voice | link | location | card' }),
  /** The kind's body; null once recalled. */
  body: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  quoteSeq: Nullable(Type.Integer()),
  recalledAt: Nullable(Timestamp),
  createdAt: Timestamp,
});

export const ConversationPeer = Type.Object({
  kind: PrincipalKind,
  id: Id,
  name: Type.String(),
  avatarUrl: Nullable(Type.String()),
  /** How far this peer has read (read receipts). */
  readSeq: Type.Integer(),
});

export const Conversation = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('friend'), Type.Literal('customer')]),
  enterpriseId: Nullable(Id),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  closedReason: Nullable(Type.String()),
  lastSeq: Type.Integer(),
  lastMessageAt: Nullable(Timestamp),
  lastMessage: Nullable(ChatMessage),
  /** My read position. */
  readSeq: Type.Integer(),
  /** Messages of the others after my read position. */
  unread: Type.Integer(),
  peers: Type.Array(ConversationPeer),
  createdAt: Timestamp,
});

export const ChatAsQuery = {
  /** Which session speaks: a browser may be in Messenger and the Workspace at once. */
  as: Type.Union([Type.Literal('member'), Type.Literal('consumer')]),
};
export const ListConversationsQuery = Type.Object({ ...ChatAsQuery, ...PageQuery }, strict);
export const ChatAsOnlyQuery = Type.Object(ChatAsQuery, strict);
export const ListMessagesQuery = Type.Object(
  {
    ...ChatAsQuery,
    /** Messages with seq > after, oldest first (sync after reconnect). */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    /** Messages with seq < before, newest first page returned oldest first (history). */
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CHAT_LIMITS.historyPage, default: 50 })),
  },
  strict,
);
export const ConversationSeqParams = Type.Object({ id: Id, seq: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, strict);
export const MarkReadBody = Type.Object({ seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }, strict);
export const MarkReadCommand = Type.Object({ conversationId: Id, seq: MarkReadBody.properties.seq }, strict);
export const RecallCommand = Type.Object({ conversationId: Id, seq: ConversationSeqParams.properties.seq }, strict);
export const ReadState = Type.Object({ conversationId: Id, reader: PrincipalRef, seq: Type.Integer() });
export const MessagePage = Type.Object({
  data: Type.Array(ChatMessage),
  /** True when more messages lie in the direction asked. */
  more: Type.Boolean(),
  lastSeq: Type.Integer(),
});
export const ConversationPage = Page(Conversation);

export type SendMessageInput = Static<typeof SendMessageBody>;
export type ChatMessageDto = Static<typeof ChatMessage>;
export type ConversationDto = Static<typeof Conversation>;
export type ConversationPeerDto = Static<typeof ConversationPeer>;
export type ReadStateDto = Static<typeof ReadState>;
export type MessagePageDto = Static<typeof MessagePage>;
export type ListMessagesQueryT = Static<typeof ListMessagesQuery>;

// ---------- customers (客户联系) ----------

/** Field limits of the customer relationship and its requests (PRODUCT §2). */
export const CUSTOMER_LIMITS = {
  remark: 20,
  description: 150,
  remarkPhones: 5,
  company: 100,
  requestMessage: 100,
  state: 30,
} as const;

export const CustomerStatus = Type.Union([Type.Literal('active'), Type.Literal('lost')], {
  description: '`lost` (流失): the consumer deleted or blocked the member',
});
export const LostReason = Type.Union([Type.Literal('deleted'), Type.Literal('blocked')]);
export const AddSource = Type.Union(
  [
    Type.Literal('search_phone'),
    Type.Literal('search_account'),
    Type.Literal('contact_way'),
    Type.Literal('card_share'),
    Type.Literal('group'),
    Type.Literal('assigned'),
  ],
  { description: 'How the customer was added (添加来源)' },
);
/** The sources a member may give when sending a request from a search. */
export const RequestSource = Type.Union([Type.Literal('search_phone'), Type.Literal('search_account')]);
export const CustomerRequestStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('expired'),
]);

/** The little a member sees of a consumer found by an exact search, or of a customer. */
export const ConsumerCard = Type.Object({ id: Id, nickname: Type.String(), avatarUrl: Nullable(Type.String()) });

/** A customer: one member's follow relationship with one consumer, with the member's profile notes. */
/** A tag as a customer profile shows it (the tags module's wire shape). */
export const TagRef = Type.Object({
  id: Id,
  name: Type.String(),
  groupId: Nullable(Id),
  personal: Type.Boolean({ description: 'A personal tag, seen only by its owner' }),
});
export const Customer = Type.Object({
  id: Id,
  memberId: Id,
  consumer: ConsumerCard,
  status: CustomerStatus,
  lostReason: Nullable(LostReason),
  lostAt: Nullable(Timestamp),
  addSource: AddSource,
  initiatorMemberId: Nullable(Id),
  contactWayId: Nullable(Id),
  state: Nullable(Type.String({ description: 'Channel label of the contact way (≤30 chars)' })),
  remark: Type.String(),
  description: Type.String(),
  remarkPhones: Type.Array(Type.String()),
  company: Type.String(),
  addedAt: Timestamp,
  updatedAt: Timestamp,
  conversationId: Nullable(Type.String({ description: 'The member ↔ customer chat conversation (null for relations older than chat)' })),

  tags: Type.Optional(Type.Array(TagRef, { description: 'Tags on the customer that I can see (profile and my list)' })),
  crmUrl: Type.Optional(
    Nullable(Type.String({ description: 'The enterprise CRM link for this customer (profile only); null without a template' })),
  ),
});
export const CustomerPage = Page(Customer);

export const LookupConsumerQuery = Type.Object(
  { q: Text({ minLength: 1, maxLength: LIMITS.email, description: 'Exact phone number or account name' }) },
  strict,
);

export const CreateCustomerRequestBody = Type.Object(
  {
    consumerId: Id,
    message: Type.Optional(Text({ maxLength: CUSTOMER_LIMITS.requestMessage, description: 'Shown to the consumer with the request' })),
    source: Type.Optional(RequestSource),
  },
  strict,
);

/** A request as its sender (the member) sees it. */
export const CustomerRequest = Type.Object({
  id: Id,
  memberId: Id,
  consumer: ConsumerCard,
  message: Type.String(),
  source: AddSource,
  status: CustomerRequestStatus,
  createdAt: Timestamp,
  decidedAt: Nullable(Timestamp),
});
export const CustomerRequestPage = Page(CustomerRequest);
export const ListCustomerRequestsQuery = Type.Object({ status: Type.Optional(CustomerRequestStatus), ...PageQuery }, strict);

/** A pending request as the consumer sees it: the member's business card with the "@enterprise" badge. */
export const IncomingCustomerRequest = Type.Object({
  id: Id,
  message: Type.String(),
  createdAt: Timestamp,
  card: BusinessCard,
});
export const IncomingCustomerRequestList = Type.Object({ data: Type.Array(IncomingCustomerRequest) });

export const ListCustomersQuery = Type.Object(
  {
    q: Type.Optional(Text({ maxLength: LIMITS.searchQuery, description: 'Matches the remark, the nickname or a remark phone number' })),
    status: Type.Optional(CustomerStatus),
    tagIds: Type.Optional(Type.Array(Id, { maxItems: 20, uniqueItems: true, description: 'Customers carrying every one of these tags' })),
    conversationIds: Type.Optional(
      Type.Array(Id, {
        maxItems: 100,
        uniqueItems: true,
        description: 'The customers behind these conversations (a chat list names each by its remark)',
      }),
    ),
    ...PageQuery,
  },
  strict,
);
export const ListEnterpriseCustomersQuery = Type.Object(
  {
    memberId: Type.Optional(Id),
    status: Type.Optional(CustomerStatus),
    q: ListCustomersQuery.properties.q,
    tagIds: ListCustomersQuery.properties.tagIds,
    contactWayId: Type.Optional(Id),
    ...PageQuery,
  },
  strict,
);

export const UpdateCustomerBody = Type.Object(
  {
    remark: Type.Optional(Text({ maxLength: CUSTOMER_LIMITS.remark })),
    description: Type.Optional(Text({ maxLength: CUSTOMER_LIMITS.description })),
    remarkPhones: Type.Optional(Type.Array(Phone, { maxItems: CUSTOMER_LIMITS.remarkPhones })),
    company: Type.Optional(Text({ maxLength: CUSTOMER_LIMITS.company })),
  },
  { ...strict, minProperties: 1 },
);

/** A member who follows the consumer, as the consumer's Messenger shows it (apart from friends). */
export const EnterpriseContact = Type.Object({ card: BusinessCard, addedAt: Timestamp });
/** The consumer's enterprise contacts, grouped by enterprise. */
export const EnterpriseContactGroups = Type.Object({
  data: Type.Array(
    Type.Object({
      enterprise: Type.Object({ id: Id, name: Type.String(), shortName: Type.String(), verified: Type.Boolean() }),
      contacts: Type.Array(EnterpriseContact),
    }),
  ),
});

export type CustomerDto = Static<typeof Customer>;
export type CustomerPageDto = Static<typeof CustomerPage>;
export type ConsumerCardDto = Static<typeof ConsumerCard>;
export type CustomerRequestDto = Static<typeof CustomerRequest>;
export type CustomerRequestPageDto = Static<typeof CustomerRequestPage>;
export type IncomingCustomerRequestDto = Static<typeof IncomingCustomerRequest>;
export type EnterpriseContactDto = Static<typeof EnterpriseContact>;
export type EnterpriseContactGroupsDto = Static<typeof EnterpriseContactGroups>;
export type AddSourceT = Static<typeof AddSource>;
export type CustomerStatusT = Static<typeof CustomerStatus>;
export type CustomerRequestStatusT = Static<typeof CustomerRequestStatus>;
export type CreateCustomerRequestInput = Static<typeof CreateCustomerRequestBody>;
export type UpdateCustomerInput = Static<typeof UpdateCustomerBody>;
export type ListCustomersQueryT = Static<typeof ListCustomersQuery>;
export type ListEnterpriseCustomersQueryT = Static<typeof ListEnterpriseCustomersQuery>;
export type ListCustomerRequestsQueryT = Static<typeof ListCustomerRequestsQuery>;

// ---- friends (consumer ↔ consumer) ----

/** What a consumer sees of another consumer: no phone, no account. */
export const ConsumerSummary = Type.Object({ id: Id, nickname: Type.String(), avatarUrl: Nullable(Type.String()) });
export const FriendRequestStatus = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined')]);
export const FriendRequest = Type.Object({
  id: Id,
  from: ConsumerSummary,
  to: ConsumerSummary,
  message: Nullable(Type.String()),
  status: FriendRequestStatus,
  createdAt: Timestamp,
  decidedAt: Nullable(Timestamp),
  /** The friends' conversation, once accepted. */
  conversationId: Nullable(Id),
});
export const CreateFriendRequestBody = Type.Object(
  {
    /** The other consumer's account or phone number. */
    to: NonBlankText({ maxLength: LIMITS.account }),
    message: Type.Optional(Text({ maxLength: CHAT_LIMITS.friendRequestMessage })),
  },
  strict,
);
export const FriendRequestLists = Type.Object({ incoming: Type.Array(FriendRequest), outgoing: Type.Array(FriendRequest) });
export const Friend = Type.Object({ consumer: ConsumerSummary, conversationId: Id, since: Timestamp });
export const FriendList = Type.Object({ data: Type.Array(Friend) });

export type ConsumerSummaryDto = Static<typeof ConsumerSummary>;
export type FriendRequestDto = Static<typeof FriendRequest>;
export type FriendDto = Static<typeof Friend>;
export type CreateFriendRequestInput = Static<typeof CreateFriendRequestBody>;

// ---- welcome messages (欢迎语, PRODUCT.md §2) ----

export const WELCOME_LIMITS = { textLength: 1000, attachments: 9 } as const;
/** An attachment of a welcome message: the chat message kinds that exist (image by fileId metadata, link card). */
export const WelcomeAttachment = Type.Union([
  Type.Object({ kind: Type.Literal('image'), body: AttachmentBody }, strict),
  Type.Object({ kind: Type.Literal('link'), body: LinkBody }, strict),
]);
/** PUT body of a welcome message; empty text and no attachments clears it. */
export const WelcomeMessageBody = Type.Object(
  {
    text: Text({ maxLength: WELCOME_LIMITS.textLength, description: 'Sent first; empty sends attachments only' }),
    attachments: Type.Array(WelcomeAttachment, { maxItems: WELCOME_LIMITS.attachments }),
  },
  strict,
);
/** A welcome message as configured; `updatedAt` null when none is set. */
export const WelcomeMessage = Type.Object({
  text: Type.String(),
  attachments: Type.Array(WelcomeAttachment),
  updatedAt: Nullable(Timestamp),
});
export type WelcomeMessageInput = Static<typeof WelcomeMessageBody>;
export type WelcomeMessageDto = Static<typeof WelcomeMessage>;
