/**
 * The customers module (客户联系): member ↔ consumer relationships with the gate and capacity,
 * add requests, the customer profile and lost customers. Chat and welcome messages hook onto the
 * `customer.added` domain event and check `assertMemberCanReach` before a member's send.
 */

export {
  CUSTOMER_DOMAIN_EVENTS,
  CUSTOMER_USER_EVENTS,
  CUSTOMER_WELCOME_JOB,
  type CustomerAddedPayload,
  type CustomerWelcomePayload,
  type WelcomeContent,
} from './customers.events.js';
export { assertCanContact, assertCapacity, type ContactRefusal, contactRefusals, REQUEST_TTL_MS } from './customers.policy.js';
export { presentCustomer } from './customers.presenter.js';
export { customerRoutes } from './customers.routes.js';
export {
  addCustomerThroughContactWay,
  addRefusal,
  assertMemberCanReach,
  findActiveCustomerId,
} from './customers.service.js';
