// One IMAP connection to one mailbox: connect, create the move target, select
// the folder, take everything waiting (catch-up), then wait for news and take
// again until the signal aborts. News is an EXISTS while IDLE (or during
// imapflow's NOOP polling where the server has no IDLE), or our own re-check
// every pollEverySeconds. Any failure throws; the runner decides what next.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { describe } from '../errors.js';
import type { Intake } from './accept.js';
import { drainFolder } from './imap-drain.js';
import { Refused, serverAnswer } from './imap-errors.js';
import { setConnected } from './imap-metrics.js';
import { folderPath, type ImapIntakeHooks, type ImapMailboxStats, type ResolvedMailbox } from './imap-types.js';

// Without them a server that accepts TCP but never greets hangs a session forever.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 16_000, socketTimeout: 5 * 60_000 } as const;
const LOGOUT_WAIT_MS = 5_000;

export interface SessionContext {
  box: ResolvedMailbox;
  config: Config;
  intake: Intake;
  stats: ImapMailboxStats;
  log: Logger;
  hooks?: ImapIntakeHooks | undefined;
  /** Stop requested or lease lost: finish the mail at hand, acknowledge, log out. */
  signal: AbortSignal;
  /** Gives the runner the client, so that a stop past its grace time can close it. */
  onClient(client: ImapFlow | null): void;
  /** Called after each complete pass: the connection works, backoff can restart from 1 s. */
  onDrained(): void;
}

/** imapflow's own log lines are protocol detail: kept at debug under this mailbox. */
function imapflowLogger(log: Logger): NonNullable<ImapFlowOptions['logger']> {
  const at = (obj: unknown): void => log.debug({ imapflow: obj }, 'imapflow');
  return { debug: () => undefined, info: () => undefined, warn: at, error: at };
}

function clientOptions(box: ResolvedMailbox, log: Logger): ImapFlowOptions {
  const c = box.config;
  return {
    host: c.host,
    port: c.port,
    secure: c.tls === 'implicit',
    // starttls: required, never a silent downgrade; none: plain text (tests, localhost).
    ...(c.tls === 'implicit' ? {} : { doSTARTTLS: c.tls === 'starttls' }),
    auth: c.accessToken ? { user: c.user, accessToken: c.accessToken } : { user: c.user, pass: c.password ?? '' },
    logger: imapflowLogger(log),
    // We IDLE explicitly while waiting: auto-IDLE would start only 15 s after the last command.
    disableAutoIdle: true,
    ...TIMEOUTS,
  };
}

export async function runSession(ctx: SessionContext): Promise<void> {
  const { box, config, signal, stats } = ctx;
  const client = new ImapFlow(clientOptions(box, ctx.log));
  ctx.onClient(client);
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
  const pollMs = Math.max(1, config.imap.pollEverySeconds) * 1000;
  try {
    await client.connect();
    setConnected(stats, box.name, true);
    ctx.log.info(
      { server: `${box.config.host}:${box.config.port}`, folder: box.config.folder, idle: client.capabilities.has('IDLE') },
      'IMAP session open',
    );
    if (box.after.kind === 'move') await ensureFolder(client, box.after.folder);
    await client.mailboxOpen(folderPath(box.config.folder));
    while (!signal.aborted) {
      if (!client.usable)
        throw new Error(`connection closed: ${lastError ? serverAnswer(lastError) : (client.byeReason ?? 'by the server')}`);
      if (dirty) {
        dirty = false;
        await drainFolder({
          client,
          box,
          intake: ctx.intake,
          batchSize: config.imap.batchSize,
          batchMaxBytes: config.imap.batchMaxBytes,
          stats,
          log: ctx.log,
          signal,
          hooks: ctx.hooks,
        });
        ctx.onDrained();
        continue;
      }
      // The next command ends the IDLE by itself.
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
    setConnected(stats, box.name, false);
    ctx.onClient(null);
    await closeClient(client, ctx.log);
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
