import {
  ConsumerCard,
  CreateCustomerRequestBody,
  Customer,
  CustomerPage,
  CustomerRequest,
  CustomerRequestPage,
  EnterpriseContact,
  EnterpriseContactGroups,
  IdParams,
  IncomingCustomerRequestList,
  ListCustomerRequestsQuery,
  ListCustomersQuery,
  ListEnterpriseCustomersQuery,
  LookupConsumerQuery,
  MemberIdParams,
  Ok,
  UpdateCustomerBody,
} from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import {
  acceptCustomerRequest,
  declineCustomerRequest,
  getCustomerOrThrow,
  listEnterpriseContacts,
  listEnterpriseCustomers,
  listIncomingRequests,
  listMyCustomers,
  listSentRequests,
  lookupConsumer,
  removeEnterpriseContact,
  sendCustomerRequest,
  updateCustomer,
} from './customers.service.js';

/**
 * Customer contact (客户联系): members find consumers and send requests, consumers accept, decline,
 * delete or block, members keep notes on their customers, admins see the enterprise's customers.
 * Authentication runs first (onRequest), so an anonymous caller learns nothing from validation.
 */
export function customerRoutes(app: App, platform: Platform) {
  const member = { onRequest: requireActor(platform, 'member') };
  const admin = { onRequest: requireActor(platform, 'admin') };
  const consumer = { onRequest: requireActor(platform, 'consumer') };
  const tags = ['customers'];

  // ---------- member: find and request ----------
  app.get(
    '/consumers/lookup',
    {
      ...member,
      schema: {
        tags,
        summary: 'Find one consumer by exact phone number or account (never a list)',
        querystring: LookupConsumerQuery,
        response: { 200: ConsumerCard },
      },
    },
    (request) => lookupConsumer(platform, actorOf(request, 'member'), request.query.q),
  );
  app.post(
    '/customer-requests',
    {
      ...member,
      schema: {
        tags,
        summary: 'Ask a consumer to become my customer (the gate and capacity apply)',
        body: CreateCustomerRequestBody,
        response: { 201: CustomerRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await sendCustomerRequest(platform, actorOf(request, 'member'), request.body)),
  );
  app.get(
    '/customer-requests',
    {
      ...member,
      schema: {
        tags,
        summary: 'Requests I sent, newest first',
        querystring: ListCustomerRequestsQuery,
        response: { 200: CustomerRequestPage },
      },
    },
    (request) => listSentRequests(platform, actorOf(request, 'member'), request.query),
  );

  // ---------- consumer: incoming requests ----------
  app.get(
    '/customer-requests/incoming',
    {
      ...consumer,
      schema: { tags, summary: "Pending requests to me, with the member's business card", response: { 200: IncomingCustomerRequestList } },
    },
    (request) => listIncomingRequests(platform, actorOf(request, 'consumer')),
  );
  app.post(
    '/customer-requests/:id/accept',
    {
      ...consumer,
      schema: { tags, summary: 'Accept a request: the member now follows me', params: IdParams, response: { 200: EnterpriseContact } },
    },
    (request) => acceptCustomerRequest(platform, actorOf(request, 'consumer'), request.params.id),
  );
  app.post(
    '/customer-requests/:id/decline',
    { ...consumer, schema: { tags, summary: 'Decline a request', params: IdParams, response: { 200: Ok } } },
    (request) => declineCustomerRequest(platform, actorOf(request, 'consumer'), request.params.id),
  );

  // ---------- member: my customers ----------
  app.get(
    '/customers',
    {
      ...member,
      schema: { tags, summary: 'My customers, newest first', querystring: ListCustomersQuery, response: { 200: CustomerPage } },
    },
    (request) => listMyCustomers(platform, actorOf(request, 'member'), request.query),
  );
  app.get(
    '/customers/:id',
    { ...member, schema: { tags, summary: 'A customer profile', params: IdParams, response: { 200: Customer } } },
    (request) => getCustomerOrThrow(platform, actorOf(request, 'member'), request.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      ...member,
      schema: {
        tags,
        summary: 'Edit my notes on a customer (remark, description, phones, company)',
        params: IdParams,
        body: UpdateCustomerBody,
        response: { 200: Customer },
      },
    },
    (request) => updateCustomer(platform, actorOf(request, 'member'), request.params.id, request.body),
  );

  // ---------- admin ----------
  app.get(
    '/enterprise-customers',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Every customer relationship of the enterprise (admin)',
        querystring: ListEnterpriseCustomersQuery,
        response: { 200: CustomerPage },
      },
    },
    (request) => listEnterpriseCustomers(platform, actorOf(request, 'member'), request.query),
  );

  // ---------- consumer: enterprise contacts ----------
  app.get(
    '/contacts/enterprise',
    {
      ...consumer,
      schema: { tags, summary: 'Members who follow me, grouped by enterprise', response: { 200: EnterpriseContactGroups } },
    },
    (request) => listEnterpriseContacts(platform, actorOf(request, 'consumer')),
  );
  app.delete(
    '/contacts/enterprise/:memberId',
    {
      ...consumer,
      schema: { tags, summary: 'Delete a member: the customer relationship is lost', params: MemberIdParams, response: { 200: Ok } },
    },
    (request) => removeEnterpriseContact(platform, actorOf(request, 'consumer'), request.params.memberId, 'deleted'),
  );
  app.post(
    '/contacts/enterprise/:memberId/block',
    {
      ...consumer,
      schema: {
        tags,
        summary: 'Block a member: lost, and their later requests are refused',
        params: MemberIdParams,
        response: { 200: Ok },
      },
    },
    (request) => removeEnterpriseContact(platform, actorOf(request, 'consumer'), request.params.memberId, 'blocked'),
  );
}
