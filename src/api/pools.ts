// The api role's own Postgres connections, a few kept open: with --role all, a
// worker's batches holding the daemon's pool would otherwise make the sending
// side's reads wait (docs/api.md: p99 of GET /v1/addresses/{a} under SMTP load).
import type { Config } from '../config.js';
import { checkPool, createPool, warmPool, type Pool } from '../db/pool.js';
import type { Lifecycle } from '../lifecycle.js';

/**
 * Connections the api role keeps open when idle. 500 reads a second need about two at a time,
 * but a slow moment under SMTP load needs more, and opening one then made reads wait: with 4
 * kept the bench's pool wait had a p99 of 8.6 ms, with 8 of 0.6 ms (API p99 77 → 42 ms, one run each).
 */
export const API_WARM = 8;

/** The API's pool, opened and warm (an unreachable server fails here, by name); the replica's, when configured. */
export async function openApiPools(config: Config, life: Lifecycle): Promise<{ pool: Pool; readPool?: Pool }> {
  const pool = createPool(config.database.url, config.database.poolSize, { min: API_WARM });
  life.defer('postgres api', () => pool.end());
  await checkPool(pool, config.database.url);
  await warmPool(pool, Math.min(API_WARM, config.database.poolSize));
  if (!config.database.readUrl) return { pool };
  const readPool = createPool(config.database.readUrl, config.database.poolSize, { min: API_WARM });
  life.defer('postgres replica', () => readPool.end());
  return { pool, readPool };
}
