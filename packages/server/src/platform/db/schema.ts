/**
 * Table types for Kysely. Portable SQL: ids are text, times are epoch ms (bigint), booleans are
 * 0/1 integers and JSON is text, so the same queries run on SQLite and PostgreSQL.
 */
import type { ColumnType } from 'kysely';

export interface EnterprisesTable {
  id: string;
  code: string;
  name: string;
  short_name: string;
  verification: 'unverified' | 'verified';
  verified_at: number | null;
  timezone: string;
  unverified_customer_limit: number;
  member_customer_limit: number;
  enterprise_customer_limit: number;
  created_at: number;
  updated_at: number;
}

export interface DepartmentsTable {
  id: string;
  enterprise_id: string;
  parent_id: string | null;
  name: string;
  sort: number;
  created_at: number;
}

export interface MembersTable {
  id: string;
  enterprise_id: string;
  account: string;
  name: string;
  phone: string | null;
  email: string | null;
  title: string | null;
  avatar_url: string | null;
  role: 'admin' | 'member';
  status: 'active' | 'disabled' | 'resigned';
  real_name_verified: number;
  customer_contact: number;
  password_hash: string;
  created_at: number;
  updated_at: number;
  resigned_at: number | null;
}

export interface MemberDepartmentsTable {
  member_id: string;
  department_id: string;
  enterprise_id: string;
}

export interface MemberCardsTable {
  member_id: string;
  enterprise_id: string;
  phone: string | null;
  store_address: string | null;
  photo_url: string | null;
  bio: string | null;
  custom_fields: string;
  updated_at: number;
}

export interface ConsumersTable {
  id: string;
  account: string | null;
  phone: string | null;
  nickname: string;
  avatar_url: string | null;
  password_hash: string;
  status: 'active' | 'disabled';
  created_at: number;
  updated_at: number;
}

export interface OperatorsTable {
  id: string;
  account: string;
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the token; the token itself is only in the cookie */
  id: string;
  principal_kind: 'member' | 'consumer' | 'operator';
  principal_id: string;
  enterprise_id: string | null;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: number;
  locked_until: number | null;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

/** The outbox and audit log: one row per domain event, written in the business transaction. */
export interface EventsTable {
  id: string;
  enterprise_id: string | null;
  type: string;
  aggregate_id: string;
  actor_kind: string | null;
  actor_id: string | null;
  payload: string;
  created_at: number;
}

export interface JobsTable {
  id: string;
  type: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: number;
  updated_at: number;
}

/** Per-user event streams for the WebSocket: `principal` is `<kind>:<id>`. */
export interface UserEventsTable {
  principal: string;
  seq: number;
  type: string;
  /** The event's data as JSON; null when the event refers to its row instead (`ref_key`, `ref_seq`). */
  payload: string | null;
  /** The row the event is about, when it is not copied into `payload` (a message: its conversation and seq). */
  ref_key: ColumnType<string | null, string | null | undefined>;
  ref_seq: ColumnType<number | null, number | null | undefined>;
  created_at: number;
}

export interface UserEventHeadsTable {
  principal: string;
  last_seq: number;
}

export interface ConversationsTable {
  id: string;
  kind: 'friend' | 'customer';
  enterprise_id: string | null;
  status: 'open' | 'closed';
  closed_reason: string | null;
  /** Sorted participants and kind: opening the same conversation twice finds the first. */
  participants_key: string;
  last_seq: number;
  last_message_at: number | null;
  has_consumer: number;
  created_at: number;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  /** `<kind>:<id>` */
  principal: string;
  enterprise_id: string | null;
  last_read_seq: number;
  last_delivered_seq: number;
  joined_at: number;
}

export interface MessagesTable {
  conversation_id: string;
  seq: number;
  id: string;
  enterprise_id: string | null;
  sender: string;
  client_id: string;
  kind: string;
  /** JSON; kept after a recall for the archive */
  body: string;
  quote_seq: number | null;
  recalled_at: number | null;
  created_at: number;
}

export interface FriendRequestsTable {
  id: string;
  from_consumer_id: string;
  to_consumer_id: string;
  message: string | null;
  status: 'pending' | 'accepted' | 'declined';
  created_at: number;
  decided_at: number | null;
}

export interface FriendshipsTable {
  consumer_a: string;
  consumer_b: string;
  conversation_id: string;
  created_at: number;
}

/** One member's follow relationship with one consumer (客户); kept as `lost` when the consumer deletes or blocks. */
export interface CustomerRelationsTable {
  id: string;
  enterprise_id: string;
  member_id: string;
  consumer_id: string;
  status: 'active' | 'lost';
  lost_reason: 'deleted' | 'blocked' | null;
  lost_at: number | null;
  add_source: 'search_phone' | 'search_account' | 'contact_way' | 'card_share' | 'group' | 'assigned';
  initiator_member_id: string | null;
  contact_way_id: string | null;
  state: string | null;
  remark: string;
  description: string;
  /** JSON array of phone numbers */
  remark_phones: string;
  company: string;
  added_at: number;
  updated_at: number;
  /** The member ↔ consumer 'customer' conversation, opened on the first add. */
  conversation_id: string | null;
}

/** A welcome message (欢迎语): the enterprise default or a member's own. */
export interface WelcomeMessagesTable {
  /** `enterprise:<id>` or `member:<id>` */
  owner_key: string;
  enterprise_id: string;
  member_id: string | null;
  text: string;
  /** JSON array of `{ kind: 'image' | 'link', body }` */
  attachments: string;
  updated_by: string;
  updated_at: number;
}

/** A member's request to add a consumer as a customer. */
export interface CustomerRequestsTable {
  id: string;
  enterprise_id: string;
  member_id: string;
  consumer_id: string;
  message: string;
  source: 'search_phone' | 'search_account' | 'contact_way' | 'card_share' | 'group' | 'assigned';
  status: 'pending' | 'accepted' | 'declined' | 'expired';
  created_at: number;
  decided_at: number | null;
}

/** A tag group of the enterprise; `department_ids` (JSON array, empty = everyone) limits who sees its tags. */
export interface TagGroupsTable {
  id: string;
  enterprise_id: string;
  name: string;
  department_ids: string;
  created_at: number;
  updated_at: number;
}

/** An enterprise tag (in a group) or a member's personal tag (with an owner). */
export interface TagsTable {
  id: string;
  enterprise_id: string;
  group_id: string | null;
  owner_member_id: string | null;
  name: string;
  created_at: number;
}

/** A tag on a customer relation. */
export interface CustomerTagsTable {
  relation_id: string;
  tag_id: string;
  enterprise_id: string;
  created_at: number;
}

/** The enterprise's CRM link template (`{customerId}` / `{consumerId}` placeholders). */
export interface CrmLinkTemplatesTable {
  enterprise_id: string;
  template: string;
  updated_at: number;
}

/** A group of quick replies: the enterprise library's (no owner) or a member's personal one. */
export interface QuickReplyGroupsTable {
  id: string;
  enterprise_id: string;
  owner_member_id: string | null;
  name: string;
  created_at: number;
}

/** A quick reply (快捷回复): the enterprise library's (no owner) or a member's personal one. */
export interface QuickRepliesTable {
  id: string;
  enterprise_id: string;
  owner_member_id: string | null;
  group_id: string | null;
  title: string;
  text: string;
  created_at: number;
  updated_at: number;
}

/** A contact way (联系我 / 渠道活码); lists and rules are JSON text. */
export interface ContactWaysTable {
  id: string;
  enterprise_id: string;
  /** The unguessable public token of its link. */
  token: string;
  name: string;
  type: 'single' | 'multi';
  /** JSON array of member ids, in rotation order */
  member_ids: string;
  skip_verify: number;
  state: string;
  remark: string;
  /** JSON array of enterprise tag ids */
  tag_ids: string;
  /** JSON welcome message (text + attachments), or null */
  welcome: string | null;
  daily_cap: number | null;
  /** JSON array of { memberId, windows } */
  schedules: string;
  rotation: number;
  adds: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** Adds through a contact way per member and enterprise-local day; the daily cap is claimed here. */
export interface ContactWayDailyAddsTable {
  contact_way_id: string;
  member_id: string;
  day: string;
  n: number;
}

/** A consumer's add through a way without skipVerify, waiting for the member. */
export interface ContactWayRequestsTable {
  id: string;
  enterprise_id: string;
  contact_way_id: string;
  member_id: string;
  consumer_id: string;
  status: 'pending' | 'accepted' | 'declined';
  created_at: number;
  decided_at: number | null;
}

/** An uploaded attachment; its bytes are in the blob store under `id` (and `<id>.thumb`). */
export interface FilesTable {
  id: string;
  enterprise_id: string | null;
  /** The uploader, `<kind>:<id>`. */
  owner: string;
  kind: 'image' | 'file' | 'voice';
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  sha256: string;
  has_thumbnail: number;
  created_at: number;
  /** When a welcome message made it an enterprise material: kept, and readable by every member of its enterprise. */
  kept_at: number | null;
}

/** A file sent into a conversation: its participants may download it. */
export interface FileGrantsTable {
  file_id: string;
  conversation_id: string;
  granted_by: string;
  granted_at: number;
}

export interface DB {
  enterprises: EnterprisesTable;
  departments: DepartmentsTable;
  members: MembersTable;
  member_departments: MemberDepartmentsTable;
  member_cards: MemberCardsTable;
  consumers: ConsumersTable;
  operators: OperatorsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  platform_settings: PlatformSettingsTable;
  events: EventsTable;
  jobs: JobsTable;
  user_events: UserEventsTable;
  user_event_heads: UserEventHeadsTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  friend_requests: FriendRequestsTable;
  friendships: FriendshipsTable;
  customer_relations: CustomerRelationsTable;
  customer_requests: CustomerRequestsTable;
  welcome_messages: WelcomeMessagesTable;
  tag_groups: TagGroupsTable;
  tags: TagsTable;
  customer_tags: CustomerTagsTable;
  crm_link_templates: CrmLinkTemplatesTable;
  quick_reply_groups: QuickReplyGroupsTable;
  quick_replies: QuickRepliesTable;
  contact_ways: ContactWaysTable;
  contact_way_daily_adds: ContactWayDailyAddsTable;
  contact_way_requests: ContactWayRequestsTable;
  files: FilesTable;
  file_grants: FileGrantsTable;
}
