/** Who is calling, resolved once by the auth layer and passed first to every service call. */
export type Actor =
  | { kind: 'member'; id: string; enterpriseId: string; role: 'admin' | 'member'; sessionId: string }
  | { kind: 'consumer'; id: string; sessionId: string }
  | { kind: 'operator'; id: string; sessionId: string };

export type MemberActor = Extract<Actor, { kind: 'member' }>;
export type ConsumerActor = Extract<Actor, { kind: 'consumer' }>;
export type OperatorActor = Extract<Actor, { kind: 'operator' }>;
export type PrincipalKind = Actor['kind'];

/** What a route requires: `admin` is a member with the admin role. */
export type Requirement = PrincipalKind | 'admin';

/** One cookie per principal kind, so a browser can be in Messenger and the Workspace at once. */
export const sessionCookieName = (kind: PrincipalKind) => `rapport_${kind}`;
