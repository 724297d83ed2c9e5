// /v1/changes: the record of bulk changes and their undo (`inmail quarantine changes|undo`).
import { z } from 'zod';
import { recentChanges, undo } from '../../operations/changes.js';
import { changeJsonSchema, changesQuery, idParam, undoResultSchema } from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function changeRoutes(deps: ApiDeps) {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/changes',
      scope: 'read',
      tag: 'addresses',
      summary: 'Recent bulk changes (release, delete, import, reapply, undo), newest first: who, when, filter, how many',
      query: changesQuery,
      response: z.object({ items: z.array(changeJsonSchema) }),
      handler: async ({ query }) => ({ items: await recentChanges(deps.readPool ?? deps.pool, query.limit) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/changes/{id}/undo',
      scope: 'write',
      tag: 'addresses',
      summary: 'Restore the states a bulk change replaced; addresses changed again since are left as they are',
      description:
        'As `inmail quarantine undo CHANGE_ID`. 404 when there is no such change or nothing is left to restore; 409 when it was already undone. The undo is itself a change.',
      params: idParam,
      response: undoResultSchema,
      handler: async ({ params, caller }) => undo(deps.pool, params.id, caller.by),
    }),
  ];
}
