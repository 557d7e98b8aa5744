/**
 * The tags module: the enterprise tag library (groups, optionally limited to departments, ≤ 3,000 tags),
 * personal tags, tags on customer relations (`customer.tagged` / `customer.untagged`) and the CRM link
 * template. The customers module reads a customer's tags and CRM link through this file.
 */

export { TAG_DOMAIN_EVENTS } from './tags.events.js';
export { tagCaps } from './tags.policy.js';
export { relationIdsWithAllTags } from './tags.repository.js';
export { tagRoutes } from './tags.routes.js';
export { applyAutoTags, assertEnterpriseTagsVisible, crmUrlOf, listTagsOfCustomers } from './tags.service.js';
