// Backpressure: past queue.maxBacklog pending mails, the listener answers
// 451 4.3.2 (the sender retries later) and counts it; once the workers have
// drained the backlog, mail is accepted again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
const CONFIG = 'queue:\n  maxBacklog: 2\n  backlogRefreshMs: 50\nhttp:\n  host: 127.0.0.1\n';
let db: TestDb;
let prefix: string;
let env: Record<string, string>;
const running: RunningDaemon[] = [];
let smtpPort: number;
let httpPort: number;
let n = 0;

const send = () => sendRaw(smtpPort, [`b@${DOMAIN}`], buildDsn({ recipients: [{ address: `bp${n++}@example.com`, status: '5.1.1' }] }));
const pending = async () =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'pending'`)).rows[0]?.n ?? 0;

async function start(roles: string[], extra: Record<string, string> = {}): Promise<RunningDaemon> {
  const d = await spawnDaemon({ env: { ...env, ...extra }, roles, configYaml: CONFIG });
  running.push(d);
  await d.waitForLog(/"msg":"inmail started"/);
  return d;
}

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  smtpPort = await freePort();
  httpPort = await freePort();
  env = {
    INMAIL_DATABASE_URL: db.url,
    INMAIL_REDIS_URL: REDIS_URL,
    INMAIL_QUEUE_PREFIX: prefix,
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: String(smtpPort),
    INMAIL_BOUNCE_DOMAINS: DOMAIN,
  };
});

afterAll(async () => {
  for (const d of running) await d.stop('SIGKILL');
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

describe('backpressure', () => {
  it('answers 451 4.3.2 once the backlog passes its bound, counts it, and accepts again after the drain', async () => {
    // No worker yet: every accepted mail stays pending.
    await start(['smtp'], { INMAIL_HTTP_PORT: String(httpPort) });
    for (let i = 0; i < 3; i++) expect((await send()).code).toBe(250);

    const deferred = await waitFor('a 451 once the backlog is seen above 2', async () => {
      const r = await send();
      return r.code === 451 ? r : null;
    });
    expect(deferred.ok).toBe(false);
    expect(deferred.response).toMatch(/^451 4\.3\.2 /);
    const stored = await pending();
    expect((await send()).code).toBe(451);
    expect(await pending()).toBe(stored);

    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(Number(/^inmail_backpressure_deferrals_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/^inmail_mails_received_total\{intake="smtp",result="deferred",reason="backlog"\} [1-9]/m);
    expect(Number(/^inmail_backlog_mails (\d+)$/m.exec(metrics)?.[1])).toBe(stored);

    await start(['worker']);
    await waitFor('the backlog drained', async () => (await pending()) === 0);
    const accepted = await waitFor('mail accepted again', async () => {
      const r = await send();
      return r.code === 250 ? r : null;
    });
    expect(accepted.ok).toBe(true);
  });
});
