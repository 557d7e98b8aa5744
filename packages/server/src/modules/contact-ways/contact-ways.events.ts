/** Event names of the contact ways module. */
export const CONTACT_WAY_DOMAIN_EVENTS = {
  created: 'contact_way.created',
  updated: 'contact_way.updated',
  deleted: 'contact_way.deleted',
  requested: 'contact_way_request.created',
  accepted: 'contact_way_request.accepted',
  declined: 'contact_way_request.declined',
} as const;

export const CONTACT_WAY_USER_EVENTS = {
  /** To the member: a consumer asks to be added through a way without skipVerify (data: ContactWayRequest). */
  requestReceived: 'contact_way_request.received',
} as const;
