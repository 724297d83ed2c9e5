// SQL of the HTTP API's bearer tokens (migration 0008): only their SHA-256 is stored.
import type { Pool } from '../db/pool.js';

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

/** Marks a token revoked; false when there is no such token or it already was. */
export async function revokeTokenRow(db: Pool, id: number): Promise<boolean> {
  const r = await db.query('UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return (r.rowCount ?? 0) > 0;
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
