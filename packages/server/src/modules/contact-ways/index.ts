/**
 * The contact ways module (联系我 / 渠道活码): single- or multi-member ways with rotation, per-member daily caps
 * and schedules, skipVerify, auto-tags, remark, channel state and a welcome message of their own; links and
 * QR images; consumers add through a link. Adds go through the customers module's `addCustomerThroughContactWay`.
 */

export { contactWayRoutes } from './contact-ways.routes.js';
export { contactWayCaps } from './contact-ways.service.js';
