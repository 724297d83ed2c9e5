// Flags shared by `quarantine list|release|export`, checked as they are read
// (a bad value exits 2 naming the flag), and how addresses are printed.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { z } from 'zod';
import { addressJson, toFilter as filterOf } from '../operations/addresses.js';
import { CHANNELS, isoDateSchema, positiveIntSchema, reasonSchema, STATUSES, statusSchema } from '../operations/schemas.js';
import type { Reason } from '../domain/reasons.js';
import type { AddressFilter } from '../store/address-filters.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import type { StoredAddress } from '../store/addresses.js';
import { table } from './context.js';

export { addressJson, CHANNELS, STATUSES };

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

/** A flag's value checked with the API's zod schema: the same rule, the same message. */
function checked<S extends z.ZodType>(schema: S): (v: string) => z.output<S> {
  return (v: string) => {
    const r = schema.safeParse(v);
    if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? 'invalid value');
    return r.data;
  };
}
const collectStatus = (v: string, prev: AddressStatus[] | undefined): AddressStatus[] => [...(prev ?? []), checked(statusSchema)(v)];
const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
export const parseReason = (v: string): Reason => checked(reasonSchema)(v);
export const parseIso = (v: string): Date => checked(isoDateSchema)(v);
export const parsePositiveInt = (v: string): number => checked(positiveIntSchema)(v);

export function addFilterOptions(cmd: Command, what: string): Command {
  return cmd
    .addOption(new Option('--status <status>', `only this status (repeatable; ${STATUSES.join('|')})`).argParser(collectStatus))
    .addOption(new Option('--channel <channel>', 'only this channel').choices(CHANNELS))
    .addOption(new Option('--reason <reason>', 'only this reason').argParser(parseReason))
    .option('--domain <domain>', 'only addresses at this domain')
    .option('--address <text>', 'address contains this text')
    .addOption(new Option('--text <text>', 'last error text contains this (repeatable; all must match)').argParser(collect))
    .addOption(new Option('--since <iso>', 'last modified at or after').argParser(parseIso))
    .addOption(new Option('--until <iso>', 'last modified at or before').argParser(parseIso))
    .addOption(new Option('--limit <n>', `${what} at most n addresses`).argParser(parsePositiveInt));
}

export function toFilter(f: FilterFlags): AddressFilter {
  return filterOf(f);
}

const cut = (s: string | null, n: number): string => (!s ? '-' : s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function addressTable(rows: readonly StoredAddress[]): string {
  return table([
    ['ADDRESS', 'CHANNEL', 'STATUS', 'REASON', 'ERRORS', 'UPDATED', 'LAST ERROR'],
    ...rows.map((a) => [
      a.address, a.channel, a.status, a.reason ?? '-', String(a.errorCount), a.updatedAt.toISOString(), cut(a.lastErrorText, 70),
    ]),
  ]);
}

/** Who an operator change is recorded as: --by, else INMAIL_OPERATOR, else the login name. */
export const operatorName = (by: string | undefined, env: Record<string, string | undefined>): string =>
  `operator:${by ?? env.INMAIL_OPERATOR ?? env.USER ?? env.LOGNAME ?? 'unknown'}`;
