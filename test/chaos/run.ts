// `npm run chaos` (docs/reliability.md): faults at random moments against the
// built daemon, on a Postgres cluster, a Redis and a Dovecot of the suite's own,
// then a table of what each fault cost. Flags: --quick (about 2 minutes),
// --json [FILE] (the results as JSON, on standard output or into FILE),
// --seed N (the same random moments again), --only TEXT (scenarios whose name holds it),
// --daemon DIR (run the build in DIR/dist instead of this checkout's: before/after figures).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI } from '../helpers/daemon.js';
import { startDovecot } from '../helpers/dovecot.js';
import { startOwnRedis } from '../helpers/redis-server.js';
import { startOwnPostgres } from './postgres.js';
import { runScenario, type ScenarioDef, type ScenarioResult } from './scenarios.js';

/** The issue's goal: every fault's backlog gone within this after it ends. */
const RECOVERY_GOAL_SECONDS = 15;

function args() {
  const a = process.argv.slice(2);
  const at = (flag: string) => a.indexOf(flag);
  const value = (flag: string) => (at(flag) >= 0 && a[at(flag) + 1] && !a[at(flag) + 1]?.startsWith('--') ? a[at(flag) + 1] : undefined);
  return {
    quick: a.includes('--quick'),
    json: a.includes('--json'),
    jsonFile: value('--json'),
    seed: Number(value('--seed') ?? Date.now() % 1_000_000),
    only: value('--only'),
    daemon: value('--daemon'),
  };
}

/** mulberry32: a seeded generator, so that a run's random moments can be replayed. */
function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function scenarios(quick: boolean): ScenarioDef[] {
  const intake = { phase: 'intake' as const, smtp: quick ? 200 : 400, imap: quick ? 40 : 80, before: 0, downMs: 1000 };
  const backlog = { phase: 'backlog' as const, smtp: quick ? 50 : 100, imap: quick ? 10 : 20, before: quick ? 1000 : 3000, downMs: 1000 };
  const kill = (target: string) => ({ kind: 'kill' as const, target });
  const full: (ScenarioDef & { quick?: boolean })[] = [
    { name: 'kill -9 daemon (all roles) during intake', topology: 'all', ...intake, fault: kill('daemon'), quick: true },
    { name: 'kill -9 daemon (all roles) during intake, again', topology: 'all', ...intake, fault: kill('daemon') },
    { name: 'kill -9 smtp process during intake', topology: 'roles', ...intake, fault: kill('smtp') },
    { name: 'kill -9 imap process during intake', topology: 'roles', ...intake, fault: kill('imap') },
    { name: 'kill -9 worker process during intake', topology: 'roles', ...intake, fault: kill('worker') },
    { name: 'kill -9 scheduler process during intake', topology: 'roles', ...intake, fault: kill('scheduler') },
    { name: 'kill -9 daemon (all roles) during a backlog', topology: 'all', ...backlog, fault: kill('daemon') },
    { name: 'kill -9 daemon (all roles) during a backlog, again', topology: 'all', ...backlog, fault: kill('daemon') },
    { name: 'kill -9 worker process during a backlog', topology: 'roles', ...backlog, fault: kill('worker'), quick: true },
    { name: 'kill -9 worker process during a backlog, again', topology: 'roles', ...backlog, fault: kill('worker') },
    {
      name: 'Postgres stopped (immediate) and started mid-load',
      topology: 'all',
      ...intake,
      downMs: quick ? 3000 : 8000,
      fault: { kind: 'postgres-stop' },
      quick: true,
    },
    {
      name: 'Redis killed -9, restarted with its AOF',
      topology: 'all',
      ...intake,
      downMs: 3000,
      fault: { kind: 'redis-aof' },
      quick: true,
    },
    { name: 'Redis killed -9, restarted empty', topology: 'all', ...intake, downMs: 2000, fault: { kind: 'redis-empty' }, quick: true },
    {
      name: 'IMAP server restarted mid-drain',
      topology: 'roles',
      phase: 'imap-drain',
      smtp: quick ? 50 : 100,
      imap: 0,
      before: quick ? 200 : 400,
      downMs: 2000,
      fault: { kind: 'imap-restart' },
      quick: true,
    },
    {
      name: 'two hosts sharing the work, host A killed -9',
      topology: 'two-hosts',
      ...intake,
      smtp: 2 * intake.smtp,
      fault: { kind: 'host-down', target: 'A' },
      quick: true,
    },
  ];
  return full.filter((d) => !quick || d.quick);
}

function table(results: readonly ScenarioResult[]): string {
  const head = [
    '#',
    'scenario',
    'fault at s',
    'acked',
    'stored',
    'processed',
    'lost',
    'twice',
    'deduped',
    'failed',
    'recovery s',
    'drained s',
    'notes',
  ];
  const fmt = (n: number | null) => (n === null ? 'never' : n.toFixed(1));
  const rows = results.map((r, i) => [
    String(i + 1),
    r.name,
    r.faultAtSeconds.toFixed(1),
    String(r.acknowledged),
    String(r.stored),
    String(r.processed),
    String(r.lost),
    String(r.countedTwice),
    String(r.dedupedRows),
    String(r.failed),
    `${fmt(r.recoverySeconds)}${r.recoverySeconds === null || r.recoverySeconds > RECOVERY_GOAL_SECONDS ? ' !' : ''}`,
    fmt(r.drainSeconds),
    r.notes,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 1 || c === 12 ? x.padEnd(widths[c] ?? 0) : x.padStart(widths[c] ?? 0))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = args();
  const out = (line: string) => process.stderr.write(`${line}\n`);
  const cli = opts.daemon ? join(resolve(opts.daemon), 'dist', 'cli', 'main.js') : CLI;
  const defs = scenarios(opts.quick).filter((d) => !opts.only || d.name.includes(opts.only));
  out(`chaos: ${defs.length} scenarios, seed ${opts.seed} (--seed ${opts.seed} replays the same moments); daemon ${cli}`);
  const started = Date.now();
  const pg = await startOwnPostgres();
  const redis = await startOwnRedis({ appendonly: true });
  const dovecot = await startDovecot();
  out(`own Postgres on ${pg.port}, Redis (AOF) on ${redis.port}, Dovecot on ${dovecot.port}`);
  const results: ScenarioResult[] = [];
  try {
    await pg.exec('postgres', 'CREATE DATABASE chaos_template');
    execFileSync(process.execPath, [cli, 'migrate'], {
      env: { PATH: process.env.PATH ?? '', INMAIL_DATABASE_URL: pg.url('chaos_template') },
      stdio: 'pipe',
    });
    const rand = seeded(opts.seed);
    for (const [i, def] of defs.entries()) {
      const t0 = Date.now();
      out(`[${i + 1}/${defs.length}] ${def.name}...`);
      const r = await runScenario(i + 1, def, { pg, redis, dovecot, template: 'chaos_template', rand, log: out, cli });
      results.push(r);
      out(
        `    acked ${r.acknowledged}, processed ${r.processed}, lost ${r.lost}, twice ${r.countedTwice}, recovery ${r.recoverySeconds ?? 'never'} s (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  } finally {
    await dovecot.stop();
    await redis.stop();
    pg.remove();
  }
  const lost = results.reduce((a, r) => a + r.lost, 0);
  const twice = results.reduce((a, r) => a + r.countedTwice, 0);
  const slow = results.filter((r) => r.recoverySeconds === null || r.recoverySeconds > RECOVERY_GOAL_SECONDS);
  const summary = {
    seed: opts.seed,
    quick: opts.quick,
    seconds: Math.round((Date.now() - started) / 1000),
    lost,
    countedTwice: twice,
    recoveryGoalSeconds: RECOVERY_GOAL_SECONDS,
    slowerThanGoal: slow.map((r) => r.name),
    scenarios: results,
  };
  const text =
    `${table(results)}\n\n${lost} lost, ${twice} counted twice over ${results.length} scenarios; ` +
    `${slow.length === 0 ? `every recovery under ${RECOVERY_GOAL_SECONDS} s` : `${slow.length} recovered slower than ${RECOVERY_GOAL_SECONDS} s (!)`}; ${summary.seconds} s in all`;
  if (opts.json && !opts.jsonFile) {
    out(text);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    process.stdout.write(`${text}\n`);
    if (opts.jsonFile) writeFileSync(opts.jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
  }
  // Losing or double-counting a mail fails the run; a slow recovery is shown, not failed (a busy machine).
  process.exitCode = lost === 0 && twice === 0 && results.every((r) => r.drainSeconds !== null) ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`chaos: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
