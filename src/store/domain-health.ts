// Sender-side failures counted per recipient domain (docs/reasons.md), for the
// domain-health view. Written in the worker's transaction, one statement per
// mail with the mail's failures aggregated first; read by `inmail stats`.
// Which failures are sender-side: isSenderSide in domain/reasons.ts.
import type { PoolClient } from '../db/pool.js';
import type { Reason } from '../domain/reasons.js';

type Queryable = { query: PoolClient['query'] };

/** Spreads one domain's upserts over this many rows (see migration 0003). */
export const SLOTS = 8;

export interface SenderSideFailure {
  domain: string;
  reason: Reason;
  at: Date;
}

interface Row {
  domain: string;
  day: string;
  reason: string;
  slot: number;
  errors: number;
  messages: number;
  first_seen: string;
  last_seen: string;
}

/** One row per (domain, day, reason) of one mail; `messages` is 1 each: the mail. */
export function aggregate(rawMailId: number, failures: readonly SenderSideFailure[]): Row[] {
  const slot = Math.abs(rawMailId) % SLOTS;
  const rows = new Map<string, Row>();
  for (const f of failures) {
    const day = f.at.toISOString().slice(0, 10);
    const k = `${f.domain}\u0000${day}\u0000${f.reason}`;
    const at = f.at.toISOString();
    const row = rows.get(k);
    if (!row) {
      rows.set(k, { domain: f.domain, day, reason: f.reason, slot, errors: 1, messages: 1, first_seen: at, last_seen: at });
      continue;
    }
    row.errors += 1;
    if (at < row.first_seen) row.first_seen = at;
    if (at > row.last_seen) row.last_seen = at;
  }
  // Key order, so two transactions upserting the same rows cannot deadlock.
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/**
 * Several mails' failures in one statement (the worker's batches): each mail
 * aggregated as alone, then rows of one key summed, in key order (no deadlocks).
 */
export async function recordSenderSideMany(
  db: Queryable,
  mails: readonly { rawMailId: number; failures: readonly SenderSideFailure[] }[],
): Promise<number> {
  const merged = new Map<string, Row>();
  for (const m of mails) {
    for (const r of aggregate(m.rawMailId, m.failures)) {
      const k = `${r.domain}\u0000${r.day}\u0000${r.reason}\u0000${r.slot}`;
      const have = merged.get(k);
      if (!have) {
        merged.set(k, { ...r });
        continue;
      }
      have.errors += r.errors;
      have.messages += r.messages;
      if (r.first_seen < have.first_seen) have.first_seen = r.first_seen;
      if (r.last_seen > have.last_seen) have.last_seen = r.last_seen;
    }
  }
  const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return upsert(db, rows);
}

export async function recordSenderSide(db: Queryable, rawMailId: number, failures: readonly SenderSideFailure[]): Promise<number> {
  return upsert(db, aggregate(rawMailId, failures));
}

async function upsert(db: Queryable, rows: readonly Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  await db.query({
    name: 'inmail-domain-health',
    text: `INSERT INTO domain_health (domain, day, reason, slot, errors, messages, first_seen, last_seen)
     SELECT domain, day, reason, slot, errors, messages, first_seen, last_seen
     FROM json_to_recordset($1) AS x(ord int, domain text, day date, reason text, slot smallint, errors bigint, messages bigint,
       first_seen timestamptz, last_seen timestamptz)
     ORDER BY ord
     ON CONFLICT (domain, day, reason, slot) DO UPDATE SET
       errors = domain_health.errors + EXCLUDED.errors,
       messages = domain_health.messages + EXCLUDED.messages,
       first_seen = LEAST(domain_health.first_seen, EXCLUDED.first_seen),
       last_seen = GREATEST(domain_health.last_seen, EXCLUDED.last_seen)`,
    values: [JSON.stringify(rows.map((r, ord) => ({ ord, ...r })))],
  });
  return rows.length;
}

export interface DomainHealth {
  domain: string;
  errors: number;
  messages: number;
  lastSeenAt: string;
  /** Errors per reason, most frequent first. */
  reasons: Record<string, number>;
}

/** The domains with most sender-side failures since a day. */
export async function topDomains(db: Queryable, opts: { since: Date; limit: number }): Promise<DomainHealth[]> {
  const r = await db.query<{ domain: string; errors: number; messages: number; last_seen: Date; reasons: Record<string, number> }>(
    `WITH per_reason AS (
       SELECT domain, reason, sum(errors)::bigint AS errors, sum(messages)::bigint AS messages, max(last_seen) AS last_seen
       FROM domain_health WHERE day >= $1::date GROUP BY domain, reason)
     SELECT domain, sum(errors)::bigint AS errors, sum(messages)::bigint AS messages, max(last_seen) AS last_seen,
       jsonb_object_agg(reason, errors) AS reasons
     FROM per_reason GROUP BY domain ORDER BY errors DESC, domain LIMIT $2`,
    [opts.since.toISOString().slice(0, 10), opts.limit],
  );
  return r.rows.map((x) => ({
    domain: x.domain,
    errors: x.errors,
    messages: x.messages,
    lastSeenAt: x.last_seen.toISOString(),
    reasons: Object.fromEntries(Object.entries(x.reasons).sort(([, a], [, b]) => b - a)),
  }));
}

/** Drops days older than `before` (called by the cleanup job). */
export async function pruneDomainHealth(db: Queryable, before: Date): Promise<number> {
  const r = await db.query('DELETE FROM domain_health WHERE day < $1::date', [before.toISOString().slice(0, 10)]);
  return r.rowCount ?? 0;
}
