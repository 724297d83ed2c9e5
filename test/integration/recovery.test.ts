// Recovery with the default timings (docs/reliability.md): a worker killed with -9
// has its jobs taken over within seconds; a Redis that comes back empty gets its
// maintenance schedulers back and its lost jobs re-made without a restart, and
// /readyz says not ready meanwhile; a mail whose last attempt fails while Postgres
// is down stays pending (and says so) until the sweep retries it.
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { buildDsn } from '../helpers/dsn.js';
import { Redis } from 'ioredis';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
const dbs: TestDb[] = [];
const running: RunningDaemon[] = [];
const prefixes: string[] = [];
let redis: OwnRedis | null = null;
let proxy: TcpProxy | null = null;

const count = async (sql: string) => (await db.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
const processed = () => count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'processed'`);

async function start(env: Record<string, string>, roles: string[], configYaml?: string): Promise<RunningDaemon> {
  const d = await spawnDaemon({ env, roles, ...(configYaml ? { configYaml } : {}) });
  running.push(d);
  await d.waitForLog(/"msg":"inmail started"/);
  return d;
}

async function baseEnv(redisUrl: string): Promise<Record<string, string>> {
  const prefix = testPrefix();
  prefixes.push(prefix);
  return {
    INMAIL_DATABASE_URL: db.url,
    INMAIL_REDIS_URL: redisUrl,
    INMAIL_QUEUE_PREFIX: prefix,
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: String(await freePort()),
    INMAIL_BOUNCE_DOMAINS: DOMAIN,
  };
}

async function sendMany(port: number, tag: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const dsn = buildDsn({ recipients: [{ address: `${tag}${i}@example.com`, status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }] });
    const r = await sendRaw(port, [`b@${DOMAIN}`], dsn);
    expect(r.code).toBe(250);
  }
}

async function readyz(port: number): Promise<{ status: number; reasons: Record<string, string> }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  const body = (await res.json()) as { reasons: Record<string, string> };
  return { status: res.status, reasons: body.reasons };
}

/** Each test on a database of its own. */
async function freshDb(): Promise<void> {
  db = await createTestDb();
  dbs.push(db);
}

afterAll(async () => {
  for (const d of running) await d.stop('SIGKILL');
  await proxy?.close();
  await redis?.stop();
  for (const d of dbs) await d.drop();
  for (const p of prefixes) await dropPrefix(p);
});

describe('recovery with the default lock and sweep timings', () => {
  it('takes over the jobs of a worker killed with -9 within seconds', async () => {
    await freshDb();
    const env = await baseEnv(REDIS_URL);
    const port = Number(env.INMAIL_SMTP_PORT);
    await start(env, ['smtp', 'scheduler']);
    const victim = await start(env, ['worker']);
    // The test holds a lock the worker's transaction needs (writing events): its job is
    // surely running when it dies, and its mails' claim is rolled back with its connection.
    const blocker = await db.pool.connect();
    await blocker.query('BEGIN; LOCK TABLE bounce_event IN SHARE MODE');
    await sendMany(port, 'kill', 40);
    await waitFor('the worker blocked in its transaction', async () =>
      count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`),
    );
    const probe = new Redis(REDIS_URL);
    const active = Number(await probe.call('LLEN', `${env.INMAIL_QUEUE_PREFIX}:mail:active`));
    probe.disconnect();
    expect(active).toBeGreaterThan(0);
    await victim.stop('SIGKILL');
    const killedAt = Date.now();
    await blocker.query('ROLLBACK');
    blocker.release();
    await start(env, ['worker']);
    // With the former 30 s lock and 60 s sweep this took 30–80 s.
    await waitFor('every mail processed', async () => (await processed()) === 40, { timeoutMs: 20_000 });
    console.log(`recovery after kill -9 of the worker: ${((Date.now() - killedAt) / 1000).toFixed(1)} s to process every mail`);
    expect(await count(`SELECT count(*)::int AS n FROM bounce_event`)).toBe(40);
  });

  it('re-creates the schedulers and the lost jobs when Redis comes back empty, and is not ready meanwhile', async () => {
    await freshDb();
    redis = await startOwnRedis();
    const env: Record<string, string> = { ...(await baseEnv(redis.url)), INMAIL_HTTP_PORT: String(await freePort()) };
    const httpPort = Number(env.INMAIL_HTTP_PORT);
    const port = Number(env.INMAIL_SMTP_PORT);
    // No worker yet: the mails wait in the queue, then Redis loses them.
    const intake = await start(env, ['smtp', 'scheduler'], 'queue:\n  maxPendingAgeSeconds: 3\n');
    expect((await readyz(httpPort)).status).toBe(200);
    await sendMany(port, 'flush', 20);
    expect(Number(await redis.command('LLEN', `${env.INMAIL_QUEUE_PREFIX}:mail:wait`))).toBeGreaterThan(0);
    await redis.command('FLUSHALL');
    const during = await readyz(httpPort);
    expect(during.status).toBe(503);
    // /readyz says which and a short reason (docs/security.md); the detail goes to the log.
    expect(during.reasons.schedulers).toBe('missing');
    await intake.waitForLog(/"check":"schedulers".*maintenance schedulers missing from Redis/, 15_000);
    await intake.waitForLog(/maintenance schedulers were missing from Redis/, 15_000);
    // Still nothing processes them: the oldest pending mail passes the bound.
    await waitFor('not ready for the backlog age', async () => (await readyz(httpPort)).reasons.backlog !== undefined, {
      timeoutMs: 10_000,
    });
    await start({ ...env, INMAIL_HTTP_PORT: '0' }, ['worker']);
    await waitFor('every mail processed', async () => (await processed()) === 20, { timeoutMs: 20_000 });
    await waitFor('ready again', async () => (await readyz(httpPort)).status === 200, { timeoutMs: 10_000 });
    expect(await count(`SELECT count(*)::int AS n FROM bounce_event`)).toBe(20);
  });

  it('enqueues the mails it acknowledged while Redis was down as soon as Redis is back, without the sweep', async () => {
    await freshDb();
    const own = await startOwnRedis();
    try {
      const env = await baseEnv(own.url);
      const port = Number(env.INMAIL_SMTP_PORT);
      // No scheduler, and a sweep that would wait ten minutes: only the intake's retry can do it.
      const d = await start(env, ['smtp', 'worker'], 'queue:\n  stuckAfterSeconds: 600\n');
      await own.kill();
      await sendMany(port, 'redisdown', 5);
      expect(await processed()).toBe(0);
      await own.start();
      await waitFor('every mail processed', async () => (await processed()) === 5, { timeoutMs: 20_000 });
      expect(d.logs.some((l) => l.includes('mails whose enqueue had failed are enqueued'))).toBe(true);
    } finally {
      await own.stop();
    }
  });

  it('leaves a mail pending, and says so, when its last attempt fails while Postgres is down; the sweep processes it', async () => {
    await freshDb();
    const env = await baseEnv(REDIS_URL);
    const port = Number(env.INMAIL_SMTP_PORT);
    await start(env, ['smtp', 'scheduler'], 'queue:\n  attempts: 1\n');
    // The worker reaches Postgres through a proxy, cut for the outage.
    const u = new URL(db.url);
    proxy = await startProxy(u.hostname, Number(u.port || 5432));
    u.port = String(proxy.port);
    const worker = await start({ ...env, INMAIL_DATABASE_URL: u.toString() }, ['worker'], 'queue:\n  attempts: 1\n');
    await proxy.cut();
    await sendMany(port, 'pgdown', 3);
    await worker.waitForLog(/could not be marked failed; it stays pending and the sweep will retry it/, 15_000);
    expect(await count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'pending'`)).toBe(3);
    await proxy.restore();
    await waitFor('the sweep had them processed', async () => (await processed()) === 3, { timeoutMs: 30_000 });
    expect(worker.logs.some((l) => l.includes('kept as failed'))).toBe(false);
    expect(await count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'failed'`)).toBe(0);
  });
});
