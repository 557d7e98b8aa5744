import { CreateFriendRequestBody, FriendList, FriendRequest, FriendRequestLists, IdParams } from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { acceptFriendRequest, declineFriendRequest, listFriendRequests, listFriends, sendFriendRequest } from './friends.service.js';

const tags = ['friends'];

/** Consumer friends (Messenger): requests, accept / decline, the friend list. */
export function friendRoutes(app: App, platform: Platform) {
  const preHandler = requireActor(platform, 'consumer');

  app.post(
    '/friend-requests',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Ask a consumer (by account or phone) to be friends; 201, or 200 with the pending request reused',
        body: CreateFriendRequestBody,
        response: { 200: FriendRequest, 201: FriendRequest },
      },
    },
    async (request, reply) => {
      const { request: dto, created } = await sendFriendRequest(platform, actorOf(request, 'consumer'), request.body);
      return reply.status(created ? 201 : 200).send(dto);
    },
  );

  app.get(
    '/friend-requests',
    { preHandler, schema: { tags, summary: 'My pending friend requests, incoming and outgoing', response: { 200: FriendRequestLists } } },
    (request) => listFriendRequests(platform, actorOf(request, 'consumer')),
  );

  app.post(
    '/friend-requests/:id/accept',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Accept (the recipient only): opens the friends’ conversation',
        params: IdParams,
        response: { 200: FriendRequest },
      },
    },
    (request) => acceptFriendRequest(platform, actorOf(request, 'consumer'), request.params.id),
  );

  app.post(
    '/friend-requests/:id/decline',
    { preHandler, schema: { tags, summary: 'Decline (the recipient only)', params: IdParams, response: { 200: FriendRequest } } },
    (request) => declineFriendRequest(platform, actorOf(request, 'consumer'), request.params.id),
  );

  app.get('/friends', { preHandler, schema: { tags, summary: 'My friends', response: { 200: FriendList } } }, (request) =>
    listFriends(platform, actorOf(request, 'consumer')),
  );
}
