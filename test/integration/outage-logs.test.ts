// What a Redis or Postgres outage shows to the outside: /readyz names the
// dependency and nothing else (no address, no raw error), and every line the
// daemon writes is JSON through pino, however many reconnect errors the outage causes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
let prefix: string;
let redisProxy: TcpProxy;
let pgProxy: TcpProxy;
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  const redisUrl = new URL(REDIS_URL);
  redisProxy = await startProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
  pgProxy = await startProxy('127.0.0.1', 5432);
  const viaProxy = new URL(db.url);
  viaProxy.port = String(pgProxy.port);
  smtpPort = await freePort();
  httpPort = await freePort();
  daemon = await spawnDaemon({
    env: {
      INMAIL_DATABASE_URL: viaProxy.toString(),
      INMAIL_REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
      INMAIL_QUEUE_PREFIX: prefix,
      INMAIL_SMTP_HOST: '127.0.0.1',
      INMAIL_SMTP_PORT: String(smtpPort),
      INMAIL_HTTP_PORT: String(httpPort),
      INMAIL_BOUNCE_DOMAINS: DOMAIN,
      INMAIL_LOG_LEVEL: 'info',
    },
    configYaml: 'queue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\n  lockSeconds: 5\n',
  });
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (process.env.INMAIL_TEST_DEBUG) console.log(daemon?.logs.join('\n'));
  await daemon?.stop('SIGKILL');
  await redisProxy?.close();
  await pgProxy?.close();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

const readyz = async () => {
  const r = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
  return { status: r.status, text: await r.text() };
};

describe('outages', () => {
  it('of Redis: /readyz names the dependency only, and only JSON lines are written', async () => {
    await redisProxy.cut();
    let during: { status: number; text: string };
    try {
      const dsn = buildDsn({ recipients: [{ address: 'during-outage@example.org', status: '5.1.1' }] });
      expect((await sendRaw(smtpPort, [`b@${DOMAIN}`], dsn)).code).toBe(250);
      during = await waitFor('readyz to report Redis', async () => {
        const r = await readyz();
        return r.status === 503 ? r : null;
      });
      // Long enough for the clients' reconnect loops to fail many times.
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      await redisProxy.restore();
    }
    // Redis by name; what depends on it (the scheduler's check) may be named too, never with more than a short reason.
    const body = JSON.parse(during.text) as { ready: boolean; reasons: Record<string, string> };
    expect(body).toMatchObject({ ready: false, reasons: { redis: 'unreachable' } });
    for (const reason of Object.values(body.reasons)) expect(reason).toMatch(/^(unreachable|no answer|missing|too old)$/);
    expect(during.text).not.toMatch(/127\.0\.0\.1|ECONN|\d{4,5}|Error/);
    await waitFor('ready again', async () => (await readyz()).status === 200);
    // Processing after the outage is the end-to-end test's; here, the reconnections are what matter.
    await daemon.waitForLog(/ready again: redis/);
    // Details go to the log, once per change, not once per probe.
    expect(daemon.logs.some((l) => /"check":"redis"/.test(l))).toBe(true);
    const notJson = daemon.logs.filter((l) => {
      try {
        return typeof JSON.parse(l) !== 'object';
      } catch {
        return true;
      }
    });
    console.log(`daemon lines: ${daemon.logs.length}, not JSON: ${notJson.length}`, notJson.slice(0, 12).join('\n'));
    expect(notJson).toEqual([]);
  });

  it('of Postgres: /readyz names it only, no mail is acknowledged, and only JSON lines are written', async () => {
    const before = daemon.logs.length;
    await pgProxy.cut();
    let during: { status: number; text: string };
    try {
      const dsn = buildDsn({ recipients: [{ address: 'pg-outage@example.org', status: '5.1.1' }] });
      // Never acknowledged while Postgres is away (451, or the session ends before a reply).
      expect((await sendRaw(smtpPort, [`b@${DOMAIN}`], dsn)).code).not.toBe(250);
      during = await waitFor('readyz to report Postgres', async () => {
        const r = await readyz();
        return r.status === 503 ? r : null;
      });
      await new Promise((r) => setTimeout(r, 3000));
    } finally {
      await pgProxy.restore();
    }
    const body = JSON.parse(during.text) as { ready: boolean; reasons: Record<string, string> };
    expect(body.reasons.postgres).toBe('unreachable');
    expect(during.text).not.toMatch(/127\.0\.0\.1|ECONN|\d{4,5}|Error|inmail_t_/);
    await waitFor('ready again', async () => (await readyz()).status === 200);
    const lines = daemon.logs.slice(before);
    expect(lines.some((l) => /"check":"postgres"/.test(l))).toBe(true);
    expect(
      lines.filter((l) => {
        try {
          return typeof JSON.parse(l) !== 'object';
        } catch {
          return true;
        }
      }),
    ).toEqual([]);
  });
});
