// /v1/incidents: the incident guard's alerts (`inmail incidents ...`).
import { z } from 'zod';
import { decide, incidentJson, listAll, showIncident } from '../../operations/incidents.js';
import { idParam, incidentDecidedSchema, incidentDecisionSchema, incidentJsonSchema, incidentListQuery } from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function incidentRoutes(deps: ApiDeps) {
  const { config, pool } = deps;
  const read = deps.readPool ?? pool;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/incidents',
      scope: 'read',
      tag: 'incidents',
      summary: 'Incidents, newest first',
      query: incidentListQuery,
      response: z.object({ items: z.array(incidentJsonSchema) }),
      handler: async ({ query }) => ({ items: (await listAll(read, query.status)).map(incidentJson) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/incidents/{id}',
      scope: 'read',
      tag: 'incidents',
      summary: 'One incident',
      params: idParam,
      response: incidentJsonSchema,
      handler: async ({ params }) => incidentJson(await showIncident(read, params.id)),
    }),
    ...(['confirm', 'dismiss'] as const).map((decision) =>
      defineRoute({
        method: 'POST',
        url: `/v1/incidents/{id}/${decision}`,
        scope: 'write',
        tag: 'incidents',
        summary:
          decision === 'confirm'
            ? 'The failures are real: apply the held events'
            : "The failures were not the addresses' fault: leave the held events ignored",
        params: idParam,
        body: incidentDecisionSchema,
        response: incidentDecidedSchema,
        handler: async ({ params, body, caller }) => decide(config, pool, params.id, decision, caller.by, body.note ?? null),
      }),
    ),
  ];
}
