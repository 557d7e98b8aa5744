/**
 * Wire schemas of contact ways (联系我 / 渠道活码): a link and QR code that adds a consumer to one member or
 * to one of several in rotation. Request bodies reject unknown properties.
 */
import { type Static, Type } from '@sinclair/typebox';
import { BusinessCard, Id, NonBlankText, Nullable, Page, PageQuery, Text, Timestamp, WelcomeMessageBody } from './schemas.js';

const strict = { additionalProperties: false } as const;

export const CONTACT_WAY_LIMITS = {
  /** Contact ways per enterprise (PRODUCT §2). */
  perEnterprise: 500_000,
  name: 64,
  /** Members of a multi-member way. */
  members: 100,
  /** The channel label recorded on the relationship. */
  state: 30,
  /** The remark applied to the new customer (the profile's remark limit). */
  remark: 20,
  tags: 100,
  /** Time windows per member schedule. */
  windows: 21,
  dailyCap: 10_000,
} as const;

const HourMinute = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM in the enterprise time zone' });

/** A window of one weekday (0 Sunday … 6 Saturday), start inclusive, end exclusive. */
export const ScheduleWindow = Type.Object(
  { weekday: Type.Integer({ minimum: 0, maximum: 6 }), start: HourMinute, end: HourMinute },
  strict,
);

/** When a member of the way is offered; a member without an entry is always offered, one with no window never. */
export const MemberSchedule = Type.Object(
  { memberId: Id, windows: Type.Array(ScheduleWindow, { maxItems: CONTACT_WAY_LIMITS.windows }) },
  strict,
);

const wayFields = {
  name: NonBlankText({ minLength: 1, maxLength: CONTACT_WAY_LIMITS.name }),
  skipVerify: Type.Optional(Type.Boolean({ description: 'Add at once, without the member confirming' })),
  state: Type.Optional(Text({ maxLength: CONTACT_WAY_LIMITS.state, description: 'Channel label recorded on the relationship' })),
  remark: Type.Optional(Text({ maxLength: CONTACT_WAY_LIMITS.remark, description: 'Remark given to the new customer' })),
  tagIds: Type.Optional(Type.Array(Id, { maxItems: CONTACT_WAY_LIMITS.tags, description: 'Enterprise tags put on the new customer' })),
  welcome: Type.Optional(Nullable(WelcomeMessageBody)),
  dailyCapPerMember: Type.Optional(
    Type.Integer({ minimum: 0, maximum: CONTACT_WAY_LIMITS.dailyCap, description: 'Adds per member per enterprise-local day; 0: no cap' }),
  ),
  schedules: Type.Optional(Type.Array(MemberSchedule, { maxItems: CONTACT_WAY_LIMITS.members })),
};

/** POST /contact-ways (admin: any members; a member: a single way for themselves, memberIds omitted or [me]). */
export const CreateContactWayBody = Type.Object(
  {
    type: Type.Union([Type.Literal('single'), Type.Literal('multi')]),
    memberIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: CONTACT_WAY_LIMITS.members })),
    ...wayFields,
  },
  strict,
);

export const UpdateContactWayBody = Type.Partial(
  Type.Object({ memberIds: Type.Array(Id, { minItems: 1, maxItems: CONTACT_WAY_LIMITS.members }), ...wayFields }, strict),
  strict,
);

export const ContactWay = Type.Object({
  id: Id,
  name: Type.String(),
  type: Type.Union([Type.Literal('single'), Type.Literal('multi')]),
  memberIds: Type.Array(Id),
  skipVerify: Type.Boolean(),
  state: Type.String(),
  remark: Type.String(),
  tagIds: Type.Array(Id),
  welcome: Nullable(WelcomeMessageBody),
  dailyCapPerMember: Nullable(Type.Integer()),
  schedules: Type.Array(MemberSchedule),
  /** The consumer-facing link (`PUBLIC_URL/app/add/<token>`). */
  url: Type.String(),
  createdBy: Id,
  /** Customers added through the way. */
  adds: Type.Integer(),
  /** Adds and waiting requests counted against today's caps (enterprise-local day); in lists. */
  addsToday: Type.Optional(Type.Integer()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const ContactWayPage = Page(ContactWay);
const contactWayFilters = {
  q: Type.Optional(Text({ maxLength: CONTACT_WAY_LIMITS.name, description: 'Matches the name, the channel state or the remark' })),
  memberId: Type.Optional(Id),
  type: Type.Optional(Type.Union([Type.Literal('single'), Type.Literal('multi')])),
};
export const ListContactWaysQuery = Type.Object({ ...contactWayFilters, ...PageQuery }, strict);
export const ContactWaySummaryQuery = Type.Object(contactWayFilters, strict);
/** Totals over every way matching the filters, however many pages the list has. */
export const ContactWaySummary = Type.Object({
  ways: Type.Integer(),
  /** Of them, multi-member ways. */
  multi: Type.Integer(),
  /** Customers added through them, ever. */
  adds: Type.Integer(),
  /** Adds and waiting requests counted against today's caps (enterprise-local day). */
  addsToday: Type.Integer(),
});

export const ContactLinkParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, strict);

/** What a consumer sees on opening a contact way link: the member who will be offered. */
export const ContactLink = Type.Object({ name: Type.String(), skipVerify: Type.Boolean(), card: BusinessCard });

/** The result of adding through a link: added at once, or a request waiting for the member. */
export const ContactLinkAddResult = Type.Object({
  status: Type.Union([Type.Literal('added'), Type.Literal('pending')]),
  card: BusinessCard,
  requestId: Nullable(Id),
});

/** A consumer's request through a contact way without skipVerify, waiting for the member. */
export const ContactWayRequest = Type.Object({
  id: Id,
  contactWayId: Id,
  consumerId: Id,
  consumerNickname: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted')]),
  createdAt: Timestamp,
});
export const ContactWayRequestList = Type.Object({ data: Type.Array(ContactWayRequest) });
export const AcceptedContactWayRequest = Type.Object({ customerId: Id });

export type CreateContactWayInput = Static<typeof CreateContactWayBody>;
export type UpdateContactWayInput = Static<typeof UpdateContactWayBody>;
export type ContactWayDto = Static<typeof ContactWay>;
export type ContactWayPageDto = Static<typeof ContactWayPage>;
export type MemberScheduleDto = Static<typeof MemberSchedule>;
export type ContactLinkDto = Static<typeof ContactLink>;
export type ContactLinkAddResultDto = Static<typeof ContactLinkAddResult>;
export type ContactWayRequestDto = Static<typeof ContactWayRequest>;
export type ListContactWaysQueryT = Static<typeof ListContactWaysQuery>;
export type ContactWaySummaryQueryT = Static<typeof ContactWaySummaryQuery>;
export type ContactWaySummaryDto = Static<typeof ContactWaySummary>;
