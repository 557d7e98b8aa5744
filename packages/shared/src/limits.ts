/** Field lengths shared by the server schemas and the web forms, so both reject the same input. */
export const LIMITS = {
  name: 64,
  account: 64,
  enterpriseName: 100,
  shortName: 32,
  enterpriseCode: 32,
  phone: 20,
  email: 254,
  title: 64,
  url: 2048,
  passwordMin: 8,
  passwordMax: 128,
  nickname: 32,
  departmentName: 64,
  storeAddress: 200,
  cardBio: 300,
  cardFields: 10,
  cardFieldLabel: 32,
  cardFieldValue: 500,
  membersPerImport: 2000,
  csvBytes: 1_000_000,
  searchQuery: 100,
  pageSize: 200,
} as const;

/** Default policy numbers (PRODUCT.md); an enterprise may change some within operator ceilings. */
export const POLICY_DEFAULTS = {
  unverifiedCustomerLimit: 200,
  memberCustomerLimit: 5000,
  enterpriseCustomerLimit: 50000,
  timezone: 'Asia/Shanghai',
} as const;

/** Chat limits (PRODUCT.md §3). */
export const CHAT_LIMITS = {
  /** Characters of a text message (emoji count as characters). */
  textLength: 4000,
  clientIdLength: 64,
  /** A consumer is in the conversation: recall within 2 minutes. */
  recallWindowWithConsumerMs: 2 * 60 * 1000,
  /** Internal conversations: recall within 24 hours. */
  recallWindowInternalMs: 24 * 60 * 60 * 1000,
  /** Messages per history page. */
  historyPage: 200,
  friendRequestMessage: 200,
  fileName: 255,
  /** Largest attachment size a message may reference (bytes). */
  fileSize: 100 * 1024 * 1024,
} as const;
