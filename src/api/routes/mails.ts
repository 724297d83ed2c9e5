// /v1/mails: stored raw mails (`inmail mails list|show`), their parse result and raw bytes.
import { z } from 'zod';
import { listMails, mailJson, rawMail, replayMails, showMail } from '../../operations/mails.js';
import { idParam, mailJsonSchema, mailListQuery, mailShowSchema, replayResultSchema, replaySchema } from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function mailRoutes(deps: ApiDeps) {
  const read = deps.readPool ?? deps.pool;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/mails',
      scope: 'read',
      tag: 'mails',
      summary: 'Raw mails, newest first (failed ones with their error)',
      query: mailListQuery,
      response: z.object({ items: z.array(mailJsonSchema) }),
      handler: async ({ query }) => ({ items: (await listMails(read, query)).map(mailJson) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/mails/{id}',
      scope: 'read',
      tag: 'mails',
      summary: 'One mail: headers, parts, the parse result, its events',
      params: idParam,
      response: mailShowSchema,
      handler: async ({ params }) => showMail(read, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/mails/{id}/raw',
      scope: 'read',
      tag: 'mails',
      summary: 'The bytes as received',
      params: idParam,
      response: { raw: 'message/rfc822' },
      handler: async ({ params }) => (await rawMail(read, params.id)).body,
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/mails/replay',
      scope: 'write',
      tag: 'mails',
      summary: 'Re-enqueue stored raw mails (failed ones go back to pending); dryRun lists them (as `inmail replay`)',
      body: replaySchema,
      response: replayResultSchema,
      handler: async ({ body }) => {
        const { dryRun, ...f } = body;
        return replayMails(
          deps.config,
          deps.pool,
          {
            state: f.state,
            ...(f.since ? { since: f.since } : {}),
            ...(f.until ? { until: f.until } : {}),
            ...(f.ids ? { ids: f.ids } : {}),
            ...(f.limit ? { limit: f.limit } : {}),
          },
          dryRun,
        );
      },
    }),
  ];
}
