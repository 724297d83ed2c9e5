// SQL of operator changes (operator_change, operator_change_address): the record
// of a bulk change (who, when, filter) and each address as it was before, which
// is what `quarantine undo` restores. Callers pass a client inside their transaction.
import type { PoolClient } from '../db/pool.js';

type Queryable = { query: PoolClient['query'] };

export type ChangeKind = 'release' | 'delete' | 'import' | 'reapply' | 'undo';

export interface ChangeRecord {
  id: number;
  kind: ChangeKind;
  by: string;
  at: Date;
  filter: Record<string, unknown>;
  note: string | null;
  addresses: number;
  undoes: number | null;
  undoneBy: number | null;
}

interface ChangeRow {
  id: number;
  kind: ChangeKind;
  by: string;
  at: Date;
  filter: Record<string, unknown>;
  note: string | null;
  addresses: number;
  undoes: number | null;
  undone_by: number | null;
}

const fromRow = (r: ChangeRow): ChangeRecord => ({
  id: r.id,
  kind: r.kind,
  by: r.by,
  at: r.at,
  filter: r.filter,
  note: r.note,
  addresses: r.addresses,
  undoes: r.undoes,
  undoneBy: r.undone_by,
});

export async function insertChange(
  db: Queryable,
  c: { kind: ChangeKind; by: string; at: Date; filter: Record<string, unknown>; note: string | null; undoes?: number | null },
): Promise<number> {
  const r = await db.query<{ id: number }>(
    'INSERT INTO operator_change (kind, by, at, filter, note, undoes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [c.kind, c.by, c.at, JSON.stringify(c.filter), c.note, c.undoes ?? null],
  );
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('operator_change insert returned no id');
  return id;
}

/**
 * Records the addresses a change is about to write, as they are now (call after
 * locking them, before writing). A row created by this same transaction (its
 * xmin is ours: an import of a new address) is recorded as absent, so that
 * undo deletes it rather than leaving a fresh `valid` row behind.
 */
export async function recordBefore(
  db: Queryable,
  changeId: number,
  rows: readonly { channel: string; key: string; afterStatus: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO operator_change_address (change_id, channel, address_key, before, after_status)
     SELECT $1, k.channel, k.address_key,
       CASE WHEN a.address_key IS NULL OR a.xmin = pg_current_xact_id()::xid THEN NULL ELSE to_jsonb(a) END, k.after_status
     FROM unnest($2::text[], $3::text[], $4::text[]) AS k(channel, address_key, after_status)
     LEFT JOIN address a USING (channel, address_key)
     ON CONFLICT (change_id, channel, address_key) DO UPDATE SET after_status = EXCLUDED.after_status`,
    [changeId, rows.map((r) => r.channel), rows.map((r) => r.key), rows.map((r) => r.afterStatus)],
  );
}

export async function finishChange(db: Queryable, changeId: number): Promise<number> {
  const r = await db.query<{ n: number }>(
    `UPDATE operator_change SET addresses = (SELECT count(*) FROM operator_change_address WHERE change_id = $1)
     WHERE id = $1 RETURNING addresses AS n`,
    [changeId],
  );
  return r.rows[0]?.n ?? 0;
}

export async function lockChange(db: Queryable, id: number): Promise<ChangeRecord | null> {
  const r = await db.query<ChangeRow>('SELECT * FROM operator_change WHERE id = $1 FOR UPDATE', [id]);
  const row = r.rows[0];
  return row ? fromRow(row) : null;
}

export async function markUndone(db: Queryable, id: number, undoneBy: number): Promise<void> {
  await db.query('UPDATE operator_change SET undone_by = $2 WHERE id = $1', [id, undoneBy]);
}

export async function listChanges(db: Queryable, limit: number): Promise<ChangeRecord[]> {
  const r = await db.query<ChangeRow>('SELECT * FROM operator_change ORDER BY id DESC LIMIT $1', [limit]);
  return r.rows.map(fromRow);
}

/** One address of a change, and how it stands now (locked; `current` null: absent). */
export interface UndoCandidate {
  channel: string;
  key: string;
  before: Record<string, unknown> | null;
  afterStatus: string | null;
  currentStatus: string | null;
}

/** The addresses of a change with their current rows, locked in key order. */
export async function lockChangeAddresses(db: Queryable, changeId: number): Promise<UndoCandidate[]> {
  // Lock the current rows first (key order, as every other writer), then read the pairs.
  await db.query(
    `SELECT 1 FROM address a JOIN operator_change_address c USING (channel, address_key)
     WHERE c.change_id = $1 ORDER BY a.channel, a.address_key FOR UPDATE OF a`,
    [changeId],
  );
  const r = await db.query<{
    channel: string;
    address_key: string;
    before: Record<string, unknown> | null;
    after_status: string | null;
    current_status: string | null;
  }>(
    `SELECT c.channel, c.address_key, c.before, c.after_status, a.status AS current_status
     FROM operator_change_address c LEFT JOIN address a USING (channel, address_key)
     WHERE c.change_id = $1 ORDER BY c.channel, c.address_key`,
    [changeId],
  );
  return r.rows.map((x) => ({
    channel: x.channel,
    key: x.address_key,
    before: x.before,
    afterStatus: x.after_status,
    currentStatus: x.current_status,
  }));
}

/**
 * Puts back whole address rows as recorded (every column of the snapshot), with
 * one history row each naming the undo. updated_at is now: the row changed now.
 */
export async function restoreRows(
  db: Queryable,
  changeId: number,
  rows: readonly { channel: string; key: string; before: Record<string, unknown>; fromStatus: string | null }[],
  by: string,
  note: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO address (channel, address_key, address, domain, status, reason, type, failure_reason, error_count,
       first_error_at, last_error_at, last_significant_error_at, last_error_text, last_message_id, last_delivery_id, opted_out,
       created_at, updated_at)
     SELECT b.channel, b.address_key, b.address, b.domain, b.status, b.reason, b.type, b.failure_reason, b.error_count,
       b.first_error_at, b.last_error_at, b.last_significant_error_at, b.last_error_text, b.last_message_id, b.last_delivery_id,
       coalesce(b.opted_out, false), b.created_at, now()
     FROM jsonb_array_elements($1::jsonb) AS j(v), jsonb_populate_record(null::address, j.v) AS b
     ON CONFLICT (channel, address_key) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, type = EXCLUDED.type,
       failure_reason = EXCLUDED.failure_reason, error_count = EXCLUDED.error_count, first_error_at = EXCLUDED.first_error_at,
       last_error_at = EXCLUDED.last_error_at, last_significant_error_at = EXCLUDED.last_significant_error_at,
       last_error_text = EXCLUDED.last_error_text, last_message_id = EXCLUDED.last_message_id,
       last_delivery_id = EXCLUDED.last_delivery_id, opted_out = EXCLUDED.opted_out, updated_at = now()`,
    [JSON.stringify(rows.map((r) => r.before))],
  );
  await db.query(
    `INSERT INTO address_history (channel, address_key, from_status, to_status, by, reason, error_count, note, change_id)
     SELECT k.channel, k.address_key, k.from_status, a.status, $4, a.reason, a.error_count, $5, $6
     FROM unnest($1::text[], $2::text[], $3::text[]) AS k(channel, address_key, from_status)
     JOIN address a USING (channel, address_key)`,
    [rows.map((r) => r.channel), rows.map((r) => r.key), rows.map((r) => r.fromStatus), by, note, changeId],
  );
}

/** Deletes addresses a change had created, with a history row each. */
export async function deleteRows(
  db: Queryable,
  changeId: number,
  rows: readonly { channel: string; key: string }[],
  by: string,
  note: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `WITH gone AS (
       DELETE FROM address a USING unnest($1::text[], $2::text[]) AS k(channel, address_key)
       WHERE a.channel = k.channel AND a.address_key = k.address_key RETURNING a.*)
     INSERT INTO address_history (channel, address_key, from_status, to_status, by, reason, error_count, note, change_id)
     SELECT channel, address_key, status, 'deleted', $3, reason, error_count, $4, $5 FROM gone`,
    [rows.map((r) => r.channel), rows.map((r) => r.key), by, note, changeId],
  );
}
