// Operator actions on addresses, called by both the CLI (`inmail quarantine ...`)
// and the HTTP API (/v1/addresses...): one place for the checks, the errors and
// the JSON shapes (docs/cli.md, docs/api.md).
import type { Pool } from '../db/pool.js';
import { InputError, NotFoundError } from '../errors.js';
import type { Reason } from '../domain/reasons.js';
import { parseAddress, addressKey, type KeyOptions } from '../quarantine/address-key.js';
import type { AddressFilter } from '../store/address-filters.js';
import { blockedAmong, listRecent, listRecentPage, type RecentCursor } from '../store/addresses.js';
import { applyEdits, releaseAddresses, removeAddress } from '../quarantine/operator.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import { findAddressWithHistory, type HistoryEntry, type StoredAddress } from '../store/addresses.js';
import { importCsv } from '../quarantine/transfer.js';
import type { AddressFilterInput, AddressJson, AddressShow } from './schemas.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The address part of `quarantine show --json` (docs/cli.md); list prints one per line. */
export function addressJson(a: StoredAddress): AddressJson {
  return {
    address: a.address,
    channel: a.channel,
    status: a.status,
    reason: a.reason,
    type: a.type,
    failureReason: a.failureReason,
    errorCount: a.errorCount,
    firstErrorAt: iso(a.firstErrorAt),
    lastErrorAt: iso(a.lastErrorAt),
    lastErrorText: a.lastErrorText,
    updatedAt: iso(a.updatedAt),
  };
}

export const historyJson = (h: HistoryEntry) => ({
  at: h.at.toISOString(),
  from: h.from,
  to: h.to,
  by: h.by,
  event: h.event,
  ...(h.ruleId ? { ruleId: h.ruleId } : {}),
  ...(h.note ? { note: h.note } : {}),
});

/** The flags or query of `list|release|export` as the store's filter. */
export function toFilter(f: AddressFilterInput): AddressFilter {
  return {
    ...(f.status ? { statuses: f.status } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.domain ? { domain: f.domain } : {}),
    ...(f.address ? { address: f.address } : {}),
    ...(f.text ? { texts: f.text } : {}),
    ...(f.since ? { since: f.since } : {}),
    ...(f.until ? { until: f.until } : {}),
  };
}

/** Checks an address given by an operator; a bad one is an InputError naming `field`. */
export function addressRef(keys: KeyOptions, channel: Channel, raw: string, field = 'address') {
  const parsed = parseAddress(channel, raw, keys);
  if (!parsed.ok) throw new InputError(field, parsed.error);
  return parsed;
}

export interface ShownAddress {
  address: StoredAddress;
  history: HistoryEntry[];
}

/** One address and its history; NotFoundError when never seen. */
export async function showAddress(pool: Pool, keys: KeyOptions, channel: Channel, raw: string): Promise<ShownAddress> {
  const key = addressRef(keys, channel, raw).key;
  // One round trip on one connection: the sending side asks before each mail, latency counts.
  const shown = await findAddressWithHistory(pool, channel, key);
  if (!shown) throw new NotFoundError(`${raw} (${channel}) has never been seen`);
  return shown;
}

export const showJson = (s: ShownAddress): AddressShow => ({ ...addressJson(s.address), history: s.history.map(historyJson) });

export async function listAddresses(pool: Pool, filter: AddressFilterInput, limit: number): Promise<StoredAddress[]> {
  return listRecent(pool, toFilter(filter), limit);
}

const encodeCursor = (c: RecentCursor): string => Buffer.from(JSON.stringify([c.updatedUs, c.channel, c.key])).toString('base64url');
function decodeCursor(s: string): RecentCursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === 'string' &&
      /^\d+$/.test(v[0]) &&
      typeof v[1] === 'string' &&
      typeof v[2] === 'string'
    ) {
      return { updatedUs: v[0], channel: v[1], key: v[2] };
    }
  } catch {
    // falls through to the error below
  }
  throw new InputError('cursor', 'not a cursor this API gave (use nextCursor of the previous page)');
}

/** A page of the list, most recently modified first, with the cursor of the next page (null on the last). */
export async function listAddressPage(
  pool: Pool,
  filter: AddressFilterInput,
  opts: { limit: number; cursor?: string | undefined },
): Promise<{ items: AddressJson[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const page = await listRecentPage(pool, toFilter(filter), { after, limit: opts.limit });
  return {
    items: page.rows.map(addressJson),
    nextCursor: page.rows.length === opts.limit && page.last ? encodeCursor(page.last) : null,
  };
}

export interface SetInput {
  status: AddressStatus;
  reason?: Reason | undefined;
  note?: string | undefined;
  channel: Channel;
}

/** Creates or changes one address (allowlist, denylist, quarantine, valid); a note alone is recorded too. */
export async function setAddress(pool: Pool, keys: KeyOptions, raw: string, input: SetInput, by: string) {
  const ref = addressRef(keys, input.channel, raw);
  const [r] = await applyEdits(
    pool,
    [{ ref, edit: { status: input.status, ...(input.reason ? { reason: input.reason } : {}) }, note: input.note ?? null }],
    by,
    new Date(),
    { noteAlone: true },
  );
  if (!r) throw new Error('set returned no result');
  return {
    address: r.before.address,
    channel: r.before.channel,
    from: r.before.status,
    to: r.after.status,
    reason: r.after.reason,
    changed: r.changed,
  };
}

export async function deleteAddress(pool: Pool, keys: KeyOptions, raw: string, channel: Channel, by: string, note: string | null) {
  const ref = addressRef(keys, channel, raw);
  const gone = await removeAddress(pool, channel, ref.key, by, note);
  if (!gone) throw new NotFoundError(`${raw} (${channel}) has never been seen`);
  return { address: gone.address, channel: gone.channel, status: gone.status, deleted: true as const };
}

/** Release (→ valid) by filter; valid and allowlisted are refused as statuses, naming the field. */
export async function release(
  pool: Pool,
  filter: AddressFilterInput,
  opts: { dryRun: boolean; by: string; note: string | null; limit?: number | undefined; all?: boolean | undefined },
  field = 'status',
) {
  const wrong = (filter.status ?? []).filter((s) => s === 'valid' || s === 'allowlisted');
  if (wrong.length) throw new InputError(field, `release acts on quarantined, erroneous or denylisted addresses, not ${wrong.join(', ')}`);
  const result = await releaseAddresses(pool, toFilter(filter), {
    dryRun: opts.dryRun,
    by: opts.by,
    note: opts.note,
    now: new Date(),
    all: opts.all === true,
    ...(opts.limit ? { limit: opts.limit } : {}),
  });
  return result;
}

export interface ImportLineError {
  line: number;
  message: string;
}

/** Applies a CSV (all lines or none); bad lines throw ImportRefused with every line's problem. */
export class ImportRefused extends InputError {
  constructor(readonly errors: ImportLineError[]) {
    super(
      'csv',
      `${errors.length} bad line${errors.length === 1 ? '' : 's'}; nothing imported (${errors
        .slice(0, 3)
        .map((e) => `line ${e.line}: ${e.message}`)
        .join('; ')})`,
    );
    this.name = 'ImportRefused';
  }
}

export async function importAddresses(pool: Pool, keys: KeyOptions, csv: string, by: string) {
  const result = await importCsv(pool, csv, keys, by, new Date());
  if (!result.ok) throw new ImportRefused(result.errors);
  const { lines, changed, unchanged, changeId } = result;
  // The same JSON as `quarantine import --json`.
  return { imported: true as const, lines, changed, unchanged, ...(changeId ? { change: changeId } : {}) };
}

export interface Blocked {
  address: string;
  channel: Channel;
  status: AddressStatus;
  reason: string | null;
}

/**
 * The addresses of a list that must not be mailed (quarantined or denylisted),
 * as the caller wrote them. One indexed join for the whole list: the keys are
 * computed here, and only the blocked rows come back from Postgres.
 * An address that cannot be one (no @) is reported nowhere: it was never seen.
 */
export async function checkAddresses(pool: Pool, keys: KeyOptions, channel: Channel, addresses: readonly string[]): Promise<Blocked[]> {
  const byKey = new Map<string, string>();
  for (const raw of addresses) {
    const key = addressKey(channel, raw, keys);
    if (!byKey.has(key)) byKey.set(key, raw);
  }
  const rows = await blockedAmong(pool, channel, [...byKey.keys()]);
  return rows.map((r) => ({ address: byKey.get(r.key) ?? r.key, channel, status: r.status as AddressStatus, reason: r.reason }));
}
