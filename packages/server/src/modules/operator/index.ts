/** The operator module: the deployment operator's view of enterprises, and verification (企业认证). */

export { operatorRoutes } from './operator.routes.js';
export { setEnterpriseVerification, verifyEnterpriseAsPlatform } from './operator.service.js';
