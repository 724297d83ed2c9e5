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
