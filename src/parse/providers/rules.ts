// A provider's documented answers as data: an enhanced status code (or a
// range of them: Microsoft numbers its own codes 5.7.606–649), a wording, or
// both, and the reason the provider's documentation gives them.
import type { Reason } from '../../domain/reasons.js';
import type { RemoteAnswer } from './provider.js';

/** An exact status ("5.7.509"), or [class.subject., first, last] for "5.7.606"–"5.7.649". */
export type StatusKey = string | readonly [string, number, number];

export interface Rule {
  status?: StatusKey;
  /** A lower-case substring of the diagnostic, or a pattern on it. */
  text?: string | RegExp;
  reason: Reason;
}

function statusFits(key: StatusKey, status: string): boolean {
  if (typeof key === 'string') return status === key;
  const prefix = key[0];
  if (!status.startsWith(prefix)) return false;
  const rest = status.slice(prefix.length);
  if (!/^\d{1,3}$/.test(rest)) return false;
  const n = Number(rest);
  return n >= key[1] && n <= key[2];
}

function fits(r: Rule, a: RemoteAnswer): boolean {
  if (r.status === undefined && r.text === undefined) return false;
  if (r.status !== undefined && !statusFits(r.status, a.status)) return false;
  if (r.text !== undefined && !(typeof r.text === 'string' ? a.text.includes(r.text) : r.text.test(a.text))) return false;
  return true;
}

/** The reason of the first rule that fits the answer, or null. */
export function firstRule(rules: readonly Rule[], a: RemoteAnswer): Reason | null {
  // hot: baseline code, see docs/parser-generalisation.md, Speed (no callback per rule).
  for (let i = 0; i < rules.length; i++) if (fits(rules[i]!, a)) return rules[i]!.reason;
  return null;
}
