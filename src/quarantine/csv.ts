// CSV of addresses for import/export: address, channel, status, reason, note.
// Read and written with csv-parse / csv-stringify (RFC 4180, streaming): an
// import is read record by record, never as one string, and checked whole
// (every bad line reported) before anything is applied. A first record made of
// column names is a header, in any order and case; without one the columns are
// the documented order. Export escapes spreadsheet formulas (a cell starting
// with = + - @ gets a leading '), and import takes that quote off again, so that
// an export imported back is the same data.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { isReason, type Reason } from '../domain/reasons.js';
import { parseAddress, type KeyOptions } from './address-key.js';
import type { AddressStatus, Channel } from './state.js';

export const CSV_COLUMNS = ['address', 'channel', 'status', 'reason', 'note'] as const;
const STATUSES: readonly AddressStatus[] = ['valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted'];
const CHANNELS: readonly Channel[] = ['email', 'sms', 'push'];

export interface ImportLine {
  line: number;
  channel: Channel;
  key: string;
  address: string;
  domain: string | null;
  status: AddressStatus;
  reason: Reason | null | undefined;
  note: string | null;
}

export interface LineError {
  line: number;
  message: string;
}

/** A cell our export escaped (`'=...`) back to what it was. */
const unescapeFormula = (v: string): string => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** The first record is a header when it names columns and holds no address. */
function isHeader(fields: readonly string[]): boolean {
  const names = fields.map((f) => f.trim().toLowerCase()).filter(Boolean);
  return names.length > 0 && !names.some((n) => n.includes('@')) && names.some((n) => (CSV_COLUMNS as readonly string[]).includes(n));
}

/**
 * Reads and checks every record of a CSV (text or stream); the lines to apply,
 * or every problem found. `onRecord` is told how many records are read (progress).
 */
export async function readImport(
  input: string | NodeJS.ReadableStream,
  keys: KeyOptions,
  onRecord?: (records: number) => void,
): Promise<{ lines: ImportLine[]; errors: LineError[] }> {
  const source = typeof input === 'string' ? Readable.from([input]) : input;
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  const errors: LineError[] = [];
  const lines: ImportLine[] = [];
  const seen = new Map<string, number>();
  let columns: string[] = [...CSV_COLUMNS];
  let first = true;
  let count = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = rec.record.map(unescapeFormula);
      // info.lines is where the record ends; a record starts where its line breaks inside quotes began.
      const line = rec.info.lines - (fields.join(',').match(/\r?\n/g)?.length ?? 0);
      if (++count % 1000 === 0) onRecord?.(count);
      if (first) {
        first = false;
        if (isHeader(fields)) {
          columns = fields.map((f) => f.trim().toLowerCase());
          const unknown = columns.filter((c) => c && !(CSV_COLUMNS as readonly string[]).includes(c));
          if (unknown.length) errors.push({ line, message: `unknown column ${unknown.join(', ')} (expected ${CSV_COLUMNS.join(', ')})` });
          if (!columns.includes('address')) errors.push({ line, message: 'no address column' });
          if (!columns.includes('status')) errors.push({ line, message: 'no status column' });
          continue;
        }
      }
      const checked = checkRecord(fields, columns, line, keys, seen);
      if ('message' in checked) errors.push(checked);
      else lines.push(checked);
    }
  } catch (err) {
    // A malformed file (an unclosed quote): csv-parse says where.
    const e = err as { message?: string; lines?: number };
    errors.push({
      line: e.lines ?? count + 1,
      message: (e.message ?? String(err)).replace(/^Invalid Record Length: |^Quote Not Closed: /, ''),
    });
  }
  onRecord?.(count);
  return { lines, errors };
}

function checkRecord(
  fields: readonly string[],
  columns: readonly string[],
  line: number,
  keys: KeyOptions,
  seen: Map<string, number>,
): ImportLine | LineError {
  if (fields.length > columns.length) return { line, message: `${fields.length} fields, expected at most ${columns.length}` };
  const get = (name: string): string => {
    const at = columns.indexOf(name);
    return at < 0 ? '' : (fields[at] ?? '').trim();
  };
  const problems: string[] = [];
  const channel = (get('channel') || 'email') as Channel;
  if (!CHANNELS.includes(channel)) problems.push(`channel "${channel}" is not one of ${CHANNELS.join(', ')}`);
  const status = get('status') as AddressStatus;
  if (!STATUSES.includes(status)) problems.push(`status "${status}" is not one of ${STATUSES.join(', ')}`);
  const reasonText = get('reason');
  if (reasonText && !isReason(reasonText)) problems.push(`reason "${reasonText}" is unknown (docs/reasons.md lists them)`);
  const parsed = CHANNELS.includes(channel) ? parseAddress(channel, get('address'), keys) : null;
  if (parsed && !parsed.ok) problems.push(parsed.error);
  if (parsed?.ok) {
    const k = `${channel}\u0000${parsed.key}`;
    const dup = seen.get(k);
    if (dup !== undefined) problems.push(`${parsed.address} already appears on line ${dup}`);
    else seen.set(k, line);
  }
  if (problems.length || !parsed?.ok) return { line, message: problems.join('; ') };
  return {
    line,
    channel,
    key: parsed.key,
    address: parsed.address,
    domain: parsed.domain,
    status,
    // An empty reason cell keeps the address's reason.
    reason: reasonText && isReason(reasonText) ? reasonText : undefined,
    note: get('note') || null,
  };
}

/** CSV text of rows (a header, or a page of addresses), formulas escaped for spreadsheets. */
export function csvRows(rows: readonly (readonly (string | null)[])[]): string {
  return stringify(
    rows.map((r) => r.map((v) => v ?? '')),
    { escape_formulas: true, record_delimiter: 'unix' },
  );
}
