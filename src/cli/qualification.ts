// `inmail qualification list|set|refresh|reapply` (docs/cli.md): the delivery
// log qualification (docs/states-and-policy.md). Operators work through `to-qualify` texts, most
// frequent first; `set` decides one (it counts for new mail at once), `refresh`
// turns decided `keep` texts into user rules, `reapply` re-decides stored events.
import { Command, Option } from 'commander';
import { inTransaction } from '../db/pool.js';
import { NotFoundError, UsageError } from '../errors.js';
import { RuleEngine } from '../qualify/engine.js';
import {
  getQualification,
  listQualifications,
  markRefreshed,
  operatorQualified,
  QUALIFICATION_STATUSES,
  setQualification,
  type QualificationRow,
  type QualificationStatus,
} from '../store/qualification-log.js';
import { countQualifiedEvents, reapply } from '../qualify/reapply.js';
import { progressBar } from './progress.js';
import { isReason, qualify, type BounceType, type FailureReason, type Reason } from '../domain/reasons.js';
import { insertUserRule, userRuleNumber } from '../store/rules.js';
import { resultOf } from '../qualify/rules.js';
import { notifyRulesChanged } from '../qualify/runtime.js';
import { loadShippedRules } from '../qualify/shipped.js';
import { operatorName } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

const rowJson = (q: QualificationRow) => ({
  id: q.id,
  channel: q.channel,
  status: q.status,
  occurrences: q.occurrences,
  normalizedText: q.normalizedText,
  firstText: q.firstText,
  firstSeen: q.firstSeen.toISOString(),
  lastSeen: q.lastSeen.toISOString(),
  reason: q.reason,
  type: q.type,
  failureReason: q.failureReason,
  statusCode: q.statusCode,
  replyCode: q.replyCode,
  ruleId: q.ruleId,
  qualifiedBy: q.qualifiedBy,
  qualifiedAt: q.qualifiedAt?.toISOString() ?? null,
  refreshedRule: q.refreshedRule === null ? null : `u${q.refreshedRule}`,
});

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
      const rows = await withPool(cliConfig(ctx), (pool) => listQualifications(pool, { status: opts.status, limit: Number(opts.limit) }), {
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
        const row = await withPool(config, async (pool) => {
          const before = await getQualification(pool, id);
          if (!before) throw new NotFoundError(`no qualification row ${id}`);
          const reason = (opts.reason ?? null) as Reason | null;
          if (opts.status === 'keep' && !reason && (!before.reason || before.reason === 'undefined')) {
            throw new UsageError('--reason is required to keep a text that has none (e.g. --reason userunknown --type hard)');
          }
          const d = reason ? qualify(reason, { permanent: opts.type === 'hard' }) : null;
          return setQualification(pool, id, {
            status: opts.status,
            reason,
            type: opts.type ?? d?.type ?? null,
            failureReason: (opts.code !== undefined ? Number(opts.code) : (d?.failureReason ?? null)) as FailureReason | null,
            by: operator(ctx.env),
          });
        });
        if (!row) throw new NotFoundError(`no qualification row ${id}`);
        await notifyRulesChanged(config.redis.url, config.queue.prefix);
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
        inTransaction(pool, async (db) => {
          const rows = (await operatorQualified(db)).filter((q) => q.status === 'keep' && q.refreshedRule === null && q.reason);
          const out: { qualificationId: number; ruleId: string }[] = [];
          const bar = progressBar('refresh', rows.length, { quiet: opts.json === true, unit: 'texts' });
          for (const q of rows) {
            const reason = q.reason as Reason;
            const result = resultOf(reason, q.type ?? undefined, q.failureReason ?? undefined);
            const ruleId = await insertUserRule(
              db,
              {
                order: 100,
                channel: q.channel as 'email',
                match: { normalized: q.normalizedText },
                result,
                example: q.firstText,
                enabled: true,
                note: `from qualification #${q.id} (${q.qualifiedBy ?? 'operator'})`,
              },
              q.id,
            );
            await markRefreshed(db, q.id, userRuleNumber(ruleId) ?? 0);
            out.push({ qualificationId: q.id, ruleId });
            bar.update(out.length);
          }
          bar.stop();
          return out;
        }),
      );
      if (made.length > 0) await notifyRulesChanged(config.redis.url, config.queue.prefix);
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
      const report = await withPool(config, async (pool) => {
        const engine = new RuleEngine(loadShippedRules(config.rules.shippedDir));
        await engine.load(pool);
        const total = await countQualifiedEvents(pool, since);
        const bar = progressBar(`reapply${opts.dryRun ? ' (dry run)' : ''}`, total, { quiet: opts.json === true, unit: 'events' });
        try {
          return await reapply(pool, engine, {
            since,
            dryRun: !!opts.dryRun,
            policy: config.policy,
            guard: config.guard,
            by: operator(ctx.env),
            onProgress: (n) => bar.update(n),
          });
        } finally {
          bar.stop();
        }
      });
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
