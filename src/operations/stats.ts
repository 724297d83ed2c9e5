// Counts of mails and addresses and the domain health (`inmail stats`, GET /v1/stats).
import type { Pool } from '../db/pool.js';
import { countAddressesByStatus } from '../store/addresses.js';
import { topDomains, type DomainHealth } from '../store/domain-health.js';
import { topFailureReasons } from '../store/events.js';
import { countMailsByState, mailsPerHourByState } from '../store/raw-mails.js';

export interface Stats {
  mails: { received: number; processed: number; pending: number; failed: number };
  addresses: { valid: number; erroneous: number; quarantined: number; denylisted: number; allowlisted: number };
}

export async function readStats(pool: Pool): Promise<Stats> {
  const [m, a] = await Promise.all([countMailsByState(pool), countAddressesByStatus(pool)]);
  return {
    mails: {
      received: [...m.values()].reduce((x, y) => x + y, 0),
      processed: m.get('processed') ?? 0,
      pending: m.get('pending') ?? 0,
      failed: m.get('failed') ?? 0,
    },
    addresses: {
      valid: a.get('valid') ?? 0,
      erroneous: a.get('erroneous') ?? 0,
      quarantined: a.get('quarantined') ?? 0,
      denylisted: a.get('denylisted') ?? 0,
      allowlisted: a.get('allowlisted') ?? 0,
    },
  };
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
