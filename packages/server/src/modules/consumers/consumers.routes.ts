import { Consumer, UpdateConsumerBody } from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { getConsumerOrThrow, updateConsumerProfile } from './consumers.service.js';

const tags = ['consumers'];

export function consumerRoutes(app: App, platform: Platform) {
  const preHandler = requireActor(platform, 'consumer');

  app.get('/consumers/me', { preHandler, schema: { tags, summary: 'My Messenger profile', response: { 200: Consumer } } }, (request) =>
    getConsumerOrThrow(platform, actorOf(request, 'consumer')),
  );

  app.patch(
    '/consumers/me',
    { preHandler, schema: { tags, summary: 'Edit my nickname or avatar', body: UpdateConsumerBody, response: { 200: Consumer } } },
    (request) => updateConsumerProfile(platform, actorOf(request, 'consumer'), request.body),
  );
}
