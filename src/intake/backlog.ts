// The backlog seen by the intakes: raw mails stored and not yet processed.
// Read from Postgres (the truth, whether Redis or the workers are up) at most
// once per refresh period, so that an SMTP command never costs a query; the
// count stops at the bound + 1, so its cost stays flat however deep the backlog.
import type { Pool } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { countServiceError, metrics } from '../metrics.js';
import { pendingBacklog } from '../store/raw-mails.js';

export interface BacklogOptions {
  /** Above this many pending mails the intakes defer (0: never). */
  maxBacklog: number;
  refreshMs: number;
}

export interface BacklogSnapshot {
  /** Pending raw mails, counted up to maxBacklog + 1 (or 100 000 when unbounded). */
  pending: number;
  /** Seconds since the oldest pending mail was received; 0 when none. */
  oldestAgeSeconds: number;
}

export class BacklogMonitor {
  private last: BacklogSnapshot = { pending: 0, oldestAgeSeconds: 0 };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly opts: BacklogOptions,
    private readonly logger: Logger,
  ) {}

  get snapshot(): BacklogSnapshot {
    return this.last;
  }

  /** Cheap and synchronous: the intakes call it per transaction. */
  overloaded(): boolean {
    return this.opts.maxBacklog > 0 && this.last.pending > this.opts.maxBacklog;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.opts.refreshMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One query at a time; a refresh still running when the timer fires is not doubled. */
  refresh(): Promise<void> {
    this.running ??= this.read().finally(() => (this.running = null));
    return this.running;
  }

  private async read(): Promise<void> {
    const cap = this.opts.maxBacklog > 0 ? this.opts.maxBacklog + 1 : 100_000;
    try {
      this.last = await pendingBacklog(this.pool, cap);
      metrics.backlog.set(this.last.pending);
      metrics.oldestPendingAge.set(this.last.oldestAgeSeconds);
    } catch (err) {
      // Keep the last figure: Postgres being down is answered by the store (451 4.3.0), not here.
      countServiceError('postgres', 'backlog');
      this.logger.debug({ err }, 'backlog refresh failed');
    }
  }
}
