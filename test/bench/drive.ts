// The moving parts of the benchmark: concurrent SMTP clients (as fast as they
// can, or paced), a tracker of when each acknowledged mail's transaction is
// visible, and an RSS sampler of a child process.
import { readdirSync, readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import type { BenchMail } from './mails.js';
import { procCpuSeconds } from './proc-cpu.js';
import { SmtpConnection } from './smtp-load.js';

export interface DriveResult {
  accepted: number;
  deferred: number;
  errors: number;
  seconds: number;
  lastError: string | null;
}

export interface DriveOptions {
  port: number;
  clients: number;
  mails: readonly BenchMail[];
  /** Instead of `mails`: the i-th mail, made when it is due (a soak sends more than memory should hold); undefined ends. */
  nextMail?: (i: number) => BenchMail | undefined;
  /** Mails per second over all clients; unset: as fast as the server answers. */
  rate?: number;
  onAccepted?: (rawMailId: number, at: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function drive(o: DriveOptions): Promise<DriveResult> {
  let next = 0;
  const res: DriveResult = { accepted: 0, deferred: 0, errors: 0, seconds: 0, lastError: null };
  const t0 = performance.now();
  const client = async () => {
    let conn = await SmtpConnection.open(o.port);
    for (;;) {
      const i = next++;
      const mail = o.nextMail ? o.nextMail(i) : o.mails[i];
      if (!mail) break;
      if (o.rate) {
        const due = t0 + (i * 1000) / o.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      for (;;) {
        const r = await conn.send(mail);
        if (r.code === 250) {
          res.accepted++;
          const id = /stored as (\d+)/.exec(r.text)?.[1];
          if (id) o.onAccepted?.(Number(id), performance.now());
          break;
        }
        if (r.code === 451 || r.code === 421) {
          // Backpressure: a real MTA retries later; the benchmark retries soon.
          res.deferred++;
          await sleep(100);
          if (r.code === 421) conn = await SmtpConnection.open(o.port);
          continue;
        }
        res.errors++;
        res.lastError = `${r.code} ${r.text}`;
        if (r.code === 0) conn = await SmtpConnection.open(o.port);
        break;
      }
    }
    await conn.close();
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  res.seconds = (performance.now() - t0) / 1000;
  return res;
}

/**
 * When each acknowledged mail's transaction became visible: polls the pending
 * rows (a partial index, small when the pipeline keeps up); an acknowledged id
 * no longer pending is committed. Accurate to the poll period.
 */
export class CommitTracker {
  private readonly outstanding = new Map<number, number>();
  readonly latencies: number[] = [];
  lastCommitAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly pool: Pool,
    private readonly everyMs = 20,
  ) {}

  accepted(id: number, at: number): void {
    this.outstanding.set(id, at);
  }

  get pending(): number {
    return this.outstanding.size;
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  reset(): void {
    this.latencies.length = 0;
  }

  private async poll(): Promise<void> {
    if (this.busy || this.outstanding.size === 0) return;
    this.busy = true;
    try {
      const r = await this.pool.query<{ id: string }>(`SELECT id FROM raw_mail WHERE state = 'pending'`);
      const now = performance.now();
      const still = new Set(r.rows.map((x) => Number(x.id)));
      for (const [id, at] of this.outstanding) {
        if (still.has(id)) continue;
        this.outstanding.delete(id);
        this.latencies.push(now - at);
        this.lastCommitAt = now;
      }
    } finally {
      this.busy = false;
    }
  }

  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.outstanding.size > 0 && Date.now() < deadline) await sleep(20);
    return this.outstanding.size === 0;
  }
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

/** Samples a process's resident memory from /proc every `everyMs`. */
export class RssSampler {
  readonly samples: { at: number; mb: number }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    everyMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (m) this.samples.push({ at: performance.now(), mb: Number(m[1]) / 1024 });
    } catch {
      // The process has exited: nothing more to sample.
      this.stop();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get peakMb(): number {
    return this.samples.reduce((m, s) => Math.max(m, s.mb), 0);
  }

  /** Peak of a window of the samples between two times. */
  peakBetween(from: number, to: number): number {
    return this.samples.filter((s) => s.at >= from && s.at <= to).reduce((m, s) => Math.max(m, s.mb), 0);
  }
}

/** CPU seconds (user + system, all threads) of one process; 0 once it has exited. */
const processCpu = (pid: number): number => procCpuSeconds(pid) ?? 0;

/** CPU seconds of the Postgres backends serving one database (their titles name it). */
function postgresCpu(database: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) total += processCpu(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/**
 * CPU used between start() and stop() by a process and by the Postgres backends of
 * its database: a figure far steadier than a rate on a busy machine. Backends that
 * exit within the window are missed, so pooled (long-lived) connections are assumed.
 */
export class CpuMeter {
  private start: { proc: number; pg: number } | null = null;

  constructor(
    private readonly pid: number,
    private readonly database: string,
  ) {}

  begin(): void {
    this.start = { proc: processCpu(this.pid), pg: postgresCpu(this.database) };
  }

  /** µs of CPU per mail over the window, for `mails` mails. */
  perMail(mails: number): { processUs: number; postgresUs: number } {
    const s = this.start ?? { proc: 0, pg: 0 };
    const us = (sec: number) => Math.round((sec * 1e6) / Math.max(1, mails));
    return { processUs: us(processCpu(this.pid) - s.proc), postgresUs: us(postgresCpu(this.database) - s.pg) };
  }
}
