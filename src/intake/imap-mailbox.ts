// The life of one mailbox in this process: take its Redis lease, connect, take
// everything waiting, then wait for news (IDLE when the server has it, else
// imapflow's NOOP polling, plus our own re-check every pollEverySeconds) and take
// again. Any failure ends the session; the loop reconnects with backoff, or
// slowly when the server refused the login or the folder. It never throws.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import type { Logger } from '../logger.js';
import { describe } from '../errors.js';
import type { MailJobData } from '../jobs/queue.js';
import { drainFolder } from './imap-drain.js';
import { MailboxLease, leaseKey } from './imap-lease.js';
import { emptyStats, folderPath, type ImapIntakeHooks, type ResolvedMailbox } from './imap-types.js';

export interface RunnerDeps {
  config: Config;
  pool: Pool;
  queue: Queue<MailJobData>;
  redis: Redis;
  logger: Logger;
  hooks?: ImapIntakeHooks | undefined;
}

// Without them a server that accepts TCP but never greets hangs a session forever.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 16_000, socketTimeout: 5 * 60_000 } as const;
const LOGOUT_WAIT_MS = 5_000;

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

/** 1 s, 2 s, 4 s ... up to max, with ±20 % jitter so that many instances do not reconnect in step. */
export function backoffMs(failures: number, maxMs: number): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** What the server said, rather than imapflow's generic "Command failed". */
export function serverAnswer(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { response?: unknown; responseText?: unknown; serverResponseCode?: unknown };
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return text(e.responseText) ?? text(e.response) ?? text(e.serverResponseCode) ?? describe(err);
}

/** A refusal that the next try will meet again (login, folder): retried slowly, logged as an error. */
class Refused extends Error {
  constructor(
    readonly what: 'login' | 'folder' | 'target folder',
    readonly answer: string,
    cause: unknown,
  ) {
    super(`${what} refused: ${answer}`, { cause });
  }
}

function refusalOf(err: unknown): Refused | null {
  if (err instanceof Refused) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { authenticationFailed?: unknown; mailboxMissing?: unknown };
  if (e.authenticationFailed === true) return new Refused('login', serverAnswer(err), err);
  if (e.mailboxMissing === true) return new Refused('folder', serverAnswer(err), err);
  return null;
}

/** imapflow's own log lines are protocol detail: kept at debug under this mailbox. */
function imapflowLogger(log: Logger): NonNullable<ImapFlowOptions['logger']> {
  const at = (obj: unknown): void => log.debug({ imapflow: obj }, 'imapflow');
  return { debug: () => undefined, info: () => undefined, warn: at, error: at };
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
      await this.session(session.signal);
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
    this.stats.errors += 1;
    this.stats.lastError = serverAnswer(err);
    const { config } = this.deps;
    const c = this.box.config;
    const refusal = refusalOf(err);
    if (refusal) {
      if (refusal.what === 'login') this.stats.authFailures += 1;
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

  private clientOptions(): ImapFlowOptions {
    const c = this.box.config;
    return {
      host: c.host,
      port: c.port,
      secure: c.tls === 'implicit',
      // starttls: required, never a silent downgrade; none: plain text (tests, localhost).
      ...(c.tls === 'implicit' ? {} : { doSTARTTLS: c.tls === 'starttls' }),
      auth: c.accessToken ? { user: c.user, accessToken: c.accessToken } : { user: c.user, pass: c.password ?? '' },
      logger: imapflowLogger(this.log),
      // We IDLE explicitly while waiting: auto-IDLE would start only 15 s after the last command.
      disableAutoIdle: true,
      ...TIMEOUTS,
    };
  }

  /** One connection: take everything, then wait for news and take again, until the signal aborts. */
  private async session(signal: AbortSignal): Promise<void> {
    const { box, deps } = this;
    const client = new ImapFlow(this.clientOptions());
    this.client = client;
    let lastError: unknown = null;
    let dirty = true; // catch up on start
    let wake: (() => void) | null = null;
    const poke = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    client.on('error', (err: unknown) => (lastError = err)); // reported when the session ends
    client.on('exists', () => {
      dirty = true;
      poke();
    });
    client.on('close', poke);
    signal.addEventListener('abort', poke);
    const pollMs = Math.max(1, deps.config.imap.pollEverySeconds) * 1000;
    try {
      await client.connect();
      this.stats.connected = true;
      this.log.info({ server: `${box.config.host}:${box.config.port}`, folder: box.config.folder, idle: client.capabilities.has('IDLE') }, 'IMAP session open');
      if (box.after.kind === 'move') await ensureFolder(client, box.after.folder);
      await client.mailboxOpen(folderPath(box.config.folder));
      while (!signal.aborted) {
        if (!client.usable) throw new Error(`connection closed: ${lastError ? serverAnswer(lastError) : client.byeReason ?? 'by the server'}`);
        if (dirty) {
          dirty = false;
          await drainFolder({
            client, box, pool: deps.pool, queue: deps.queue, jobAttempts: deps.config.queue.attempts,
            batchSize: deps.config.imap.batchSize, batchMaxBytes: deps.config.imap.batchMaxBytes,
            stats: this.stats, log: this.log, signal, hooks: deps.hooks,
          });
          this.failures = 0;
          continue;
        }
        // IDLE (or imapflow's NOOP polling where the server has none) until news, the
        // poll timer, or the end; the next command ends the IDLE by itself.
        void client.idle().catch((err: unknown) => (lastError = err));
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(() => {
            dirty = true;
            poke();
          }, pollMs);
        });
        clearTimeout(timer);
      }
    } finally {
      signal.removeEventListener('abort', poke);
      this.stats.connected = false;
      this.client = null;
      await closeClient(client, this.log);
    }
  }
}

/** Creates the move target; an error stands only if the folder still does not exist. */
async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  try {
    await client.mailboxCreate(folderPath(folder));
  } catch (err) {
    const exists = await client.status(folderPath(folder), { messages: true }).catch(() => false);
    if (!exists) throw new Refused('target folder', `${folder}: ${serverAnswer(err)}`, err);
  }
}

async function closeClient(client: ImapFlow, log: Logger): Promise<void> {
  if (client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.logout().catch((err: unknown) => log.debug({ err: describe(err) }, 'IMAP logout failed')),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
  client.close();
}
