import { COMMANDS, MarkReadCommand, RecallCommand, SendMessageCommand } from '@rapport/shared';
import type { Platform } from '../../platform/context.js';
import type { CommandRegistry } from '../../platform/realtime/commands.js';
import { JsonText } from '../../platform/realtime/frames.js';
import { chatPrincipalOf, markRead, recallMessage, sendMessage } from './chat.service.js';

/** The chat's WebSocket commands: thin, the same service functions as REST. */
export function registerChatCommands(commands: CommandRegistry, platform: Platform) {
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
