// Operator filters on addresses (SPEC §5: address, status, channel, reason,
// domain, error text, last-modified range) turned into one parameterized WHERE.
import type { AddressStatus, Channel } from '../domain/address.js';

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

export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** LIKE pattern matching `s` anywhere, its own wildcards taken literally. */
export const containsPattern = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of a filter; placeholders start after `offset` parameters already bound. */
export function filterToSql(f: AddressFilter, offset = 0): SqlWhere {
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
