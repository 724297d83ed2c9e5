// Counts of mails and addresses and the domain health (`inmail stats`, GET /v1/stats).
import type { Pool } from '../db/pool.js';
import { countAddressesByChannelAndStatus } from '../store/addresses.js';
import { topDomains, type DomainHealth } from '../store/domain-health.js';
import { topFailureReasons } from '../store/events.js';
import { countMailsBySourceAndState, mailsPerHourByState } from '../store/raw-mails.js';

export interface MailCounts {
  received: number;
  processed: number;
  pending: number;
  failed: number;
}
export interface AddressCounts {
  valid: number;
  erroneous: number;
  quarantined: number;
  denylisted: number;
  allowlisted: number;
}

export interface Stats {
  /** All sources together (docs/cli.md's keys). */
  mails: MailCounts;
  addresses: AddressCounts;
  /** Per source that stored anything: smtp, imap, ses, sendgrid, postmark, mailgun, sms, push, ... (docs/intake.md). */
  mailsBySource: Record<string, MailCounts>;
  /** Per channel: email always, sms and push once they hold an address. */
  addressesByChannel: Record<string, AddressCounts>;
}

const noMails = (): MailCounts => ({ received: 0, processed: 0, pending: 0, failed: 0 });
const noAddresses = (): AddressCounts => ({ valid: 0, erroneous: 0, quarantined: 0, denylisted: 0, allowlisted: 0 });

function addMails(c: MailCounts, state: string, n: number): void {
  // `received` counts every stored item, duplicates included; the others are the states of interest.
  c.received += n;
  if (state === 'processed' || state === 'pending' || state === 'failed') c[state] += n;
}

function addAddresses(c: AddressCounts, status: string, n: number): void {
  if (status in c) c[status as keyof AddressCounts] += n;
}

export async function readStats(pool: Pool): Promise<Stats> {
  const [m, a] = await Promise.all([countMailsBySourceAndState(pool), countAddressesByChannelAndStatus(pool)]);
  const mails = noMails();
  const mailsBySource: Record<string, MailCounts> = {};
  for (const r of m) {
    addMails(mails, r.state, r.n);
    addMails((mailsBySource[r.source] ??= noMails()), r.state, r.n);
  }
  const addresses = noAddresses();
  const addressesByChannel: Record<string, AddressCounts> = { email: noAddresses() };
  for (const r of a) {
    addAddresses(addresses, r.status, r.n);
    addAddresses((addressesByChannel[r.channel] ??= noAddresses()), r.status, r.n);
  }
  return { mails, addresses, mailsBySource, addressesByChannel };
}

/** Stats plus sender-side failures per recipient domain over the last `days` days (docs/reasons.md). */
export async function statsWithHealth(pool: Pool, days: number): Promise<Stats & { domainHealth: DomainHealth[] }> {
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  const [stats, domainHealth] = await Promise.all([readStats(pool), topDomains(pool, { since, limit: 10 })]);
  return { ...stats, domainHealth };
}

export interface Activity {
  /** Mails received per hour over the window, by their state now (processed, failed, ...). */
  mailsPerHour: { hour: string; state: string; mails: number }[];
  /** Recipient events of failed deliveries by reason over the window, most frequent first. */
  topReasons: { reason: string; events: number }[];
}

/** What the console's dashboard draws: mails per hour by outcome, top bounce reasons. */
export async function readActivity(pool: Pool, hours: number): Promise<Activity> {
  const since = new Date(Date.now() - hours * 3_600_000);
  const [mailsPerHour, topReasons] = await Promise.all([mailsPerHourByState(pool, since), topFailureReasons(pool, since, 10)]);
  return { mailsPerHour, topReasons };
}
