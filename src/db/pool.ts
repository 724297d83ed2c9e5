// Postgres pools. Connection failures become ServiceUnavailableError so the CLI can exit 3.
// The statements of the hot path are named (`name: 'inmail-…'`): Postgres parses
// and plans them once per connection instead of on every call, which took about
// a third of its CPU for the intake's store. Statements that return `*` are not
// named: a column added while daemons run would invalidate their cached result type.
import pg from 'pg';
import { ServiceUnavailableError, isConnectionError, redactUrl } from '../errors.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// int8 as number: our ids and counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** `min`: connections kept open when idle (a warm pool: no connection set-up in a request's time). */
export function createPool(url: string, max = 10, opts: { min?: number } = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    min: Math.min(opts.min ?? 0, max),
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor one checked out between two queries: pg-pool listens to a client's errors only while
  // it is idle, and an 'error' event nobody listens to ends the process (a Postgres outage
  // did, in the outage test). Its next query fails instead, and its release drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Opens `n` connections now (then idle in the pool), so that the first requests do not wait for them. */
export async function warmPool(pool: Pool, n: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
  for (const c of clients) c.release();
}

/** Runs a first query so that an unreachable server is reported now, by name and URL. */
export async function checkPool(pool: Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    throw asServiceError(err, url);
  }
}

export function asServiceError(err: unknown, url: string): unknown {
  return isConnectionError(err) || (err as { code?: string }).code === '3D000'
    ? new ServiceUnavailableError('Postgres', redactUrl(url), err)
    : err;
}

/**
 * Runs fn in one transaction; rolls back on any error. With `asyncCommit` the
 * commit does not wait for the WAL flush: only for work that can be redone
 * from durable state when a crash loses it. With `rollback` the work is rolled
 * back even when it succeeds (a dry run).
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  opts: { asyncCommit?: boolean; rollback?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors of idle clients only: a server lost between two
  // statements of this transaction would emit an unhandled 'error' and end the
  // process. The next statement reports it instead.
  const ignore = (): void => undefined;
  client.on('error', ignore);
  try {
    await client.query(opts.asyncCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
    const result = await fn(client);
    await client.query(opts.rollback ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined); // the connection may be the thing that failed
    throw err;
  } finally {
    client.removeListener('error', ignore);
    client.release();
  }
}

/**
 * Runs fn while holding a session advisory lock, or returns null at once when
 * another session holds it: one run of a maintenance task at a time across
 * every scheduler, even when a run outlasts its interval.
 */
export async function withAdvisoryLock<T>(pool: Pool, key: number, fn: () => Promise<T>): Promise<T | null> {
  const holder = await pool.connect();
  try {
    const got = await holder.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
    if (!got.rows[0]?.ok) return null;
    try {
      return await fn();
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    holder.release();
  }
}

/** One round trip: the readiness check. */
export async function pingPool(pool: Pool): Promise<void> {
  await pool.query('SELECT 1');
}
