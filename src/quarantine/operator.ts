// Operator changes to addresses (SPEC §5): set a status (create, edit,
// allowlist, denylist), delete, and release by query with a dry run. Every
// change writes history with who did it and their note.
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { qualify, type Reason } from '../domain/reasons.js';
import type { AddressFilter } from '../store/address-filters.js';
import { deleteAddress, selectPage } from '../store/addresses.js';
import type { AddressState, AddressStatus, Channel } from './state.js';
import { lockAddresses, lockedKey, saveAddresses, type AddressChange, type AddressRef, type StoredAddress } from '../store/addresses.js';

export interface OperatorEdit {
  status: AddressStatus;
  /** Unset: the address keeps its reason. */
  reason?: Reason | null;
}

/** The state an operator's edit leads to, or null when it changes nothing. Pure. */
export function editedState(current: AddressState, edit: OperatorEdit): AddressState | null {
  const reason = edit.reason === undefined ? current.reason : edit.reason;
  if (current.status === edit.status && current.reason === reason) return null;
  const next: AddressState = { ...current, status: edit.status, reason };
  if (reason && reason !== current.reason) next.failureReason = qualify(reason).failureReason;
  // An operator's quarantine or denylist is a decision, not a count of soft errors:
  // typed hard so that later soft errors keep its reason (state.ts).
  if (edit.status === 'quarantined' || edit.status === 'denylisted') next.type = 'hard';
  if (edit.status === 'valid') return released(next);
  return next;
}

/** A released address: valid, its error count restarted; the last error stays for the record. */
export const released = (s: AddressState): AddressState => ({ ...s, status: 'valid', errorCount: 0, lastSignificantErrorAt: null });

export interface SetResult {
  before: StoredAddress;
  after: AddressState;
  changed: boolean;
}

/** Applies operator edits in one transaction (one address for `set`, a whole file for `import`). */
export async function applyEdits(
  pool: Pool,
  edits: readonly { ref: AddressRef; edit: OperatorEdit; note?: string | null }[],
  by: string,
  now: Date,
  opts: { noteAlone?: boolean } = {},
): Promise<SetResult[]> {
  return inTransaction(pool, async (db) => {
    const locked = await lockAddresses(db, edits.map((e) => e.ref));
    const changes: AddressChange[] = [];
    const results: SetResult[] = [];
    for (const e of edits) {
      const before = locked.get(lockedKey(e.ref));
      if (!before) throw new Error(`address ${e.ref.address} was not locked`);
      const next = editedState(before, e.edit);
      // `set` with only a note still records it; `import` of an unchanged line does not.
      const write = next ?? (opts.noteAlone && e.note ? before : null);
      results.push({ before, after: next ?? before, changed: next !== null });
      if (!write) continue;
      changes.push({ before, after: write, at: now, by, note: e.note ?? null });
      locked.set(lockedKey(e.ref), { ...before, ...write });
    }
    await saveAddresses(db, changes);
    return results;
  });
}

export async function removeAddress(pool: Pool, channel: Channel, key: string, by: string, note: string | null): Promise<StoredAddress | null> {
  return inTransaction(pool, (db) => deleteAddress(db, channel, key, by, note));
}

/** What release acts on when no status is given: never denylisted or allowlisted unless asked. */
export const RELEASABLE_BY_DEFAULT: readonly AddressStatus[] = ['quarantined', 'erroneous'];

export interface ReleaseOptions {
  dryRun: boolean;
  by: string;
  note: string | null;
  now: Date;
  /** At most this many addresses; unset: all that match. */
  limit?: number;
  batchSize?: number;
}

export interface ReleaseResult {
  dryRun: boolean;
  count: number;
  /** The addresses as they were before the release. */
  addresses: StoredAddress[];
}

/**
 * Releases (→ valid) every address matching the filter. The dry run reads the
 * same pages without locking or writing, so both report the same count for
 * the same data. The real run commits page by page: a release of millions of
 * rows never holds them all locked, and a rerun after an interruption just
 * finds the rest.
 */
export async function releaseAddresses(pool: Pool, filter: AddressFilter, opts: ReleaseOptions): Promise<ReleaseResult> {
  const f: AddressFilter = { ...filter, statuses: filter.statuses?.length ? filter.statuses : RELEASABLE_BY_DEFAULT };
  const batchSize = opts.batchSize ?? 1000;
  const addresses: StoredAddress[] = [];
  let after: { channel: string; key: string } | null = null;
  for (;;) {
    const room = opts.limit === undefined ? batchSize : Math.min(batchSize, opts.limit - addresses.length);
    if (room <= 0) break;
    const page: StoredAddress[] = opts.dryRun
      ? await selectPage(pool, f, { after, limit: room })
      : await inTransaction(pool, async (db) => {
          const rows = await selectPage(db, f, { after, limit: room, forUpdate: true });
          await saveAddresses(db, rows.map((a) => ({ before: a, after: released(a), at: opts.now, by: opts.by, note: opts.note })));
          return rows;
        });
    addresses.push(...page);
    const last = page[page.length - 1];
    if (!last || page.length < room) break;
    after = { channel: last.channel, key: last.key };
  }
  return { dryRun: opts.dryRun, count: addresses.length, addresses };
}
