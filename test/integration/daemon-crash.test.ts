// No acknowledged mail is lost when a worker is killed with -9 mid-batch, and a
// SIGTERM drains the work in flight before the process exits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
let prefix: string;
let env: Record<string, string>;
const running: RunningDaemon[] = [];
const CONFIG = 'queue:\n  concurrency: 4\n  lockSeconds: 2\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 5\n';

async function start(roles: string[]): Promise<RunningDaemon> {
  const d = await spawnDaemon({ env, roles, configYaml: CONFIG });
  running.push(d);
  await d.waitForLog(/"msg":"inmail started"/);
  return d;
}

const count = async (sql: string) => (await db.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  env = {
    INMAIL_DATABASE_URL: db.url,
    INMAIL_REDIS_URL: REDIS_URL,
    INMAIL_QUEUE_PREFIX: prefix,
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: String(await freePort()),
    INMAIL_BOUNCE_DOMAINS: DOMAIN,
  };
});

afterAll(async () => {
  for (const d of running) await d.stop('SIGKILL');
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

describe('crashes and shutdown', () => {
  it('processes every acknowledged mail after the worker is killed with -9 in the middle of a batch', async () => {
    const intake = await start(['smtp', 'scheduler']);
    let worker = await start(['worker']);
    const port = Number(env.INMAIL_SMTP_PORT);
    const total = 60;
    // Four concurrent clients, as a sending MTA would open them.
    const sends = Promise.all(
      [0, 1, 2, 3].map(async (client) => {
        const out = [];
        for (let i = client; i < total; i += 4) {
          const dsn = buildDsn({
            recipients: [{ address: `crash${i}@example.com`, status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }],
          });
          out.push(await sendRaw(port, [`b@${DOMAIN}`], dsn));
        }
        return out;
      }),
    );
    // Kill the worker while mails are still arriving and being processed.
    await waitFor(
      'a few mails processed',
      async () => (await count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'processed'`)) >= 5,
    );
    await worker.stop('SIGKILL');
    const results = (await sends).flat();
    expect(results.map((r) => r.code)).toEqual(Array(total).fill(250));
    const beforeRestart = await count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'processed'`);
    expect(beforeRestart).toBeLessThan(total);

    worker = await start(['worker']);
    await waitFor(
      'every acknowledged mail processed',
      async () => (await count(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'processed'`)) === total,
      {
        timeoutMs: 45_000,
      },
    );
    expect(await count(`SELECT count(*)::int AS n FROM address WHERE status = 'quarantined' AND error_count = 1`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS n FROM bounce_event`)).toBe(total);
    await worker.stop('SIGKILL');
    await intake.stop('SIGKILL');
  });

  it('drains on SIGTERM: the listener stops, the jobs in flight finish, the process exits 0', async () => {
    const d = await start(['all']);
    const port = Number(env.INMAIL_SMTP_PORT);
    const sent = await sendRaw(port, [`b@${DOMAIN}`], buildDsn({ recipients: [{ address: 'drain@example.com', status: '5.1.1' }] }));
    expect(sent.code).toBe(250);
    const code = await d.stop('SIGTERM');
    expect(code).toBe(0);
    expect(d.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    const refused = await sendRaw(port, [`b@${DOMAIN}`], buildDsn({ recipients: [{ address: 'late@example.com', status: '5.1.1' }] }));
    expect(refused.ok).toBe(false);
    // What was acknowledged before the signal is durable, processed now or by the next start.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM raw_mail r WHERE r.rcpt_to = '{b@bounces.test}' AND position('drain@example.com' in convert_from(r.body, 'UTF8')) > 0`,
      ),
    ).toBe(1);
  });
});
