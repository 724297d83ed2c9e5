// Mails an intake stored and acknowledged but could not enqueue (Redis down or
// restarting): kept here and enqueued again every second, so that they are
// processed within seconds of Redis answering again instead of waiting for the
// sweep (queue.stuckAfterSeconds, then the next sweep). Bounded: beyond `max`
// mails, and for whatever a process held when it died, the sweep remains the net.
import type { Queue } from 'bullmq';
import { enqueueMails, type MailJobData, type MailRef } from './queue.js';

export class EnqueueRetry {
  private mails: MailRef[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly queue: Queue<MailJobData>,
    private readonly opts: { attempts: number; everyMs?: number; max?: number; onRetried?: (n: number) => void },
  ) {}

  /** Mails waiting for a retry. */
  get size(): number {
    return this.mails.length;
  }

  add(mail: MailRef): void {
    if (this.mails.length >= (this.opts.max ?? 50_000)) return; // the sweep finds it
    this.mails.push(mail);
    if (!this.timer) {
      this.timer = setInterval(() => {
        this.running ??= this.retry().finally(() => (this.running = null));
      }, this.opts.everyMs ?? 1000);
      this.timer.unref();
    }
  }

  private async retry(): Promise<void> {
    const batch = this.mails;
    this.mails = [];
    try {
      await enqueueMails(this.queue, batch, this.opts.attempts);
      this.opts.onRetried?.(batch.length);
      if (this.mails.length === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    } catch {
      this.mails = batch.concat(this.mails); // Redis still down: next tick
    }
  }

  /** Stops retrying; what is left stays pending in Postgres, for the sweep. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
