// `inmail qualification list|set|refresh|reapply` (docs/cli.md): the delivery
// log qualification (docs/states-and-policy.md). Operators work through `to-qualify` texts, most
// frequent first; `set` decides one (it counts for new mail at once), `refresh`
// turns decided `keep` texts into user rules, `reapply` re-decides stored events.
import { Command, Option } from 'commander';
import { InputError, NotFoundError, UsageError } from '../errors.js';
import { QUALIFICATION_STATUSES, type QualificationStatus } from '../store/qualification-log.js';
import {
  listTexts,
  qualificationJson as rowJson,
  reapplyTexts,
  refreshTexts,
  setText,
  type RunProgress,
} from '../operations/qualification.js';
import { progressBar, type Progress } from './progress.js';
import { isReason, type BounceType } from '../domain/reasons.js';
import { operatorName } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

/** The operations' progress hooks drawing the CLI's bar (created once the total is known). */
function barProgress(label: string, opts: { quiet: boolean; unit: string }): RunProgress {
  let bar: Progress | null = null;
  return {
    start: (total) => void (bar = progressBar(label, total, opts)),
    update: (done) => bar?.update(done),
    stop: () => bar?.stop(),
  };
}

const operator = (env: CliContext['env']): string => operatorName(undefined, env);

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`ID: expected a number, got "${raw}"`);
  return Number(raw);
}

export function qualificationCommand(ctx: CliContext): Command {
  const cmd = new Command('qualification').description('the delivery log qualification: error texts grouped by normalized text');

  cmd
    .command('list')
    .description('texts, most frequent first')
    .addOption(new Option('--status <status>', 'to-qualify, keep or ignore').choices(QUALIFICATION_STATUSES))
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--json', 'print one JSON object per line')
    .action(async (opts: { status?: QualificationStatus; limit: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.limit)) throw new UsageError(`--limit: expected a number, got "${opts.limit}"`);
      const rows = await withPool(cliConfig(ctx), (pool) => listTexts(pool, { status: opts.status, limit: Number(opts.limit) }), {
        read: true,
      });
      if (rows.length === 0) throw new NotFoundError(`no text${opts.status ? ` with status ${opts.status}` : ''}`);
      if (opts.json) return rows.forEach((q) => printJson(rowJson(q)));
      print(
        table([
          ['ID', 'STATUS', 'COUNT', 'RESULT', 'RULE', 'LAST SEEN', 'TEXT'],
          ...rows.map((q) => [
            String(q.id),
            q.status,
            String(q.occurrences),
            `${q.reason ?? '-'}/${q.type ?? '-'}/${q.failureReason ?? '-'}`,
            q.ruleId ?? '-',
            q.lastSeen.toISOString(),
            q.normalizedText.slice(0, 100),
          ]),
        ]),
      );
    });

  cmd
    .command('set')
    .description('decide a text: keep (with a reason) or ignore (never quarantines)')
    .argument('<id>')
    .addOption(new Option('--status <status>', 'keep, ignore or to-qualify').choices(QUALIFICATION_STATUSES).makeOptionMandatory())
    .option('--reason <reason>', 'reason (docs/reasons.md); required for keep unless the text has one')
    .addOption(new Option('--type <type>', 'hard, soft or ignored (default: from the reason)').choices(['hard', 'soft', 'ignored']))
    .option('--code <n>', 'failure reason code (default: from the reason)')
    .option('--json', 'print the row as JSON')
    .action(
      async (rawId: string, opts: { status: QualificationStatus; reason?: string; type?: BounceType; code?: string; json?: boolean }) => {
        const id = parseId(rawId);
        if (opts.reason !== undefined && !isReason(opts.reason))
          throw new UsageError(`--reason: unknown reason "${opts.reason}" (docs/reasons.md lists them)`);
        if (opts.code !== undefined && !/^\d+$/.test(opts.code)) throw new UsageError(`--code: expected a number, got "${opts.code}"`);
        const config = cliConfig(ctx);
        const reason = opts.reason ?? null;
        const input = {
          status: opts.status,
          ...(reason ? { reason } : {}),
          ...(opts.type ? { type: opts.type } : {}),
          ...(opts.code !== undefined ? { code: Number(opts.code) } : {}),
        };
        const row = await withPool(config, (pool) =>
          setText(config, pool, id, input, operator(ctx.env)).catch((err: unknown) => {
            // The CLI's own wording for the one check the API names by its JSON field.
            if (err instanceof InputError && err.field === 'reason')
              throw new UsageError('--reason is required to keep a text that has none (e.g. --reason userunknown --type hard)');
            throw err;
          }),
        );
        if (opts.json) return printJson(rowJson(row));
        print(
          `text ${id} set to ${row.status} (${row.reason ?? '-'}/${row.type ?? '-'}/${row.failureReason ?? '-'}); new mail follows it now, \`qualification reapply\` re-decides stored events`,
        );
      },
    );

  cmd
    .command('refresh')
    .description('turn texts an operator kept into user rules (exact normalized text)')
    .option('--verbose', 'list each rule made, not only how many')
    .option('--json', 'print one JSON object per rule made')
    .action(async (opts: { verbose?: boolean; json?: boolean }) => {
      const config = cliConfig(ctx);
      const made = await withPool(config, (pool) =>
        refreshTexts(config, pool, barProgress('refresh', { quiet: opts.json === true, unit: 'texts' })),
      );
      if (opts.json) return made.forEach((m) => printJson(m));
      if (made.length === 0) return print('nothing to refresh: no kept text without a rule');
      if (opts.verbose) print(made.map((m) => `text ${m.qualificationId} → rule ${m.ruleId}`).join('\n'));
      print(
        `${made.length} text(s) turned into user rules${opts.verbose ? '' : ` (${made[0]?.ruleId}${made.length > 1 ? ` ... ${made[made.length - 1]?.ruleId}` : ''}; --verbose lists them)`}`,
      );
    });

  cmd
    .command('reapply')
    .description('re-decide stored events carrying qualified texts; update their addresses as the worker would (incident guard included)')
    .option('--since <iso>', 'only events received since then')
    .option('--dry-run', 'show what would change, change nothing')
    .option('--verbose', 'list every re-decided event, not only the summary')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { since?: string; dryRun?: boolean; verbose?: boolean; json?: boolean }) => {
      const since = opts.since === undefined ? null : new Date(opts.since);
      if (since && Number.isNaN(since.getTime())) throw new UsageError(`--since: not an ISO date: "${opts.since}"`);
      const config = cliConfig(ctx);
      const progress = barProgress(`reapply${opts.dryRun ? ' (dry run)' : ''}`, { quiet: opts.json === true, unit: 'events' });
      const report = await withPool(config, (pool) =>
        reapplyTexts(
          config,
          pool,
          { ...(since ? { since } : {}), dryRun: !!opts.dryRun, guard: config.guard, by: operator(ctx.env) },
          progress,
        ),
      );
      if (opts.json) return printJson(report);
      if (report.texts === 0) throw new NotFoundError('no qualified text: set some with `qualification set ID --status keep|ignore`');
      const moved = report.changed.filter((c) => c.addressStatus);
      if (opts.verbose && report.changed.length) {
        print(
          table([
            ['EVENT', 'ADDRESS', 'FROM', 'TO', 'ADDRESS STATUS'],
            ...report.changed.map((c) => [
              String(c.eventId),
              c.address,
              `${c.from.reason}/${c.from.type}`,
              `${c.to.reason}/${c.to.type} (${c.to.ruleId ?? '-'})`,
              c.addressStatus ? `${c.addressStatus.from} → ${c.addressStatus.to}` : 'unchanged',
            ]),
          ]),
        );
      }
      print(
        `${report.dryRun ? 'dry run: would re-decide' : 're-decided'} ${report.changed.length} of ${report.eventsSeen} event(s) of ${report.texts} text(s); ` +
          `${moved.length} address(es) ${report.dryRun ? 'would change' : 'changed'}` +
          (report.held ? `; ${report.held} held by the incident guard` : '') +
          (report.change ? `: change ${report.change} (undo: inmail quarantine undo ${report.change})` : ''),
      );
      for (const i of report.incidents)
        print(`incident ${i.id} opened: ${i.addresses} addresses at ${i.domain} with one text; see \`inmail incidents show ${i.id}\``);
      if (report.toRelease.length)
        print(
          `${report.toRelease.length} address(es) were changed by events now ignored: see --json (toRelease), release them with \`quarantine release\` if needed`,
        );
    });

  return cmd;
}
