// One chaos scenario: a fresh database and queue prefix on the suite's own
// Postgres and Redis, the daemon's processes in a topology, mails sent over SMTP
// and delivered into the IMAP mailbox, one fault at a random moment, then the
// count of what was acknowledged, stored, processed, lost and counted twice, and
// the time from the end of the fault until every mail acknowledged before it
// was processed.
import pg from 'pg';
import { freePort, spawnDaemon, type RunningDaemon } from '../helpers/daemon.js';
import { DOVECOT_PASSWORD, type Dovecot } from '../helpers/dovecot.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { DOMAIN, Ledger, appendImap, makeMails, sendSmtp } from './load.js';
import type { OwnPostgres } from './postgres.js';

export interface Services {
  pg: OwnPostgres;
  redis: OwnRedis;
  dovecot: Dovecot;
  /** Migrated database every scenario's database is copied from. */
  template: string;
  rand: () => number;
  log: (line: string) => void;
  /** The daemon's CLI (dist/cli/main.js of this checkout unless --daemon names another build). */
  cli: string;
}

export type Fault =
  | { kind: 'kill'; target: string }
  | { kind: 'postgres-stop' }
  | { kind: 'redis-aof' }
  | { kind: 'redis-empty' }
  | { kind: 'imap-restart' }
  | { kind: 'host-down'; target: string };

export interface ScenarioDef {
  name: string;
  /** all: one process of every role; roles: one process per role; two-hosts: two processes of every role. */
  topology: 'all' | 'roles' | 'two-hosts';
  /** When the fault strikes: while mails arrive, while a stored backlog drains, while the IMAP mailbox drains. */
  phase: 'intake' | 'backlog' | 'imap-drain';
  fault: Fault;
  /** Mails sent over SMTP and delivered into the mailbox during the run; stored before it (backlog, mailbox). */
  smtp: number;
  imap: number;
  before: number;
  /** How long the fault lasts (down time before the restart). */
  downMs: number;
}

export interface ScenarioResult {
  name: string;
  fault: string;
  sent: number;
  acknowledged: number;
  stored: number;
  processed: number;
  lost: number;
  countedTwice: number;
  /** Redeliveries kept as `duplicate` rows (a retry after a lost 250, an IMAP fetch before a move): caught, not counted. */
  dedupedRows: number;
  failed: number;
  /** Seconds from the end of the fault until every mail acknowledged before then was processed; null: never. */
  recoverySeconds: number | null;
  /** Seconds from the end of the fault until every acknowledged mail was processed. */
  drainSeconds: number | null;
  faultAtSeconds: number;
  notes: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  roles: string[];
  env: Record<string, string>;
  daemon: RunningDaemon;
}

/** The daemon's processes of one scenario, started, killed and restarted by name. */
class Topology {
  readonly procs = new Map<string, Proc>();
  constructor(
    private readonly configYaml: string,
    private readonly cli: string,
  ) {}

  async start(name: string, roles: string[], env: Record<string, string>): Promise<void> {
    const daemon = await spawnDaemon({ env: { INMAIL_LOG_LEVEL: 'info', ...env }, roles, configYaml: this.configYaml, cli: this.cli });
    this.procs.set(name, { roles, env, daemon });
    await daemon.waitForLog(/"msg":"inmail started"/, 90_000);
  }

  async kill(name: string): Promise<void> {
    await this.procs.get(name)?.daemon.stop('SIGKILL');
  }

  async restart(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (p) await this.start(name, p.roles, p.env);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.daemon.stop('SIGKILL')));
  }
}

/** Mails the worker finished as processed, from a process's /metrics (null when it does not answer). */
async function processedByMetrics(httpPort: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    let n = 0;
    for (const line of text.split('\n'))
      if (line.startsWith('inmail_mails_processed_total{') && line.includes('outcome="processed"')) n += Number(line.split(' ').pop());
    return n;
  } catch {
    return null;
  }
}

export async function runScenario(index: number, def: ScenarioDef, s: Services): Promise<ScenarioResult> {
  const tag = `c${index}`;
  const database = `chaos_${index}_${Date.now().toString(36)}`;
  await s.pg.exec('postgres', `CREATE DATABASE ${database} TEMPLATE ${s.template}`);
  const pool = new pg.Pool({ connectionString: s.pg.url(database), max: 2, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined);
  const user = `chaos${index}x${Date.now().toString(36)}`;
  const smtpPort = await freePort();
  const env: Record<string, string> = {
    INMAIL_DATABASE_URL: s.pg.url(database),
    INMAIL_REDIS_URL: s.redis.url,
    INMAIL_QUEUE_PREFIX: `chaos-${tag}`,
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: String(smtpPort),
    INMAIL_BOUNCE_DOMAINS: DOMAIN,
    INMAIL_HTTP_PORT: '0',
  };
  // Every timing at its default: the suite measures what an operator gets.
  const configYaml = `imap:\n  mailboxes:\n    - name: chaos\n      host: 127.0.0.1\n      port: ${s.dovecot.port}\n      tls: none\n      user: ${user}\n      password: ${DOVECOT_PASSWORD}\n      after: move:Done\n      kind: bounce\n`;
  const topo = new Topology(configYaml, s.cli);
  const ledger = new Ledger();
  const giveUpAt = Date.now() + 240_000;
  const notes: string[] = [];
  const count = async (sql: string, values: unknown[] = []): Promise<number | null> => {
    try {
      return (await pool.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
    } catch {
      return null; // Postgres down: not yet
    }
  };
  const processedOf = (addresses: string[]) =>
    count(`SELECT count(DISTINCT address)::int AS n FROM bounce_event WHERE address = ANY($1::text[])`, [addresses]);

  try {
    // What is stored before the run: a backlog over SMTP (no worker yet), or mails in the mailbox.
    const early = makeMails(tag, 0, def.before);
    if (def.phase === 'backlog') {
      await topo.start('filler', ['smtp'], env);
      await sendSmtp([{ host: '127.0.0.1', port: smtpPort }], early, ledger, { clients: 8, giveUpAt });
      await topo.procs.get('filler')?.daemon.stop('SIGTERM');
      topo.procs.delete('filler');
    } else if (def.phase === 'imap-drain') {
      await appendImap(s.dovecot.port, user, early, ledger, { giveUpAt });
    }

    const httpPorts: Record<string, number> = {};
    if (def.topology === 'all') await topo.start('daemon', ['all'], env);
    else if (def.topology === 'roles') {
      await Promise.all(['smtp', 'imap', 'worker', 'scheduler'].map((r) => topo.start(r, [r], env)));
    } else {
      for (const host of ['A', 'B']) {
        httpPorts[host] = await freePort();
        const own = {
          ...env,
          INMAIL_HTTP_PORT: String(httpPorts[host]),
          INMAIL_SMTP_PORT: String(host === 'A' ? smtpPort : await freePort()),
        };
        await topo.start(host, ['all'], own);
      }
    }
    const smtpTargets = (
      def.topology === 'two-hosts' ? ['A', 'B'].map((h) => Number(topo.procs.get(h)?.env.INMAIL_SMTP_PORT)) : [smtpPort]
    ).map((port) => ({
      host: '127.0.0.1',
      port,
    }));
    const startedAt = Date.now();

    // Per-host figures of the two-host run, read until each host stops answering.
    const perHost: Record<string, number> = {};
    let scraping = true;
    const scraper = (async () => {
      while (scraping) {
        for (const [h, p] of Object.entries(httpPorts)) {
          const n = await processedByMetrics(p);
          if (n !== null) perHost[h] = n;
        }
        await sleep(200);
      }
    })();

    // The load of the run.
    const during = makeMails(tag, def.before, def.smtp + def.imap);
    const load = Promise.all([
      sendSmtp(smtpTargets, during.slice(0, def.smtp), ledger, { clients: 4, giveUpAt }),
      appendImap(s.dovecot.port, user, during.slice(def.smtp), ledger, { giveUpAt, paceMs: 50 }),
    ]);

    // A random moment of the phase.
    // Two hosts: late enough that both have worked (the figures per host show it).
    const frac = def.topology === 'two-hosts' ? 0.4 + s.rand() * 0.3 : 0.15 + s.rand() * 0.5;
    const earlyAddrs = early.map((m) => m.address);
    const moment = async (): Promise<boolean> => {
      if (def.phase === 'intake') return ledger.acked.size - def.before >= frac * (def.smtp + def.imap);
      if (def.phase === 'backlog') return ((await processedOf(earlyAddrs)) ?? 0) >= frac * def.before;
      return ((await count(`SELECT count(*)::int AS n FROM raw_mail WHERE source = 'imap'`)) ?? 0) >= frac * def.before;
    };
    while (!(await moment())) {
      if (Date.now() > giveUpAt) throw new Error('the moment of the fault never came');
      await sleep(20);
    }
    const faultAt = Date.now();
    const f = def.fault;
    if (f.kind === 'kill' || f.kind === 'host-down') await topo.kill(f.target);
    else if (f.kind === 'postgres-stop') s.pg.stop('immediate');
    else if (f.kind === 'redis-aof' || f.kind === 'redis-empty') await s.redis.kill();
    else await s.dovecot.kill();
    await sleep(def.downMs);
    if (f.kind === 'kill') await topo.restart(f.target);
    else if (f.kind === 'postgres-stop') s.pg.start();
    else if (f.kind === 'redis-aof') await s.redis.start();
    else if (f.kind === 'redis-empty') await s.redis.start({ empty: true });
    else if (f.kind === 'imap-restart') await s.dovecot.start();
    const faultEnd = Date.now();
    const before = ledger.ackedBefore(faultEnd);

    // Recovery: everything acknowledged before the end of the fault processed.
    let recoverySeconds: number | null = null;
    const deadline = faultEnd + 180_000;
    while (Date.now() < deadline) {
      if ((await processedOf(before)) === before.length) {
        recoverySeconds = (Date.now() - faultEnd) / 1000;
        break;
      }
      await sleep(100);
    }
    await load;
    // Then everything acknowledged at all; a run that stops progressing for a minute ends here.
    let drainSeconds: number | null = null;
    let last = -1;
    let lastProgress = Date.now();
    const all = [...ledger.acked.keys()];
    while (Date.now() - lastProgress < 60_000) {
      const n = (await processedOf(all)) ?? last;
      if (n === all.length) {
        drainSeconds = (Date.now() - faultEnd) / 1000;
        break;
      }
      if (n !== last) {
        last = n;
        lastProgress = Date.now();
      }
      await sleep(200);
    }
    scraping = false;
    await scraper;

    const q = async (sql: string, values: unknown[] = []) => (await count(sql, values)) ?? -1;
    const stored = await q(`SELECT count(DISTINCT message_id)::int AS n FROM raw_mail`);
    const processed = (await processedOf(all)) ?? -1;
    const eventsTwice = await q(`SELECT count(*)::int AS n FROM (SELECT address FROM bounce_event GROUP BY address HAVING count(*) > 1) x`);
    const storedTwice = await q(
      `SELECT count(*)::int AS n FROM (SELECT message_id FROM raw_mail WHERE state <> 'duplicate' GROUP BY message_id HAVING count(*) > 1) x`,
    );
    const errorsOff = await q(`SELECT count(*)::int AS n FROM address WHERE error_count <> 1`);
    const twice = eventsTwice + storedTwice + errorsOff;
    // Which check it was: the mechanism differs (a mail applied twice, stored twice, or an address counted wrong).
    if (twice !== 0)
      notes.push(
        `twice: ${eventsTwice} addresses with several events, ${storedTwice} Message-IDs stored twice, ${errorsOff} error counts not 1`,
      );
    if (def.topology === 'two-hosts') notes.push(`processed by A ${perHost.A ?? 0} (until killed), by B ${perHost.B ?? 0}`);
    notes.push(`${ledger.retries} sender retries`);
    return {
      name: def.name,
      fault: f.kind,
      sent: def.before + def.smtp + def.imap,
      acknowledged: ledger.acked.size,
      stored,
      processed,
      lost: ledger.acked.size - processed,
      countedTwice: twice,
      dedupedRows: await q(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'duplicate'`),
      failed: await q(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'failed'`),
      recoverySeconds,
      drainSeconds,
      faultAtSeconds: (faultAt - startedAt) / 1000,
      notes: notes.join('; '),
    };
  } finally {
    await topo.stopAll();
    await pool.end().catch(() => undefined);
    await s.pg.exec('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  }
}
