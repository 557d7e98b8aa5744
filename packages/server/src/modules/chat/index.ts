/** The chat module: conversations and messages (PRODUCT.md §3), over REST and WebSocket commands. */

export { registerChatRealtime } from './chat.commands.js';
export { presentMessage } from './chat.presenter.js';
export { chatRoutes } from './chat.routes.js';
export {
  type ChatOptions,
  chatPrincipalOf,
  closeConversation,
  getConversation,
  listConversations,
  listMessages,
  markRead,
  type OpenConversationInput,
  openConversation,
  recallMessage,
  reopenConversation,
  type SendInput,
  sendBatchStats,
  sendMessage,
} from './chat.service.js';
