/** Domain events of tags on customers (the outbox doubles as the audit log). */
export const TAG_DOMAIN_EVENTS = {
  /** payload `{ tagIds }`: the tags newly put on the customer */
  customerTagged: 'customer.tagged',
  /** payload `{ tagIds }`: the tags taken off the customer */
  customerUntagged: 'customer.untagged',
  crmLinkUpdated: 'enterprise.crm_link_updated',
} as const;
