// MX advice for the sending side (docs/mx-advice.md): one domain's, or all in force.
import { z } from 'zod';
import { MX_SCOPES } from '../../domain/mx-rule.js';
import { allAdvice, domainAdvice } from '../../operations/mx.js';
import { adviceSchema, deliveryCountsSchema as countsSchema } from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function adviceRoutes(deps: ApiDeps) {
  const read = deps.readPool ?? deps.pool;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/domains/{domain}/advice',
      scope: 'read',
      tag: 'advice',
      summary: "A recipient domain's MX advice (null: send as usual) and its last hour of delivery reports",
      params: z.object({ domain: z.string().min(1).max(255) }),
      response: z.object({ domain: z.string(), advice: adviceSchema.nullable(), lastHour: countsSchema }),
      handler: async ({ params }) => domainAdvice(read, params.domain),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/mx/advice',
      scope: 'read',
      tag: 'advice',
      summary: 'Every MX advice in force (per recipient domain and per MX host)',
      query: z.object({ scope: z.enum(MX_SCOPES).optional() }),
      response: z.object({ items: z.array(adviceSchema) }),
      handler: async ({ query }) => allAdvice(read, query.scope),
    }),
  ];
}
