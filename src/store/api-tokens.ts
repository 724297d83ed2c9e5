// SQL of the HTTP API's bearer tokens (migration 0008): only their SHA-256 is stored.
// Every change of a token but last_used_at is notified on TOKEN_CHANNEL (migration 0017).
import { randomBytes } from 'node:crypto';
import type { Notification } from 'pg';
import { listen, listenerName, type Listening, type ListenOptions } from '../db/listen.js';
import type { Pool } from '../db/pool.js';
import type { Logger } from '../logger.js';

const TOKEN_CHANNEL = 'inmail_api_token';
/** Where the listeners confirm a revocation's notification (revokeTokenRow). */
const ACK_CHANNEL = 'inmail_api_token_forgotten';

export type TokenScope = 'read' | 'write' | 'admin' | 'intake';

export interface StoredToken {
  id: number;
  name: string | null;
  scope: TokenScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: number;
  name: string | null;
  scope: TokenScope;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const fromRow = (r: Row): StoredToken => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function insertToken(
  db: Pool,
  t: { name: string | null; scope: TokenScope; hash: Buffer; prefix: string },
): Promise<StoredToken> {
  const r = await db.query<Row>(
    'INSERT INTO api_token (name, scope, token_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING id, name, scope, prefix, created_at, last_used_at, revoked_at',
    [t.name, t.scope, t.hash, t.prefix],
  );
  const row = r.rows[0];
  if (!row) throw new Error('token insert returned no row');
  return fromRow(row);
}

export async function selectTokens(db: Pool): Promise<StoredToken[]> {
  const r = await db.query<Row>('SELECT id, name, scope, prefix, created_at, last_used_at, revoked_at FROM api_token ORDER BY id');
  return r.rows.map(fromRow);
}

/**
 * Marks a token revoked; false when there is no such token or it already was.
 * Then waits, at most waitMs, until every API process caching tokens (those
 * LISTENing on TOKEN_CHANNEL) has confirmed that it forgot them: when this
 * returns, the token is refused everywhere on the next request. A listener that
 * does not confirm in time has its connection ended, which turns its cache off;
 * `unconfirmed` counts them.
 */
export async function revokeTokenRow(db: Pool, id: number, waitMs = 2000): Promise<{ revoked: boolean; unconfirmed: number }> {
  const client = await db.connect();
  const nonce = randomBytes(12).toString('base64url');
  const confirmed = new Set<number>();
  let wake: () => void = () => undefined;
  const onNotification = (n: Notification) => {
    if (n.channel !== ACK_CHANNEL || n.payload !== nonce) return;
    confirmed.add(n.processId);
    wake();
  };
  client.on('notification', onNotification);
  try {
    await client.query(`LISTEN ${ACK_CHANNEL}`);
    await client.query('BEGIN');
    const r = await client.query('UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    if ((r.rowCount ?? 0) === 0) {
      await client.query('ROLLBACK');
      return { revoked: false, unconfirmed: 0 };
    }
    await client.query('SELECT pg_notify($1, $2)', [TOKEN_CHANNEL, nonce]);
    await client.query('COMMIT');
    // The listeners now: each had the notification (or began listening after it, with an empty cache).
    const listeners = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [listenerName(TOKEN_CHANNEL)],
    );
    const waiting = () => listeners.rows.filter((l) => !confirmed.has(l.pid)).map((l) => l.pid);
    const deadline = Date.now() + waitMs;
    while (waiting().length > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const late = waiting();
    if (late.length > 0)
      await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [late]).catch(() => undefined);
    return { revoked: true, unconfirmed: late.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.removeListener('notification', onNotification);
    await client.query(`UNLISTEN ${ACK_CHANNEL}`).catch(() => undefined);
    client.release();
  }
}

export async function tokenExists(db: Pool, id: number): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM api_token WHERE id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

/** The live token with this hash. */
export async function tokenByHash(db: Pool, hash: Buffer): Promise<{ id: number; scope: TokenScope; name: string | null } | null> {
  const r = await db.query<{ id: number; scope: TokenScope; name: string | null }>({
    name: 'inmail-token-by-hash',
    text: 'SELECT id, scope, name FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL',
    values: [hash],
  });
  return r.rows[0] ?? null;
}

export async function touchToken(db: Pool, id: number): Promise<void> {
  await db.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [id]);
}

/** Watches token changes (any process's) on a connection of its own; see db/listen.ts for `live`. */
export function watchTokens(
  url: string,
  logger: Logger,
  on: { change: () => void; live: (live: boolean) => void },
  opts: Pick<ListenOptions, 'heartbeatMs' | 'retryMs'> = {},
): Listening {
  return listen({ url, channel: TOKEN_CHANNEL, ack: ACK_CHANNEL, logger, onNotify: on.change, onLive: on.live, ...opts });
}
