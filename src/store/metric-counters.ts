// SQL of metric_counter: counts of changes made outside the daemon (CLI, API),
// added in the transaction of the change itself, so that a rolled-back change
// is never counted. The daemon exports them (metrics.ts dbCounterSource).
import type { PoolClient } from '../db/pool.js';

type Queryable = { query: PoolClient['query'] };

export interface CounterAdd {
  name: string;
  labels: Record<string, string>;
  by: number;
}

/** Adds to counters in one statement, rows in key order so that concurrent changes cannot deadlock. */
export async function addCounters(db: Queryable, adds: readonly CounterAdd[]): Promise<void> {
  const merged = new Map<string, CounterAdd>();
  for (const a of adds) {
    if (a.by <= 0) continue;
    const labels = Object.fromEntries(Object.entries(a.labels).sort(([x], [y]) => (x < y ? -1 : 1)));
    const k = `${a.name}\u0000${JSON.stringify(labels)}`;
    const prev = merged.get(k);
    merged.set(k, { name: a.name, labels, by: (prev?.by ?? 0) + a.by });
  }
  const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO metric_counter (name, labels, value)
     SELECT * FROM unnest($1::text[], $2::jsonb[], $3::float8[])
     ON CONFLICT (name, labels) DO UPDATE SET value = metric_counter.value + EXCLUDED.value`,
    [rows.map((r) => r.name), rows.map((r) => JSON.stringify(r.labels)), rows.map((r) => r.by)],
  );
}

export async function readCounters(db: Queryable): Promise<{ name: string; labels: Record<string, string>; value: number }[]> {
  const r = await db.query<{ name: string; labels: Record<string, string>; value: number }>(
    'SELECT name, labels, value FROM metric_counter ORDER BY name',
  );
  return r.rows;
}

/** The address transitions of a change, as counter additions (inmail_address_transitions_total). */
export function transitionCounts(changes: readonly { from: string | null; to: string | null }[]): CounterAdd[] {
  return changes
    .filter((c) => c.from !== c.to)
    .map((c) => ({ name: 'inmail_address_transitions_total', labels: { from: c.from ?? 'none', to: c.to ?? 'deleted' }, by: 1 }));
}
