// Bearer tokens of the HTTP API (`inmail tokens create|list|revoke`, docs/api.md).
// A token is `inm_` and 32 random bytes; it is shown once, only its SHA-256 is kept.
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { ConflictError, NotFoundError } from '../errors.js';
import {
  insertToken,
  revokeTokenRow,
  selectTokens,
  tokenByHash,
  tokenExists,
  touchToken,
  type StoredToken,
  type TokenScope,
} from '../store/api-tokens.js';

export type { TokenScope };

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

export async function createToken(pool: Pool, scope: TokenScope, name: string | null) {
  const token = `inm_${randomBytes(32).toString('base64url')}`;
  const row = await insertToken(pool, { name, scope, hash: hashOf(token), prefix: token.slice(0, 10) });
  return { id: row.id, token, scope: row.scope, name: row.name };
}

export const tokenJson = (t: StoredToken) => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listTokens(pool: Pool): Promise<StoredToken[]> {
  return selectTokens(pool);
}

export async function revokeToken(pool: Pool, id: number): Promise<void> {
  if (await revokeTokenRow(pool, id)) return;
  if (await tokenExists(pool, id)) throw new ConflictError(`token ${id} is already revoked`);
  throw new NotFoundError(`token ${id} does not exist`);
}

/** What each scope may do: admin ⊇ write ⊇ read; intake only feeds mail in. */
const GRANTS: Record<TokenScope, readonly TokenScope[]> = {
  read: ['read'],
  write: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
  intake: ['intake'],
};
export const grants = (held: TokenScope, needed: TokenScope): boolean => GRANTS[held].includes(needed);

/**
 * Checks bearer tokens against Postgres. last_used_at is written at most once a
 * minute per token, so that a busy client does not turn every read into a write.
 */
export class TokenVerifier {
  private readonly touched = new Map<number, number>();
  constructor(private readonly pool: Pool) {}

  async verify(token: string): Promise<{ id: number; scope: TokenScope; name: string | null } | null> {
    if (!token.startsWith('inm_') || token.length > 200) return null;
    const found = await tokenByHash(this.pool, hashOf(token));
    if (!found) return null;
    const now = Date.now();
    if ((this.touched.get(found.id) ?? 0) < now - 60_000) {
      this.touched.set(found.id, now);
      touchToken(this.pool, found.id).catch(() => this.touched.delete(found.id));
    }
    return found;
  }
}
