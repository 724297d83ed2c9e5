// A daemon running the api and worker roles over a test database reached through a
// TCP proxy, so that an HTTP intake test can cut Postgres for real: what the
// ESP, SMS and push intake tests post their signed requests to.
import type { RunningDaemon } from './daemon.js';
import { spawnDaemon } from './daemon.js';
import { dropPrefix, REDIS_URL } from './redis.js';
import { startProxy, type TcpProxy } from './tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from './test-db.js';
import { waitFor } from './wait.js';

export interface IntakeDaemon {
  db: TestDb;
  daemon: RunningDaemon;
  /** Postgres as the daemon reaches it: cut() is an outage. */
  pgProxy: TcpProxy;
  base: string;
  env: Record<string, string>;
  post(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Raw rows of a source by state. */
  rows(source: string): Promise<{ state: string; n: number }[]>;
  /** Waits until no row of the source is pending. */
  processed(source: string): Promise<void>;
  address(channel: string, address: string): Promise<{ status: string; reason: string | null; error_count: number } | null>;
  stop(): Promise<void>;
}

export async function startIntakeDaemon(env: Record<string, string>, configYaml?: string): Promise<IntakeDaemon> {
  const db = await createTestDb();
  const prefix = testPrefix();
  const pgProxy = await startProxy('127.0.0.1', 5432);
  const viaProxy = new URL(db.url);
  viaProxy.port = String(pgProxy.port);
  const fullEnv = {
    INMAIL_DATABASE_URL: viaProxy.toString(),
    INMAIL_REDIS_URL: REDIS_URL,
    INMAIL_QUEUE_PREFIX: prefix,
    INMAIL_API_HOST: '127.0.0.1',
    ...env,
  };
  const daemon = await spawnDaemon({
    env: fullEnv,
    roles: ['api', 'worker', 'scheduler'],
    configYaml: configYaml ?? 'queue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\n',
  });
  const started = JSON.parse(await daemon.waitForLog(/"msg":"inmail started"/)) as { apiPort: number };
  const base = `http://127.0.0.1:${started.apiPort}`;
  const rows = async (source: string) =>
    (
      await db.pool.query<{ state: string; n: number }>(
        'SELECT state, count(*)::int AS n FROM raw_mail WHERE source = $1 GROUP BY state ORDER BY state',
        [source],
      )
    ).rows;
  return {
    db,
    daemon,
    pgProxy,
    base,
    env: { ...fullEnv, INMAIL_DATABASE_URL: db.url },
    async post(path, body, headers = {}) {
      const res = await fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      return { status: res.status, body: await res.text() };
    },
    rows,
    async processed(source) {
      await waitFor(`${source} events processed`, async () => {
        const r = await rows(source);
        return r.length > 0 && !r.some((x) => x.state === 'pending');
      });
    },
    async address(channel, address) {
      const r = await db.pool.query<{ status: string; reason: string | null; error_count: number }>(
        'SELECT status, reason, error_count FROM address WHERE channel = $1 AND address = $2',
        [channel, address],
      );
      return r.rows[0] ?? null;
    },
    async stop() {
      await daemon.stop();
      await pgProxy.close();
      await db.drop();
      await dropPrefix(prefix);
    },
  };
}
