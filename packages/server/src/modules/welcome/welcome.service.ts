import type { WelcomeMessageDto, WelcomeMessageInput } from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError } from '../../platform/http/errors.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { principalKey } from '../../platform/realtime/user-events.js';
import { sendMessage } from '../chat/index.js';
import { CUSTOMER_WELCOME_JOB, type CustomerWelcomePayload, type WelcomeContent } from '../customers/index.js';
import { keepAttachments } from '../files/index.js';
import { deleteWelcome, enterpriseOwner, findWelcome, memberOwner, upsertWelcome, type WelcomeRow } from './welcome.repository.js';

type Attachments = WelcomeMessageDto['attachments'];

function parseAttachments(json: string): Attachments {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? (value as Attachments) : [];
  } catch {
    return [];
  }
}

const present = (row: WelcomeRow | undefined): WelcomeMessageDto =>
  row
    ? { text: row.text, attachments: parseAttachments(row.attachments), updatedAt: Number(row.updated_at) }
    : { text: '', attachments: [], updatedAt: null };

const ownerOf = (actor: MemberActor, scope: 'member' | 'enterprise') =>
  scope === 'member' ? memberOwner(actor.id) : enterpriseOwner(actor.enterpriseId);

/** The welcome message of the member (`member`) or the enterprise default (`enterprise`, admins). */
export async function getWelcomeMessage(
  platform: Platform,
  actor: MemberActor,
  scope: 'member' | 'enterprise',
): Promise<WelcomeMessageDto> {
  return present(await findWelcome(platform.db, actor.enterpriseId, ownerOf(actor, scope)));
}

/** Sets (or, with empty text and no attachments, clears) a welcome message. */
export async function updateWelcomeMessage(
  platform: Platform,
  actor: MemberActor,
  scope: 'member' | 'enterprise',
  input: WelcomeMessageInput,
): Promise<WelcomeMessageDto> {
  const text = input.text.trim();
  return platform.transaction(async ({ tx }) => {
    const now = Date.now();
    const owner = ownerOf(actor, scope);
    const attachments = await keepAttachments(tx, actor, input.attachments, now);
    if (!text && attachments.length === 0) await deleteWelcome(tx, actor.enterpriseId, owner);
    else {
      await upsertWelcome(tx, {
        owner_key: owner,
        enterprise_id: actor.enterpriseId,
        member_id: scope === 'member' ? actor.id : null,
        text,
        attachments: JSON.stringify(attachments),
        updated_by: actor.id,
        updated_at: now,
      });
    }
    await recordEvent(
      tx,
      {
        type: 'welcome_message.updated',
        enterpriseId: actor.enterpriseId,
        aggregateId: owner,
        actor: { kind: actor.kind, id: actor.id },
        payload: { scope, text, attachments: attachments.length },
      },
      now,
    );
    return present(await findWelcome(tx, actor.enterpriseId, owner));
  });
}

/** The welcome of an add: the contact way's, else the member's own, else the enterprise default; undefined when none. */
async function resolveWelcome(platform: Platform, payload: CustomerWelcomePayload): Promise<WelcomeContent | undefined> {
  if (payload.welcome) return payload.welcome;
  const own = await findWelcome(platform.db, payload.enterpriseId, memberOwner(payload.memberId));
  const row = own ?? (await findWelcome(platform.db, payload.enterpriseId, enterpriseOwner(payload.enterpriseId)));
  return row ? { text: row.text, attachments: parseAttachments(row.attachments) } : undefined;
}

/**
 * Sends the welcome message of one add as the member: the text, then each attachment. Client ids
 * derive from the add's dedupe key, so a retried job replays instead of sending twice. A customer
 * lost meanwhile gets nothing (the conversation is closed) and the job ends.
 */
export async function sendWelcome(platform: Platform, payload: CustomerWelcomePayload): Promise<number> {
  const welcome = await resolveWelcome(platform, payload);
  if (!welcome) return 0;
  const sender = principalKey('member', payload.memberId);
  const messages = [
    ...(welcome.text ? [{ kind: 'text' as const, body: { text: welcome.text } }] : []),
    ...welcome.attachments.map((a) => ({ kind: a.kind, body: a.body })),
  ];
  let sent = 0;
  for (const [i, message] of messages.entries()) {
    try {
      const result = await sendMessage(platform, sender, {
        conversationId: payload.conversationId,
        clientId: `${payload.dedupeKey}:${i}`,
        ...message,
      } as Parameters<typeof sendMessage>[2]);
      if (!result.replayed) sent++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (['CUSTOMER_LOST', 'CONVERSATION_CLOSED', 'CONVERSATION_NOT_FOUND'].includes(error.code)) return sent;
      // An attachment gone since the welcome was saved: the rest of the welcome still goes out.
      if (error.code === 'FILE_NOT_FOUND') {
        platform.log.warn({ conversationId: payload.conversationId, index: i }, 'welcome: an attachment is no longer available');
        continue;
      }
      throw error;
    }
  }
  return sent;
}

/** Registers the welcome job on a runner (see `registerJobHandlers` in app.ts). */
export function registerWelcomeJobs(runner: JobRunner): JobRunner {
  return runner.register<CustomerWelcomePayload>(CUSTOMER_WELCOME_JOB, async (payload, job) => {
    await sendWelcome(job.platform, payload);
  });
}
