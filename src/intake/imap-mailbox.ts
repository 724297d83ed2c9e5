// The life of one mailbox in this process: take its Redis lease, run a session
// (imap-session.ts) under it, and when the session fails wait before the next:
// backoff from 1 s after a network or server error, authRetrySeconds after a
// refused login or folder. Other mailboxes never notice. It never throws.
import type { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { describe } from '../errors.js';
import type { Intake } from './accept.js';
import { backoffMs, refusalOf, serverAnswer } from './imap-errors.js';
import { MailboxLease, leaseKey } from './imap-lease.js';
import { countError } from './imap-metrics.js';
import { runSession } from './imap-session.js';
import { emptyStats, type ImapIntakeHooks, type ResolvedMailbox } from './imap-types.js';

export interface RunnerDeps {
  config: Config;
  intake: Intake;
  redis: Redis;
  logger: Logger;
  hooks?: ImapIntakeHooks | undefined;
}

/** Resolves after ms, or at once when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class MailboxRunner {
  readonly stats = emptyStats();
  private readonly stopping = new AbortController();
  private readonly log: Logger;
  private client: ImapFlow | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;

  constructor(
    readonly box: ResolvedMailbox,
    private readonly deps: RunnerDeps,
  ) {
    this.log = deps.logger.child({ mailbox: box.name });
  }

  start(): void {
    this.running ??= this.loop().catch((err: unknown) => {
      this.log.error({ err: describe(err) }, 'IMAP mailbox loop ended unexpectedly');
    });
  }

  /** Finishes the mail at hand and acknowledges what is stored; after graceMs closes the connection. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping.abort();
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const outcome = await Promise.race([this.running.then(() => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.log.warn({ graceMs }, 'IMAP session did not end in time; closing its connection');
      this.client?.close();
      await this.running;
    }
  }

  private async loop(): Promise<void> {
    const { config, redis } = this.deps;
    const stop = this.stopping.signal;
    const ttlMs = config.imap.leaseSeconds * 1000;
    const leaseRetryMs = Math.min(Math.max(Math.floor(ttlMs / 3), 200), 10_000);
    let waitingLogged = false;
    while (!stop.aborted) {
      const lease = new MailboxLease(redis, leaseKey(config.queue.prefix, this.box.name), ttlMs);
      let held: boolean;
      try {
        held = await lease.acquire();
      } catch (err) {
        this.log.warn({ err: describe(err), retryInMs: leaseRetryMs }, 'cannot take the mailbox lease: Redis failed');
        await sleep(leaseRetryMs, stop);
        continue;
      }
      if (!held) {
        if (!waitingLogged) this.log.info({ lease: lease.key }, 'another process polls this mailbox; waiting for its lease');
        waitingLogged = true;
        await sleep(leaseRetryMs, stop);
        continue;
      }
      waitingLogged = false;
      const delayMs = await this.withLease(lease);
      if (delayMs > 0) await sleep(delayMs, stop);
    }
  }

  /** Runs one session under the lease; returns how long to wait before the next. */
  private async withLease(lease: MailboxLease): Promise<number> {
    const session = new AbortController();
    const onStop = (): void => session.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    this.stats.leaseHeld = true;
    this.log.debug({ lease: lease.key }, 'mailbox lease taken');
    lease.keepAlive(
      (why) => {
        this.log.warn({ why }, 'mailbox lease lost; leaving the mailbox');
        session.abort();
      },
      (err) => this.log.warn({ err: describe(err) }, 'mailbox lease not renewed: Redis failed'),
    );
    try {
      await runSession({
        box: this.box,
        config: this.deps.config,
        intake: this.deps.intake,
        stats: this.stats,
        log: this.log,
        hooks: this.deps.hooks,
        signal: session.signal,
        onClient: (client) => (this.client = client),
        onDrained: () => (this.failures = 0),
      });
      return 0;
    } catch (err) {
      return this.failed(err);
    } finally {
      this.stopping.signal.removeEventListener('abort', onStop);
      this.stats.leaseHeld = false;
      await lease.release().catch((err: unknown) => {
        this.log.warn({ err: describe(err) }, 'mailbox lease not released; it expires by itself');
      });
    }
  }

  private failed(err: unknown): number {
    if (this.stopping.signal.aborted) {
      this.log.info({ err: describe(err) }, 'IMAP session ended while stopping');
      return 0;
    }
    const { config } = this.deps;
    const c = this.box.config;
    const refusal = refusalOf(err);
    countError(this.stats, this.box.name, refusal?.what ?? 'transient', serverAnswer(err));
    if (refusal) {
      const retryInSeconds = config.imap.authRetrySeconds;
      const message = {
        login: `IMAP login refused for mailbox ${this.box.name}: ${refusal.answer}`,
        folder: `IMAP folder ${c.folder} does not exist in mailbox ${this.box.name}: ${refusal.answer}`,
        'target folder': `IMAP mailbox ${this.box.name} cannot create its target folder: ${refusal.answer}`,
      }[refusal.what];
      this.log.error({ server: `${c.host}:${c.port}`, user: c.user, folder: c.folder, answer: refusal.answer, retryInSeconds }, message);
      return retryInSeconds * 1000;
    }
    this.failures += 1;
    const ms = backoffMs(this.failures, config.imap.reconnectMaxSeconds * 1000);
    const code = (err as { code?: unknown } | null)?.code;
    this.log.warn(
      { server: `${c.host}:${c.port}`, err: serverAnswer(err), code: typeof code === 'string' ? code : undefined, retryInMs: ms },
      'IMAP session failed; reconnecting',
    );
    return ms;
  }
}
