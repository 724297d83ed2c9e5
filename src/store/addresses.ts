// SQL of address states (address, address_history): lock, read, write back in
// batches, with history; the operator's filtered pages, deletes and notes.
// Callers pass a client inside their transaction; the decisions are made by
// the pure state machine (quarantine/state.ts), never here.
import type { PoolClient } from '../db/pool.js';
import type { AddressState, AddressStatus, Channel } from '../domain/address.js';
import { filterToSql, type AddressFilter } from './address-filters.js';
import type { BounceType, Reason } from '../domain/reasons.js';

export interface AddressRef {
  channel: Channel;
  key: string;
  address: string;
  domain: string | null;
}

export interface StoredAddress extends AddressState {
  channel: Channel;
  key: string;
  address: string;
  domain: string | null;
  lastMessageId: string | null;
  lastDeliveryId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AddressRow {
  channel: Channel;
  address_key: string;
  address: string;
  domain: string | null;
  status: AddressStatus;
  reason: Reason | null;
  type: BounceType | null;
  failure_reason: number | null;
  error_count: number;
  first_error_at: Date | null;
  last_error_at: Date | null;
  last_significant_error_at: Date | null;
  last_error_text: string | null;
  last_message_id: string | null;
  last_delivery_id: string | null;
  opted_out: boolean;
  created_at: Date;
  updated_at: Date;
}

export const fromRow = (r: AddressRow): StoredAddress => ({
  channel: r.channel,
  key: r.address_key,
  address: r.address,
  domain: r.domain,
  status: r.status,
  reason: r.reason,
  type: r.type,
  failureReason: r.failure_reason,
  errorCount: r.error_count,
  firstErrorAt: r.first_error_at,
  lastErrorAt: r.last_error_at,
  lastSignificantErrorAt: r.last_significant_error_at,
  lastErrorText: r.last_error_text,
  optedOut: r.opted_out,
  lastMessageId: r.last_message_id,
  lastDeliveryId: r.last_delivery_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const refKey = (channel: string, key: string): string => `${channel}\u0000${key}`;

/**
 * Creates missing rows, then locks all rows in key order (so concurrent
 * transactions cannot deadlock) and returns them by `channel\0key`.
 */
export async function lockAddresses(
  db: PoolClient,
  refs: readonly AddressRef[],
  create: readonly AddressRef[] = refs,
): Promise<Map<string, StoredAddress>> {
  const unique = [...new Map(refs.map((r) => [refKey(r.channel, r.key), r])).values()];
  if (unique.length === 0) return new Map();
  const channels = unique.map((r) => r.channel);
  const keys = unique.map((r) => r.key);
  const missing = [...new Map(create.map((r) => [refKey(r.channel, r.key), r])).values()].sort((a, b) =>
    refKey(a.channel, a.key) < refKey(b.channel, b.key) ? -1 : 1,
  );
  if (missing.length > 0)
    await db.query({
      name: 'inmail-create-addresses',
      text: `INSERT INTO address (channel, address_key, address, domain)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (channel, address_key) DO NOTHING`,
      values: [missing.map((r) => r.channel), missing.map((r) => r.key), missing.map((r) => r.address), missing.map((r) => r.domain)],
    });
  const rows = await db.query<AddressRow>(
    `SELECT a.* FROM address a JOIN unnest($1::text[], $2::text[]) AS k(channel, address_key) USING (channel, address_key)
     ORDER BY a.channel, a.address_key FOR UPDATE OF a`,
    [channels, keys],
  );
  return new Map(rows.rows.map((r) => [refKey(r.channel, r.address_key), fromRow(r)]));
}

export function lockedKey(ref: { channel: string; key: string }): string {
  return refKey(ref.channel, ref.key);
}

export interface AddressChange {
  before: StoredAddress;
  after: AddressState & { lastMessageId?: string | null; lastDeliveryId?: string | null };
  at: Date;
  by: string;
  eventId?: number | null;
  ruleId?: string | null;
  note?: string | null;
  /** The operator change (bulk release, import, undo...) this is part of. */
  changeId?: number | null;
}

/**
 * Writes changed addresses back in one statement, and one history row each.
 * Joined on the whole primary key and nothing else, so that each row is one
 * index probe (an `= ANY` filter beside it had the planner scan every row of
 * the channel). The new values come as typed arrays through `unnest`, whose row
 * count the planner knows: from a JSON recordset (always estimated at 100 rows)
 * it hashed the whole address table for each batch, a seq scan that grew with
 * the table (9 ms a batch at 30,000 addresses, a third of Postgres' time per mail).
 */
export async function saveAddresses(db: PoolClient, changes: readonly AddressChange[]): Promise<void> {
  if (changes.length === 0) return;
  const latest = lastPerAddress(changes);
  const col = <T>(f: (c: AddressChange) => T): T[] => latest.map(f);
  await db.query({
    name: 'inmail-save-addresses',
    text: `UPDATE address a SET status = n.status, reason = n.reason, type = n.type, failure_reason = n.failure_reason,
       error_count = n.error_count, first_error_at = n.first_error_at, last_error_at = n.last_error_at,
       last_significant_error_at = n.last_significant_error_at, last_error_text = n.last_error_text,
       last_message_id = n.last_message_id, last_delivery_id = n.last_delivery_id, opted_out = n.opted_out, updated_at = now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::int[],
       $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::boolean[])
       AS n(channel, address_key, status, reason, type, failure_reason, error_count,
       first_error_at, last_error_at, last_significant_error_at, last_error_text, last_message_id, last_delivery_id, opted_out)
     WHERE a.channel = n.channel AND a.address_key = n.address_key`,
    values: [
      col((c) => c.before.channel),
      col((c) => c.before.key),
      col((c) => c.after.status),
      col((c) => c.after.reason),
      col((c) => c.after.type),
      col((c) => c.after.failureReason),
      col((c) => c.after.errorCount),
      col((c) => c.after.firstErrorAt),
      col((c) => c.after.lastErrorAt),
      col((c) => c.after.lastSignificantErrorAt),
      col((c) => c.after.lastErrorText),
      col((c) => c.after.lastMessageId ?? c.before.lastMessageId),
      col((c) => c.after.lastDeliveryId ?? c.before.lastDeliveryId),
      // Only a denylisting can be an opt-out's (state.ts clears it otherwise; this makes sure).
      col((c) => c.after.status === 'denylisted' && c.after.optedOut === true),
    ],
  });
  const history = changes.map((c) => ({
    channel: c.before.channel,
    address_key: c.before.key,
    at: c.at,
    from_status: c.before.status,
    to_status: c.after.status,
    by: c.by,
    event_id: c.eventId ?? null,
    rule_id: c.ruleId ?? null,
    reason: c.after.reason,
    error_count: c.after.errorCount,
    note: c.note ?? null,
    change_id: c.changeId ?? null,
  }));
  await db.query({
    name: 'inmail-address-history',
    text: `INSERT INTO address_history (channel, address_key, at, from_status, to_status, by, event_id, rule_id, reason, error_count, note, change_id)
     SELECT channel, address_key, at, from_status, to_status, by, event_id, rule_id, reason, error_count, note, change_id
     FROM json_populate_recordset(null::address_history, $1)`,
    values: [JSON.stringify(history)],
  });
}

/** Several events of one batch may touch one address: the last state wins. */
function lastPerAddress(changes: readonly AddressChange[]): AddressChange[] {
  return [...new Map(changes.map((c) => [refKey(c.before.channel, c.before.key), c])).values()];
}

export interface IdleQuery {
  status: AddressStatus;
  /** Last error before this. */
  idleSince: Date;
  /** Only these reasons; null: any. */
  reasons: readonly string[] | null;
  /** Keyset cursor: rows after this one in (last_error_at, channel, address_key) order. */
  after: { lastErrorAt: Date; channel: string; key: string } | null;
  limit: number;
}

/**
 * Locks a batch of idle addresses for the cleanup job, in the order of the
 * (status, last_error_at) index; rows locked by others are skipped, not waited for.
 */
export async function lockIdleAddresses(db: PoolClient, q: IdleQuery): Promise<StoredAddress[]> {
  const r = await db.query<AddressRow>(
    `SELECT * FROM address
     WHERE status = $1 AND last_error_at < $2 AND ($3::text[] IS NULL OR reason = ANY($3))
       AND ($4::timestamptz IS NULL OR (last_error_at, channel, address_key) > ($4, $5::text, $6::text))
     ORDER BY last_error_at, channel, address_key
     LIMIT $7
     FOR UPDATE SKIP LOCKED`,
    [q.status, q.idleSince, q.reasons, q.after?.lastErrorAt ?? null, q.after?.channel ?? null, q.after?.key ?? null, q.limit],
  );
  return r.rows.map(fromRow);
}

export async function findAddress(
  db: PoolClient | { query: PoolClient['query'] },
  channel: Channel,
  key: string,
): Promise<StoredAddress | null> {
  const r = await db.query<AddressRow>('SELECT * FROM address WHERE channel = $1 AND address_key = $2', [channel, key]);
  const row = r.rows[0];
  return row ? fromRow(row) : null;
}

export interface HistoryEntry {
  at: Date;
  from: AddressStatus | null;
  /** 'deleted' when an operator deleted the address (its history is kept). */
  to: AddressStatus | 'deleted';
  by: string;
  event: number | null;
  ruleId: string | null;
  reason: string | null;
  errorCount: number | null;
  note: string | null;
}

export async function addressHistory(db: { query: PoolClient['query'] }, channel: Channel, key: string): Promise<HistoryEntry[]> {
  const r = await db.query<{
    at: Date;
    from_status: AddressStatus | null;
    to_status: AddressStatus | 'deleted';
    by: string;
    event_id: number | null;
    rule_id: string | null;
    reason: string | null;
    error_count: number | null;
    note: string | null;
  }>('SELECT * FROM address_history WHERE channel = $1 AND address_key = $2 ORDER BY at, id', [channel, key]);
  return r.rows.map((h) => ({
    at: h.at,
    from: h.from_status,
    to: h.to_status,
    by: h.by,
    event: h.event_id,
    ruleId: h.rule_id,
    reason: h.reason,
    errorCount: h.error_count,
    note: h.note,
  }));
}

// Operator tools: filtered reads in key order (keyset pages, so a release or export
// of millions of rows never holds them all), delete with history, the last operator
// note of each address (for export).
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
  const r = await db.query<AddressRow>(`SELECT * FROM address WHERE ${w.sql} ORDER BY updated_at DESC, channel, address_key LIMIT $1`, [
    limit,
    ...w.params,
  ]);
  return r.rows.map(fromRow);
}

export async function countMatching(db: Queryable, filter: AddressFilter): Promise<number> {
  const w = filterToSql(filter);
  const r = await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM address WHERE ${w.sql}`, w.params);
  return r.rows[0]?.n ?? 0;
}

/** Deletes one address and records it in its history (kept as the audit trail); false when absent. */
export async function deleteAddress(
  db: PoolClient,
  channel: Channel,
  key: string,
  by: string,
  note: string | null,
): Promise<StoredAddress | null> {
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

/** Addresses per status. */
export async function countAddressesByStatus(db: Queryable): Promise<Map<string, number>> {
  const r = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM address GROUP BY status');
  return new Map(r.rows.map((x) => [x.status, x.n]));
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
export async function blockedAmong(
  db: Queryable,
  channel: string,
  keys: readonly string[],
): Promise<{ key: string; status: string; reason: string | null }[]> {
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
