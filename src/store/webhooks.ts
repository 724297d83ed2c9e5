// SQL of outbound webhooks (migration 0009): endpoints, the outbox the triggers
// fill, and one delivery row per (event, endpoint).
import type { Pool, PoolClient } from '../db/pool.js';

type Db = Pool | PoolClient;

export interface Endpoint {
  id: number;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  createdAt: Date;
}
interface EndpointRow {
  id: number;
  url: string;
  events: string[];
  secret: string;
  enabled: boolean;
  created_at: Date;
}
const endpointFromRow = (r: EndpointRow): Endpoint => ({
  id: r.id,
  url: r.url,
  events: r.events,
  secret: r.secret,
  enabled: r.enabled,
  createdAt: r.created_at,
});

export async function insertEndpoint(db: Db, e: { url: string; events: string[]; secret: string }): Promise<Endpoint> {
  const r = await db.query<EndpointRow>('INSERT INTO webhook_endpoint (url, events, secret) VALUES ($1, $2, $3) RETURNING *', [
    e.url,
    e.events,
    e.secret,
  ]);
  const row = r.rows[0];
  if (!row) throw new Error('webhook insert returned no row');
  return endpointFromRow(row);
}

export async function selectEndpoints(db: Db): Promise<Endpoint[]> {
  return (await db.query<EndpointRow>('SELECT * FROM webhook_endpoint ORDER BY id')).rows.map(endpointFromRow);
}

export async function deleteEndpoint(db: Db, id: number): Promise<boolean> {
  return ((await db.query('DELETE FROM webhook_endpoint WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/**
 * Turns up to `limit` outbox events into deliveries (one per enabled endpoint
 * subscribed to the type) and marks them dispatched, in one transaction;
 * SKIP LOCKED lets several api processes share the outbox.
 */
export async function dispatchEvents(db: PoolClient, limit: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `WITH picked AS (
       SELECT id, type FROM webhook_event WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
     ), made AS (
       INSERT INTO webhook_delivery (event_id, endpoint_id)
       SELECT p.id, e.id FROM picked p JOIN webhook_endpoint e ON e.enabled AND (p.type = ANY (e.events) OR '*' = ANY (e.events))
       ON CONFLICT (event_id, endpoint_id) DO NOTHING
     )
     UPDATE webhook_event w SET dispatched_at = now() FROM picked WHERE w.id = picked.id RETURNING 1 AS n`,
    [limit],
  );
  return r.rowCount ?? 0;
}

/** Deliveries waiting to be put on the queue. */
export async function unqueuedDeliveries(db: Db, limit: number): Promise<number[]> {
  const r = await db.query<{ id: number }>(
    `SELECT id FROM webhook_delivery WHERE status = 'pending' AND NOT enqueued ORDER BY id LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => x.id);
}

export async function markEnqueued(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.query('UPDATE webhook_delivery SET enqueued = true WHERE id = ANY($1::bigint[])', [ids]);
}

export interface DeliveryWork {
  id: number;
  status: string;
  eventId: number;
  type: string;
  createdAt: Date;
  data: unknown;
  url: string;
  secret: string;
}

export async function deliveryWork(db: Db, id: number): Promise<DeliveryWork | null> {
  const r = await db.query<{
    id: number;
    status: string;
    event_id: number;
    type: string;
    created_at: Date;
    data: unknown;
    url: string;
    secret: string;
  }>(
    `SELECT d.id, d.status, d.event_id, ev.type, ev.created_at, ev.data, e.url, e.secret
     FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id JOIN webhook_endpoint e ON e.id = d.endpoint_id
     WHERE d.id = $1`,
    [id],
  );
  const x = r.rows[0];
  return x
    ? { id: x.id, status: x.status, eventId: x.event_id, type: x.type, createdAt: x.created_at, data: x.data, url: x.url, secret: x.secret }
    : null;
}

export async function recordAttempt(
  db: Db,
  id: number,
  a: { status: 'pending' | 'delivered' | 'failed'; statusCode: number | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE webhook_delivery SET attempts = attempts + 1, status = $2, last_status_code = $3, last_error = $4, last_attempt_at = now(),
       delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
     WHERE id = $1`,
    [id, a.status, a.statusCode, a.error],
  );
}

export interface Delivery {
  id: number;
  eventId: number;
  endpointId: number;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export async function selectDeliveries(db: Db, opts: { failed?: boolean; limit: number }): Promise<Delivery[]> {
  const r = await db.query<{
    id: number;
    event_id: number;
    endpoint_id: number;
    type: string;
    status: Delivery['status'];
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    last_attempt_at: Date | null;
    delivered_at: Date | null;
    created_at: Date;
  }>(
    `SELECT d.*, ev.type FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id
     WHERE ($1::boolean IS NOT TRUE OR d.status = 'failed' OR d.last_error IS NOT NULL AND d.status <> 'delivered')
     ORDER BY d.id DESC LIMIT $2`,
    [opts.failed ?? null, opts.limit],
  );
  return r.rows.map((d) => ({
    id: d.id,
    eventId: d.event_id,
    endpointId: d.endpoint_id,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    lastAttemptAt: d.last_attempt_at,
    deliveredAt: d.delivered_at,
    createdAt: d.created_at,
  }));
}

export async function pendingCount(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending'`);
  return r.rows[0]?.n ?? 0;
}
