// The built daemon reading a bounce mailbox and a feedback-loop mailbox from a
// real Dovecot: addresses change state, and a kill -9 while draining a backlog
// neither loses a mail nor counts one twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { DOVECOT_PASSWORD, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';
import { arf, dsn } from './imap-mails.js';

let db: TestDb;
let prefix: string;
let dovecot: Dovecot;
let imap: ImapFlow;
const daemons: RunningDaemon[] = [];

const box = (name: string, kind: 'bounce' | 'feedback') => `
    - name: ${name}
      host: 127.0.0.1
      port: ${dovecot.port}
      tls: none
      user: ${name}
      password: ${DOVECOT_PASSWORD}
      after: move:Processed
      kind: ${kind}`;

async function startDaemon(): Promise<RunningDaemon> {
  const d = await spawnDaemon({
    roles: ['imap', 'worker', 'scheduler'],
    env: { INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix },
    // Short job locks and sweeps: the job of a mail stored just before the kill comes back soon.
    configYaml: `queue:\n  lockSeconds: 5\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\nimap:\n  batchSize: 5\n  leaseSeconds: 2\n  mailboxes:${box('bounces', 'bounce')}${box('fbl', 'feedback')}\n`,
  });
  daemons.push(d);
  await d.waitForLog(/"msg":"inmail started"/);
  return d;
}

async function append(user: string, mails: string[]): Promise<void> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    logger: false,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
    auth: { user, pass: DOVECOT_PASSWORD },
  });
  await c.connect();
  for (const m of mails) await c.append('INBOX', m);
  await c.logout();
}

async function addresses(like: string) {
  const r = await db.pool.query<{ address_key: string; status: string; error_count: number }>(
    'SELECT address_key, status, error_count FROM address WHERE address_key LIKE $1 ORDER BY address_key',
    [like],
  );
  return r.rows;
}

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  dovecot = await startDovecot();
  imap = await connectTestClient();
});

afterAll(async () => {
  if (process.env.INMAIL_TEST_DEBUG) console.log(daemons.flatMap((d) => d.logs).join('\n'));
  for (const d of daemons) await d.stop('SIGKILL');
  imap?.close();
  await dovecot?.stop();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

/** The test's own client to the bounces mailbox; reconnected if it timed out while idle. */
async function connectTestClient(): Promise<ImapFlow> {
  const c = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    logger: false,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
    auth: { user: 'bounces', pass: DOVECOT_PASSWORD },
  });
  c.on('error', () => undefined); // seen as !usable below
  await c.connect();
  return c;
}

const inbox = async (): Promise<number> => {
  if (!imap.usable) imap = await connectTestClient();
  const s = await imap.status('INBOX', { messages: true });
  return s ? (s.messages ?? -1) : -1;
};

describe('the daemon with IMAP mailboxes', () => {
  it('quarantines the recipient of a DSN and denylists the complainant of an ARF report read from IMAP', async () => {
    await append('bounces', [dsn('gone@example.com')]);
    await append('fbl', [arf('angry@example.com')]);
    const daemon = await startDaemon();
    const rows = await waitFor('both addresses changed', async () => {
      const r = await addresses('%@example.com');
      return r.length === 2 && r.every((a) => a.status !== 'valid') ? r : null;
    });
    expect(rows).toEqual([
      { address_key: 'angry@example.com', status: 'denylisted', error_count: expect.any(Number) },
      { address_key: 'gone@example.com', status: 'quarantined', error_count: 1 },
    ]);
    await waitFor('the inbox emptied', async () => (await inbox()) === 0);
    expect(await daemon.stop('SIGTERM')).toBe(0);
  });

  it('a daemon killed with SIGKILL while draining a backlog, once restarted, stores and counts each mail once', async () => {
    const n = 30;
    await append(
      'bounces',
      Array.from({ length: n }, (_, i) => dsn(`k${i}@backlog.example`)),
    );
    const first = await startDaemon();
    await first.waitForLog(/"mailbox":"bounces".*"msg":"mail stored"/);
    await first.stop('SIGKILL');

    await startDaemon(); // waits out the dead daemon's lease (2 s), then takes the rest
    const rows = await waitFor(
      'every backlog address quarantined',
      async () => {
        const r = await addresses('%@backlog.example');
        return r.length === n && r.every((a) => a.status === 'quarantined') ? r : null;
      },
      { timeoutMs: 40_000 },
    );
    expect(rows.every((a) => a.error_count === 1)).toBe(true);
    await waitFor('the inbox emptied', async () => (await inbox()) === 0);
    const stored = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM raw_mail WHERE source_ref LIKE 'bounce:bounces:%' AND state <> 'duplicate'`,
    );
    expect(stored.rows[0]?.n).toBe(n + 1); // + the DSN of the first test
  });
});
