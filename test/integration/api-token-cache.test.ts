// The API's token cache (docs/security.md): a cached token costs no Postgres
// round trip, yet a token revoked by another process (the CLI, SQL by hand) is
// refused on the very next request, and a lost LISTEN connection turns the cache
// off rather than leaving a revoked token usable.
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenerName } from '../../src/db/listen.js';
import type { Pool } from '../../src/db/pool.js';
import { revokeTokenRow } from '../../src/store/api-tokens.js';
import { createToken, TokenVerifier } from '../../src/operations/tokens.js';
import { startTestApi, type TestApi } from '../helpers/api.js';
import { runCli } from '../helpers/daemon.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let api: TestApi;
const logger = pino({ level: 'silent' });
const env = () => ({ INMAIL_DATABASE_URL: db.url });
const LISTENER = listenerName('inmail_api_token');

beforeAll(async () => {
  db = await createTestDb();
  api = await startTestApi(db);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** db.pool, counting the queries sent through it. */
function countingPool(): { pool: Pool; queries: () => number } {
  let n = 0;
  const pool = new Proxy(db.pool, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (...args: unknown[]) => {
          n++;
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { pool, queries: () => n };
}

/** Ends the LISTEN connections on the test database, as a server restart or a network cut would. */
async function killListeners(): Promise<number> {
  const r = await db.pool.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [LISTENER],
  );
  return r.rowCount ?? 0;
}

const get = (token: string) => api.call('GET', '/v1/stats', { token });

describe('the token cache over HTTP', () => {
  it('refuses a token revoked by the CLI on the very next request', async () => {
    const made = JSON.parse((await runCli(['tokens', 'create', '--scope', 'read', '--json'], env())).stdout) as {
      id: number;
      token: string;
    };
    expect((await get(made.token)).status).toBe(200);
    expect((await get(made.token)).status).toBe(200);
    expect((await runCli(['tokens', 'revoke', String(made.id)], env())).code).toBe(0);
    expect((await get(made.token)).status).toBe(401);
  });

  it('refuses a token revoked by SQL by hand once the notification arrives (the trigger notifies, not the operation)', async () => {
    const made = await createToken(db.pool, 'read', 'by-hand');
    expect((await get(made.token)).status).toBe(200);
    expect((await get(made.token)).status).toBe(200);
    await db.pool.query('UPDATE api_token SET revoked_at = now() WHERE id = $1', [made.id]);
    // Nothing waits for the listeners here: without the trigger the cached token would stay valid.
    await waitFor('the token refused', async () => (await get(made.token)).status === 401);
  });

  it('a revocation returns only once every listening process has confirmed; one that does not is cut off', async () => {
    const made = await createToken(db.pool, 'read', 'confirmed');
    expect((await get(made.token)).status).toBe(200);
    // A listener that never confirms, as a hung API process would be.
    const hung = new pg.Client({ connectionString: db.url, application_name: LISTENER });
    await hung.connect();
    hung.on('error', () => undefined);
    await hung.query('LISTEN inmail_api_token');
    const ended = new Promise((r) => hung.once('end', r));
    expect(await revokeTokenRow(db.pool, made.id, 300)).toEqual({ revoked: true, unconfirmed: 1 });
    expect((await get(made.token)).status).toBe(401);
    await ended;
  });

  it('refuses a token revoked while its LISTEN connection was down, and caches again once it is back', async () => {
    const made = await createToken(db.pool, 'read', 'dropped');
    const other = await createToken(db.pool, 'read', 'kept');
    expect((await get(made.token)).status).toBe(200);
    expect(await killListeners()).toBeGreaterThan(0);
    expect((await runCli(['tokens', 'revoke', String(made.id)], env())).code).toBe(0);
    expect((await get(made.token)).status).toBe(401);
    expect((await get(other.token)).status).toBe(200);
    // Reconnected: the LISTEN is back, and a revocation is again seen at once.
    await waitFor(
      'the LISTEN connection back',
      async () =>
        (await db.pool.query('SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER]))
          .rowCount,
    );
    expect((await get(other.token)).status).toBe(200);
    await runCli(['tokens', 'revoke', String(other.id)], env());
    expect((await get(other.token)).status).toBe(401);
  });
});

describe('TokenVerifier', () => {
  it('asks Postgres once for a token while its watch is live, at every request while it is not', async () => {
    const { pool, queries } = countingPool();
    const v = new TokenVerifier(pool);
    const made = await createToken(db.pool, 'write', 'counted');
    // Before the watch: every verification is a round trip (and the first use writes last_used_at).
    await v.verify(made.token);
    await v.verify(made.token);
    expect(queries()).toBe(3);
    const watch = v.watchChanges(db.url, logger, { heartbeatMs: 60_000 });
    try {
      await watch.ready();
      const before = queries();
      for (let i = 0; i < 20; i++) expect(await v.verify(made.token)).toMatchObject({ id: made.id, scope: 'write' });
      expect(queries() - before).toBe(1);
      // Unknown tokens are never cached.
      const unknownBefore = queries();
      expect(await v.verify('inm_nothing')).toBeNull();
      expect(await v.verify('inm_nothing')).toBeNull();
      expect(queries() - unknownBefore).toBe(2);
    } finally {
      await v.close();
    }
  });

  it('verifies against Postgres while the watch is down, missing no revocation', async () => {
    const v = new TokenVerifier(db.pool);
    const made = await createToken(db.pool, 'read', 'down');
    // No reconnection within the test: the revocation's notification is certainly lost.
    const watch = v.watchChanges(db.url, logger, { heartbeatMs: 60_000, retryMs: { first: 60_000, max: 60_000 } });
    try {
      await watch.ready();
      expect(await v.verify(made.token)).not.toBeNull();
      expect(await killListeners()).toBeGreaterThan(0);
      await waitFor('the watch to notice', async () => !watch.live);
      await db.pool.query('UPDATE api_token SET revoked_at = now() WHERE id = $1', [made.id]);
      expect(await v.verify(made.token)).toBeNull();
    } finally {
      await v.close();
    }
  });

  it('does not cache a lookup that a change overtook', async () => {
    // The lookup answers "live", but the revocation's notification is handled before that answer.
    let holding = false;
    let answered: () => void = () => undefined;
    const isAnswered = new Promise<void>((r) => (answered = r));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const held = new Proxy(db.pool, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return async (...args: unknown[]) => {
            n++;
            const hold = holding;
            const r = await (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            if (hold) {
              answered();
              await gate;
            }
            return r;
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const v = new TokenVerifier(held);
    const made = await createToken(db.pool, 'read', 'overtaken');
    const witness = await createToken(db.pool, 'read', 'witness');
    const watch = v.watchChanges(db.url, logger, { heartbeatMs: 60_000 });
    try {
      await watch.ready();
      await v.verify(witness.token); // cached (its last_used_at written too)
      holding = true;
      const first = v.verify(made.token);
      await isAnswered;
      holding = false;
      await db.pool.query('UPDATE api_token SET revoked_at = now() WHERE id = $1', [made.id]);
      // The notification has been handled once the witness costs a query again.
      await waitFor('the notification handled', async () => {
        const before = n;
        await v.verify(witness.token);
        return n > before;
      });
      release();
      expect(await first).not.toBeNull();
      expect(await v.verify(made.token)).toBeNull();
    } finally {
      await v.close();
    }
  });
});
