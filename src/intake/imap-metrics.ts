// The IMAP intake's counters: kept per mailbox in this process (stats(), for
// tests and the CLI) and, at the same moment, as Prometheus metrics in the
// process registry of metrics.ts. Mails also count in the shared
// inmail_mails_received_total{intake="imap"}, counted by the intake contract (accept.ts).
import { Counter, Gauge } from 'prom-client';
import { metrics } from '../metrics.js';
import type { ImapMailboxStats } from './imap-types.js';

const registers = [metrics.registry];

const mailSteps = {
  fetched: 'fetched',
  stored: 'stored',
  duplicates: 'duplicate',
  moved: 'moved',
  flagged: 'flagged',
  deleted: 'deleted',
} as const;
export type MailStep = keyof typeof mailSteps;
export type ErrorKind = 'login' | 'folder' | 'target folder' | 'transient';

const imapMails = new Counter({
  name: 'inmail_imap_mails_total',
  help: 'Mails of an IMAP mailbox by step: fetched, stored, duplicate (fetched again, stored once), moved, flagged, deleted (acknowledged after commit)',
  labelNames: ['mailbox', 'step'] as const,
  registers,
});
const imapErrors = new Counter({
  name: 'inmail_imap_errors_total',
  help: 'IMAP sessions ended by an error, by mailbox and kind: login, folder, target folder (refused; retried slowly), transient (network or server; reconnected with backoff)',
  labelNames: ['mailbox', 'kind'] as const,
  registers,
});
const imapUp = new Gauge({
  name: 'inmail_imap_connected',
  help: '1 while this process holds the mailbox lease and is connected to it',
  labelNames: ['mailbox'] as const,
  registers,
});

export function countMails(stats: ImapMailboxStats, mailbox: string, step: MailStep, n = 1): void {
  stats[step] += n;
  imapMails.inc({ mailbox, step: mailSteps[step] }, n);
}

export function countError(stats: ImapMailboxStats, mailbox: string, kind: ErrorKind, message: string): void {
  stats.errors += 1;
  if (kind === 'login') stats.authFailures += 1;
  stats.lastError = message;
  imapErrors.inc({ mailbox, kind });
}

export function setConnected(stats: ImapMailboxStats, mailbox: string, connected: boolean): void {
  stats.connected = connected;
  imapUp.set({ mailbox }, connected ? 1 : 0);
}
