import {
  AcceptedContactWayRequest,
  ContactLink,
  ContactLinkAddResult,
  ContactLinkParams,
  ContactWay,
  ContactWayPage,
  ContactWayRequestList,
  ContactWaySummary,
  ContactWaySummaryQuery,
  CreateContactWayBody,
  IdParams,
  ListContactWaysQuery,
  Ok,
  UpdateContactWayBody,
} from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { rateLimit } from '../../platform/http/rate-limit.js';
import {
  acceptWayRequest,
  addThroughContactLink,
  contactWayQr,
  createContactWay,
  declineWayRequest,
  deleteContactWay,
  getContactWayOrThrow,
  listContactWays,
  listMyWayRequests,
  openContactLink,
  summariseContactWays,
  updateContactWay,
} from './contact-ways.service.js';

/**
 * Contact ways (联系我 / 渠道活码): admins manage every way of the enterprise, a member their own single ways;
 * consumers open a way's link (no sign-in needed to look) and add in one tap.
 */
export function contactWayRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const admin = { onRequest: requireActor(platform, 'admin') };
  const consumer = { onRequest: requireActor(platform, 'consumer') };
  const tags = ['contact-ways'];

  app.post(
    '/contact-ways',
    {
      ...member,
      schema: {
        tags,
        summary: 'Create a contact way (admins: any members; a member: a single way for themselves)',
        body: CreateContactWayBody,
        response: { 201: ContactWay },
      },
    },
    async (request, reply) => reply.status(201).send(await createContactWay(platform, actorOf(request, 'member'), request.body)),
  );
  app.get(
    '/contact-ways',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Every contact way of the enterprise, with adds',
        querystring: ListContactWaysQuery,
        response: { 200: ContactWayPage },
      },
    },
    (request) => listContactWays(platform, actorOf(request, 'member'), request.query, false),
  );
  app.get(
    '/contact-ways/summary',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Totals over every contact way matching the filters: ways, adds in all and today',
        querystring: ContactWaySummaryQuery,
        response: { 200: ContactWaySummary },
      },
    },
    (request) => summariseContactWays(platform, actorOf(request, 'member'), request.query),
  );
  app.get(
    '/contact-ways/mine',
    {
      ...member,
      schema: {
        tags,
        summary: 'My contact ways: those I created and those offering me',
        querystring: ListContactWaysQuery,
        response: { 200: ContactWayPage },
      },
    },
    (request) => listContactWays(platform, actorOf(request, 'member'), request.query, true),
  );
  app.get(
    '/contact-ways/:id',
    {
      ...member,
      schema: {
        tags,
        summary: 'A contact way (admins; a member: one they created or one offering them)',
        params: IdParams,
        response: { 200: ContactWay },
      },
    },
    (request) => getContactWayOrThrow(platform, actorOf(request, 'member'), request.params.id),
  );
  app.patch(
    '/contact-ways/:id',
    {
      ...member,
      schema: {
        tags,
        summary: 'Change a contact way (admin or its creator)',
        params: IdParams,
        body: UpdateContactWayBody,
        response: { 200: ContactWay },
      },
    },
    (request) => updateContactWay(platform, actorOf(request, 'member'), request.params.id, request.body),
  );
  app.delete(
    '/contact-ways/:id',
    { ...member, schema: { tags, summary: 'Delete a contact way (its link stops working)', params: IdParams, response: { 200: Ok } } },
    (request) => deleteContactWay(platform, actorOf(request, 'member'), request.params.id),
  );
  app.get(
    '/contact-ways/:id/qr.png',
    { ...member, schema: { tags, summary: 'The QR code of the way’s link, PNG', params: IdParams } },
    async (request, reply) =>
      reply
        .type('image/png')
        .header('cache-control', 'private, max-age=300')
        .send(await contactWayQr(platform, actorOf(request, 'member'), request.params.id, 'png')),
  );
  app.get(
    '/contact-ways/:id/qr.svg',
    { ...member, schema: { tags, summary: 'The QR code of the way’s link, SVG', params: IdParams } },
    async (request, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'private, max-age=300')
        .send(await contactWayQr(platform, actorOf(request, 'member'), request.params.id, 'svg')),
  );

  app.get(
    '/contact-way-requests',
    {
      ...member,
      schema: {
        tags,
        summary: 'Consumers waiting for me to accept them (ways without skipVerify)',
        response: { 200: ContactWayRequestList },
      },
    },
    (request) => listMyWayRequests(platform, actorOf(request, 'member')),
  );
  app.post(
    '/contact-way-requests/:id/accept',
    {
      ...member,
      schema: {
        tags,
        summary: 'Accept a consumer who asked through my contact way',
        params: IdParams,
        response: { 200: AcceptedContactWayRequest },
      },
    },
    (request) => acceptWayRequest(platform, actorOf(request, 'member'), request.params.id),
  );
  app.post(
    '/contact-way-requests/:id/decline',
    {
      ...member,
      schema: { tags, summary: 'Decline a consumer who asked through my contact way', params: IdParams, response: { 200: Ok } },
    },
    (request) => declineWayRequest(platform, actorOf(request, 'member'), request.params.id),
  );

  // ---------- consumers ----------
  // Links are public and cards name real staff, so hammering is refused: opening is limited per address
  // (generous: a whole fair may scan a poster over one Wi-Fi), adding per consumer.
  const openLimit = rateLimit({ limit: 300, windowMs: 60_000 });
  const addLimit = rateLimit({ limit: 10, windowMs: 60_000, keyOf: (request) => actorOf(request, 'consumer').id });
  app.get(
    '/contact-links/:token',
    {
      onRequest: openLimit,
      schema: {
        tags,
        summary: 'Open a contact way link: the member who would be offered, with their card',
        params: ContactLinkParams,
        response: { 200: ContactLink },
      },
    },
    (request) => openContactLink(platform, request.params.token),
  );
  app.post(
    '/contact-links/:token/add',
    {
      ...consumer,
      preHandler: addLimit,
      schema: {
        tags,
        summary: 'Add through a contact way link (at once with skipVerify, else a request)',
        params: ContactLinkParams,
        response: { 200: ContactLinkAddResult },
      },
    },
    (request) => addThroughContactLink(platform, actorOf(request, 'consumer'), request.params.token),
  );
}
