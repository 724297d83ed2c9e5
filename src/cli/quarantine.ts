// `inmail quarantine show|list|set|delete|release|import|export` (docs/cli.md):
// aligned tables for people, --json for scripts; exit 1 when nothing matched,
// 2 on bad usage naming the flag.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { NotFoundError, UsageError } from '../errors.js';
import type { Reason } from '../domain/reasons.js';
import { parseAddress, type KeyOptions } from '../quarantine/address-key.js';
import type { Pool } from '../db/pool.js';
import { isEmptyFilter, type AddressFilter } from '../store/address-filters.js';
import { countMatching, listRecent } from '../store/addresses.js';
import {
  checkScope,
  deleteAddresses,
  RELEASABLE_BY_DEFAULT,
  releaseAddresses,
  removeAddress,
  type ReleaseOptions,
  type ReleaseResult,
} from '../quarantine/operator.js';
import { recentChanges, undo } from '../operations/changes.js';
import { confirmBulk } from './confirm.js';
import { progressBar, type Progress } from './progress.js';
import type { AddressStatus, Channel } from '../quarantine/state.js';
import { addressHistory, findAddress } from '../store/addresses.js';
import { exportCsv, importCsv } from '../quarantine/transfer.js';
import { explainAddress } from '../operations/explain.js';
import { addressJson, historyJson, setAddress } from '../operations/addresses.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import {
  addFilterOptions,
  addressTable,
  CHANNELS,
  operatorName,
  parsePositiveInt,
  parseReason,
  STATUSES,
  toFilter,
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

interface BulkFlags extends FilterFlags {
  all?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  verbose?: boolean;
  note?: string;
  by?: string;
  json?: boolean;
}

type BulkOp = (pool: Pool, filter: AddressFilter, opts: ReleaseOptions) => Promise<ReleaseResult>;

/** release and delete: count, confirm above operator.confirmAbove, run as one change, print a summary. */
async function bulk(ctx: CliContext, verb: 'release' | 'delete', filter: AddressFilter, opts: BulkFlags, op: BulkOp): Promise<void> {
  const config = cliConfig(ctx);
  const dryRun = opts.dryRun === true;
  checkScope(verb, filter, opts.all);
  const result = await withPool(config, async (pool) => {
    const matching = await countMatching(pool, filter);
    const count = opts.limit === undefined ? matching : Math.min(matching, opts.limit);
    if (!dryRun) await confirmBulk({ verb, count, confirmAbove: config.operator.confirmAbove, yes: opts.yes === true });
    const bar = progressBar(`${verb}${dryRun ? ' (dry run)' : ''}`, count, { quiet: opts.json === true });
    try {
      return await op(pool, filter, {
        dryRun,
        by: operatorName(opts.by, ctx.env),
        note: opts.note ?? null,
        now: new Date(),
        ...(opts.limit ? { limit: opts.limit } : {}),
        onProgress: (n) => bar.update(n),
        all: opts.all === true,
      });
    } finally {
      bar.stop();
    }
  });
  const done = verb === 'release' ? 'released' : 'deleted';
  if (opts.json) printJson({ dryRun, count: result.count, change: result.changeId, addresses: result.addresses.map(addressJson) });
  else {
    if (result.count && opts.verbose) print(addressTable(result.addresses));
    const n = `${result.count} address${result.count === 1 ? '' : 'es'}`;
    print(
      dryRun
        ? `would ${verb} ${n} (dry run; --verbose lists them)`
        : `${done} ${n}${result.changeId ? `: change ${result.changeId} (undo: inmail quarantine undo ${result.changeId})` : ''}`,
    );
  }
  if (result.count === 0) throw new NotFoundError('no address matches');
}

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
          history: history.map(historyJson),
        });
      }
      print(
        table([
          ['address', `${a.address} (${a.channel})`],
          ['status', a.status],
          ['reason', `${a.reason ?? '-'} / ${a.type ?? '-'} / code ${a.failureReason ?? '-'}`],
          ['errors', `${a.errorCount} (first ${a.firstErrorAt?.toISOString() ?? '-'}, last ${a.lastErrorAt?.toISOString() ?? '-'})`],
          ['last error', a.lastErrorText ?? '-'],
          ['updated', a.updatedAt.toISOString()],
        ]),
      );
      if (history.length) {
        print('\nhistory:');
        print(
          table(
            history.map((h) => [h.at.toISOString(), `${h.from ?? '-'} → ${h.to}`, h.by, h.note ?? (h.event ? `event ${h.event}` : '')]),
          ),
        );
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
    .action(
      async (
        address: string,
        opts: { status: AddressStatus; reason?: Reason; note?: string; by?: string; channel: Channel; json?: boolean },
      ) => {
        // Checked before connecting, as every command does: a bad address exits 2 even with Postgres down.
        addressArg(ctx, opts.channel, address);
        const out = await withPool(cliConfig(ctx), (pool) =>
          setAddress(
            pool,
            keyOptions(ctx),
            address,
            { status: opts.status, reason: opts.reason, note: opts.note, channel: opts.channel },
            operatorName(opts.by, ctx.env),
          ),
        );
        if (opts.json) return printJson(out);
        print(`${out.address} (${out.channel}): ${out.from} → ${out.to}${out.changed ? '' : ' (unchanged)'}`);
      },
    );

  addFilterOptions(
    cmd
      .command('delete')
      .description('forget one address, or every address matching filters (their history is kept)')
      .argument('[address]'),
    'delete',
  )
    .option('--all', 'with no filter: delete every address')
    .option('--yes', `do it without asking, even above operator.confirmAbove addresses`)
    .option('--dry-run', 'show what would be deleted, delete nothing')
    .option('--verbose', 'list the addresses, not only the summary')
    .option('--note <text>', 'why (kept in the history)')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print JSON')
    .action(async (address: string | undefined, opts: BulkFlags & { channel?: Channel }) => {
      const filter = toFilter(opts);
      if (address !== undefined) {
        if (!isEmptyFilter({ ...filter, channel: undefined }) || opts.all)
          throw new UsageError('ADDRESS: give one address or filters, not both');
        const channel = opts.channel ?? 'email';
        const ref = addressArg(ctx, channel, address);
        const gone = await withPool(cliConfig(ctx), (pool) =>
          removeAddress(pool, channel, ref.key, operatorName(opts.by, ctx.env), opts.note ?? null),
        );
        if (!gone) throw new NotFoundError(`${address} (${channel}) has never been seen`);
        if (opts.json) return printJson({ address: gone.address, channel: gone.channel, status: gone.status, deleted: true });
        return print(`${gone.address} (${gone.channel}): deleted (was ${gone.status})`);
      }
      await bulk(ctx, 'delete', filter, opts, deleteAddresses);
    });

  addFilterOptions(cmd.command('release').description('make matching addresses valid (default: quarantined and erroneous ones)'), 'release')
    .option('--all', 'with no filter: release every quarantined and erroneous address')
    .option('--yes', 'do it without asking, even above operator.confirmAbove addresses')
    .option('--dry-run', 'show what would change, change nothing')
    .option('--verbose', 'list the addresses, not only the summary')
    .option('--note <text>', 'why (kept in the history)')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print one JSON object')
    .action(async (opts: BulkFlags) => {
      const wrong = (opts.status ?? []).filter((s) => s === 'valid' || s === 'allowlisted');
      if (wrong.length)
        throw new UsageError(`--status: release acts on quarantined, erroneous or denylisted addresses, not ${wrong.join(', ')}`);
      const filter = toFilter(opts);
      await bulk(
        ctx,
        'release',
        { ...filter, statuses: filter.statuses?.length ? filter.statuses : RELEASABLE_BY_DEFAULT },
        opts,
        releaseAddresses,
      );
    });

  cmd
    .command('undo')
    .description('restore the states a bulk change (release, delete, import, reapply) replaced')
    .argument('<change-id>', 'the change number that release, delete and import print (see `quarantine changes`)')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print JSON')
    .action(async (raw: string, opts: { by?: string; json?: boolean }) => {
      if (!/^\d+$/.test(raw)) throw new UsageError(`CHANGE_ID: expected a number, got "${raw}"`);
      const r = await withPool(cliConfig(ctx), (pool) => undo(pool, Number(raw), operatorName(opts.by, ctx.env)));
      if (opts.json) return printJson(r);
      print(
        `change ${r.changeId}: ${r.restored} address${r.restored === 1 ? '' : 'es'} restored${r.undoId ? ` (recorded as change ${r.undoId})` : ''}`,
      );
      if (r.skipped.length)
        print(
          `${r.skipped.length} left as they are: changed again since (e.g. ${r.skipped[0]?.key} is ${r.skipped[0]?.status ?? 'deleted'})`,
        );
    });

  cmd
    .command('changes')
    .description('recent bulk changes: who, when, filter, how many (for `quarantine undo`)')
    .addOption(new Option('--limit <n>', 'at most n changes').argParser(parsePositiveInt).default(20))
    .option('--json', 'print one JSON object per line')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const rows = await withPool(cliConfig(ctx), (pool) => recentChanges(pool, opts.limit), { read: true });
      if (rows.length === 0) throw new NotFoundError('no change recorded yet');
      if (opts.json) return rows.forEach((c) => printJson(c));
      print(
        table([
          ['ID', 'KIND', 'AT', 'BY', 'ADDRESSES', 'FILTER', 'UNDONE BY'],
          ...rows.map((c) => [
            String(c.id),
            c.kind,
            c.at,
            c.by,
            String(c.addresses),
            JSON.stringify(c.filter),
            c.undoneBy ? String(c.undoneBy) : '-',
          ]),
        ]),
      );
    });

  cmd
    .command('import')
    .description('apply a CSV file (address, channel, status, reason, note; a header row may name them in any order): all lines or none')
    .argument('<file>')
    .option('--by <name>', 'who (default: $USER)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { by?: string; json?: boolean }) => {
      const size = await stat(file).then(
        (s) => {
          if (!s.isFile()) throw new UsageError(`FILE ${file}: not a file`);
          return s.size;
        },
        (err: NodeJS.ErrnoException) => {
          throw new UsageError(`FILE ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
        },
      );
      const config = cliConfig(ctx);
      const keys = { caseSensitiveLocalPart: config.policy.caseSensitiveLocalPart };
      const result = await withPool(config, async (pool) => {
        const stream = createReadStream(file);
        const reading = progressBar(`read ${file}`, size, { quiet: opts.json === true, unit: 'bytes' });
        stream.on('data', () => reading.update(stream.bytesRead));
        let applying: Progress | null = null;
        try {
          return await importCsv(pool, stream, keys, operatorName(opts.by, ctx.env), new Date(), file, {
            applied: (done, total) => {
              if (!applying) {
                reading.stop();
                applying = progressBar('import', total, { quiet: opts.json === true, unit: 'lines' });
              }
              applying.update(done);
            },
          });
        } finally {
          reading.stop();
          (applying as Progress | null)?.stop();
        }
      });
      if (!result.ok) {
        if (opts.json) printJson({ imported: false, errors: result.errors });
        for (const e of result.errors) process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
        throw new UsageError(`${file}: ${result.errors.length} bad line${result.errors.length === 1 ? '' : 's'}; nothing imported`);
      }
      const { lines, changed, unchanged, changeId } = result;
      if (opts.json) return printJson({ imported: true, lines, changed, unchanged, ...(changeId ? { change: changeId } : {}) });
      print(
        `${file}: ${lines} lines, ${changed} changed, ${unchanged} unchanged${changeId ? `: change ${changeId} (undo: inmail quarantine undo ${changeId})` : ''}`,
      );
    });

  cmd
    .command('explain')
    .description('why an address has its status: the raw mail, what the parser read, the rule or heuristic, the history')
    .argument('<address>')
    .addOption(new Option('--channel <channel>', 'channel').choices(CHANNELS).default('email'))
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { channel: Channel; json?: boolean }) => {
      const config = cliConfig(ctx);
      const e = await withPool(config, (pool) => explainAddress(config, pool, keyOptions(ctx), opts.channel, address), { read: true });
      if (opts.json) return printJson(e);
      print(
        table([
          ['address', `${address} (${opts.channel})${e.deleted ? ': deleted (history kept)' : ''}`],
          ['status', e.address ? `${e.address.status} (${e.address.reason ?? '-'} / ${e.address.type ?? '-'})` : 'deleted'],
          ['set by', e.decidedBy ? `${e.decidedBy.by} at ${e.decidedBy.at}${e.decidedBy.note ? ` (${e.decidedBy.note})` : ''}` : '-'],
          [
            'mail',
            e.mail ? `#${e.mail.id} received ${e.mail.receivedAt} from ${e.mail.mailFrom ?? '<>'} (inmail mails show ${e.mail.id})` : '-',
          ],
          [
            'parser read',
            e.event
              ? `${e.event.kind}/${e.event.action} status ${e.event.status || '-'} reply ${e.event.replyCode || '-'}: ${e.event.diagnostic ?? ''}`
              : '-',
          ],
          [
            'decided by',
            e.decision
              ? `${e.decision.step}${e.decision.ruleId ? ` ${e.decision.ruleId}` : ''} → ${e.decision.reason}/${e.decision.type}/${e.decision.failureReason} (${e.decision.outcome})`
              : '-',
          ],
          ['normalized', e.decision?.normalizedText ?? '-'],
        ]),
      );
      if (e.history.length) {
        print('\nhistory:');
        print(table(e.history.map((h) => [h.at, `${h.from ?? '-'} → ${h.to}`, h.by, h.note ?? (h.event ? `event ${h.event}` : '')])));
      }
    });

  addFilterOptions(
    cmd.command('export').description('matching addresses as CSV on standard output (spreadsheet formulas escaped)'),
    'export',
  ).action(async (opts: FilterFlags) => {
    const filter = toFilter(opts);
    const count = await withPool(
      cliConfig(ctx),
      async (pool) => {
        const matching = await countMatching(pool, filter);
        // The CSV itself on the screen would be torn up by a bar: only when it goes to a file or pipe.
        const bar = progressBar('export', opts.limit ? Math.min(opts.limit, matching) : matching, { quiet: process.stdout.isTTY === true });
        try {
          return await exportCsv(pool, filter, writeOut, {
            ...(opts.limit ? { limit: opts.limit } : {}),
            onProgress: (n) => bar.update(n),
          });
        } finally {
          bar.stop();
        }
      },
      { read: true },
    );
    if (count === 0) throw new NotFoundError('no address matches');
  });

  return cmd;
}
