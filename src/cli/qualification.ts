// `inmail qualification list|set|refresh|reapply` (docs/cli.md): the delivery
// log qualification of SPEC §4. Operators work through `to-qualify` texts, most
// frequent first; `set` decides one (it counts for new mail at once), `refresh`
// turns decided `keep` texts into user rules, `reapply` re-decides stored events.
import { Command, Option } from 'commander';
import { NotFoundError, UsageError } from '../errors.js';
import { listTexts, qualificationJson as rowJson, reapplyTexts, refreshTexts, setText } from '../operations/qualification.js';
import { QUALIFICATION_STATUSES, qualificationSetSchema } from '../operations/schemas.js';
import type { QualificationStatus } from '../store/qualification-log.js';
import type { BounceType } from '../domain/reasons.js';
import { operatorName, parseIso } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

const operator = (env: CliContext['env']): string => operatorName(undefined, env);

function parseIsoFlag(flag: string, v: string): Date {
  try {
    return parseIso(v);
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}: "${v}"`);
  }
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`ID: expected a number, got "${raw}"`);
  return Number(raw);
}

export function qualificationCommand(ctx: CliContext): Command {
  const cmd = new Command('qualification').description('the delivery log qualification: error texts grouped by normalized text');

  cmd.command('list').description('texts, most frequent first')
    .addOption(new Option('--status <status>', 'to-qualify, keep or ignore').choices(QUALIFICATION_STATUSES))
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--json', 'print one JSON object per line')
    .action(async (opts: { status?: QualificationStatus; limit: string; json?: boolean }) => {
      if (!/^\d+$/.test(opts.limit)) throw new UsageError(`--limit: expected a number, got "${opts.limit}"`);
      const rows = await withPool(cliConfig(ctx), (pool) => listTexts(pool, { status: opts.status, limit: Number(opts.limit) }), { read: true });
      if (rows.length === 0) throw new NotFoundError(`no text${opts.status ? ` with status ${opts.status}` : ''}`);
      if (opts.json) return rows.forEach((q) => printJson(rowJson(q)));
      print(table([
        ['ID', 'STATUS', 'COUNT', 'RESULT', 'RULE', 'LAST SEEN', 'TEXT'],
        ...rows.map((q) => [String(q.id), q.status, String(q.occurrences), `${q.reason ?? '-'}/${q.type ?? '-'}/${q.failureReason ?? '-'}`,
          q.ruleId ?? '-', q.lastSeen.toISOString(), q.normalizedText.slice(0, 100)]),
      ]));
    });

  cmd.command('set').description('decide a text: keep (with a reason) or ignore (never quarantines)').argument('<id>')
    .addOption(new Option('--status <status>', 'keep, ignore or to-qualify').choices(QUALIFICATION_STATUSES).makeOptionMandatory())
    .option('--reason <reason>', 'reason (SPEC §4 names); required for keep unless the text has one')
    .addOption(new Option('--type <type>', 'hard, soft or ignored (default: from the reason)').choices(['hard', 'soft', 'ignored']))
    .option('--code <n>', 'failure reason code (default: from the reason)')
    .option('--json', 'print the row as JSON')
    .action(async (rawId: string, opts: { status: QualificationStatus; reason?: string; type?: BounceType; code?: string; json?: boolean }) => {
      const id = parseId(rawId);
      // The API's schema: the same checks, the same messages.
      const input = qualificationSetSchema.parse({
        status: opts.status, ...(opts.reason !== undefined ? { reason: opts.reason } : {}), ...(opts.type ? { type: opts.type } : {}),
        ...(opts.code !== undefined ? { code: opts.code } : {}),
      });
      const config = cliConfig(ctx);
      const row = await withPool(config, (pool) => setText(config, pool, id, input, operator(ctx.env)));
      if (opts.json) return printJson(rowJson(row));
      print(`text ${id} set to ${row.status} (${row.reason ?? '-'}/${row.type ?? '-'}/${row.failureReason ?? '-'}); new mail follows it now, \`qualification reapply\` re-decides stored events`);
    });

  cmd.command('refresh').description('turn texts an operator kept into user rules (exact normalized text)')
    .option('--json', 'print one JSON object per rule made')
    .action(async (opts: { json?: boolean }) => {
      const config = cliConfig(ctx);
      const made = await withPool(config, (pool) => refreshTexts(config, pool));
      if (opts.json) return made.forEach((m) => printJson(m));
      print(made.length === 0 ? 'nothing to refresh: no kept text without a rule' : made.map((m) => `text ${m.qualificationId} → rule ${m.ruleId}`).join('\n'));
    });

  cmd.command('reapply').description('re-decide stored events carrying qualified texts; update their addresses')
    .option('--since <iso>', 'only events received since then')
    .option('--dry-run', 'show what would change, change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { since?: string; dryRun?: boolean; json?: boolean }) => {
      const since = opts.since === undefined ? undefined : parseIsoFlag('--since', opts.since);
      const config = cliConfig(ctx);
      const report = await withPool(config, (pool) => reapplyTexts(config, pool, { since, dryRun: !!opts.dryRun }));
      if (opts.json) return printJson(report);
      if (report.texts === 0) throw new NotFoundError('no qualified text: set some with `qualification set ID --status keep|ignore`');
      const moved = report.changed.filter((c) => c.addressStatus);
      print(`${report.dryRun ? 'dry run: would re-decide' : 're-decided'} ${report.changed.length} of ${report.eventsSeen} event(s) of ${report.texts} text(s); ${moved.length} address(es) ${report.dryRun ? 'would change' : 'changed'}`);
      if (report.changed.length) {
        print(table([
          ['EVENT', 'ADDRESS', 'FROM', 'TO', 'ADDRESS STATUS'],
          ...report.changed.map((c) => [String(c.eventId), c.address, `${c.from.reason}/${c.from.type}`,
            `${c.to.reason}/${c.to.type} (${c.to.ruleId ?? '-'})`, c.addressStatus ? `${c.addressStatus.from} → ${c.addressStatus.to}` : 'unchanged']),
        ]));
      }
      for (const t of report.toRelease) print(`note: ${t.address} (${t.status}) was changed by event ${t.eventId}, now ignored: release it with \`quarantine release\` if needed`);
    });

  return cmd;
}
