import {
  CreateQuickReplyBody,
  CreateQuickReplyGroupBody,
  IdParams,
  Ok,
  QuickReply,
  QuickReplyGroup,
  QuickReplyGroupList,
  QuickReplyGroupQuery,
  QuickReplyQuery,
  QuickReplySearch,
  UpdateQuickReplyBody,
  UpdateQuickReplyGroupBody,
} from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import {
  createQuickReply,
  createQuickReplyGroup,
  deleteQuickReply,
  deleteQuickReplyGroup,
  listQuickReplyGroups,
  renameQuickReplyGroup,
  searchQuickReplies,
  updateQuickReply,
} from './quick-replies.service.js';

/**
 * Quick replies (快捷回复): every member reads the enterprise library and their own; admins edit the
 * enterprise library (FORBIDDEN otherwise), each member their personal one.
 */
export function quickReplyRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const tags = ['quick-replies'];

  app.get(
    '/quick-replies',
    {
      ...member,
      schema: {
        tags,
        summary: 'Search the enterprise and my personal quick replies, grouped',
        querystring: QuickReplyQuery,
        response: { 200: QuickReplySearch },
      },
    },
    (request) => searchQuickReplies(platform, actorOf(request, 'member'), request.query),
  );
  app.post(
    '/quick-replies',
    {
      ...member,
      schema: { tags, summary: 'Add a quick reply (enterprise scope: admins)', body: CreateQuickReplyBody, response: { 201: QuickReply } },
    },
    async (request, reply) => reply.status(201).send(await createQuickReply(platform, actorOf(request, 'member'), request.body)),
  );
  app.patch(
    '/quick-replies/:id',
    {
      ...member,
      schema: { tags, summary: 'Edit a quick reply', params: IdParams, body: UpdateQuickReplyBody, response: { 200: QuickReply } },
    },
    (request) => updateQuickReply(platform, actorOf(request, 'member'), request.params.id, request.body),
  );
  app.delete(
    '/quick-replies/:id',
    { ...member, schema: { tags, summary: 'Delete a quick reply', params: IdParams, response: { 200: Ok } } },
    (request) => deleteQuickReply(platform, actorOf(request, 'member'), request.params.id),
  );

  app.get(
    '/quick-reply-groups',
    {
      ...member,
      schema: {
        tags,
        summary: 'Groups of the enterprise and my personal library',
        querystring: QuickReplyGroupQuery,
        response: { 200: QuickReplyGroupList },
      },
    },
    (request) => listQuickReplyGroups(platform, actorOf(request, 'member'), request.query.scope),
  );
  app.post(
    '/quick-reply-groups',
    {
      ...member,
      schema: {
        tags,
        summary: 'Add a group (enterprise scope: admins)',
        body: CreateQuickReplyGroupBody,
        response: { 201: QuickReplyGroup },
      },
    },
    async (request, reply) => reply.status(201).send(await createQuickReplyGroup(platform, actorOf(request, 'member'), request.body)),
  );
  app.patch(
    '/quick-reply-groups/:id',
    {
      ...member,
      schema: { tags, summary: 'Rename a group', params: IdParams, body: UpdateQuickReplyGroupBody, response: { 200: QuickReplyGroup } },
    },
    (request) => renameQuickReplyGroup(platform, actorOf(request, 'member'), request.params.id, request.body.name),
  );
  app.delete(
    '/quick-reply-groups/:id',
    { ...member, schema: { tags, summary: 'Delete a group (its replies stay, ungrouped)', params: IdParams, response: { 200: Ok } } },
    (request) => deleteQuickReplyGroup(platform, actorOf(request, 'member'), request.params.id),
  );
}
