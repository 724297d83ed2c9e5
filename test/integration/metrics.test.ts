// Metrics and health of a running daemon, scraped as Prometheus would; readiness
// turns 503 with its reason when Postgres is cut away behind a TCP proxy.
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import { freePort, runCli, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { sendRaw } from '../helpers/smtp-client.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
let prefix: string;
let pgProxy: TcpProxy;
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;

const get = async (path: string) => {
  const r = await fetch(`http://127.0.0.1:${httpPort}${path}`);
  return { status: r.status, text: await r.text() };
};

/** The value of one sample of the exposition text, e.g. `inmail_mails_received_total{intake="smtp",result="accepted",reason=""}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1] ?? '', x[2] ?? ''] as const));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return null;
}

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  pgProxy = await startProxy('127.0.0.1', 5432);
  smtpPort = await freePort();
  httpPort = await freePort();
  const viaProxy = new URL(db.url);
  viaProxy.port = String(pgProxy.port);
  daemon = await spawnDaemon({
    env: {
      INMAIL_DATABASE_URL: viaProxy.toString(),
      INMAIL_REDIS_URL: REDIS_URL,
      INMAIL_QUEUE_PREFIX: prefix,
      INMAIL_SMTP_HOST: '127.0.0.1',
      INMAIL_SMTP_PORT: String(smtpPort),
      INMAIL_HTTP_PORT: String(httpPort),
      INMAIL_BOUNCE_DOMAINS: DOMAIN,
    },
    configYaml: 'http:\n  host: 127.0.0.1\n',
  });
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (process.env.INMAIL_TEST_DEBUG)
    console.log(
      daemon?.logs
        .filter((l) => !l.includes('"level":20'))
        .slice(-40)
        .join('\n'),
    );
  await daemon?.stop('SIGKILL');
  await pgProxy?.close();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

describe('metrics and health', () => {
  it('logs the HTTP port it serves metrics on', async () => {
    const line = await daemon.waitForLog(/HTTP metrics and health ready/);
    expect(JSON.parse(line)).toMatchObject({ port: httpPort });
  });

  it('is alive and ready when Postgres, Redis, the schema and the listener are', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200 });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, reasons: {} });
  });

  it('counts received mails, outcomes, events, transitions and latency once a mail is processed', async () => {
    const dsn = buildDsn({ recipients: [{ address: 'metrics@example.jp', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }] });
    expect((await sendRaw(smtpPort, [`b@${DOMAIN}`], dsn)).code).toBe(250);
    expect((await sendRaw(smtpPort, ['x@elsewhere.example'], dsn)).code).toBe(550);

    // A scrape reads the backlog gauges before the worker thread's counters: the one that
    // first shows the mail processed may have counted it pending a moment before its commit.
    const text = await waitFor('the mail to be counted as processed and gone from the backlog', async () => {
      const m = (await get('/metrics')).text;
      return (sample(m, 'inmail_mails_processed_total', { kind: 'bounce', outcome: 'processed' }) ?? 0) >= 1 &&
        sample(m, 'inmail_backlog_mails') === 0
        ? m
        : null;
    });
    expect(sample(text, 'inmail_mails_received_total', { intake: 'smtp', result: 'accepted' })).toBe(1);
    expect(sample(text, 'inmail_mails_received_total', { intake: 'smtp', result: 'refused', reason: 'relay' })).toBe(1);
    expect(sample(text, 'inmail_events_total', { kind: 'bounce', reason: 'userunknown', type: 'hard', outcome: 'applied' })).toBe(1);
    expect(sample(text, 'inmail_address_transitions_total', { from: 'valid', to: 'quarantined' })).toBe(1);
    expect(sample(text, 'inmail_processing_latency_seconds_count')).toBe(1);
    expect(sample(text, 'inmail_backlog_mails')).toBe(0);
    expect(sample(text, 'inmail_oldest_pending_age_seconds')).toBe(0);
    expect(sample(text, 'inmail_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'inmail_backpressure_deferrals_total')).toBe(0);
    // The standard names, so that stock Node.js dashboards find them.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
    // Where the memory is: the main thread's, and the worker thread's (one on a machine of more than one core).
    expect(sample(text, 'inmail_memory_bytes', { thread: 'main', area: 'heap_used' })).toBeGreaterThan(1e6);
    if (availableParallelism() > 1)
      expect(sample(text, 'inmail_memory_bytes', { thread: 'worker', area: 'heap_used' })).toBeGreaterThan(1e6);
    expect(text).not.toContain('inmail_process_');
    expect(sample(text, 'inmail_build_info', { version: '0.1.0', nodejs: process.version })).toBe(1);
    for (const name of ['inmail_parse_errors_total', 'inmail_rule_hits_total', 'inmail_service_errors_total']) {
      expect(text).toContain(`# HELP ${name} `);
    }
  });

  it('counts changes made from the CLI in inmail_address_transitions_total (through Postgres)', async () => {
    const before = sample((await get('/metrics')).text, 'inmail_address_transitions_total', { from: 'quarantined', to: 'valid' }) ?? 0;
    const r = await runCli(['quarantine', 'release', '--address', 'metrics@example.jp'], {
      INMAIL_DATABASE_URL: db.url,
      INMAIL_LOG_LEVEL: 'silent',
    });
    expect(r.code, r.stderr).toBe(0);
    const m = (await get('/metrics')).text;
    expect(sample(m, 'inmail_address_transitions_total', { from: 'quarantined', to: 'valid' })).toBe(before + 1);
    // The worker's own count of the same series is still there beside it.
    expect(sample(m, 'inmail_address_transitions_total', { from: 'valid', to: 'quarantined' })).toBe(1);
  });

  it('answers /readyz with 503 naming Postgres while Postgres is unreachable, and ready again once it is back', async () => {
    await pgProxy.cut();
    try {
      const r = await get('/readyz');
      expect(r.status).toBe(503);
      const body = JSON.parse(r.text) as { ready: boolean; reasons: Record<string, string> };
      expect(body.ready).toBe(false);
      // Postgres by name and a short reason only (the backlog check, which reads Postgres, may be named too).
      expect(body.reasons.postgres).toBe('unreachable');
      expect(Object.keys(body.reasons).filter((k) => k !== 'postgres' && k !== 'backlog')).toEqual([]);
      expect(r.text).not.toMatch(/127\.0\.0\.1|ECONN|Error/);
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      await pgProxy.restore();
    }
    await waitFor('ready again', async () => (await get('/readyz')).status === 200);
    const m = (await get('/metrics')).text;
    expect(sample(m, 'inmail_service_errors_total', { service: 'postgres', op: 'readiness' })).toBeGreaterThanOrEqual(1);
  });
});
