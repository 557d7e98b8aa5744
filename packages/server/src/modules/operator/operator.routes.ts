import { IdParams, ListEnterprisesQuery, OperatorEnterprise, OperatorEnterprisePage } from '@rapport/shared';
import { actorOf, requireActor } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { listOperatorEnterprises, setEnterpriseVerification } from './operator.service.js';

const tags = ['operator'];

/** The operator console's API: every enterprise of the deployment, and verification. */
export function operatorRoutes(app: App, platform: Platform) {
  const operator = { onRequest: requireActor(platform, 'operator') };

  app.get(
    '/operator/enterprises',
    {
      ...operator,
      schema: {
        tags,
        summary: 'Every enterprise, newest first, filtered by name or verification',
        querystring: ListEnterprisesQuery,
        response: { 200: OperatorEnterprisePage },
      },
    },
    (request) => listOperatorEnterprises(platform, actorOf(request, 'operator'), request.query),
  );

  for (const [action, verification, summary] of [
    ['verify', 'verified', 'Grant verification (企业认证); repeating it changes nothing'],
    ['unverify', 'unverified', 'Withdraw verification; repeating it changes nothing'],
  ] as const) {
    app.post(
      `/operator/enterprises/:id/${action}`,
      { ...operator, schema: { tags, summary, params: IdParams, response: { 200: OperatorEnterprise } } },
      (request) => setEnterpriseVerification(platform, actorOf(request, 'operator'), request.params.id, verification),
    );
  }
}
