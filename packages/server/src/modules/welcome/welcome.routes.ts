import { WelcomeMessage, WelcomeMessageBody } from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { getWelcomeMessage, updateWelcomeMessage } from './welcome.service.js';

/** Welcome messages: a member's own (`/members/me`) and the enterprise default (admins). */
export function welcomeRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const admin = { onRequest: requireActor(platform, 'admin') };
  const tags = ['welcome messages'];

  app.get(
    '/members/me/welcome-message',
    { ...member, schema: { tags, summary: 'My welcome message (sent to each new customer)', response: { 200: WelcomeMessage } } },
    (request) => getWelcomeMessage(platform, actorOf(request, 'member'), 'member'),
  );
  app.put(
    '/members/me/welcome-message',
    {
      ...member,
      schema: { tags, summary: 'Set my welcome message (empty clears it)', body: WelcomeMessageBody, response: { 200: WelcomeMessage } },
    },
    (request) => updateWelcomeMessage(platform, actorOf(request, 'member'), 'member', request.body),
  );
  app.get(
    '/enterprise/welcome-message',
    { ...admin, schema: { tags, summary: 'The enterprise default welcome message', response: { 200: WelcomeMessage } } },
    (request) => getWelcomeMessage(platform, actorOf(request, 'member'), 'enterprise'),
  );
  app.put(
    '/enterprise/welcome-message',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Set the enterprise default welcome message (empty clears it)',
        body: WelcomeMessageBody,
        response: { 200: WelcomeMessage },
      },
    },
    (request) => updateWelcomeMessage(platform, actorOf(request, 'member'), 'enterprise', request.body),
  );
}
