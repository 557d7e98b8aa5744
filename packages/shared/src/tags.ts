/**
 * Wire schemas of tags (enterprise tag groups, personal tags, tags on customers), the CRM link template
 * and quick replies (快捷回复). Request bodies reject unknown properties.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Id, NonBlankText, Nullable, TagRef, Text, Timestamp } from './schemas.js';

const strict = { additionalProperties: false } as const;

export const TAG_LIMITS = {
  /** Enterprise tags per enterprise (PRODUCT §2). */
  enterpriseTags: 3000,
  /** Personal tags per member. */
  personalTags: 500,
  tagName: 32,
  groupName: 32,
  tagsPerGroupBody: 200,
  departmentsPerGroup: 100,
  /** Tag ids in one add or remove list. */
  tagIdsPerChange: 100,
  /** Customers in one bulk tagging request. */
  bulkCustomers: 500,
  /** Tag ids in a customer list filter. */
  filterTags: 20,
  crmTemplate: 500,
} as const;

export const QUICK_REPLY_LIMITS = {
  title: 64,
  text: 1000,
  groupName: 32,
  /** Items per library (enterprise, or a member's personal one). */
  itemsPerLibrary: 2000,
  groupsPerLibrary: 100,
  searchQuery: 64,
} as const;

const TagName = NonBlankText({ maxLength: TAG_LIMITS.tagName });
const TagGroupName = NonBlankText({ maxLength: TAG_LIMITS.groupName });

/** The one wire shape of a tag (defined next to the customer profile that shows it). */
export const Tag = TagRef;
export const TagGroup = Type.Object({
  id: Id,
  name: Type.String(),
  departmentIds: Type.Array(Id, { description: 'Empty: every member; else members of these departments and their sub-departments' }),
  tags: Type.Array(Tag),
  createdAt: Timestamp,
});
export const TagGroupList = Type.Object({ data: Type.Array(TagGroup) });
export const AvailableTags = Type.Object({ groups: Type.Array(TagGroup), personal: Type.Array(Tag) });

export const CreateTagGroupBody = Type.Object(
  {
    name: TagGroupName,
    departmentIds: Type.Optional(Type.Array(Id, { maxItems: TAG_LIMITS.departmentsPerGroup, uniqueItems: true })),
    tags: Type.Optional(Type.Array(Type.Object({ name: TagName }, strict), { maxItems: TAG_LIMITS.tagsPerGroupBody })),
  },
  strict,
);
export const UpdateTagGroupBody = Type.Object(
  {
    name: Type.Optional(TagGroupName),
    departmentIds: Type.Optional(Type.Array(Id, { maxItems: TAG_LIMITS.departmentsPerGroup, uniqueItems: true })),
  },
  strict,
);
export const CreateTagBody = Type.Object({ groupId: Id, name: TagName }, strict);
export const UpdateTagBody = Type.Object({ name: TagName }, strict);
export const CreatePersonalTagBody = Type.Object({ name: TagName }, strict);

const TagIds = Type.Array(Id, { maxItems: TAG_LIMITS.tagIdsPerChange, uniqueItems: true });
export const TagCustomerBody = Type.Object({ add: Type.Optional(TagIds), remove: Type.Optional(TagIds) }, strict);
export const BulkTagCustomersBody = Type.Object(
  {
    customerIds: Type.Array(Id, { minItems: 1, maxItems: TAG_LIMITS.bulkCustomers, uniqueItems: true }),
    add: Type.Optional(TagIds),
    remove: Type.Optional(TagIds),
  },
  strict,
);
export const CustomerTags = Type.Object({ customerId: Id, tags: Type.Array(Tag) });
export const BulkTagResult = Type.Object({
  customers: Type.Integer({ description: 'Customers in the request' }),
  added: Type.Integer({ description: 'Tags newly put on (re-tagging adds nothing)' }),
  removed: Type.Integer({ description: 'Tags taken off' }),
});

export const CrmLink = Type.Object({ template: Nullable(Type.String()) });
export const PutCrmLinkBody = Type.Object(
  {
    template: Nullable(
      Type.String({
        minLength: 1,
        maxLength: TAG_LIMITS.crmTemplate,
        pattern: '^https?://[^\\s\\u0000-\\u001F\\u007F]*\\{(customerId|consumerId)\\}[^\\s\\u0000-\\u001F\\u007F]*$',
        description: 'http(s) URL holding {customerId} or {consumerId}; null clears it',
      }),
    ),
  },
  strict,
);

// ---------- quick replies ----------

export const QuickReplyScope = Type.Union([Type.Literal('enterprise'), Type.Literal('personal')]);
export const QuickReply = Type.Object({
  id: Id,
  scope: QuickReplyScope,
  groupId: Nullable(Id),
  title: Type.String(),
  text: Type.String(),
  updatedAt: Timestamp,
});
export const QuickReplyGroup = Type.Object({ id: Id, scope: QuickReplyScope, name: Type.String() });
export const QuickReplyGroupList = Type.Object({ data: Type.Array(QuickReplyGroup) });
/** Search results grouped by scope then group (`groupId` null: ungrouped). */
export const QuickReplySearch = Type.Object({
  data: Type.Array(
    Type.Object({ scope: QuickReplyScope, groupId: Nullable(Id), groupName: Nullable(Type.String()), items: Type.Array(QuickReply) }),
  ),
});
export const QuickReplyQuery = Type.Object(
  {
    q: Type.Optional(Text({ maxLength: QUICK_REPLY_LIMITS.searchQuery, description: 'Matches the title or text, ignoring case' })),
    scope: Type.Optional(Type.Union([QuickReplyScope, Type.Literal('all')], { default: 'all' })),
  },
  strict,
);
export const QuickReplyGroupQuery = Type.Object({ scope: Type.Optional(Type.Union([QuickReplyScope, Type.Literal('all')])) }, strict);
export const CreateQuickReplyBody = Type.Object(
  {
    scope: QuickReplyScope,
    title: NonBlankText({ maxLength: QUICK_REPLY_LIMITS.title }),
    text: NonBlankText({ maxLength: QUICK_REPLY_LIMITS.text }),
    groupId: Type.Optional(Nullable(Id)),
  },
  strict,
);
export const UpdateQuickReplyBody = Type.Object(
  {
    title: Type.Optional(NonBlankText({ maxLength: QUICK_REPLY_LIMITS.title })),
    text: Type.Optional(NonBlankText({ maxLength: QUICK_REPLY_LIMITS.text })),
    groupId: Type.Optional(Nullable(Id)),
  },
  strict,
);
export const CreateQuickReplyGroupBody = Type.Object(
  { scope: QuickReplyScope, name: NonBlankText({ maxLength: QUICK_REPLY_LIMITS.groupName }) },
  strict,
);
export const UpdateQuickReplyGroupBody = Type.Object({ name: NonBlankText({ maxLength: QUICK_REPLY_LIMITS.groupName }) }, strict);

export type TagDto = Static<typeof Tag>;
export type TagGroupDto = Static<typeof TagGroup>;
export type AvailableTagsDto = Static<typeof AvailableTags>;
export type CreateTagGroupInput = Static<typeof CreateTagGroupBody>;
export type UpdateTagGroupInput = Static<typeof UpdateTagGroupBody>;
export type TagCustomerInput = Static<typeof TagCustomerBody>;
export type BulkTagCustomersInput = Static<typeof BulkTagCustomersBody>;
export type BulkTagResultDto = Static<typeof BulkTagResult>;
export type CustomerTagsDto = Static<typeof CustomerTags>;
export type QuickReplyScopeT = Static<typeof QuickReplyScope>;
export type QuickReplyDto = Static<typeof QuickReply>;
export type QuickReplyGroupDto = Static<typeof QuickReplyGroup>;
export type QuickReplySearchDto = Static<typeof QuickReplySearch>;
export type QuickReplyQueryT = Static<typeof QuickReplyQuery>;
export type CreateQuickReplyInput = Static<typeof CreateQuickReplyBody>;
export type UpdateQuickReplyInput = Static<typeof UpdateQuickReplyBody>;
