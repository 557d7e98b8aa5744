/** The identity module: sign-up, sign-in, sign-out and passwords for members, consumers and operators. */

export { identityRoutes } from './identity.routes.js';
export { createOperatorAccount, ensureOperatorSetupToken } from './identity.service.js';
