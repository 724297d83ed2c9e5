// Import and export of addresses as CSV (address, channel, status, reason, note).
// An import checks every line first and applies nothing if one is bad; the
// good file is applied in one transaction, so it is never half applied, and is
// recorded as one change (`quarantine undo`). Export reads and writes a page at
// a time, so that millions of rows never sit in memory.
import type { Pool } from '../db/pool.js';
import type { KeyOptions } from './address-key.js';
import { CSV_COLUMNS, csvRows, readImport, type LineError } from './csv.js';
import type { AddressFilter } from '../store/address-filters.js';
import { lastNotes, selectPage } from '../store/addresses.js';
import { applyEdits } from './operator.js';
import { lockedKey } from '../store/addresses.js';

export type ImportResult =
  { ok: true; lines: number; changed: number; unchanged: number; changeId: number | null } | { ok: false; errors: LineError[] };

export interface ImportProgress {
  /** Records read so far (reading the file). */
  read?: (records: number) => void;
  /** Lines applied so far, of how many (writing). */
  applied?: (done: number, total: number) => void;
}

export async function importCsv(
  pool: Pool,
  input: string | NodeJS.ReadableStream,
  keys: KeyOptions,
  by: string,
  now: Date,
  source = 'import',
  progress: ImportProgress = {},
): Promise<ImportResult> {
  const { lines, errors } = await readImport(input, keys, progress.read);
  if (errors.length) return { ok: false, errors };
  const results = await applyEdits(
    pool,
    lines.map((l) => ({
      ref: { channel: l.channel, key: l.key, address: l.address, domain: l.domain },
      edit: { status: l.status, ...(l.reason !== undefined ? { reason: l.reason } : {}) },
      note: l.note,
    })),
    by,
    now,
    { change: { kind: 'import', filter: { file: source } }, ...(progress.applied ? { onProgress: progress.applied } : {}) },
  );
  const changed = results.filter((r) => r.changed).length;
  return { ok: true, lines: lines.length, changed, unchanged: lines.length - changed, changeId: results.changeId ?? null };
}

/** Writes the header and every matching address in key order; returns how many. */
export async function exportCsv(
  pool: Pool,
  filter: AddressFilter,
  write: (chunk: string) => void | Promise<void>,
  opts: { limit?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  await write(csvRows([CSV_COLUMNS]));
  let count = 0;
  let after: { channel: string; key: string } | null = null;
  for (;;) {
    const room = Math.min(1000, (opts.limit ?? Infinity) - count);
    if (room <= 0) break;
    const page = await selectPage(pool, filter, { after, limit: room });
    const notes = await lastNotes(pool, page);
    // One write per page, awaited: a slow reader of millions of rows holds back the reads.
    if (page.length) await write(csvRows(page.map((a) => [a.address, a.channel, a.status, a.reason, notes.get(lockedKey(a)) ?? null])));
    count += page.length;
    opts.onProgress?.(count);
    const last = page[page.length - 1];
    if (!last || page.length < room) break;
    after = { channel: last.channel, key: last.key };
  }
  return count;
}
