// Bulk changes and their undo, for the CLI (`inmail quarantine delete|changes|undo`)
// and the HTTP API (/v1/addresses/delete, /v1/changes...): one place for the
// checks, the errors and the JSON shapes (docs/operations.md, docs/api.md).
import type { Pool } from '../db/pool.js';
import { NotFoundError } from '../errors.js';
import { deleteAddresses } from '../quarantine/operator.js';
import { undoChange, type UndoResult } from '../quarantine/undo.js';
import { listChanges, type ChangeRecord } from '../store/changes.js';
import { addressJson, toFilter } from './addresses.js';
import type { AddressFilterInput, AddressJson } from './schemas.js';

export const changeJson = (c: ChangeRecord) => ({ ...c, at: c.at.toISOString() });

export async function recentChanges(pool: Pool, limit: number) {
  return (await listChanges(pool, limit)).map(changeJson);
}

/**
 * Restores what a bulk change replaced. Nothing left to restore (every address
 * changed again since) is NotFoundError, as for the CLI (exit 1, API 404); a
 * change already undone is a ConflictError (exit 2, API 409).
 */
export async function undo(pool: Pool, changeId: number, by: string): Promise<UndoResult> {
  const r = await undoChange(pool, changeId, by, new Date());
  if (r.restored === 0) {
    const e = r.skipped[0];
    throw new NotFoundError(
      `change ${changeId}: nothing to restore, every address changed again since${e ? ` (e.g. ${e.key} is ${e.status ?? 'deleted'})` : ''}`,
    );
  }
  return r;
}

export interface BulkResult {
  dryRun: boolean;
  count: number;
  /** The recorded change (`quarantine undo`, `POST /v1/changes/{id}/undo`); null for a dry run. */
  change: number | null;
  addresses: AddressJson[];
}

/** Deletes every address matching the filter (history kept) as one change; a filterless delete needs `all`. */
export async function deleteMatching(
  pool: Pool,
  filter: AddressFilterInput,
  opts: { dryRun: boolean; by: string; note: string | null; limit?: number | undefined; all?: boolean | undefined },
): Promise<BulkResult> {
  const r = await deleteAddresses(pool, toFilter(filter), {
    dryRun: opts.dryRun,
    by: opts.by,
    note: opts.note,
    now: new Date(),
    all: opts.all === true,
    ...(opts.limit ? { limit: opts.limit } : {}),
  });
  return { dryRun: r.dryRun, count: r.count, change: r.changeId, addresses: r.addresses.map(addressJson) };
}
