// IMAP intake (docs/pipeline.md): every configured mailbox gets its own loop
// (imap-mailbox.ts) under a Redis lease, so a bad mailbox never stops the
// others and each mailbox is polled by one process across all instances.
// A mail is acknowledged on the server (moved, flagged, deleted) only after
// the intake contract (accept.ts) has committed it.
import type { Redis } from 'ioredis';
import type { Config, ImapMailboxConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Intake } from './accept.js';
import { MailboxRunner } from './imap-mailbox.js';
import { parseAfter, type ImapIntakeHooks, type ImapMailboxStats, type ResolvedMailbox } from './imap-types.js';

export type { ImapIntakeHooks, ImapMailboxStats } from './imap-types.js';

export interface ImapIntakeDeps {
  config: Config;
  /** Commits and enqueues what the mailboxes yield (intake/accept.ts). */
  intake: Intake;
  /** A connected producer connection (createRedis(url, 'producer')); used for the leases. */
  redis: Redis;
  logger: Logger;
}

export interface ImapIntakeOptions {
  /** Test-only seams (see ImapIntakeHooks). */
  hooks?: ImapIntakeHooks;
  /** How long stop() lets a session finish its mail at hand before closing it. */
  stopGraceMs?: number;
}

export interface ImapIntake {
  /** Ends every mailbox loop, acknowledges what is stored, releases the leases. */
  stop(): Promise<void>;
  /** Counters per mailbox name, a snapshot. */
  stats(): Record<string, ImapMailboxStats>;
}

/** Label of a mailbox in logs, counters and its lease key. */
export const mailboxName = (box: ImapMailboxConfig): string => box.name ?? `${box.user}@${box.host}/${box.folder}`;

/** Mailboxes that can run; the others are reported and left out. */
function resolveMailboxes(boxes: readonly ImapMailboxConfig[], log: Logger): ResolvedMailbox[] {
  const out: ResolvedMailbox[] = [];
  const names = new Set<string>();
  for (const config of boxes) {
    const name = mailboxName(config);
    const after = parseAfter(config.after);
    if (names.has(name)) {
      log.error({ mailbox: name }, 'IMAP mailbox configured twice under one name; the second is ignored (give it a distinct name)');
      continue;
    }
    if (after.kind === 'move' && after.folder === config.folder) {
      log.error({ mailbox: name, folder: config.folder }, 'IMAP mailbox would move mails into the folder it reads; it is not polled');
      continue;
    }
    if (!config.password && !config.accessToken) {
      log.error({ mailbox: name }, 'IMAP mailbox has neither password nor accessToken; it is not polled');
      continue;
    }
    names.add(name);
    out.push({ name, config, after });
  }
  return out;
}

export function startImapIntake(deps: ImapIntakeDeps, options: ImapIntakeOptions = {}): ImapIntake {
  const log = deps.logger.child({ role: 'imap' });
  const runners = resolveMailboxes(deps.config.imap.mailboxes, log).map(
    (box) => new MailboxRunner(box, { ...deps, logger: log, hooks: options.hooks }),
  );
  if (runners.length === 0) log.warn('no IMAP mailbox to poll (imap.mailboxes, INMAIL_IMAP_URL)');
  for (const runner of runners) runner.start();
  log.info({ mailboxes: runners.map((r) => r.box.name) }, 'IMAP intake started');
  return {
    async stop() {
      await Promise.all(runners.map((r) => r.stop(options.stopGraceMs)));
      log.info('IMAP intake stopped');
    },
    stats() {
      return Object.fromEntries(runners.map((r) => [r.box.name, { ...r.stats }]));
    },
  };
}
