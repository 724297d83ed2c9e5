// The daemon end to end, as an operator runs it: the built CLI in a child
// process, real SMTP from a real client, real Postgres and Redis. Outages are
// made real by cutting a TCP proxy that stands between the daemon and the service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { freePort, runCli, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
const BOUNCE_TO = [`b+1234@${DOMAIN}`];
let db: TestDb;
let prefix: string;
let pgProxy: TcpProxy;
let redisProxy: TcpProxy;
let daemon: RunningDaemon;
let smtpPort: number;
let env: Record<string, string>;

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

async function addressRow(address: string) {
  const r = await db.pool.query<{ status: string; error_count: number; reason: string | null }>(
    'SELECT status, error_count, reason FROM address WHERE channel = $1 AND address_key = lower($2)',
    ['email', address],
  );
  return r.rows[0] ?? null;
}

const countRaw = async (where = 'true') =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_mail WHERE ${where}`)).rows[0]?.n ?? 0;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  pgProxy = await startProxy('127.0.0.1', 5432);
  const redisUrl = new URL(REDIS_URL);
  redisProxy = await startProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
  smtpPort = await freePort();
  const viaProxy = new URL(db.url);
  viaProxy.port = String(pgProxy.port);
  env = {
    INMAIL_DATABASE_URL: viaProxy.toString(),
    INMAIL_REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    INMAIL_QUEUE_PREFIX: prefix,
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: String(smtpPort),
    INMAIL_BOUNCE_DOMAINS: DOMAIN,
  };
  daemon = await spawnDaemon({
    env,
    configYaml: 'queue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\n  lockSeconds: 5\nsmtp:\n  maxMessageBytes: 65536\n',
  });
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (process.env.INMAIL_TEST_DEBUG) console.log(daemon?.logs.join('\n'));
  await daemon?.stop('SIGKILL');
  await pgProxy?.close();
  await redisProxy?.close();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

describe('the daemon end to end', () => {
  it('quarantines an address whose DSN says the user is unknown', async () => {
    const dsn = buildDsn({
      recipients: [
        {
          address: 'Kijitora@Example.JP',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <kijitora@example.jp>... User Unknown',
          remoteMta: 'mx.example.jp',
        },
      ],
    });
    const sent = await sendRaw(smtpPort, BOUNCE_TO, dsn);
    expect(sent).toMatchObject({ ok: true, code: 250 });
    const row = await waitFor('the address to be quarantined', async () => {
      const a = await addressRow('kijitora@example.jp');
      return a?.status === 'quarantined' ? a : null;
    });
    expect(row).toMatchObject({ error_count: 1, reason: 'userunknown' });

    const show = await runCli(['quarantine', 'show', 'KIJITORA@example.jp', '--json'], { INMAIL_DATABASE_URL: db.url });
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      channel: 'email',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      failureReason: 1,
      errorCount: 1,
    });
    expect(shown.history).toEqual([expect.objectContaining({ from: 'valid', to: 'quarantined', by: 'bounce' })]);
  });

  it('quarantines an address after five soft bounces days apart, not before', async () => {
    const address = 'full@example.org';
    for (const [i, d] of [9, 7, 5, 3, 1].entries()) {
      const dsn = buildDsn({ date: daysAgo(d), recipients: [{ address, status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' }] });
      expect((await sendRaw(smtpPort, BOUNCE_TO, dsn)).code).toBe(250);
      const row = await waitFor(`error ${i + 1}`, async () => {
        const a = await addressRow(address);
        return a && a.error_count === i + 1 ? a : null;
      });
      expect(row.status).toBe(i < 4 ? 'erroneous' : 'quarantined');
    }
  });

  it('answers a relay attempt with 550 5.7.1', async () => {
    const sent = await sendRaw(
      smtpPort,
      ['someone@elsewhere.example'],
      buildDsn({ recipients: [{ address: 'x@example.org', status: '5.1.1' }] }),
    );
    expect(sent.ok).toBe(false);
    expect(sent.code).toBe(550);
    expect(sent.response).toMatch(/5\.7\.1.*relay not permitted/);
  });

  it('refuses a message over the size limit with 552 and keeps nothing of it', async () => {
    const before = await countRaw();
    const big = buildDsn({ recipients: [{ address: 'big@example.com', status: '5.1.1' }] }).replace(
      'This is a MIME-encapsulated message.',
      'x'.repeat(70_000),
    );
    const sent = await sendRaw(smtpPort, BOUNCE_TO, big);
    expect(sent.ok).toBe(false);
    expect(sent.code).toBe(552);
    expect(sent.response).toMatch(/too big/i);
    expect(await countRaw()).toBe(before);
  });

  it('refuses MIME nested deeper than the limit with 554 5.6.0, keeps nothing of it and counts it', async () => {
    const before = await countRaw();
    let body = 'Content-Type: text/plain\r\n\r\nleaf\r\n';
    for (let i = 0; i < 13; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
    const sent = await sendRaw(
      smtpPort,
      BOUNCE_TO,
      `From: MAILER-DAEMON@mx.example.org\r\nSubject: nested\r\nMIME-Version: 1.0\r\n${body}`,
    );
    expect(sent.code).toBe(554);
    expect(sent.response).toMatch(/5\.6\.0 MIME parts nested too deep \(limit 12 levels\)/);
    expect(await countRaw()).toBe(before);
    expect(await daemon.waitForLog(/"limit":"mime-depth".*"msg":"refused: 5\.6\.0/)).toBeTruthy();
    const started = JSON.parse(await daemon.waitForLog(/"msg":"inmail started"/)) as { httpPort: number };
    const metrics = await fetch(`http://127.0.0.1:${started.httpPort}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/inmail_mails_received_total\{intake="smtp",result="refused",reason="mime-depth"\} 1/);
  });

  it('counts the same mail delivered twice once', async () => {
    const dsn = buildDsn({ recipients: [{ address: 'twice@example.net', status: '5.1.1', diagnostic: '550 5.1.1 No such user' }] });
    expect((await sendRaw(smtpPort, BOUNCE_TO, dsn)).code).toBe(250);
    expect((await sendRaw(smtpPort, BOUNCE_TO, dsn)).code).toBe(250);
    await waitFor(
      'both copies handled',
      async () => (await countRaw(`state = 'duplicate'`)) >= 1 && (await addressRow('twice@example.net'))?.status === 'quarantined',
    );
    expect((await addressRow('twice@example.net'))?.error_count).toBe(1);
    const stats = await runCli(['stats', '--json'], { INMAIL_DATABASE_URL: db.url });
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as { mails: Record<string, number>; addresses: Record<string, number> };
    expect(Object.keys(parsed.mails)).toEqual(['received', 'processed', 'pending', 'failed']);
    expect(parsed.addresses.quarantined).toBeGreaterThanOrEqual(3);
  });

  it('answers 451 and keeps nothing while Postgres is unreachable', async () => {
    const before = await countRaw();
    await pgProxy.cut();
    try {
      const dsn = buildDsn({ recipients: [{ address: 'pgdown@example.com', status: '5.1.1' }] });
      const sent = await sendRaw(smtpPort, BOUNCE_TO, dsn);
      expect(sent.ok).toBe(false);
      expect(sent.code).toBe(451);
      expect(sent.response).toMatch(/4\.3\.0/);
    } finally {
      await pgProxy.restore();
    }
    expect(await countRaw()).toBe(before);
    // Once Postgres is back, the sender's retry is accepted and processed.
    const retry = await sendRaw(smtpPort, BOUNCE_TO, buildDsn({ recipients: [{ address: 'pgdown@example.com', status: '5.1.1' }] }));
    expect(retry.code).toBe(250);
    await waitFor('the retried mail to quarantine', async () => (await addressRow('pgdown@example.com'))?.status === 'quarantined');
  });

  it('acknowledges mail while Redis is down and processes it once Redis is back (the intake retries the enqueue)', async () => {
    await redisProxy.cut();
    try {
      const sent = await sendRaw(smtpPort, BOUNCE_TO, buildDsn({ recipients: [{ address: 'redisdown@example.com', status: '5.1.1' }] }));
      expect(sent.code).toBe(250);
      // Still cut: the enqueue after the 250 (up to queue.jobLingerMs later) must meet the outage.
      await daemon.waitForLog(/enqueue failed; retried every second/);
    } finally {
      await redisProxy.restore();
    }
    await waitFor('the swept mail to quarantine', async () => (await addressRow('redisdown@example.com'))?.status === 'quarantined', {
      timeoutMs: 40_000,
    });
  });

  it('exits 3 naming Postgres when it cannot be reached', async () => {
    const r = await runCli(['stats'], { INMAIL_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Postgres cannot be reached at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing/);
  });

  it('exits 1 for an address never seen and 2 for a bad config value', async () => {
    expect((await runCli(['quarantine', 'show', 'never@example.com'], { INMAIL_DATABASE_URL: db.url })).code).toBe(1);
    const bad = await runCli(['stats'], { INMAIL_DATABASE_URL: db.url, INMAIL_SMTP_PORT: 'twenty-five' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/smtp\.port \(INMAIL_SMTP_PORT=twenty-five\)/);
  });
});
