// CSV of addresses for import/export: address, channel, status, reason, note
// (RFC 4180 quoting). Parsing is pure and reports every bad line at once, so
// that an import applies all of a file or nothing.
import { isReason, type Reason } from '../domain/reasons.js';
import { parseAddress, type KeyOptions } from './address-key.js';
import type { AddressStatus, Channel } from './state.js';

export const CSV_COLUMNS = ['address', 'channel', 'status', 'reason', 'note'] as const;
const STATUSES: readonly AddressStatus[] = ['valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted'];
const CHANNELS: readonly Channel[] = ['email', 'sms', 'push'];

export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records, each with the line it starts on. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = (): void => {
    fields.push(field);
    // Blank lines are skipped.
    if (touched || fields.length > 1 || field !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    touched = false;
  };
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\r' && s[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0 || touched) endRecord();
  return records;
}

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

/** Checks every record; the lines to apply, or every problem found. */
export function readImport(text: string, keys: KeyOptions): { lines: ImportLine[]; errors: LineError[] } {
  const records = parseCsv(text);
  const errors: LineError[] = [];
  const lines: ImportLine[] = [];
  let columns: string[] = [...CSV_COLUMNS];
  const first = records[0];
  if (first && first.fields[0]?.trim().toLowerCase() === 'address') {
    columns = first.fields.map((f) => f.trim().toLowerCase());
    records.shift();
    const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
    if (unknown.length) errors.push({ line: first.line, message: `unknown column ${unknown.join(', ')} (expected ${CSV_COLUMNS.join(', ')})` });
    if (!columns.includes('status')) errors.push({ line: first.line, message: 'no status column' });
  }
  const seen = new Map<string, number>();
  for (const r of records) {
    if (r.fields.length > columns.length) {
      errors.push({ line: r.line, message: `${r.fields.length} fields, expected at most ${columns.length}` });
      continue;
    }
    const get = (name: string): string => (r.fields[columns.indexOf(name)] ?? '').trim();
    const problems: string[] = [];
    const channel = (get('channel') || 'email') as Channel;
    if (!CHANNELS.includes(channel)) problems.push(`channel "${channel}" is not one of ${CHANNELS.join(', ')}`);
    const status = get('status') as AddressStatus;
    if (!STATUSES.includes(status)) problems.push(`status "${status}" is not one of ${STATUSES.join(', ')}`);
    const reasonText = get('reason');
    if (reasonText && !isReason(reasonText)) problems.push(`reason "${reasonText}" is unknown`);
    const parsed = CHANNELS.includes(channel) ? parseAddress(channel, get('address'), keys) : null;
    if (parsed && !parsed.ok) problems.push(parsed.error);
    if (parsed?.ok) {
      const k = `${channel}\u0000${parsed.key}`;
      const dup = seen.get(k);
      if (dup !== undefined) problems.push(`${parsed.address} already appears on line ${dup}`);
      else seen.set(k, r.line);
    }
    if (problems.length || !parsed?.ok) {
      errors.push({ line: r.line, message: problems.join('; ') });
      continue;
    }
    lines.push({
      line: r.line, channel, key: parsed.key, address: parsed.address, domain: parsed.domain, status,
      // An empty reason cell keeps the address's reason.
      reason: reasonText && isReason(reasonText) ? reasonText : undefined,
      note: get('note') || null,
    });
  }
  return { lines, errors };
}

const quote = (v: string): string => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map((v) => quote(v ?? '')).join(',')}\n`;
}
