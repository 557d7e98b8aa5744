/**
 * Welcome messages (欢迎语): the member's own and the enterprise default, and the `customer.welcome`
 * job that sends one once per add (the contact way's, else the member's, else the enterprise's).
 */
export { welcomeRoutes } from './welcome.routes.js';
export { getWelcomeMessage, registerWelcomeJobs, sendWelcome, updateWelcomeMessage } from './welcome.service.js';
