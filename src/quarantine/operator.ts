// Operator changes to addresses (docs/states-and-policy.md): set a status (create, edit,
// allowlist, denylist), delete, and release by query with a dry run. Every
// change writes history with who did it and their note.
import type { Pool, PoolClient } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { addCounters, transitionCounts } from '../store/metric-counters.js';
import { deleteRows, finishChange, insertChange, recordBefore, type ChangeKind } from '../store/changes.js';
import { qualify, type Reason } from '../domain/reasons.js';
import { UsageError } from '../errors.js';
import { checkFilter, filterJson, isEmptyFilter, type AddressFilter } from '../store/address-filters.js';
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
  // Denylisting an address the recipient's opt-out denylisted makes it the operator's: a START no longer lifts it.
  const takesOver = edit.status === 'denylisted' && current.optedOut === true;
  if (current.status === edit.status && current.reason === reason && !takesOver) return null;
  const next: AddressState = { ...current, status: edit.status, reason, optedOut: false };
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

/** A bulk change to record (who and why come with the call; the filter or file it came from here). */
export interface ChangeInfo {
  kind: ChangeKind;
  filter: Record<string, unknown>;
  note?: string | null;
}

/**
 * Applies operator edits in one transaction (one address for `set`, a whole file
 * for `import`). With `change`, the addresses it changes are recorded for undo.
 */
export async function applyEdits(
  pool: Pool,
  edits: readonly { ref: AddressRef; edit: OperatorEdit; note?: string | null }[],
  by: string,
  now: Date,
  opts: { noteAlone?: boolean; change?: ChangeInfo; onProgress?: (done: number, total: number) => void; chunkSize?: number } = {},
): Promise<SetResult[] & { changeId?: number | null }> {
  const chunkSize = opts.chunkSize ?? 1000;
  // Large files are written a chunk at a time inside the one transaction, in key order
  // (so that each chunk's locks follow the order every other writer takes).
  const ordered =
    edits.length > chunkSize
      ? [...edits].sort((a, b) => (lockedKey(a.ref) < lockedKey(b.ref) ? -1 : lockedKey(a.ref) > lockedKey(b.ref) ? 1 : 0))
      : edits;
  return inTransaction(pool, async (db) => {
    const results: SetResult[] & { changeId?: number | null } = [];
    let changeId: number | null = null;
    for (let at = 0; at < ordered.length; at += chunkSize) {
      const chunk = ordered.slice(at, at + chunkSize);
      const locked = await lockAddresses(
        db,
        chunk.map((e) => e.ref),
      );
      const changes: AddressChange[] = [];
      for (const e of chunk) {
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
      if (opts.change && changes.length > 0) {
        changeId ??= await insertChange(db, { ...opts.change, by, at: now, note: opts.change.note ?? null });
        await recordBefore(
          db,
          changeId,
          changes.map((c) => ({ channel: c.before.channel, key: c.before.key, afterStatus: c.after.status })),
        );
        for (const c of changes) c.changeId = changeId;
      }
      await saveAddresses(db, changes);
      await addCounters(db, transitionCounts(changes.map((c) => ({ from: c.before.status, to: c.after.status }))));
      opts.onProgress?.(Math.min(at + chunkSize, ordered.length), ordered.length);
    }
    if (changeId !== null) await finishChange(db, changeId);
    results.changeId = changeId;
    return results;
  });
}

export async function removeAddress(
  pool: Pool,
  channel: Channel,
  key: string,
  by: string,
  note: string | null,
): Promise<StoredAddress | null> {
  return inTransaction(pool, async (db) => {
    const gone = await deleteAddress(db, channel, key, by, note);
    if (gone) await addCounters(db, transitionCounts([{ from: gone.status, to: null }]));
    return gone;
  });
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
  /** Told how many addresses are done so far, after each page. */
  onProgress?: (done: number) => void;
  /** Required to act with no filter at all (every address): a script's unset variables must not mean "everyone". */
  all?: boolean;
}

/** Refuses a filterless release or delete unless `all` says it is meant (UsageError naming --all). */
export function checkScope(verb: 'release' | 'delete', filter: AddressFilter, all: boolean | undefined): void {
  // For a release, a status alone narrows nothing it would not pick anyway.
  const narrowing = verb === 'release' ? { ...filter, statuses: undefined } : filter;
  if (!all && isEmptyFilter(narrowing)) {
    throw new UsageError(
      verb === 'release'
        ? '--all: no filter would release every quarantined and erroneous address; give filters (--domain, --text, --since...), or --all to mean it'
        : '--all: no ADDRESS and no filter would delete every address; give filters, or --all to mean it',
    );
  }
}

export interface ReleaseResult {
  dryRun: boolean;
  count: number;
  /** The addresses as they were before the release. */
  addresses: StoredAddress[];
  /** The recorded change (`quarantine undo` takes it back); null for a dry run or when nothing matched. */
  changeId: number | null;
}

/**
 * Releases (→ valid) every address matching the filter, in one transaction:
 * it all happens or none of it, and it is recorded as one change that
 * `quarantine undo` can take back. Pages are read in key order and locked as
 * they are read; the dry run reads the same pages without locking or writing,
 * so both report the same count for the same data.
 */
export async function releaseAddresses(pool: Pool, filter: AddressFilter, opts: ReleaseOptions): Promise<ReleaseResult> {
  checkFilter(filter);
  checkScope('release', filter, opts.all);
  const f: AddressFilter = { ...filter, statuses: filter.statuses?.length ? filter.statuses : RELEASABLE_BY_DEFAULT };
  return changeByPages(pool, f, opts, 'release', async (client, changeId, page) => {
    await recordBefore(
      client,
      changeId,
      page.map((a) => ({ channel: a.channel, key: a.key, afterStatus: 'valid' })),
    );
    await saveAddresses(
      client,
      page.map((a) => ({ before: a, after: released(a), at: opts.now, by: opts.by, note: opts.note, changeId })),
    );
    await addCounters(client, transitionCounts(page.map((a) => ({ from: a.status, to: 'valid' }))));
  });
}

/**
 * Deletes every address matching the filter (their history is kept), in one
 * transaction recorded as one change; `quarantine undo` puts the rows back.
 */
export async function deleteAddresses(pool: Pool, filter: AddressFilter, opts: ReleaseOptions): Promise<ReleaseResult> {
  checkFilter(filter);
  checkScope('delete', filter, opts.all);
  return changeByPages(pool, filter, opts, 'delete', async (client, changeId, page) => {
    await recordBefore(
      client,
      changeId,
      page.map((a) => ({ channel: a.channel, key: a.key, afterStatus: null })),
    );
    await deleteRows(client, changeId, page, opts.by, opts.note ?? `change ${changeId}`);
    await addCounters(client, transitionCounts(page.map((a) => ({ from: a.status, to: null }))));
  });
}

/**
 * The walk release and delete share: pages of the filter in key order, each
 * locked and changed by `apply` under one change row for the whole run; a dry
 * run reads the same pages without locking or writing.
 */
async function changeByPages(
  pool: Pool,
  filter: AddressFilter,
  opts: ReleaseOptions,
  kind: 'release' | 'delete',
  apply: (client: PoolClient, changeId: number, page: StoredAddress[]) => Promise<void>,
): Promise<ReleaseResult> {
  const batchSize = opts.batchSize ?? 1000;
  const run = async (db: Pool | PoolClient): Promise<ReleaseResult> => {
    const addresses: StoredAddress[] = [];
    let changeId: number | null = null;
    let after: { channel: string; key: string } | null = null;
    for (;;) {
      const room = opts.limit === undefined ? batchSize : Math.min(batchSize, opts.limit - addresses.length);
      if (room <= 0) break;
      const page = await selectPage(db, filter, { after, limit: room, forUpdate: !opts.dryRun });
      if (!opts.dryRun && page.length > 0) {
        const client = db as PoolClient;
        changeId ??= await insertChange(client, {
          kind,
          by: opts.by,
          at: opts.now,
          filter: filterJson(filter, opts.limit),
          note: opts.note,
        });
        await apply(client, changeId, page);
      }
      addresses.push(...page);
      opts.onProgress?.(addresses.length);
      const last = page[page.length - 1];
      if (!last || page.length < room) break;
      after = { channel: last.channel, key: last.key };
    }
    if (changeId !== null) await finishChange(db, changeId);
    return { dryRun: opts.dryRun, count: addresses.length, addresses, changeId };
  };
  return opts.dryRun ? run(pool) : inTransaction(pool, run);
}
