import type { AttachmentBodyT, FileKindT, MessageKindT } from '@rapport/shared';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { PrincipalKey } from '../../platform/realtime/user-events.js';
import { attachFileToConversation } from '../files/index.js';
import { findMember, findMemberInAnyEnterprise } from '../organisation/index.js';

/** What a body check may look at: the send's transaction, who sends where, and when. */
export interface BodyCheckContext {
  tx: Executor;
  dialect: Dialect;
  sender: PrincipalKey;
  conversation: { id: string; enterpriseId: string | null };
  now: number;
}

/**
 * A per-kind business check of a message body, run inside the send batch's transaction after the generic
 * checks and before the batch writes (the wire schema has already checked the body's shape). It throws an
 * AppError to refuse this send alone, and may return the body to store instead (e.g. an attachment's
 * name, size and type as the server knows them). It must run no SQL that can fail (that would abort the
 * whole batch on PostgreSQL): reads, and writes of this send's own rows that cannot conflict
 * (`ON CONFLICT DO NOTHING`), which commit or roll back with the message.
 */
export type BodyCheck = (ctx: BodyCheckContext, body: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>;

/**
 * A business card must show a real, active member: of the conversation's enterprise, or — in a
 * consumer-only (friend) conversation, where consumers pass a guide's card on (名片分享) — of any
 * enterprise. Anything else (unknown, disabled, resigned, another enterprise's) is CARD_MEMBER_NOT_FOUND.
 */
const checkCard: BodyCheck = async (ctx, body) => {
  const memberId = String(body.memberId);
  const { enterpriseId } = ctx.conversation;
  const member = enterpriseId ? await findMember(ctx.tx, enterpriseId, memberId) : await findMemberInAnyEnterprise(ctx.tx, memberId);
  if (!member || member.status !== 'active') {
    throw new AppError('CARD_MEMBER_NOT_FOUND', 'body.memberId: no such active member in this enterprise');
  }
  return undefined;
};

/**
 * An image, file or voice note must be a file the sender may read (their upload, one already sent into a
 * conversation of theirs, or — for a member — a material of their enterprise) and of the message's kind; its
 * metadata is stored as the server measured it, and the conversation's participants may download it from now
 * on (the grant commits with the message).
 */
const checkAttachment =
  (kind: FileKindT): BodyCheck =>
  async (ctx, body) =>
    (await attachFileToConversation(ctx.tx, ctx.sender, ctx.conversation.id, kind, body as AttachmentBodyT, {
      dialect: ctx.dialect,
      materialsOf: ctx.sender.startsWith('member:') ? (ctx.conversation.enterpriseId ?? undefined) : undefined,
      now: ctx.now,
    })) as Record<string, unknown>;

/** The body checks by message kind; kinds without one need none beyond their wire schema. */
export const BODY_CHECKS: Partial<Record<MessageKindT, BodyCheck>> = {
  card: checkCard,
  image: checkAttachment('image'),
  file: checkAttachment('file'),
  voice: checkAttachment('voice'),
};
