/**
 * Wire schemas (TypeBox): one definition gives the server its validation, serialisation and
 * OpenAPI, and the web app its types. Request bodies reject unknown properties.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { LIMITS } from './limits.js';

const strict = { additionalProperties: false } as const;

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
export const HttpUrl = Type.String({ maxLength: LIMITS.url, pattern: '^(https?://|/)[^\\s]*$' });
export const PersonName = Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: '\\S' });
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
  memberCount: Type.Integer(),
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
    label: Type.String({ minLength: 1, maxLength: LIMITS.cardFieldLabel }),
    kind: CardFieldKind,
    value: Type.String({ minLength: 1, maxLength: LIMITS.cardFieldValue }),
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
    enterpriseName: Type.String({ minLength: 2, maxLength: LIMITS.enterpriseName, pattern: '\\S' }),
    shortName: Type.String({ minLength: 1, maxLength: LIMITS.shortName, pattern: '\\S' }),
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
    enterprise: Type.String({ minLength: 1, maxLength: LIMITS.enterpriseCode }),
    login: Type.String({ minLength: 1, maxLength: LIMITS.email, description: 'Account, phone or email' }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  strict,
);

export const SignInBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: LIMITS.email, description: 'Account or phone' }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMax }),
  },
  strict,
);

export const ConsumerSignUpBody = Type.Object(
  {
    account: Type.Optional(Account),
    phone: Type.Optional(Phone),
    nickname: Type.String({ minLength: 1, maxLength: LIMITS.nickname, pattern: '\\S' }),
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
    name: Type.Optional(Type.String({ minLength: 2, maxLength: LIMITS.enterpriseName, pattern: '\\S' })),
    shortName: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.shortName, pattern: '\\S' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    unverifiedCustomerLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    memberCustomerLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
    enterpriseCustomerLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50000 })),
  },
  { ...strict, minProperties: 1 },
);

export const CreateDepartmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.departmentName, pattern: '\\S' }),
    parentId: Id,
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  strict,
);

export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.departmentName, pattern: '\\S' })),
    parentId: Type.Optional(Id),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { ...strict, minProperties: 1 },
);

const memberFields = {
  name: PersonName,
  phone: Nullable(Phone),
  email: Nullable(Email),
  title: Nullable(Type.String({ maxLength: LIMITS.title })),
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
    q: Type.Optional(Type.String({ maxLength: LIMITS.searchQuery })),
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
    storeAddress: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.storeAddress }))),
    photoUrl: Type.Optional(Nullable(HttpUrl)),
    bio: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.cardBio }))),
    title: Type.Optional(Nullable(Type.String({ maxLength: LIMITS.title }))),
    customFields: Type.Optional(Type.Array(CardField, { maxItems: LIMITS.cardFields })),
  },
  { ...strict, minProperties: 1 },
);

export const UpdateConsumerBody = Type.Object(
  {
    nickname: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nickname, pattern: '\\S' })),
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
  { q: Type.Optional(Type.String({ maxLength: LIMITS.searchQuery })), verification: Type.Optional(VerificationStatus), ...PageQuery },
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
