// Operator filters on addresses (address, status, channel, reason, domain,
// error text, last-modified range; docs/operations.md) turned into one
// parameterized WHERE. An empty value is refused, never read as "anything":
// a script with an unset variable (`--domain "$DOMAIN"`) must not match everyone.
import type { AddressStatus, Channel } from '../domain/address.js';
import { UsageError } from '../errors.js';

export interface AddressFilter {
  statuses?: readonly AddressStatus[];
  channel?: Channel;
  reason?: string;
  domain?: string;
  /** Substring of the address (its compared form). */
  address?: string;
  /** Substrings of the last error text, all required (case-insensitive). */
  texts?: readonly string[];
  /** Last modified (updated_at) at or after. */
  since?: Date;
  /** Last modified (updated_at) at or before. */
  until?: Date;
}

/** The flag each text field is given by (the CLI's names; the API uses the same words). */
const FLAG: Record<'reason' | 'domain' | 'address' | 'texts', string> = {
  reason: '--reason',
  domain: '--domain',
  address: '--address',
  texts: '--text',
};

/** Refuses empty or blank values, naming the flag; UsageError (exit 2). */
export function checkFilter(f: AddressFilter): void {
  const blank = (v: string | undefined): boolean => v !== undefined && v.trim() === '';
  for (const k of ['reason', 'domain', 'address'] as const) {
    if (blank(f[k])) throw new UsageError(`${FLAG[k]}: empty value (an unset variable?); leave the flag out to not filter on it`);
  }
  if (f.texts?.some((t) => t.trim() === ''))
    throw new UsageError(`${FLAG.texts}: empty value (an unset variable?); leave the flag out to not filter on it`);
  if (f.statuses && f.statuses.length === 0) throw new UsageError('--status: empty list');
}

/** True when the filter restricts nothing (every address matches). */
export function isEmptyFilter(f: AddressFilter): boolean {
  return !f.statuses?.length && !f.channel && !f.reason && !f.domain && !f.address && !f.texts?.length && !f.since && !f.until;
}

/** The filter as recorded with a change (JSON, dates as ISO text). */
export function filterJson(f: AddressFilter, limit?: number): Record<string, unknown> {
  return {
    ...(f.statuses?.length ? { statuses: f.statuses } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.domain ? { domain: f.domain } : {}),
    ...(f.address ? { address: f.address } : {}),
    ...(f.texts?.length ? { texts: f.texts } : {}),
    ...(f.since ? { since: f.since.toISOString() } : {}),
    ...(f.until ? { until: f.until.toISOString() } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** LIKE pattern matching `s` anywhere, its own wildcards taken literally. */
export const containsPattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of a filter; placeholders start after `offset` parameters already bound. */
export function filterToSql(f: AddressFilter, offset = 0): SqlWhere {
  checkFilter(f);
  const parts: string[] = [];
  const params: unknown[] = [];
  const bind = (v: unknown): string => {
    params.push(v);
    return `$${offset + params.length}`;
  };
  if (f.statuses?.length) parts.push(`status = ANY(${bind(f.statuses)}::text[])`);
  if (f.channel) parts.push(`channel = ${bind(f.channel)}`);
  if (f.reason) parts.push(`reason = ${bind(f.reason)}`);
  if (f.domain) parts.push(`domain = ${bind(f.domain.trim().toLowerCase())}`);
  if (f.address) parts.push(`address_key ILIKE ${bind(containsPattern(f.address.trim()))}`);
  for (const t of f.texts ?? []) parts.push(`last_error_text ILIKE ${bind(containsPattern(t))}`);
  if (f.since) parts.push(`updated_at >= ${bind(f.since)}`);
  if (f.until) parts.push(`updated_at <= ${bind(f.until)}`);
  return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}
