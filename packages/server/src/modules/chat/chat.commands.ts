import { COMMANDS, MarkReadCommand, RecallCommand, SendMessageCommand, USER_EVENTS } from '@rapport/shared';
import type { Platform } from '../../platform/context.js';
import { JsonText } from '../../platform/realtime/frames.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { refId } from '../../platform/realtime/user-events.js';
import { presentMessage } from './chat.presenter.js';
import { findMessagesBySeqs } from './chat.repository.js';
import { chatPrincipalOf, markRead, recallMessage, sendMessage } from './chat.service.js';

/**
 * The chat's part of the WebSocket: its commands (thin, the same service functions as REST) and the
 * reading back of `message.created` events, which refer to their message instead of copying it.
 */
export function registerChatRealtime(hub: RealtimeHub, platform: Platform) {
  const { commands } = hub;
  hub.eventRefs.register(USER_EVENTS.messageCreated, async (db, refs) => {
    const rows = await findMessagesBySeqs(db, platform.dialect, refs);
    return new Map(rows.map((row) => [refId(row.conversation_id, Number(row.seq)), presentMessage(row)]));
  });
  const kinds: Array<'member' | 'consumer'> = ['member', 'consumer'];
  commands.register(COMMANDS.messageSend, {
    schema: SendMessageCommand,
    kinds,
    handler: async (actor, data) => {
      const { message, json } = await sendMessage(platform, chatPrincipalOf(actor), data);
      return json === undefined ? message : new JsonText(json);
    },
  });
  commands.register(COMMANDS.conversationRead, {
    schema: MarkReadCommand,
    kinds,
    handler: (actor, data) => markRead(platform, chatPrincipalOf(actor), data.conversationId, data.seq),
  });
  commands.register(COMMANDS.messageRecall, {
    schema: RecallCommand,
    kinds,
    handler: (actor, data) => recallMessage(platform, chatPrincipalOf(actor), data.conversationId, data.seq),
  });
}
