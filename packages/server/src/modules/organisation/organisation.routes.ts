import {
  BusinessCard,
  CreateDepartmentBody,
  CreateMemberBody,
  Department,
  DepartmentList,
  Enterprise,
  ExportMembersQuery,
  IdParams,
  ImportMembersBody,
  ImportResult,
  ListMembersQuery,
  Member,
  MemberIdParams,
  MemberPage,
  Ok,
  UpdateCardBody,
  UpdateDepartmentBody,
  UpdateEnterpriseBody,
  UpdateMemberBody,
} from '@rapport/shared';
import { Type } from '@sinclair/typebox';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { getCardForConsumer, getCardOrThrow, updateCard } from './cards.service.js';
import { createDepartment, deleteDepartment, listDepartmentsOf, updateDepartment } from './departments.service.js';
import { getEnterpriseOrThrow, updateEnterprise } from './enterprises.service.js';
import {
  changeMemberStatus,
  createMember,
  exportMembersCsv,
  getMemberOrThrow,
  importMembers,
  listMembersPage,
  updateMember,
} from './members.service.js';

const CsvFile = { description: 'CSV, UTF-8 with a BOM', content: { 'text/csv': { schema: Type.String() } } };

/**
 * The organisation API: the enterprise, its departments, members (with CSV import and export) and
 * business cards. Authentication runs first (onRequest), so an anonymous caller learns nothing
 * from validation.
 */
export function organisationRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const admin = { onRequest: requireActor(platform, 'admin') };
  const consumer = { onRequest: requireActor(platform, 'consumer') };

  // ---------- enterprise ----------
  {
    const tags = ['enterprise'];
    app.get('/enterprise', { ...member, schema: { tags, summary: 'My enterprise', response: { 200: Enterprise } } }, (request) =>
      getEnterpriseOrThrow(platform, actorOf(request, 'member')),
    );
    app.patch(
      '/enterprise',
      {
        ...admin,
        schema: { tags, summary: 'Edit the enterprise (admin)', body: UpdateEnterpriseBody, response: { 200: Enterprise } },
      },
      (request) => updateEnterprise(platform, actorOf(request, 'member'), request.body),
    );
  }

  // ---------- departments ----------
  {
    const tags = ['departments'];
    app.get(
      '/departments',
      {
        ...member,
        schema: { tags, summary: 'Every department, flat (parentId links the tree), by sort then name', response: { 200: DepartmentList } },
      },
      async (request) => ({ data: await listDepartmentsOf(platform, actorOf(request, 'member')) }),
    );
    app.post(
      '/departments',
      { ...admin, schema: { tags, summary: 'Add a department (admin)', body: CreateDepartmentBody, response: { 201: Department } } },
      async (request, reply) => reply.status(201).send(await createDepartment(platform, actorOf(request, 'member'), request.body)),
    );
    app.patch(
      '/departments/:id',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Rename, re-sort or move a department (admin)',
          params: IdParams,
          body: UpdateDepartmentBody,
          response: { 200: Department },
        },
      },
      (request) => updateDepartment(platform, actorOf(request, 'member'), request.params.id, request.body),
    );
    app.delete(
      '/departments/:id',
      { ...admin, schema: { tags, summary: 'Delete an empty department (admin)', params: IdParams, response: { 200: Ok } } },
      async (request) => {
        await deleteDepartment(platform, actorOf(request, 'member'), request.params.id);
        return { ok: true as const };
      },
    );
  }

  // ---------- members ----------
  {
    const tags = ['members'];
    app.get(
      '/members',
      {
        ...member,
        schema: {
          tags,
          summary: 'Members of my enterprise, filtered, one page',
          querystring: ListMembersQuery,
          response: { 200: MemberPage },
        },
      },
      (request) => listMembersPage(platform, actorOf(request, 'member'), request.query),
    );
    app.get(
      '/members/export.csv',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Every member matching the filters as CSV, in the import columns (admin)',
          querystring: ExportMembersQuery,
          response: { 200: CsvFile },
        },
      },
      async (request, reply) => {
        const csv = await exportMembersCsv(platform, actorOf(request, 'member'), request.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="members.csv"')
          .send(csv);
      },
    );
    app.post(
      '/members',
      { ...admin, schema: { tags, summary: 'Add a member (admin)', body: CreateMemberBody, response: { 201: Member } } },
      async (request, reply) => reply.status(201).send(await createMember(platform, actorOf(request, 'member'), request.body)),
    );
    app.post(
      '/members/import',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Import members from CSV (admin); all-or-nothing answers 422 CSV_ROWS_INVALID with every bad row',
          body: ImportMembersBody,
          response: { 200: ImportResult },
        },
      },
      (request) => importMembers(platform, actorOf(request, 'member'), request.body),
    );
    app.get(
      '/members/:id',
      { ...member, schema: { tags, summary: 'A member of my enterprise', params: IdParams, response: { 200: Member } } },
      (request) => getMemberOrThrow(platform, actorOf(request, 'member'), request.params.id),
    );
    app.patch(
      '/members/:id',
      {
        ...admin,
        schema: { tags, summary: 'Edit a member (admin)', params: IdParams, body: UpdateMemberBody, response: { 200: Member } },
      },
      (request) => updateMember(platform, actorOf(request, 'member'), request.params.id, request.body),
    );
    for (const [action, summary] of [
      ['disable', 'Disable a member: their sessions and connections end at once (admin)'],
      ['enable', 'Enable a disabled member (admin)'],
      ['resign', 'Mark a member resigned: their sessions end; their identifiers become free (admin)'],
    ] as const) {
      app.post(`/members/:id/${action}`, { ...admin, schema: { tags, summary, params: IdParams, response: { 200: Member } } }, (request) =>
        changeMemberStatus(platform, actorOf(request, 'member'), request.params.id, action),
      );
    }
  }

  // ---------- business cards ----------
  {
    const tags = ['cards'];
    app.get(
      '/members/me/card',
      { ...member, schema: { tags, summary: 'My business card', response: { 200: BusinessCard } } },
      (request) => {
        const actor = actorOf(request, 'member');
        return getCardOrThrow(platform, actor, actor.id);
      },
    );
    app.put(
      '/members/me/card',
      { ...member, schema: { tags, summary: 'Edit my business card', body: UpdateCardBody, response: { 200: BusinessCard } } },
      (request) => {
        const actor = actorOf(request, 'member');
        return updateCard(platform, actor, actor.id, request.body);
      },
    );
    app.get(
      '/members/:id/card',
      { ...member, schema: { tags, summary: "A colleague's business card", params: IdParams, response: { 200: BusinessCard } } },
      (request) => getCardOrThrow(platform, actorOf(request, 'member'), request.params.id),
    );
    app.put(
      '/members/:id/card',
      {
        ...admin,
        schema: {
          tags,
          summary: "Edit a member's business card (admin)",
          params: IdParams,
          body: UpdateCardBody,
          response: { 200: BusinessCard },
        },
      },
      (request) => updateCard(platform, actorOf(request, 'member'), request.params.id, request.body),
    );
    app.get(
      '/cards/:memberId',
      {
        ...consumer,
        schema: {
          tags,
          summary: "An active member's business card, as a consumer sees it",
          params: MemberIdParams,
          response: { 200: BusinessCard },
        },
      },
      (request) => getCardForConsumer(platform, actorOf(request, 'consumer'), request.params.memberId),
    );
  }
}
