// The automatic releases (docs/states-and-policy.md), run by the repeatable `cleanup` job:
// erroneous addresses idle long enough, and quarantines whose reason allows it
// (mailboxfull by default), become valid. The decision is releaseIfIdle's; this
// module only finds candidates and writes back, in batches of one transaction each.
import type { Pool } from '../db/pool.js';
import { inTransaction, withAdvisoryLock } from '../db/pool.js';
import { pruneDomainHealth } from '../store/domain-health.js';
import { releaseIfIdle, type AddressStatus, type Policy } from './state.js';
import { lockIdleAddresses, saveAddresses, type AddressChange } from '../store/addresses.js';

const DAY_MS = 86_400_000;

export interface CleanupOptions {
  policy: Policy;
  now: Date;
  batchSize?: number;
  /** Days of domain-health counts kept; unset: 90. */
  domainHealthDays?: number;
}

export interface CleanupResult {
  erroneousReleased: number;
  quarantineReleased: number;
  examined: number;
  domainHealthRowsPruned: number;
}

/** The smallest idle time after which some address of `status` may be released, and for which reasons. */
function bounds(policy: Policy): { erroneousDays: number; quarantine: { reasons: string[]; days: number } | null } {
  const per = Object.entries(policy.perReason);
  const erroneousDays = Math.min(
    policy.erroneousReleaseDays,
    policy.mailboxfullReleaseDays,
    ...per.flatMap(([, t]) => (t.erroneousReleaseDays === undefined ? [] : [t.erroneousReleaseDays])),
  );
  const q = new Map<string, number>([['mailboxfull', policy.mailboxfullReleaseDays]]);
  for (const [reason, t] of per) if (t.quarantineReleaseDays !== undefined) q.set(reason, t.quarantineReleaseDays);
  return { erroneousDays, quarantine: q.size ? { reasons: [...q.keys()], days: Math.min(...q.values()) } : null };
}

/** Advisory lock key of the cleanup ('inmc'): one run at a time across every scheduler. */
const LOCK_KEY = 0x696e6d63;

/**
 * One cleanup run; `skipped` when another is still running (BullMQ starts one
 * job per tick, but a run longer than the interval would overlap the next).
 */
export async function runCleanup(pool: Pool, opts: CleanupOptions): Promise<CleanupResult | { skipped: 'another cleanup is running' }> {
  return (await withAdvisoryLock(pool, LOCK_KEY, () => cleanupOnce(pool, opts))) ?? { skipped: 'another cleanup is running' };
}

async function cleanupOnce(pool: Pool, opts: CleanupOptions): Promise<CleanupResult> {
  const result: CleanupResult = { erroneousReleased: 0, quarantineReleased: 0, examined: 0, domainHealthRowsPruned: 0 };
  const b = bounds(opts.policy);
  await releaseBatches(pool, opts, 'erroneous', new Date(opts.now.getTime() - b.erroneousDays * DAY_MS), null, result);
  if (b.quarantine) {
    const cutoff = new Date(opts.now.getTime() - b.quarantine.days * DAY_MS);
    await releaseBatches(pool, opts, 'quarantined', cutoff, b.quarantine.reasons, result);
  }
  const keepDays = opts.domainHealthDays ?? 90;
  result.domainHealthRowsPruned = await pruneDomainHealth(pool, new Date(opts.now.getTime() - keepDays * DAY_MS));
  return result;
}

async function releaseBatches(
  pool: Pool,
  opts: CleanupOptions,
  status: AddressStatus,
  idleSince: Date,
  reasons: string[] | null,
  result: CleanupResult,
): Promise<void> {
  const batchSize = opts.batchSize ?? 1000;
  let after: { lastErrorAt: Date; channel: string; key: string } | null = null;
  for (;;) {
    const batch = await inTransaction(pool, async (db) => {
      // SKIP LOCKED: rows a worker holds are left for the next run, and the
      // cleanup never waits on a worker, so the two cannot deadlock.
      const rows = await lockIdleAddresses(db, { status, idleSince, reasons, after, limit: batchSize });
      const changes: AddressChange[] = [];
      for (const a of rows) {
        const next = releaseIfIdle(a, opts.now, opts.policy);
        if (next) changes.push({ before: a, after: next, at: opts.now, by: 'cleanup', note: `idle since ${a.lastErrorAt?.toISOString()}` });
      }
      await saveAddresses(db, changes);
      return { rows, released: changes.length };
    });
    result.examined += batch.rows.length;
    if (status === 'erroneous') result.erroneousReleased += batch.released;
    else result.quarantineReleased += batch.released;
    const last = batch.rows[batch.rows.length - 1];
    if (!last || batch.rows.length < batchSize || !last.lastErrorAt) return;
    after = { lastErrorAt: last.lastErrorAt, channel: last.channel, key: last.key };
  }
}
