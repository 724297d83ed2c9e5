// Webhook endpoints and the delivery log, for the CLI (`inmail webhooks ...`)
// and the HTTP API (/v1/webhooks...). Sending is src/webhooks/.
import { randomBytes } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { NotFoundError } from '../errors.js';
import { deleteEndpoint, insertEndpoint, selectDeliveries, selectEndpoints, type Delivery, type Endpoint } from '../store/webhooks.js';

export const endpointJson = (e: Endpoint, withSecret = false) => ({
  id: e.id,
  url: e.url,
  events: e.events,
  enabled: e.enabled,
  createdAt: e.createdAt.toISOString(),
  ...(withSecret ? { secret: e.secret } : {}),
});

/** Adds an endpoint; without a secret one is made (shown once, in the answer). */
export async function addWebhook(pool: Pool, input: { url: string; events: string[]; secret?: string | undefined }) {
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  return endpointJson(await insertEndpoint(pool, { url: input.url, events: [...new Set(input.events)], secret }), true);
}

export async function listWebhooks(pool: Pool) {
  return (await selectEndpoints(pool)).map((e) => endpointJson(e));
}

export async function removeWebhook(pool: Pool, id: number): Promise<void> {
  if (!(await deleteEndpoint(pool, id))) throw new NotFoundError(`webhook ${id} does not exist`);
}

export const deliveryJson = (d: Delivery) => ({
  id: d.id,
  eventId: d.eventId,
  endpointId: d.endpointId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

export async function listDeliveries(pool: Pool, opts: { failed?: boolean | undefined; limit: number }) {
  return (await selectDeliveries(pool, { ...(opts.failed !== undefined ? { failed: opts.failed } : {}), limit: opts.limit })).map(
    deliveryJson,
  );
}
