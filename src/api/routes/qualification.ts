// /v1/qualification: the delivery log qualification (`inmail qualification ...`).
import { z } from 'zod';
import { listTexts, qualificationJson, reapplyTexts, refreshTexts, setText } from '../../operations/qualification.js';
import {
  idParam,
  qualificationJsonSchema,
  qualificationListQuery,
  qualificationSetSchema,
  reapplyResultSchema,
  reapplySchema,
} from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function qualificationRoutes(deps: ApiDeps) {
  const { config, pool } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/qualification',
      scope: 'read',
      tag: 'qualification',
      summary: 'Error texts, most frequent first',
      query: qualificationListQuery,
      response: z.object({ items: z.array(qualificationJsonSchema) }),
      handler: async ({ query }) => ({ items: (await listTexts(deps.readPool ?? pool, query)).map(qualificationJson) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/qualification/{id}',
      scope: 'write',
      tag: 'qualification',
      summary: 'Decide a text: keep (with a reason and type) or ignore; new mail follows it at once',
      params: idParam,
      body: qualificationSetSchema,
      response: qualificationJsonSchema,
      handler: async ({ params, body, caller }) => qualificationJson(await setText(config, pool, params.id, body, caller.by)),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/qualification/reapply',
      scope: 'write',
      tag: 'qualification',
      summary: 'Re-decide stored events carrying qualified texts (dryRun: report only)',
      body: reapplySchema,
      response: reapplyResultSchema,
      // Through the worker's incident guard, as the CLI's reapply: a re-decision may not quarantine a whole domain unseen.
      handler: async ({ body, caller }) =>
        reapplyTexts(config, pool, { since: body.since, dryRun: body.dryRun, guard: config.guard, by: caller.by }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/qualification/refresh',
      scope: 'write',
      tag: 'qualification',
      summary: 'Turn kept texts into user rules (exact normalized text)',
      response: z.object({ made: z.array(z.object({ qualificationId: z.number(), ruleId: z.string() })) }),
      handler: async () => ({ made: await refreshTexts(config, pool) }),
    }),
  ];
}
