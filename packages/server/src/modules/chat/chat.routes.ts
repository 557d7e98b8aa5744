import {
  ChatAsOnlyQuery,
  ChatMessage,
  Conversation,
  ConversationPage,
  ConversationSeqParams,
  IdParams,
  ListConversationsQuery,
  ListMessagesQuery,
  MarkReadBody,
  MessagePage,
  ReadState,
  SendMessageBody,
} from '@rapport/shared';
import type { FastifyRequest } from 'fastify';
import { authenticate } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { AppError } from '../../platform/http/errors.js';
import { chatPrincipalOf, getConversation, listConversations, listMessages, markRead, recallMessage, sendMessage } from './chat.service.js';

const tags = ['chat'];

/**
 * Chat over REST: the same service functions as the WebSocket commands. `?as=member|consumer`
 * names the session that speaks (a browser may hold both); it is authenticated before the body
 * is validated, so a stranger learns nothing from validation errors.
 */
export function chatRoutes(app: App, platform: Platform) {
  const preValidation = async (request: FastifyRequest) => {
    const as = (request.query as { as?: unknown } | undefined)?.as;
    if (as !== 'member' && as !== 'consumer') return; // the query schema answers VALIDATION_FAILED
    request.actor = await authenticate(platform, request, as);
  };
  const me = (request: FastifyRequest) => {
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    return chatPrincipalOf(request.actor);
  };

  app.get(
    '/conversations',
    {
      preValidation,
      schema: {
        tags,
        summary: 'My conversations, most recent first',
        querystring: ListConversationsQuery,
        response: { 200: ConversationPage },
      },
    },
    (request) => listConversations(platform, me(request), request.query),
  );

  app.get(
    '/conversations/:id',
    {
      preValidation,
      schema: { tags, summary: 'One of my conversations', params: IdParams, querystring: ChatAsOnlyQuery, response: { 200: Conversation } },
    },
    (request) => getConversation(platform, me(request), request.params.id),
  );

  app.get(
    '/conversations/:id/messages',
    {
      preValidation,
      schema: {
        tags,
        summary: 'History (before) and sync after reconnect (after), by seq',
        params: IdParams,
        querystring: ListMessagesQuery,
        response: { 200: MessagePage },
      },
    },
    (request) => listMessages(platform, me(request), request.params.id, request.query),
  );

  app.post(
    '/conversations/:id/messages',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Send a message (201; a resend with the same clientId answers 200 with the original)',
        params: IdParams,
        querystring: ChatAsOnlyQuery,
        body: SendMessageBody,
        response: { 200: ChatMessage, 201: ChatMessage },
      },
    },
    async (request, reply) => {
      const { message, replayed } = await sendMessage(platform, me(request), { ...request.body, conversationId: request.params.id });
      return reply.status(replayed ? 200 : 201).send(message);
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      preValidation,
      schema: {
        tags,
        summary: 'I have read up to seq',
        params: IdParams,
        querystring: ChatAsOnlyQuery,
        body: MarkReadBody,
        response: { 200: ReadState },
      },
    },
    (request) => markRead(platform, me(request), request.params.id, request.body.seq),
  );

  app.post(
    '/conversations/:id/messages/:seq/recall',
    {
      preValidation,
      schema: {
        tags,
        summary: 'Recall my message (2 minutes with a consumer, 24 hours otherwise)',
        params: ConversationSeqParams,
        querystring: ChatAsOnlyQuery,
        response: { 200: ChatMessage },
      },
    },
    (request) => recallMessage(platform, me(request), request.params.id, request.params.seq),
  );
}
