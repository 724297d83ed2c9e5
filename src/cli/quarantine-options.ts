// Flags shared by `quarantine list|release|export`, checked as they are read
// (a bad value exits 2 naming the flag), and how addresses are printed.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isReason, type Reason } from '../domain/reasons.js';
import type { AddressFilter } from '../store/address-filters.js';
import { toFilter as filterOf } from '../operations/addresses.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import type { StoredAddress } from '../store/addresses.js';
import { table } from './context.js';

export const STATUSES = ['valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted'] as const satisfies readonly AddressStatus[];
export const CHANNELS = ['email', 'sms', 'push'] as const satisfies readonly Channel[];

export interface FilterFlags {
  status?: AddressStatus[];
  channel?: Channel;
  reason?: Reason;
  domain?: string;
  address?: string;
  text?: string[];
  since?: Date;
  until?: Date;
  limit?: number;
}

const collectStatus = (v: string, prev: AddressStatus[] | undefined): AddressStatus[] => {
  if (!(STATUSES as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${STATUSES.join(', ')}`);
  return [...(prev ?? []), v as AddressStatus];
};
/** An empty value is refused: `--domain "$UNSET"` must not turn into "every domain". */
export const nonEmpty = (v: string): string => {
  if (v.trim() === '') throw new InvalidArgumentError('empty value (an unset variable?); leave the flag out to not filter on it');
  return v;
};
const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), nonEmpty(v)];
export const parseReason = (v: string): Reason => {
  if (!isReason(v)) throw new InvalidArgumentError('unknown reason (docs/reasons.md lists them: userunknown, mailboxfull, ...)');
  return v;
};
export const parseIso = (v: string): Date => {
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime()))
    throw new InvalidArgumentError('must be an ISO date, e.g. 2026-11-23T10:00:00Z');
  return d;
};
export const parsePositiveInt = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('must be a positive integer');
  return Number(v);
};

export function addFilterOptions(cmd: Command, what: string): Command {
  return cmd
    .addOption(new Option('--status <status>', `only this status (repeatable; ${STATUSES.join('|')})`).argParser(collectStatus))
    .addOption(new Option('--channel <channel>', 'only this channel').choices(CHANNELS))
    .addOption(new Option('--reason <reason>', 'only this reason').argParser(parseReason))
    .addOption(new Option('--domain <domain>', 'only addresses at this domain').argParser(nonEmpty))
    .addOption(new Option('--address <text>', 'address contains this text').argParser(nonEmpty))
    .addOption(new Option('--text <text>', 'last error text contains this (repeatable; all must match)').argParser(collect))
    .addOption(new Option('--since <iso>', 'last modified at or after').argParser(parseIso))
    .addOption(new Option('--until <iso>', 'last modified at or before').argParser(parseIso))
    .addOption(new Option('--limit <n>', `${what} at most n addresses`).argParser(parsePositiveInt));
}

/** The flags as the store's filter: the same conversion as the API's query (operations). */
export function toFilter(f: FilterFlags): AddressFilter {
  return filterOf(f);
}

const cut = (s: string | null, n: number): string => (!s ? '-' : s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function addressTable(rows: readonly StoredAddress[]): string {
  return table([
    ['ADDRESS', 'CHANNEL', 'STATUS', 'REASON', 'ERRORS', 'UPDATED', 'LAST ERROR'],
    ...rows.map((a) => [
      a.address,
      a.channel,
      a.status,
      a.reason ?? '-',
      String(a.errorCount),
      a.updatedAt.toISOString(),
      cut(a.lastErrorText, 70),
    ]),
  ]);
}

/** Who an operator change is recorded as: --by, else INMAIL_OPERATOR, else the login name. */
export const operatorName = (by: string | undefined, env: Record<string, string | undefined>): string =>
  `operator:${by ?? env.INMAIL_OPERATOR ?? env.USER ?? env.LOGNAME ?? 'unknown'}`;
