// npm run bench [-- --quick] [-- --json FILE] [-- --clients N] [-- --only store|e2e|backlog|imap|webhook|deliveries] [-- --soak]
// (--only runs one phase and prints its figures: for profiling with BENCH_PROF=1; with --only e2e,
// --arrangement one|api-apart lays the daemon's roles out as endToEnd says)
// A benchmark, not a test: it asserts nothing. It measures, in one run and on
// its own databases and queue prefix:
//   1. store-only: the bare limit, a listener that only INSERTs each mail before its 250;
//   2. end to end, as fast as the clients go: the built daemon (all roles), a
//      realistic mix over real SMTP sockets → every address state committed;
//   3. end to end paced at half that rate: latency from the 250 to the commit;
//      2 and 3 again with the api role in a process of its own (docs/api.md, autogroups),
//      paced at the same rate (BENCH_PACED_RATE=N: --only e2e paced at N/s);
//   4. backlog: N mails already stored and queued, drained by a worker process;
//   5. IMAP drain: 5,000 bounces in a local Dovecot folder taken by the imap role (imap-drain.ts).
//   6. webhook intake: SendGrid event batches posted to the daemon until all are processed.
//   7. delivery reports: JSON lines of attempts posted in batches, committed with every failed address's state checked.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import globalSetup from '../helpers/global-setup.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { freePort } from '../helpers/daemon.js';
import { enqueueMails, type MailJobData } from '../../src/jobs/queue.js';
import { CommitTracker, CpuMeter, RssSampler, drive, percentile } from './drive.js';
import { loadAddressesInThread, timeCheck, type LoadResult } from './api-load.js';
import { createToken } from '../../src/operations/tokens.js';
import { mailFactory, type BenchMail } from './mails.js';
import { imapDrain } from './imap-drain.js';
import { postSendgrid, sendgridBatches, sendgridKeys } from './webhook-load.js';
import { deliveriesBench } from './deliveries.js';

// Compiled to .bench/test/bench/: three levels up is the project.
const project = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(project, 'dist', 'cli', 'main.js');
const DOMAIN = 'bounces.bench';
const PROBE = process.env.BENCH_PROBE === '1' ? join(import.meta.dirname, 'probe.js') : null;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const jsonFile = flag('--json');
// --soak: only the soak (10 minutes at half the sustained rate; 2 with --quick).
const soakOnly = args.includes('--soak');
const clients = Number(flag('--clients') ?? 16);
const only = flag('--only');
if (only !== undefined && !['store', 'e2e', 'backlog', 'imap', 'webhook', 'deliveries'].includes(only)) {
  console.error(`--only: expected store, e2e, backlog, imap, webhook or deliveries, got ${only}`);
  process.exit(2);
}
const arrangementFlag = flag('--arrangement') ?? 'one';
if (arrangementFlag !== 'one' && arrangementFlag !== 'api-apart') {
  console.error(`--arrangement: expected one or api-apart, got ${arrangementFlag}`);
  process.exit(2);
}
const arrangement: Arrangement = arrangementFlag;
const size = quick
  ? { e2e: 4000, pacedSeconds: 8, backlog: 10_000, webhook: 10_000, deliveries: 50_000 }
  : { e2e: 20_000, pacedSeconds: 30, backlog: 100_000, webhook: 50_000, deliveries: 200_000 };
const logDir = mkdtempSync(join(tmpdir(), 'inmail-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

function generate(seed: number, n: number): BenchMail[] {
  const next = mailFactory(seed, { bounceDomain: DOMAIN, addresses: 50_000 });
  return Array.from({ length: n }, next);
}

async function waitLine(proc: ChildProcess, pattern: RegExp, file: string): Promise<void> {
  // The child writes to a file; poll it (cheap, seldom).
  const { readFileSync } = await import('node:fs');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`process exited ${proc.exitCode}: see ${file}`);
    if (pattern.test(readFileSync(file, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern} in ${file}`);
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

interface DaemonRun {
  proc: ChildProcess;
  smtpPort: number;
  httpPort: number;
  apiPort: number;
  logFile: string;
}

async function startDaemon(
  name: string,
  db: TestDb,
  prefix: string,
  roles: string[],
  extraEnv: Record<string, string> = {},
  session: { ownSession?: boolean; config?: string } = {},
): Promise<DaemonRun> {
  const smtpPort = await freePort();
  const httpPort = await freePort();
  const apiPort = await freePort();
  const logFile = join(logDir, `${name}.log`);
  const configFile = join(logDir, `${name}.yaml`);
  // Client limits raised: the load comes from one address. Everything else is the default an operator gets.
  writeFileSync(
    configFile,
    'smtp:\n  maxConnectionsPerClient: 1000\n  maxMessagesPerMinutePerClient: 100000000\n' +
      (session.config ?? process.env.BENCH_EXTRA_CONFIG ?? ''),
  );
  const fd = openSync(logFile, 'w');
  // BENCH_PROF=1: a CPU profile per thread in the log directory; BENCH_NODE_ARGS: other node flags (--heap-prof, ...).
  // BENCH_PROBE=1: probe.ts in the daemon (event-loop delay, pool wait, query time during the API load).
  // The daemon started as the image (NODE_OPTIONS) and the `inmail` command start it: the main thread's young generation.
  const nodeArgs = [
    '--max-semi-space-size=4',
    ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${logDir}`] : []),
    ...(PROBE ? ['--import', PROBE] : []),
    ...(process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  ];
  const proc = spawn(process.execPath, [...nodeArgs, CLI, 'start', '--role', ...roles], {
    env: {
      PATH: process.env.PATH ?? '',
      INMAIL_CONFIG: configFile,
      INMAIL_DATABASE_URL: db.url,
      INMAIL_REDIS_URL: REDIS_URL,
      INMAIL_QUEUE_PREFIX: prefix,
      INMAIL_SMTP_HOST: '127.0.0.1',
      INMAIL_SMTP_PORT: String(smtpPort),
      INMAIL_HTTP_PORT: String(httpPort),
      INMAIL_API_HOST: '127.0.0.1',
      INMAIL_API_PORT: String(apiPort),
      INMAIL_BOUNCE_DOMAINS: DOMAIN,
      INMAIL_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...(PROBE ? { BENCH_PROBE_FILE: join(logDir, `${name}.probe.jsonl`) } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', fd, fd],
    detached: session.ownSession ?? false,
  });
  // Ready when /readyz says so (whatever the log level); on a machine shared with other work start-up took more than 30 s.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`daemon exited ${proc.exitCode}: see ${logFile}`);
    const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`daemon not ready after 120 s: see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, smtpPort, httpPort, apiPort, logFile };
}

/** With BENCH_PROBE=1: the daemon's figures since the last call (probe.ts), then a fresh start. */
async function probe(d: DaemonRun): Promise<unknown> {
  if (!PROBE) return null;
  const file = d.logFile.replace(/\.log$/, '.probe.jsonl');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  d.proc.kill('SIGUSR2');
  // The daemon appends synchronously in its signal handler; wait for the line.
  for (let i = 0; i < 200; i++) {
    const now = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (now.length > before.length) return JSON.parse(now.slice(before.length).trim()) as unknown;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no probe figures in ${file}`);
}

async function storeOnly(db: TestDb, mails: BenchMail[]) {
  const port = await freePort();
  const logFile = join(logDir, 'store-only.log');
  const fd = openSync(logFile, 'w');
  const proc = spawn(process.execPath, [join(import.meta.dirname, 'store-only.js'), db.url, String(port)], { stdio: ['ignore', fd, fd] });
  await waitLine(proc, /listening/, logFile);
  const rss = new RssSampler(proc.pid ?? 0);
  const cpu = new CpuMeter(proc.pid ?? 0, db.name);
  cpu.begin();
  const r = await drive({ port, clients, mails });
  const cpuPerMail = cpu.perMail(r.accepted);
  rss.stop();
  await stop(proc);
  return { rate: r.accepted / r.seconds, ...r, peakRssMb: rss.peakMb, cpuPerMail };
}

/**
 * How the daemon's roles are laid out (docs/api.md, autogroups): `one`, every role in one
 * process in the bench's session; `api-apart`, as two services would run them: the api
 * role in a process of its own session, the smtp, scheduler and worker roles in another
 * at `queue.workerNice: 19`, which lowers that session's autogroup.
 */
type Arrangement = 'one' | 'api-apart';

async function endToEnd(
  db: TestDb,
  mails: BenchMail[],
  paced: BenchMail[],
  pacedSeconds: number,
  arrangement: Arrangement = 'one',
  pacedRate?: number,
) {
  const prefix = testPrefix();
  const apart = arrangement === 'api-apart';
  const d = apart
    ? await startDaemon('e2e', db, prefix, ['smtp', 'scheduler', 'worker'], {}, { ownSession: true, config: 'queue:\n  workerNice: 19\n' })
    : await startDaemon('e2e', db, prefix, ['all']);
  const a = apart
    ? await startDaemon('e2e-api', db, prefix, ['api'], {}, { ownSession: true }).catch(async (err: unknown) => {
        await stop(d.proc);
        throw err;
      })
    : null;
  const apiD = a ?? d;
  // Which autogroup (docs/api.md) the bench, the daemon's processes and its Postgres backends are in.
  const autogroupOf = (pid: number | undefined) => {
    try {
      return readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim();
    } catch {
      return null;
    }
  };
  const autogroups = async () => {
    const backends = (await db.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db.name])).rows;
    return {
      bench: autogroupOf(process.pid),
      daemon: autogroupOf(d.proc.pid),
      api: a ? autogroupOf(a.proc.pid) : null,
      postgresBackends: backends.length,
      postgresAutogroups: new Set(backends.map((b) => autogroupOf(b.pid))).size,
    };
  };
  const rss = new RssSampler(d.proc.pid ?? 0);
  const tracker = new CommitTracker(db.pool);
  tracker.start();
  const cpu = new CpuMeter(d.proc.pid ?? 0, db.name);
  try {
    cpu.begin();
    const t0 = performance.now();
    const sent = await drive({ port: d.smtpPort, clients, mails, onAccepted: (id, at) => tracker.accepted(id, at) });
    const sentAt = performance.now();
    await tracker.drained(300_000);
    const cpuPerMail = cpu.perMail(sent.accepted);
    const maxLat = [...tracker.latencies];
    const sustained = sent.accepted / ((tracker.lastCommitAt - t0) / 1000);
    const maxPhaseRss = rss.peakMb;
    const pacedFrom = performance.now();

    tracker.reset();
    const rate = pacedRate ?? (Number(process.env.BENCH_PACED_RATE ?? 0) || Math.max(10, Math.round(sustained / 2)));
    const pacedMails = paced.slice(0, rate * pacedSeconds);
    // The API's reads at 500 requests/s while the paced SMTP load runs (the sending side asking before each mail).
    const token = (await createToken(db.pool, 'read', 'bench')).token;
    const known = (await db.pool.query<{ address: string }>('SELECT address FROM address ORDER BY random() LIMIT 5000')).rows.map(
      (r) => r.address,
    );
    const askFor = known.flatMap((a, i) => [a, `nobody${i}@never.bench`]);
    // With the probe: the same reads first without SMTP load, for comparison.
    let idle: { api: LoadResult; probe: unknown } | null = null;
    if (PROBE) {
      await probe(apiD);
      const api = await loadAddressesInThread({
        port: apiD.apiPort,
        token,
        addresses: askFor,
        rate: 500,
        seconds: Math.max(5, pacedSeconds / 3),
      });
      idle = { api, probe: await probe(apiD) };
    }
    await probe(apiD);
    const [p, apiLoad, groups] = await Promise.all([
      drive({ port: d.smtpPort, clients, mails: pacedMails, rate, onAccepted: (id, at) => tracker.accepted(id, at) }),
      loadAddressesInThread({ port: apiD.apiPort, token, addresses: askFor, rate: 500, seconds: Math.max(5, pacedSeconds - 2) }),
      new Promise((r) => setTimeout(r, 2000)).then(autogroups),
    ]);
    const apiProbe = await probe(apiD);
    await tracker.drained(300_000);
    const checkFrom = performance.now();
    const lat = tracker.latencies;
    // Bulk check: every stored address, then made-up ones, to 100,000.
    const all = (await db.pool.query<{ address: string }>('SELECT address FROM address')).rows.map((r) => r.address);
    const list = [
      ...all.slice(0, 100_000),
      ...Array.from({ length: Math.max(0, 100_000 - all.length) }, (_, i) => `user${i}@unseen.bench`),
    ];
    const check = await timeCheck({ port: apiD.apiPort, token, addresses: list, runs: 5 });
    const metrics = await (await fetch(`http://127.0.0.1:${d.httpPort}/metrics`)).text();
    return {
      arrangement,
      autogroups: groups,
      sustained,
      intakeRate: sent.accepted / ((sentAt - t0) / 1000),
      accepted: sent.accepted,
      deferred: sent.deferred,
      errors: sent.errors + p.errors,
      lastError: sent.lastError ?? p.lastError,
      maxPhase: { p50: percentile(maxLat, 50), p99: percentile(maxLat, 99) },
      paced: { rate, mails: p.accepted, p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99) },
      peakRssMb: Math.max(maxPhaseRss, rss.peakMb),
      // Which part of the run the peak was in: full-speed intake, paced SMTP with the API's reads, the bulk checks.
      peakRssByPartMb: {
        fullSpeed: maxPhaseRss,
        pacedWithApi: rss.peakBetween(pacedFrom, checkFrom),
        bulkCheck: rss.peakBetween(checkFrom, Infinity),
      },
      cpuPerMail,
      api: apiLoad,
      ...(PROBE ? { apiProbe, apiIdle: idle } : {}),
      check: {
        addresses: list.length,
        known: Math.min(all.length, 100_000),
        blocked: check.blocked,
        ms: check.ms,
        median: percentile(check.ms, 50),
        best: Math.min(...check.ms),
      },
      processed: Number(/^inmail_mails_processed_total\{kind="bounce",outcome="processed"\} (\d+)/m.exec(metrics)?.[1] ?? 0),
      meanBatchMails:
        Number(/^inmail_worker_batch_mails_sum (\S+)/m.exec(metrics)?.[1] ?? 0) /
        Math.max(1, Number(/^inmail_worker_batch_mails_count (\S+)/m.exec(metrics)?.[1] ?? 1)),
    };
  } finally {
    tracker.stop();
    rss.stop();
    await stop(d.proc);
    if (a) await stop(a.proc);
    await dropPrefix(prefix);
  }
}

const BACKLOG_JOB_MAILS = 10;

/** Stores and enqueues `n` mails directly (as an intake would have), then times a worker process draining them. */
async function backlog(db: TestDb, n: number) {
  const prefix = testPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue<MailJobData>('mail', { connection: redis, prefix });
  const next = mailFactory(3, { bounceDomain: DOMAIN, addresses: 50_000 });
  for (let done = 0; done < n;) {
    const batch = Array.from({ length: Math.min(2000, n - done) }, next);
    const bodies = batch.map((m) => Buffer.from(m.body.toString('latin1').replace(/\r\n\.\./g, '\r\n.'), 'latin1'));
    const r = await db.pool.query<{ id: string; received_at: Date }>(
      // received_at cut to milliseconds, as storeRaw does: the worker's claim matches it as a JS Date.
      `INSERT INTO raw_mail (received_at, source, rcpt_to, sha256, size, body)
       SELECT date_trunc('milliseconds', now()), 'smtp', ARRAY[t], sha256(b), length(b), b
       FROM unnest($1::text[], $2::bytea[]) AS x(t, b) RETURNING id, received_at`,
      [batch.map((m) => m.to[0] ?? ''), bodies],
    );
    // Jobs of BACKLOG_JOB_MAILS ids: an SMTP intake under load stores and enqueues mails in batches of that order.
    const refs = r.rows.map((x) => ({ id: Number(x.id), receivedAt: x.received_at }));
    for (let i = 0; i < refs.length; i += BACKLOG_JOB_MAILS) await enqueueMails(queue, refs.slice(i, i + BACKLOG_JOB_MAILS), 5, 10_000);
    done += batch.length;
  }
  await queue.close();
  redis.disconnect();
  log(`  backlog of ${n} stored and queued`);

  const pending = async () =>
    Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM raw_mail WHERE state = 'pending'`)).rows[0]?.n ?? 0);
  const d = await startDaemon('backlog', db, prefix, ['worker']);
  const rss = new RssSampler(d.proc.pid ?? 0);
  const t0 = performance.now();
  try {
    let left = n;
    let movedAt = performance.now();
    // Gives up when nothing moved for 30 s (a stuck worker), rather than waiting forever.
    while (left > 0 && performance.now() - movedAt < 30_000) {
      // Once a second: counting a large backlog is work the database shares with the worker.
      await new Promise((r) => setTimeout(r, 1000));
      const now = await pending();
      if (now !== left) movedAt = performance.now();
      left = now;
    }
    const seconds = (performance.now() - t0) / 1000;
    const mid = t0 + (performance.now() - t0) / 2;
    return {
      rate: (n - left) / seconds,
      left,
      peakRssMb: rss.peakMb,
      firstHalfPeakMb: rss.peakBetween(t0, mid),
      secondHalfPeakMb: rss.peakBetween(mid, Infinity),
    };
  } finally {
    rss.stop();
    await stop(d.proc);
    await dropPrefix(prefix);
  }
}

const WEBHOOK_SENDERS = 4;

/** SendGrid event batches posted to the daemon (all roles) by a few senders, timed until every stored event is processed. */
async function webhookIntake(db: TestDb, events: number) {
  const prefix = testPrefix();
  const keys = sendgridKeys();
  const { bodies, stored } = sendgridBatches(6, events, 50_000);
  const d = await startDaemon('webhook', db, prefix, ['all'], { INMAIL_SENDGRID_VERIFICATION_KEY: keys.shown });
  const rss = new RssSampler(d.proc.pid ?? 0);
  const cpu = new CpuMeter(d.proc.pid ?? 0, db.name);
  try {
    cpu.begin();
    const r = await postSendgrid({
      base: `http://127.0.0.1:${d.apiPort}`,
      keys,
      bodies,
      senders: WEBHOOK_SENDERS,
      events,
      stored,
      pool: db.pool,
    });
    const cpuPerEvent = cpu.perMail(stored);
    const metrics = await (await fetch(`http://127.0.0.1:${d.httpPort}/metrics`)).text();
    const meanBatchEvents =
      Number(/^inmail_worker_batch_mails_sum (\S+)/m.exec(metrics)?.[1] ?? 0) /
      Math.max(1, Number(/^inmail_worker_batch_mails_count (\S+)/m.exec(metrics)?.[1] ?? 1));
    return { ...r, senders: WEBHOOK_SENDERS, peakRssMb: rss.peakMb, cpuPerEvent, meanBatchEvents };
  } finally {
    rss.stop();
    await stop(d.proc);
    await dropPrefix(prefix);
  }
}

const SOAK_SAMPLE_SECONDS = 30;

/** The daemon's memory by area (MB, main, API and worker threads added up), from inmail_memory_bytes; null when unread. */
interface MemoryAreas {
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

async function memoryAreas(httpPort: number): Promise<MemoryAreas | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const sum = (area: string) =>
      round(
        text
          .split('\n')
          .filter((l) => l.startsWith('inmail_memory_bytes{') && l.includes(`area="${area}"`))
          .reduce((a, l) => a + Number(l.split(' ').pop()), 0) /
          2 ** 20,
        1,
      );
    return {
      heapUsedMb: sum('heap_used'),
      heapTotalMb: sum('heap_total'),
      externalMb: sum('external'),
      arrayBuffersMb: sum('array_buffers'),
    };
  } catch {
    return null;
  }
}

/**
 * The soak: the daemon (all roles) fed at half its sustained rate for a long time,
 * its RSS, the backlog and the p99 latency read every 30 s, to show whether
 * memory or the backlog creep up. The sustained rate is measured first by a
 * short full-speed run; the mails are made as they are due.
 */
async function soak(db: TestDb, seconds: number) {
  const prefix = testPrefix();
  const d = await startDaemon('soak', db, prefix, ['all']);
  const rss = new RssSampler(d.proc.pid ?? 0, 1000);
  const tracker = new CommitTracker(db.pool);
  tracker.start();
  try {
    const burst = generate(4, 3000);
    const t0 = performance.now();
    const b = await drive({ port: d.smtpPort, clients, mails: burst, onAccepted: (id, at) => tracker.accepted(id, at) });
    await tracker.drained(300_000);
    const sustained = b.accepted / ((tracker.lastCommitAt - t0) / 1000);
    const rate = Math.max(10, Math.round(sustained / 2));
    tracker.reset();
    log(`  soak: sustained ${round(sustained)}/s, feeding ${rate}/s for ${seconds} s`);
    const next = mailFactory(5, { bounceDomain: DOMAIN, addresses: 50_000 });
    const total = rate * seconds;
    const samples: ({ at: number; rssMb: number; backlog: number; p99Ms: number } & Partial<MemoryAreas>)[] = [];
    const start = performance.now();
    let seen = 0;
    const sampler = setInterval(() => {
      void (async () => {
        const window = tracker.latencies.slice(seen);
        seen = tracker.latencies.length;
        const backlog = Number(
          (await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM raw_mail WHERE state = 'pending'`)).rows[0]?.n ?? 0,
        );
        rss.sample();
        // Heap against Buffers against the rest: growth of the heap is a leak, RSS alone is not.
        const areas = await memoryAreas(d.httpPort);
        const sample = {
          at: round((performance.now() - start) / 1000),
          rssMb: round(rss.samples.at(-1)?.mb ?? 0, 1),
          backlog,
          p99Ms: round(percentile(window, 99)),
          ...areas,
        };
        samples.push(sample);
        log(
          `  ${sample.at} s: RSS ${sample.rssMb} MB, backlog ${backlog}, p99 ${sample.p99Ms} ms` +
            (areas
              ? `; heap used/total ${areas.heapUsedMb}/${areas.heapTotalMb} MB, external ${areas.externalMb} MB, array buffers ${areas.arrayBuffersMb} MB`
              : ''),
        );
      })();
    }, SOAK_SAMPLE_SECONDS * 1000);
    const r = await drive({
      port: d.smtpPort,
      clients,
      mails: [],
      nextMail: (i) => (i < total ? next() : undefined),
      rate,
      onAccepted: (id, at) => tracker.accepted(id, at),
    });
    clearInterval(sampler);
    await tracker.drained(300_000);
    const rssValues = samples.map((x) => x.rssMb);
    return {
      sustained,
      rate,
      seconds,
      accepted: r.accepted,
      deferred: r.deferred,
      errors: r.errors,
      p99Ms: percentile(tracker.latencies, 99),
      peakRssMb: rss.peakMb,
      firstSampleRssMb: rssValues[0] ?? 0,
      lastSampleRssMb: rssValues.at(-1) ?? 0,
      maxBacklog: Math.max(0, ...samples.map((x) => x.backlog)),
      samples,
    };
  } finally {
    tracker.stop();
    rss.stop();
    await stop(d.proc);
    await dropPrefix(prefix);
  }
}

/** Delivery reports through a daemon of all roles (test/bench/deliveries.ts). */
async function deliveries(db: TestDb, n: number) {
  const prefix = testPrefix();
  const d = await startDaemon('deliveries', db, prefix, ['all']);
  try {
    const token = (await createToken(db.pool, 'intake', 'bench')).token;
    return await deliveriesBench(db, d.apiPort, token, n);
  } finally {
    await stop(d.proc);
    await dropPrefix(prefix);
  }
}

function printDeliveries(r: Awaited<ReturnType<typeof deliveries>>): void {
  console.log(
    `delivery reports: ${r.attempts} attempts (JSON lines, 10,000 a request): intake ${round(r.intakeRate)}/s, ` +
      `committed end to end ${round(r.endToEndRate)}/s (goal ≥ 20,000/s); ${r.expected.quarantined} quarantined and ` +
      `${r.expected.erroneous} erroneous expected, ${r.wrongStates} address(es) in a wrong state (goal 0); ` +
      `${r.counted} attempts in the MX counts (goal ${r.attempts}: each once)`,
  );
}

async function main() {
  await globalSetup();
  if (soakOnly) {
    const seconds = quick ? 120 : 600;
    log(
      `inmail bench --soak: ${seconds} s at half the sustained rate, RSS, backlog and p99 every ${SOAK_SAMPLE_SECONDS} s; logs in ${logDir}`,
    );
    const sdb = await createTestDb();
    try {
      const s = await soak(sdb, seconds);
      // Heap and external: main, API and worker threads added up (inmail_memory_bytes).
      console.log(`t (s)  RSS (MB)  heap used  heap total  external  backlog  p99 (ms)`);
      const cell = (v: number | undefined, w: number) => String(v ?? '-').padStart(w);
      for (const x of s.samples)
        console.log(
          `${cell(x.at, 5)}  ${cell(x.rssMb, 8)}  ${cell(x.heapUsedMb, 9)}  ${cell(x.heapTotalMb, 10)}  ${cell(x.externalMb, 8)}  ${cell(x.backlog, 7)}  ${cell(x.p99Ms, 8)}`,
        );
      console.log(
        `summary: soak ${s.seconds} s at ${s.rate}/s (half of ${round(s.sustained)}/s), ${s.accepted} mails, p99 ${round(s.p99Ms)} ms; ` +
          `RSS first/last sample ${s.firstSampleRssMb}/${s.lastSampleRssMb} MB, peak ${round(s.peakRssMb)} MB (goal < 300, flat); largest backlog ${s.maxBacklog}`,
      );
      if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ soak: s }, null, 2)}\n`);
    } finally {
      await sdb.drop();
    }
    return;
  }
  log(`inmail bench (${quick ? 'quick' : 'full'}): ${size.e2e} mails, ${clients} SMTP clients, logs in ${logDir}`);
  const mails = generate(1, size.e2e);
  const paced = generate(2, 2000 * size.pacedSeconds);
  const dbs: TestDb[] = [];
  const db = async () => {
    const d = await createTestDb();
    dbs.push(d);
    return d;
  };
  try {
    if (only === 'deliveries') {
      const r = await deliveries(await db(), size.deliveries);
      printDeliveries(r);
      if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ deliveries: r }, null, 2)}\n`);
      return;
    }
    if (only) {
      const figures =
        only === 'store'
          ? await storeOnly(await db(), mails)
          : only === 'e2e'
            ? await endToEnd(await db(), mails, paced, size.pacedSeconds, arrangement)
            : only === 'imap'
              ? await imapDrain(await db(), generate(3, 5000), CLI, logDir)
              : only === 'webhook'
                ? await webhookIntake(await db(), size.webhook)
                : await backlog(await db(), size.backlog);
      console.log(JSON.stringify({ only, ...figures }, null, 2));
      return;
    }
    log('1/6 store-only listener');
    const store = await storeOnly(await db(), mails);
    log(`  ${round(store.rate)} mails/s`);
    log('2/6 end to end');
    const e2e = await endToEnd(await db(), mails, paced, size.pacedSeconds);
    log(`  ${round(e2e.sustained)} mails/s sustained, p99 ${round(e2e.paced.p99)} ms at ${e2e.paced.rate}/s`);
    log(
      `  API p99 ${round(e2e.api.p99, 2)} ms at ${round(e2e.api.rate)} req/s (client loop delay p99 ${round(e2e.api.clientLoopDelayP99, 2)} ms); bulk check of ${e2e.check.addresses}: ${e2e.check.ms.map((x) => round(x)).join(', ')} ms`,
    );
    log('   the same, the api role in a session of its own and the others in one at queue.workerNice 19 (docs/api.md, autogroups)');
    const apart = await endToEnd(await db(), mails, paced, size.pacedSeconds, 'api-apart', e2e.paced.rate);
    log(
      `  ${round(apart.sustained)} mails/s sustained, p99 ${round(apart.paced.p99)} ms at ${apart.paced.rate}/s; API p99 ${round(apart.api.p99, 2)} ms`,
    );
    log('3/6 backlog');
    const drain = await backlog(await db(), size.backlog);
    log('4/6 IMAP drain');
    const imap = await imapDrain(await db(), generate(3, 5000), CLI, logDir);
    log(`  ${round(imap.rate)} mails/s (${round(imap.rateWithStartup)} with start-up)`);
    log('5/6 webhook intake (SendGrid batches)');
    const hook = await webhookIntake(await db(), size.webhook);
    log(`  ${round(hook.rate)} events/s end to end (${hook.events} events in ${hook.batches} batches, ${hook.stored} stored)`);
    log('6/6 delivery reports');
    const reports = await deliveries(await db(), size.deliveries);

    const ratio = e2e.sustained / store.rate;
    const rows: [string, string, string, string][] = [
      ['figure', 'inmail', 'store-only limit', 'goal'],
      ['end to end sustained (mails/s)', `${round(e2e.sustained)}`, `${round(store.rate)}`, `≥ 50 % of limit: ${round(ratio * 100)} %`],
      ['intake rate during that run (mails/s)', `${round(e2e.intakeRate)}`, `${round(store.rate)}`, `451 deferrals: ${e2e.deferred}`],
      [
        `latency 250 → committed at ${e2e.paced.rate}/s p50/p95/p99 (ms)`,
        `${round(e2e.paced.p50)} / ${round(e2e.paced.p95)} / ${round(e2e.paced.p99)}`,
        '',
        'p99 < 500 ms',
      ],
      ['latency at full speed p50/p99 (ms)', `${round(e2e.maxPhase.p50)} / ${round(e2e.maxPhase.p99)}`, '', ''],
      [
        'CPU per mail: daemon / its Postgres backends (µs)',
        `${e2e.cpuPerMail.processUs} / ${e2e.cpuPerMail.postgresUs}`,
        `${store.cpuPerMail.processUs} / ${store.cpuPerMail.postgresUs}`,
        '',
      ],
      ['daemon peak RSS, end to end (MB)', `${round(e2e.peakRssMb)}`, `${round(store.peakRssMb)}`, '< 300 MB'],
      [
        '  of which full speed / paced + API / bulk check (MB)',
        `${round(e2e.peakRssByPartMb.fullSpeed)} / ${round(e2e.peakRssByPartMb.pacedWithApi)} / ${round(e2e.peakRssByPartMb.bulkCheck)}`,
        '',
        '< 300 MB',
      ],
      [
        `API GET /v1/addresses/{a} at ${round(e2e.api.rate)}/s during that, p50/p99 (ms)`,
        `${round(e2e.api.p50, 2)} / ${round(e2e.api.p99, 2)}`,
        '',
        `p99 < 10 ms (${e2e.api.errors} errors, ${JSON.stringify(e2e.api.statuses)}; client loop delay p99 ${round(e2e.api.clientLoopDelayP99, 2)} ms)`,
      ],
      [
        `  the api role in its own session, the others at workerNice 19 (autogroup): GET p50/p99 (ms)`,
        `${round(apart.api.p50, 2)} / ${round(apart.api.p99, 2)}`,
        '',
        `p99 < 10 ms (${apart.api.errors} errors; 250 → committed p99 ${round(apart.paced.p99)} ms at ${apart.paced.rate}/s; sustained ${round(apart.sustained)}/s)`,
      ],
      [
        `API bulk check of ${e2e.check.addresses} (${e2e.check.known} stored) median/best (ms)`,
        `${round(e2e.check.median)} / ${round(e2e.check.best)}`,
        '',
        `< 1000 ms (${e2e.check.blocked} blocked)`,
      ],
      [`backlog drain of ${size.backlog} (mails/s)`, `${round(drain.rate)}`, '', '≥ 1,500'],
      [
        `IMAP drain of ${imap.mails} from Dovecot, moved after commit (mails/s)`,
        `${round(imap.rate)} (${round(imap.rateWithStartup)} with start-up)`,
        '',
        `≥ 1,500 (${imap.movedToProcessed} moved)`,
      ],
      [
        'worker RSS first half / second half peak (MB)',
        `${round(drain.firstHalfPeakMb)} / ${round(drain.secondHalfPeakMb)}`,
        '',
        '< 300 MB, flat',
      ],
      [
        `webhook intake, ${hook.events} SendGrid events in batches of 100–1000, end to end (events/s)`,
        `${round(hook.rate)} (stored ${round(hook.storedRate)})`,
        '',
        `≥ 2,000 (${hook.retries} retries)`,
      ],
    ];
    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i] ?? 0)).join('  ');
    console.log(line(rows[0] as string[]));
    console.log(w.map((n) => '-'.repeat(n)).join('  '));
    for (const r of rows.slice(1)) console.log(line(r));
    if (e2e.errors) console.log(`errors: ${e2e.errors} (last: ${e2e.lastError})`);
    printDeliveries(reports);
    console.log(
      `summary: e2e ${round(e2e.sustained)}/s = ${round(ratio * 100)} % of store-only ${round(store.rate)}/s; p99 ${round(e2e.paced.p99)} ms at ${e2e.paced.rate}/s; ` +
        `API p99 ${round(e2e.api.p99, 2)} ms at ${round(e2e.api.rate)}/s (api apart ${round(apart.api.p99, 2)} ms); check of 100,000 ${round(e2e.check.median)} ms; drain ${round(drain.rate)}/s; IMAP drain ${round(imap.rate)}/s; webhook ${round(hook.rate)} events/s; peak RSS ${round(Math.max(e2e.peakRssMb, drain.peakRssMb))} MB`,
    );
    if (jsonFile) {
      writeFileSync(
        jsonFile,
        `${JSON.stringify({ quick, clients, mails: size.e2e, storeOnly: store, endToEnd: e2e, endToEndApiApart: apart, backlog: { mails: size.backlog, ...drain }, imapDrain: imap, webhook: hook, deliveries: reports }, null, 2)}\n`,
      );
    }
  } finally {
    for (const d of dbs) await d.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
