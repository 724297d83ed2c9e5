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
  watchTokens,
  type StoredToken,
  type TokenScope,
} from '../store/api-tokens.js';
import type { Listening, ListenOptions } from '../db/listen.js';
import type { Logger } from '../logger.js';

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

/**
 * Resolves once every API process caching tokens has forgotten this one; `unconfirmed`
 * counts those that did not say so in time, whose cache was turned off instead.
 */
export async function revokeToken(pool: Pool, id: number): Promise<{ unconfirmed: number }> {
  const r = await revokeTokenRow(pool, id);
  if (r.revoked) return { unconfirmed: r.unconfirmed };
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

type Verified = { id: number; scope: TokenScope; name: string | null };

/** Tokens cached at most; past it the cache starts again (tokens are few, this only bounds memory). */
const CACHE_MAX = 10_000;

/**
 * Checks bearer tokens. A token found live in Postgres is remembered (by its hash)
 * while the watch on token changes is live (migration 0017, db/listen.ts): any
 * token created, revoked or changed by any process empties the cache, and so does
 * the watch failing; until it is back every request asks Postgres. Unknown tokens
 * are not remembered. last_used_at is written at most once a minute per token, in
 * the background, so that a busy client does not turn every read into a write.
 */
export class TokenVerifier {
  private readonly touched = new Map<number, number>();
  private readonly cache = new Map<string, Verified>();
  /** Counts the forgettings: a lookup begun before one must not fill the cache after it. */
  private generation = 0;
  private watch: Listening | null = null;

  constructor(private readonly pool: Pool) {}

  /** Caches verified tokens from now on, forgetting them on every change `url`'s database notifies. */
  watchChanges(url: string, logger: Logger, opts: Pick<ListenOptions, 'heartbeatMs' | 'retryMs'> = {}): Listening {
    this.watch = watchTokens(url, logger, { change: () => this.forget(), live: () => this.forget() }, opts);
    return this.watch;
  }

  async close(): Promise<void> {
    await this.watch?.close();
    this.forget();
  }

  private forget(): void {
    this.generation++;
    this.cache.clear();
  }

  async verify(token: string): Promise<Verified | null> {
    if (!token.startsWith('inm_') || token.length > 200) return null;
    const hash = hashOf(token);
    const key = hash.toString('base64');
    let found = this.watch?.live === true ? (this.cache.get(key) ?? null) : null;
    if (!found) {
      const generation = this.generation;
      found = await tokenByHash(this.pool, hash);
      if (!found) return null;
      // Cached only if the watch is live and nothing was forgotten meanwhile: no notification was missed.
      if (this.watch?.live === true && generation === this.generation) {
        if (this.cache.size >= CACHE_MAX) this.cache.clear();
        this.cache.set(key, found);
      }
    }
    this.touch(found.id);
    return found;
  }

  private touch(id: number): void {
    const now = Date.now();
    if ((this.touched.get(id) ?? 0) >= now - 60_000) return;
    this.touched.set(id, now);
    touchToken(this.pool, id).catch(() => this.touched.delete(id));
  }
}
