// `inmail quarantine show|list|set|delete|release|import|export` (docs/cli.md):
// aligned tables for people, --json for scripts; exit 1 when nothing matched,
// 2 on bad usage naming the flag.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { NotFoundError, UsageError } from '../errors.js';
import type { Reason } from '../domain/reasons.js';
import type { KeyOptions } from '../quarantine/address-key.js';
import {
  deleteAddress, ImportRefused, importAddresses, listAddresses, release, setAddress, showAddress, showJson,
} from '../operations/addresses.js';
import { explainAddress } from '../operations/explain.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import { exportCsv } from '../quarantine/transfer.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import {
  addFilterOptions, addressJson, addressTable, CHANNELS, operatorName, parseReason, STATUSES, toFilter,
  type FilterFlags,
} from './quarantine-options.js';

const keyOptions = (ctx: CliContext): KeyOptions => ({ caseSensitiveLocalPart: cliConfig(ctx).policy.caseSensitiveLocalPart });

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
      const shown = await withPool(cliConfig(ctx), (pool) => showAddress(pool, keyOptions(ctx), opts.channel, address), { read: true });
      if (opts.json) return printJson(showJson(shown));
      const { address: a, history } = shown;
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
      const rows = await withPool(cliConfig(ctx), (pool) => listAddresses(pool, opts, limit), { read: true });
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
      const out = await withPool(cliConfig(ctx), (pool) =>
        setAddress(pool, keyOptions(ctx), address, { status: opts.status, reason: opts.reason, note: opts.note, channel: opts.channel }, operatorName(opts.by, ctx.env)),
      );
      if (opts.json) return printJson(out);
      print(`${out.address} (${out.channel}): ${out.from} → ${out.to}${out.changed ? '' : ' (unchanged)'}`);
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
      const gone = await withPool(cliConfig(ctx), (pool) =>
        deleteAddress(pool, keyOptions(ctx), address, opts.channel, operatorName(opts.by, ctx.env), opts.note ?? null),
      );
      if (opts.json) return printJson(gone);
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
      const dryRun = opts.dryRun === true;
      const result = await withPool(cliConfig(ctx), (pool) =>
        release(pool, opts, { dryRun, by: operatorName(opts.by, ctx.env), note: opts.note ?? null, limit: opts.limit }, '--status'),
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
      const result = await withPool(config, (pool) => importAddresses(pool, keys, text, operatorName(opts.by, ctx.env))).catch((err: unknown) => {
        if (!(err instanceof ImportRefused)) throw err;
        if (opts.json) printJson({ imported: false, errors: err.errors });
        for (const e of err.errors) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
        throw new UsageError(`${file}: ${err.errors.length} bad line${err.errors.length === 1 ? '' : 's'}; nothing imported`);
      });
      const { lines, changed, unchanged } = result;
      if (opts.json) return printJson({ imported: true, lines, changed, unchanged });
      print(`${file}: ${lines} lines, ${changed} changed, ${unchanged} unchanged`);
    });

  cmd
    .command('explain')
    .description('why an address has its status: the raw mail, what the parser read, the rule or heuristic, the history')
    .argument('<address>')
    .addOption(channelOption())
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { channel: Channel; json?: boolean }) => {
      const config = cliConfig(ctx);
      const e = await withPool(config, (pool) => explainAddress(config, pool, keyOptions(ctx), opts.channel, address), { read: true });
      if (opts.json) return printJson(e);
      print(table([
        ['address', `${address} (${opts.channel})${e.deleted ? ': deleted (history kept)' : ''}`],
        ['status', e.address ? `${e.address.status} (${e.address.reason ?? '-'} / ${e.address.type ?? '-'})` : 'deleted'],
        ['set by', e.decidedBy ? `${e.decidedBy.by} at ${e.decidedBy.at}${e.decidedBy.note ? ` (${e.decidedBy.note})` : ''}` : '-'],
        ['mail', e.mail ? `#${e.mail.id} received ${e.mail.receivedAt} from ${e.mail.mailFrom ?? '<>'} (inmail mails show ${e.mail.id})` : '-'],
        ['parser read', e.event ? `${e.event.kind}/${e.event.action} status ${e.event.status || '-'} reply ${e.event.replyCode || '-'}: ${e.event.diagnostic ?? ''}` : '-'],
        ['decided by', e.decision ? `${e.decision.step}${e.decision.ruleId ? ` ${e.decision.ruleId}` : ''} → ${e.decision.reason}/${e.decision.type}/${e.decision.failureReason} (${e.decision.outcome})` : '-'],
        ['normalized', e.decision?.normalizedText ?? '-'],
      ]));
      if (e.history.length) {
        print('\nhistory:');
        print(table(e.history.map((h) => [h.at, `${h.from ?? '-'} → ${h.to}`, h.by, h.note ?? (h.event ? `event ${h.event}` : '')])));
      }
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
