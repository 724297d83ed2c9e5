// SQL of delivery_attempt_seen (migration 0018): the keys of the delivery-report
// attempts already applied, so that one attempt posted again inside another
// batch changes nothing (docs/intake.md, "Delivery reports"). Written in the
// worker's commit transaction; old keys go with retention (partitions.ts).
import type { PoolClient } from '../db/pool.js';
import { byteaArray } from '../db/bytea-array.js';

type Queryable = { query: PoolClient['query'] };

/**
 * Records the keys, one statement for the batch, and returns those that were not
 * there before (as hex). Keys are sent distinct and sorted, so that two batches
 * holding the same keys take their index locks in the same order (no deadlock).
 */
export async function markAttemptsSeen(db: Queryable, keys: readonly Buffer[]): Promise<Set<string>> {
  const distinct = new Map<string, Buffer>();
  for (const k of keys) distinct.set(k.toString('hex'), k);
  if (distinct.size === 0) return new Set();
  const sorted = [...distinct.values()].sort((a, b) => Buffer.compare(a, b));
  const r = await db.query<{ key: Buffer }>(
    `INSERT INTO delivery_attempt_seen (key)
     SELECT k FROM unnest($1::bytea[]) AS u(k)
     ON CONFLICT DO NOTHING
     RETURNING key`,
    [byteaArray(sorted)],
  );
  return new Set(r.rows.map((row) => row.key.toString('hex')));
}
