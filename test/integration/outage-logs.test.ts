// What a Redis outage shows to the outside: /readyz names the dependency and
// nothing else (no address, no raw error), and every line the daemon writes is
// JSON through pino, however many reconnect errors the outage causes.
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
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  const redisUrl = new URL(REDIS_URL);
  redisProxy = await startProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
  smtpPort = await freePort();
  httpPort = await freePort();
  daemon = await spawnDaemon({
    env: {
      INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`, INMAIL_QUEUE_PREFIX: prefix,
      INMAIL_SMTP_HOST: '127.0.0.1', INMAIL_SMTP_PORT: String(smtpPort), INMAIL_HTTP_PORT: String(httpPort), INMAIL_BOUNCE_DOMAINS: DOMAIN,
      INMAIL_LOG_LEVEL: 'info',
    },
    configYaml: 'queue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\n  lockSeconds: 5\n',
  });
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  await daemon?.stop('SIGKILL');
  await redisProxy?.close();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

const readyz = async () => {
  const r = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
  return { status: r.status, text: await r.text() };
};

describe('a Redis outage', () => {
  it('shows /readyz the dependency by name only, and writes only JSON lines', async () => {
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
    expect(JSON.parse(during.text)).toEqual({ ready: false, reasons: { redis: 'unreachable' } });
    expect(during.text).not.toMatch(/127\.0\.0\.1|ECONN|\d{4,5}|Error/);
    await waitFor('ready again', async () => (await readyz()).status === 200);
    await waitFor('the mail of the outage processed', async () =>
      (await db.pool.query(`SELECT 1 FROM address WHERE address_key = 'during-outage@example.org'`)).rowCount === 1,
    { timeoutMs: 40_000 });
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
});
