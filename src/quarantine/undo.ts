// Undoing a recorded bulk change (docs/operations.md): every address the change
// wrote is put back as it was, in one transaction that is itself recorded (so
// an undo can be undone). An address changed again since (by mail or by an
// operator) is left alone and reported: undo never overwrites newer news.
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { addCounters, transitionCounts } from '../store/metric-counters.js';
import {
  deleteRows,
  finishChange,
  insertChange,
  lockChange,
  lockChangeAddresses,
  markUndone,
  recordBefore,
  restoreRows,
} from '../store/changes.js';

export interface UndoResult {
  changeId: number;
  /** The change recording this undo. */
  undoId: number | null;
  restored: number;
  /** Addresses changed since, left as they are now. */
  skipped: { channel: string; key: string; status: string | null; expected: string | null }[];
}

export async function undoChange(pool: Pool, changeId: number, by: string, now: Date): Promise<UndoResult> {
  return inTransaction(pool, async (db) => {
    const change = await lockChange(db, changeId);
    if (!change) throw new NotFoundError(`no change ${changeId} (see \`inmail quarantine changes\`)`);
    if (change.undoneBy !== null) throw new ConflictError(`change ${changeId} was already undone by change ${change.undoneBy}`);
    const rows = await lockChangeAddresses(db, changeId);
    const current = rows.filter((r) => r.currentStatus === r.afterStatus);
    const skipped = rows
      .filter((r) => r.currentStatus !== r.afterStatus)
      .map((r) => ({ channel: r.channel, key: r.key, status: r.currentStatus, expected: r.afterStatus }));
    if (current.length === 0) return { changeId, undoId: null, restored: 0, skipped };

    const note = `undo of change ${changeId} (${change.kind})`;
    const undoId = await insertChange(db, { kind: 'undo', by, at: now, filter: { change: changeId }, note, undoes: changeId });
    await recordBefore(
      db,
      undoId,
      current.map((r) => ({ channel: r.channel, key: r.key, afterStatus: (r.before?.status as string | undefined) ?? null })),
    );
    const restore = current.flatMap((r) =>
      r.before ? [{ channel: r.channel, key: r.key, before: r.before, fromStatus: r.currentStatus }] : [],
    );
    await restoreRows(db, undoId, restore, by, note);
    await deleteRows(
      db,
      undoId,
      current.filter((r) => !r.before),
      by,
      note,
    );
    await finishChange(db, undoId);
    await addCounters(
      db,
      transitionCounts(current.map((r) => ({ from: r.currentStatus, to: (r.before?.status as string | undefined) ?? null }))),
    );
    await markUndone(db, changeId, undoId);
    return { changeId, undoId, restored: current.length, skipped };
  });
}
