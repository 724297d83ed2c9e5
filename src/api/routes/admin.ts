// /v1/stats, /v1/tokens, /v1/webhooks: counts, and what administrators manage.
import { deliveryStats } from '../../operations/mx.js';
import { z } from 'zod';
import { readActivity, statsWithHealth } from '../../operations/stats.js';
import { createToken, listTokens, revokeToken, tokenJson } from '../../operations/tokens.js';
import { addWebhook, listDeliveries, listWebhooks, removeWebhook } from '../../operations/webhooks.js';
import {
  deliveriesQuery,
  deliveryJsonSchema,
  idParam,
  positiveIntSchema,
  statsQuery,
  statsSchema,
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenJsonSchema,
  webhookAddSchema,
  webhookJsonSchema,
} from '../../operations/schemas.js';
import { defineRoute, type ApiDeps } from '../route.js';

export function adminRoutes(deps: ApiDeps) {
  const { pool } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/stats',
      scope: 'read',
      tag: 'stats',
      summary: 'Counts of mails and addresses, the domain health, delivery reports and MX advice (as `inmail stats --json`)',
      query: statsQuery,
      response: statsSchema,
      handler: async ({ query }) => ({
        ...(await statsWithHealth(deps.readPool ?? pool, query.days)),
        ...(await deliveryStats(deps.readPool ?? pool)),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/stats/activity',
      scope: 'read',
      tag: 'stats',
      summary: 'Mails per hour by outcome and top bounce reasons (the console dashboard)',
      query: z.object({ hours: positiveIntSchema.pipe(z.number().max(24 * 31)).default(24) }),
      response: z.object({
        mailsPerHour: z.array(z.object({ hour: z.string(), state: z.string(), mails: z.number() })),
        topReasons: z.array(z.object({ reason: z.string(), events: z.number() })),
      }),
      handler: async ({ query }) => readActivity(deps.readPool ?? pool, query.hours),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/tokens',
      scope: 'admin',
      tag: 'tokens',
      summary: 'API tokens (never the tokens themselves)',
      response: z.object({ items: z.array(tokenJsonSchema) }),
      handler: async () => ({ items: (await listTokens(pool)).map(tokenJson) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/tokens',
      scope: 'admin',
      tag: 'tokens',
      status: 201,
      summary: 'Create a token; it is shown once',
      body: tokenCreateSchema,
      response: tokenCreatedSchema,
      handler: async ({ body }) => createToken(pool, body.scope, body.name ?? null),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/tokens/{id}',
      scope: 'admin',
      tag: 'tokens',
      summary: 'Revoke a token',
      params: idParam,
      response: z.object({ id: z.number(), revoked: z.literal(true) }),
      handler: async ({ params }) => (await revokeToken(pool, params.id), { id: params.id, revoked: true as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/webhooks',
      scope: 'admin',
      tag: 'webhooks',
      summary: 'Webhook endpoints',
      response: z.object({ items: z.array(webhookJsonSchema) }),
      handler: async () => ({ items: await listWebhooks(pool) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/webhooks',
      scope: 'admin',
      tag: 'webhooks',
      status: 201,
      summary: 'Add an endpoint; without a secret one is made and shown once',
      body: webhookAddSchema,
      response: webhookJsonSchema,
      handler: async ({ body }) => addWebhook(pool, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/v1/webhooks/{id}',
      scope: 'admin',
      tag: 'webhooks',
      summary: 'Remove an endpoint (its pending deliveries go with it)',
      params: idParam,
      response: z.object({ id: z.number(), removed: z.literal(true) }),
      handler: async ({ params }) => (await removeWebhook(pool, params.id), { id: params.id, removed: true as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/webhooks/deliveries',
      scope: 'admin',
      tag: 'webhooks',
      summary: 'The delivery log, newest first',
      query: deliveriesQuery,
      response: z.object({ items: z.array(deliveryJsonSchema) }),
      handler: async ({ query }) => ({ items: await listDeliveries(pool, query) }),
    }),
  ];
}
