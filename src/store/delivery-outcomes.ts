// Delivery reports' outcomes per recipient domain and MX in one-minute buckets
// (docs/mx-advice.md), written in the worker's transaction, one statement per
// batch; a rule's window is the sum of its buckets.
import type { PoolClient } from '../db/pool.js';
import type { MxScope, OutcomeCounts } from '../domain/mx-rule.js';

type Queryable = { query: PoolClient['query'] };

/** Spreads one domain's upserts over this many rows, so that concurrent batches rarely wait on each other. */
export const OUTCOME_SLOTS = 8;

export type OutcomeKind = 'sent' | 'failed_hard' | 'failed_soft' | 'deferred' | 'sender_side';

export interface OutcomeRecord {
  domain: string;
  mx: string;
  at: Date;
  kind: OutcomeKind;
}

const KINDS: readonly OutcomeKind[] = ['sent', 'failed_hard', 'failed_soft', 'deferred', 'sender_side'];

/** Adds a batch's attempts; rows summed first and written in key order (no deadlocks). */
export async function recordOutcomes(db: Queryable, slotSeed: number, records: readonly OutcomeRecord[]): Promise<void> {
  if (records.length === 0) return;
  const slot = Math.abs(slotSeed) % OUTCOME_SLOTS;
  const rows = new Map<string, { domain: string; mx: string; bucket: string; n: number[] }>();
  for (const r of records) {
    const bucket = new Date(Math.floor(r.at.getTime() / 60_000) * 60_000).toISOString();
    const k = `${r.domain}\u0000${r.mx}\u0000${bucket}`;
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { domain: r.domain, mx: r.mx, bucket, n: [0, 0, 0, 0, 0] }));
    row.n[KINDS.indexOf(r.kind)] = (row.n[KINDS.indexOf(r.kind)] ?? 0) + 1;
  }
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  const col = (i: number) => sorted.map((r) => r.n[i] ?? 0);
  await db.query(
    `INSERT INTO delivery_outcome (domain, mx, bucket, slot, sent, failed_hard, failed_soft, deferred, sender_side)
     SELECT d, m, b, $4, s, h, f, t, x
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[]) AS u(d, m, b, s, h, f, t, x)
     ON CONFLICT (domain, mx, bucket, slot) DO UPDATE SET
       sent = delivery_outcome.sent + EXCLUDED.sent,
       failed_hard = delivery_outcome.failed_hard + EXCLUDED.failed_hard,
       failed_soft = delivery_outcome.failed_soft + EXCLUDED.failed_soft,
       deferred = delivery_outcome.deferred + EXCLUDED.deferred,
       sender_side = delivery_outcome.sender_side + EXCLUDED.sender_side`,
    [sorted.map((r) => r.domain), sorted.map((r) => r.mx), sorted.map((r) => r.bucket), slot, col(0), col(1), col(2), col(3), col(4)],
  );
}

interface CountRow {
  target: string;
  sent: string;
  failed_hard: string;
  failed_soft: string;
  deferred: string;
  sender_side: string;
}

const counts = (r: CountRow): OutcomeCounts => ({
  sent: Number(r.sent),
  failedHard: Number(r.failed_hard),
  failedSoft: Number(r.failed_soft),
  deferred: Number(r.deferred),
  senderSide: Number(r.sender_side),
});

/** The sums of a window for these domains or MXes (all of them when targets is null). */
export async function windowCounts(
  db: Queryable,
  scope: MxScope,
  targets: readonly string[] | null,
  since: Date,
): Promise<Map<string, OutcomeCounts>> {
  const col = scope === 'domain' ? 'domain' : 'mx';
  const r = await db.query<CountRow>(
    `SELECT ${col} AS target, sum(sent) AS sent, sum(failed_hard) AS failed_hard, sum(failed_soft) AS failed_soft,
            sum(deferred) AS deferred, sum(sender_side) AS sender_side
       FROM delivery_outcome
      WHERE bucket >= $1 ${scope === 'mx' ? "AND mx <> ''" : ''} ${targets ? `AND ${col} = ANY($2::text[])` : ''}
      GROUP BY ${col}`,
    targets ? [since, targets] : [since],
  );
  return new Map(r.rows.map((row) => [row.target, counts(row)]));
}

export interface OutcomeSummary extends OutcomeCounts {
  target: string;
}

/** The busiest domains or MXes since a time, for `inmail stats` and the API. */
export async function topOutcomes(db: Queryable, scope: MxScope, since: Date, limit: number): Promise<OutcomeSummary[]> {
  const all = await windowCounts(db, scope, null, since);
  return [...all.entries()]
    .map(([target, c]) => ({ target, ...c }))
    .sort(
      (a, b) =>
        b.sent +
        b.failedHard +
        b.failedSoft +
        b.deferred +
        b.senderSide -
        (a.sent + a.failedHard + a.failedSoft + a.deferred + a.senderSide),
    )
    .slice(0, limit);
}

export async function pruneOutcomes(db: Queryable, before: Date): Promise<number> {
  return (await db.query('DELETE FROM delivery_outcome WHERE bucket < $1', [before])).rowCount ?? 0;
}
