// SQL of the operator tools: filtered reads in key order (keyset pages, so a
// release or export of millions of rows never holds them all), delete with
// history, and the last operator note of each address (for export).
import type { PoolClient } from '../db/pool.js';
import { filterToSql, type AddressFilter } from './filters.js';
import type { Channel } from './state.js';
import { fromRow, type AddressRow, type StoredAddress } from './store.js';

type Queryable = { query: PoolClient['query'] };

export interface Page {
  /** Rows after this (channel, key), in key order. */
  after?: { channel: string; key: string } | null;
  limit: number;
  /** Lock the rows (inside the caller's transaction). */
  forUpdate?: boolean;
}

export async function selectPage(db: Queryable, filter: AddressFilter, page: Page): Promise<StoredAddress[]> {
  const w = filterToSql(filter, 3);
  const r = await db.query<AddressRow>(
    `SELECT * FROM address
     WHERE ($1::text IS NULL OR (channel, address_key) > ($1, $2::text)) AND ${w.sql}
     ORDER BY channel, address_key LIMIT $3 ${page.forUpdate ? 'FOR UPDATE' : ''}`,
    [page.after?.channel ?? null, page.after?.key ?? null, page.limit, ...w.params],
  );
  return r.rows.map(fromRow);
}

/** The most recently modified matches first, for people looking at a list. */
export async function listRecent(db: Queryable, filter: AddressFilter, limit: number): Promise<StoredAddress[]> {
  const w = filterToSql(filter, 1);
  const r = await db.query<AddressRow>(
    `SELECT * FROM address WHERE ${w.sql} ORDER BY updated_at DESC, channel, address_key LIMIT $1`,
    [limit, ...w.params],
  );
  return r.rows.map(fromRow);
}

export async function countMatching(db: Queryable, filter: AddressFilter): Promise<number> {
  const w = filterToSql(filter);
  const r = await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM address WHERE ${w.sql}`, w.params);
  return r.rows[0]?.n ?? 0;
}

/** Deletes one address and records it in its history (kept as the audit trail); false when absent. */
export async function deleteAddress(db: PoolClient, channel: Channel, key: string, by: string, note: string | null): Promise<StoredAddress | null> {
  const r = await db.query<AddressRow>('DELETE FROM address WHERE channel = $1 AND address_key = $2 RETURNING *', [channel, key]);
  const row = r.rows[0];
  if (!row) return null;
  await db.query(
    `INSERT INTO address_history (channel, address_key, from_status, to_status, by, reason, error_count, note)
     VALUES ($1, $2, $3, 'deleted', $4, $5, $6, $7)`,
    [channel, key, row.status, by, row.reason, row.error_count, note],
  );
  return fromRow(row);
}

/** The latest history note of each address given, by `channel\0key`. */
export async function lastNotes(db: Queryable, refs: readonly { channel: string; key: string }[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const r = await db.query<{ channel: string; address_key: string; note: string }>(
    `SELECT DISTINCT ON (h.channel, h.address_key) h.channel, h.address_key, h.note
     FROM address_history h JOIN unnest($1::text[], $2::text[]) AS k(channel, address_key) USING (channel, address_key)
     WHERE h.note IS NOT NULL
     ORDER BY h.channel, h.address_key, h.at DESC, h.id DESC`,
    [refs.map((x) => x.channel), refs.map((x) => x.key)],
  );
  return new Map(r.rows.map((x) => [`${x.channel}\u0000${x.address_key}`, x.note]));
}

/** Where a page of the most-recently-modified list ends: updated_at in microseconds (a Date loses them), channel, key. */
export interface RecentCursor {
  updatedUs: string;
  channel: string;
  key: string;
}

/**
 * One page of the most-recently-modified list, for the API's cursor pagination:
 * keyset on (updated_at, channel, address_key) descending, so a page never
 * skips or repeats a row however many are written meanwhile at the top.
 */
export async function listRecentPage(
  db: Queryable,
  filter: AddressFilter,
  opts: { after: RecentCursor | null; limit: number },
): Promise<{ rows: StoredAddress[]; last: RecentCursor | null }> {
  const w = filterToSql(filter, 4);
  const r = await db.query<AddressRow & { updated_us: string }>(
    `SELECT *, ((extract(epoch FROM updated_at) * 1000000)::numeric(20,0))::text AS updated_us FROM address
     WHERE ($1::text IS NULL OR (updated_at, channel, address_key) < (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2::text, $3::text))
       AND ${w.sql}
     ORDER BY updated_at DESC, channel DESC, address_key DESC LIMIT $4`,
    [opts.after?.updatedUs ?? null, opts.after?.channel ?? null, opts.after?.key ?? null, opts.limit, ...w.params],
  );
  const lastRow = r.rows[r.rows.length - 1];
  return {
    rows: r.rows.map(fromRow),
    last: lastRow ? { updatedUs: lastRow.updated_us, channel: lastRow.channel, key: lastRow.address_key } : null,
  };
}

/** The addresses of `keys` (one channel) that must not be mailed: quarantined or denylisted. */
export async function blockedAmong(db: Queryable, channel: string, keys: readonly string[]): Promise<{ key: string; status: string; reason: string | null }[]> {
  if (keys.length === 0) return [];
  const r = await db.query<{ address_key: string; status: string; reason: string | null }>({
    name: 'inmail-blocked-among',
    text: `SELECT a.address_key, a.status, a.reason FROM address a
     JOIN unnest($2::text[]) AS k(address_key) ON a.channel = $1 AND a.address_key = k.address_key
     WHERE a.status IN ('quarantined', 'denylisted')`,
    values: [channel, keys],
  });
  return r.rows.map((x) => ({ key: x.address_key, status: x.status, reason: x.reason }));
}
