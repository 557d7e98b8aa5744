import {
  AvailableTags,
  BulkTagCustomersBody,
  BulkTagResult,
  CreatePersonalTagBody,
  CreateTagBody,
  CreateTagGroupBody,
  CrmLink,
  CustomerTags,
  IdParams,
  Ok,
  PutCrmLinkBody,
  Tag,
  TagCustomerBody,
  TagGroup,
  TagGroupList,
  UpdateTagBody,
  UpdateTagGroupBody,
} from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import {
  bulkTagCustomers,
  createPersonalTag,
  createTag,
  createTagGroup,
  deletePersonalTag,
  deleteTag,
  deleteTagGroup,
  getCrmLink,
  getTagGroupOrThrow,
  listAvailableTags,
  listEnterpriseTagGroups,
  renameTag,
  setCrmLink,
  tagCustomer,
  updateTagGroup,
} from './tags.service.js';

/**
 * Tags: the enterprise library (admins), personal tags, tagging customers one by one or in bulk, and
 * the CRM link template. Authentication runs first (onRequest).
 */
export function tagRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const admin = { onRequest: requireActor(platform, 'admin') };
  const tags = ['tags'];

  // ---------- admin: the enterprise library ----------
  app.get(
    '/tag-groups',
    { ...admin, schema: { tags, summary: 'Every tag group with its tags (admin)', response: { 200: TagGroupList } } },
    (request) => listEnterpriseTagGroups(platform, actorOf(request, 'member')),
  );
  app.get(
    '/tag-groups/:id',
    { ...admin, schema: { tags, summary: 'A tag group with its tags (admin)', params: IdParams, response: { 200: TagGroup } } },
    (request) => getTagGroupOrThrow(platform, actorOf(request, 'member'), request.params.id),
  );
  app.post(
    '/tag-groups',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Create a tag group with its tags, optionally limited to departments (admin; ≤ 3,000 tags per enterprise)',
        body: CreateTagGroupBody,
        response: { 201: TagGroup },
      },
    },
    async (request, reply) => reply.status(201).send(await createTagGroup(platform, actorOf(request, 'member'), request.body)),
  );
  app.patch(
    '/tag-groups/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Rename a group or change its departments (admin)',
        params: IdParams,
        body: UpdateTagGroupBody,
        response: { 200: TagGroup },
      },
    },
    (request) => updateTagGroup(platform, actorOf(request, 'member'), request.params.id, request.body),
  );
  app.delete(
    '/tag-groups/:id',
    { ...admin, schema: { tags, summary: 'Delete a group and its tags (admin)', params: IdParams, response: { 200: Ok } } },
    (request) => deleteTagGroup(platform, actorOf(request, 'member'), request.params.id),
  );
  app.post(
    '/tags',
    { ...admin, schema: { tags, summary: 'Add a tag to a group (admin)', body: CreateTagBody, response: { 201: Tag } } },
    async (request, reply) => reply.status(201).send(await createTag(platform, actorOf(request, 'member'), request.body)),
  );
  app.patch(
    '/tags/:id',
    {
      ...admin,
      schema: { tags, summary: 'Rename an enterprise tag (admin)', params: IdParams, body: UpdateTagBody, response: { 200: Tag } },
    },
    (request) => renameTag(platform, actorOf(request, 'member'), request.params.id, request.body.name),
  );
  app.delete(
    '/tags/:id',
    { ...admin, schema: { tags, summary: 'Delete an enterprise tag; customers lose it (admin)', params: IdParams, response: { 200: Ok } } },
    (request) => deleteTag(platform, actorOf(request, 'member'), request.params.id),
  );

  // ---------- member ----------
  app.get(
    '/tags/available',
    {
      ...member,
      schema: {
        tags,
        summary: 'Tag groups visible to me (department limits apply) and my personal tags',
        response: { 200: AvailableTags },
      },
    },
    (request) => listAvailableTags(platform, actorOf(request, 'member')),
  );
  app.post(
    '/personal-tags',
    { ...member, schema: { tags, summary: 'Create a personal tag (only I see it)', body: CreatePersonalTagBody, response: { 201: Tag } } },
    async (request, reply) => reply.status(201).send(await createPersonalTag(platform, actorOf(request, 'member'), request.body.name)),
  );
  app.delete(
    '/personal-tags/:id',
    { ...member, schema: { tags, summary: 'Delete one of my personal tags', params: IdParams, response: { 200: Ok } } },
    (request) => deletePersonalTag(platform, actorOf(request, 'member'), request.params.id),
  );
  app.post(
    '/customers/:id/tags',
    {
      ...member,
      schema: {
        tags,
        summary: 'Tag and untag one of my customers (only tags visible to me); recorded',
        params: IdParams,
        body: TagCustomerBody,
        response: { 200: CustomerTags },
      },
    },
    (request) => tagCustomer(platform, actorOf(request, 'member'), request.params.id, request.body),
  );
  app.post(
    '/customers/tags',
    {
      ...member,
      schema: {
        tags,
        summary: 'Tag and untag up to 500 of my customers at once; recorded',
        body: BulkTagCustomersBody,
        response: { 200: BulkTagResult },
      },
    },
    (request) => bulkTagCustomers(platform, actorOf(request, 'member'), request.body),
  );

  // ---------- admin: CRM link ----------
  app.get(
    '/enterprise/crm-link',
    { ...admin, schema: { tags, summary: "The enterprise's CRM link template (admin)", response: { 200: CrmLink } } },
    (request) => getCrmLink(platform, actorOf(request, 'member')),
  );
  app.put(
    '/enterprise/crm-link',
    {
      ...admin,
      schema: { tags, summary: 'Set or clear the CRM link template (admin)', body: PutCrmLinkBody, response: { 200: CrmLink } },
    },
    (request) => setCrmLink(platform, actorOf(request, 'member'), request.body.template),
  );
}
