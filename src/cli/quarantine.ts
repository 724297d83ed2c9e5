// `inmail quarantine show|list|set|delete|release|import|export` (docs/cli.md):
// aligned tables for people, --json for scripts; exit 1 when nothing matched,
// 2 on bad usage naming the flag.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { NotFoundError, UsageError } from '../errors.js';
import type { Reason } from '../domain/reasons.js';
import { parseAddress, type KeyOptions } from '../quarantine/address-key.js';
import { listRecent } from '../store/addresses.js';
import { applyEdits, releaseAddresses, removeAddress } from '../quarantine/operator.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import { addressHistory, findAddress } from '../store/addresses.js';
import { exportCsv, importCsv } from '../quarantine/transfer.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import {
  addFilterOptions, addressJson, addressTable, CHANNELS, operatorName, parseReason, STATUSES, toFilter,
  type FilterFlags,
} from './quarantine-options.js';

const keyOptions = (ctx: CliContext): KeyOptions => ({ caseSensitiveLocalPart: cliConfig(ctx).policy.caseSensitiveLocalPart });

function addressArg(ctx: CliContext, channel: Channel, raw: string) {
  const parsed = parseAddress(channel, raw, keyOptions(ctx));
  if (!parsed.ok) throw new UsageError(`ADDRESS: ${parsed.error}`);
  return parsed;
}

/** Writes to standard output, waiting when its buffer is full. */
const writeOut = (chunk: string): Promise<void> | void => {
  if (!chunk || process.stdout.write(chunk)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
};

const channelOption = () => new Option('--channel <channel>', 'channel').choices(CHANNELS).default('email');

export function quarantineCommand(ctx: CliContext): Command {
  const cmd = new Command('quarantine').description('look at and change address states');

  cmd
    .command('show')
    .description('one address: its state and history')
    .argument('<address>')
    .addOption(channelOption())
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { channel: Channel; json?: boolean }) => {
      const config = cliConfig(ctx);
      const key = addressArg(ctx, opts.channel, address).key;
      const shown = await withPool(
        config,
        async (pool) => {
          const a = await findAddress(pool, opts.channel, key);
          return a ? { a, history: await addressHistory(pool, opts.channel, key) } : null;
        },
        { read: true },
      );
      if (!shown) throw new NotFoundError(`${address} (${opts.channel}) has never been seen`);
      const { a, history } = shown;
      if (opts.json) {
        return printJson({
          ...addressJson(a),
          history: history.map((h) => ({
            at: h.at.toISOString(), from: h.from, to: h.to, by: h.by, event: h.event,
            ...(h.ruleId ? { ruleId: h.ruleId } : {}), ...(h.note ? { note: h.note } : {}),
          })),
        });
      }
      print(table([
        ['address', `${a.address} (${a.channel})`],
        ['status', a.status],
        ['reason', `${a.reason ?? '-'} / ${a.type ?? '-'} / code ${a.failureReason ?? '-'}`],
        ['errors', `${a.errorCount} (first ${a.firstErrorAt?.toISOString() ?? '-'}, last ${a.lastErrorAt?.toISOString() ?? '-'})`],
        ['last error', a.lastErrorText ?? '-'],
        ['updated', a.updatedAt.toISOString()],
      ]));
      if (history.length) {
        print('\nhistory:');
        print(table(history.map((h) => [h.at.toISOString(), `${h.from ?? '-'} → ${h.to}`, h.by, h.note ?? (h.event ? `event ${h.event}` : '')])));
      }
    });

  addFilterOptions(cmd.command('list').description('addresses matching filters, most recently modified first'), 'show')
    .option('--json', 'print one JSON object per line')
    .action(async (opts: FilterFlags & { json?: boolean }) => {
      const limit = opts.limit ?? 100;
      const rows = await withPool(cliConfig(ctx), (pool) => listRecent(pool, toFilter(opts), limit), { read: true });
      if (rows.length === 0) throw new NotFoundError('no address matches');
      if (opts.json) rows.forEach((a) => printJson(addressJson(a)));
      else print(addressTable(rows));
      if (rows.length === limit && opts.limit === undefined) process.stderr.write(`(first ${limit}; use --limit for more)\n`);
    });

  cmd
    .command('set')
    .description('create or change an address (allowlist: --status allowlisted)')
    .argument('<address>')
    .addOption(new Option('--status <status>', 'new status').choices(STATUSES).makeOptionMandatory())
    .addOption(new Option('--reason <reason>', 'reason to record').argParser(parseReason))
    .option('--note <text>', 'why (kept in the history)')
    .option('--by <name>', 'who (default: $USER)')
    .addOption(channelOption())
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { status: AddressStatus; reason?: Reason; note?: string; by?: string; channel: Channel; json?: boolean }) => {
      const ref = addressArg(ctx, opts.channel, address);
      const [r] = await withPool(cliConfig(ctx), (pool) =>
        applyEdits(
          pool,
          [{ ref, edit: { status: opts.status, ...(opts.reason ? { reason: opts.reason } : {}) }, note: opts.note ?? null }],
          operatorName(opts.by, ctx.env),
          new Date(),
          { noteAlone: true },
        ),
      );
      if (!r) throw new Error('set returned no result');
      const out = { address: r.before.address, channel: r.before.channel, from: r.before.status, to: r.after.status, reason: r.after.reason, changed: r.changed };
      if (opts.json) return printJson(out);
      print(`${out.address} (${out.channel}): ${out.from} → ${out.to}${r.changed ? '' : ' (unchanged)'}`);
    });

  cmd
    .command('delete')
    .description('forget an address (its history is kept)')
    .argument('<address>')
    .addOption(channelOption())
    .option('--note <text>', 'why (kept in the history)')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { channel: Channel; note?: string; by?: string; json?: boolean }) => {
      const ref = addressArg(ctx, opts.channel, address);
      const gone = await withPool(cliConfig(ctx), (pool) => removeAddress(pool, opts.channel, ref.key, operatorName(opts.by, ctx.env), opts.note ?? null));
      if (!gone) throw new NotFoundError(`${address} (${opts.channel}) has never been seen`);
      if (opts.json) return printJson({ address: gone.address, channel: gone.channel, status: gone.status, deleted: true });
      print(`${gone.address} (${gone.channel}): deleted (was ${gone.status})`);
    });

  addFilterOptions(
    cmd.command('release').description('make matching addresses valid (default: quarantined and erroneous ones)'),
    'release',
  )
    .option('--dry-run', 'show what would change, change nothing')
    .option('--note <text>', 'why (kept in the history)')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print one JSON object')
    .action(async (opts: FilterFlags & { dryRun?: boolean; note?: string; by?: string; json?: boolean }) => {
      const wrong = (opts.status ?? []).filter((s) => s === 'valid' || s === 'allowlisted');
      if (wrong.length) throw new UsageError(`--status: release acts on quarantined, erroneous or denylisted addresses, not ${wrong.join(', ')}`);
      const dryRun = opts.dryRun === true;
      const result = await withPool(cliConfig(ctx), (pool) =>
        releaseAddresses(pool, toFilter(opts), {
          dryRun, by: operatorName(opts.by, ctx.env), note: opts.note ?? null, now: new Date(),
          ...(opts.limit ? { limit: opts.limit } : {}),
        }),
      );
      if (opts.json) printJson({ dryRun, count: result.count, addresses: result.addresses.map(addressJson) });
      else {
        if (result.count) print(addressTable(result.addresses));
        print(`${dryRun ? 'would release' : 'released'} ${result.count} address${result.count === 1 ? '' : 'es'}${dryRun ? ' (dry run)' : ''}`);
      }
      if (result.count === 0) throw new NotFoundError('no address matches');
    });

  cmd
    .command('import')
    .description('apply a CSV file (address, channel, status, reason, note): all lines or none')
    .argument('<file>')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { by?: string; json?: boolean }) => {
      const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`FILE ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
      });
      const config = cliConfig(ctx);
      const keys = { caseSensitiveLocalPart: config.policy.caseSensitiveLocalPart };
      const result = await withPool(config, (pool) => importCsv(pool, text, keys, operatorName(opts.by, ctx.env), new Date()));
      if (!result.ok) {
        if (opts.json) printJson({ imported: false, errors: result.errors });
        for (const e of result.errors) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
        throw new UsageError(`${file}: ${result.errors.length} bad line${result.errors.length === 1 ? '' : 's'}; nothing imported`);
      }
      const { lines, changed, unchanged } = result;
      if (opts.json) return printJson({ imported: true, lines, changed, unchanged });
      print(`${file}: ${lines} lines, ${changed} changed, ${unchanged} unchanged`);
    });

  addFilterOptions(cmd.command('export').description('matching addresses as CSV on standard output'), 'export')
    .action(async (opts: FilterFlags) => {
      const count = await withPool(
        cliConfig(ctx),
        (pool) => exportCsv(pool, toFilter(opts), writeOut, opts.limit ? { limit: opts.limit } : {}),
        { read: true },
      );
      if (count === 0) throw new NotFoundError('no address matches');
    });

  return cmd;
}
