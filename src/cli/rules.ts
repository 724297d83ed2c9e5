// `inmail rules list|add|edit|enable|disable|delete|test|export|import` (docs/cli.md).
// User rules live in Postgres; shipped rules (config/rules) can be disabled or
// overridden by a user rule, never edited here. Every change is announced to the
// workers on Redis (they also poll the rules version, so Redis being down only
// delays it).
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../config.js';
import { NotFoundError, UsageError } from '../errors.js';
import {
  addRule,
  backtestRule,
  deleteRule,
  editRule,
  exportRules,
  getRule,
  importResultJson,
  importRules,
  listedRuleJson,
  listRules,
  RuleImportError,
  setRuleEnabled,
  testText,
  type BacktestReport,
} from '../operations/rules.js';
import { parsePositiveInt } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import { addRuleOptions, describeMatch, ruleFromFlags, ruleToInput, type RuleFlags } from './rules-options.js';

function untold(config: Config, told: boolean): void {
  if (!told) process.stderr.write(`inmail: Redis not reachable; workers pick the change up within ${config.rules.pollSeconds} s\n`);
}

function printBacktest(r: BacktestReport, json: boolean | undefined): void {
  if (json) return printJson({ dryRun: true, ...r });
  print(
    `dry run over ${r.eventsSeen} stored failure(s) of the last ${r.days} days: the rule would decide ${r.eventsMatched}, ` +
      `change ${r.eventsChanged} and ${r.addressesChanged} address(es); nothing saved`,
  );
  if (Object.keys(r.byReason).length) print(table([['REASON', 'EVENTS'], ...Object.entries(r.byReason).map(([k, v]) => [k, String(v)])]));
  if (Object.keys(r.byDomain).length) print(table([['DOMAIN', 'EVENTS'], ...Object.entries(r.byDomain).map(([k, v]) => [k, String(v)])]));
  for (const e of r.examples) {
    print(
      `  event ${e.eventId} ${e.address}: ${e.from.reason}/${e.from.type} → ${e.to.reason}/${e.to.type}` +
        `${e.addressStatus ? ` (address ${e.addressStatus.from} → ${e.addressStatus.to})` : ''}: ${e.text.slice(0, 100)}`,
    );
  }
}

export function rulesCommand(ctx: CliContext): Command {
  const cmd = new Command('rules').description('inbound email rules: user rules (first) and the shipped set');

  cmd
    .command('list')
    .description('rules in decision order, with hits')
    .option('--origin <origin>', 'user, shipped or all', 'all')
    .option('--unused-days <n>', 'only rules with no hit in the last N days (never hit included): rules that may be dead')
    .option('--json', 'print one JSON object per line')
    .action(async (opts: { origin: string; unusedDays?: string; json?: boolean }) => {
      if (!['user', 'shipped', 'all'].includes(opts.origin)) throw new UsageError('--origin: user, shipped or all');
      const unusedDays = opts.unusedDays === undefined ? undefined : Number(opts.unusedDays);
      if (unusedDays !== undefined && !(Number.isFinite(unusedDays) && unusedDays >= 0)) {
        throw new UsageError(`--unused-days: expected a number of days, got ${opts.unusedDays}`);
      }
      const config = cliConfig(ctx);
      // The operation GET /v1/rules calls: the same filter and the same JSON per rule.
      const { rules, broken } = await withPool(
        config,
        (pool) => listRules(config, pool, { origin: opts.origin as 'user' | 'shipped' | 'all', unusedDays }),
        { read: true },
      );
      if (rules.length === 0) throw new NotFoundError('no rule');
      if (opts.json) {
        for (const r of rules) printJson(listedRuleJson(r));
        return;
      }
      print(
        table([
          ['ID', 'ORIGIN', 'ON', 'RESULT', 'MATCH', 'HITS', 'LAST HIT'],
          ...rules.map(({ rule: r, hits, lastHitAt }) => [
            r.id,
            r.origin,
            r.enabled ? 'yes' : 'no',
            `${r.result.reason}/${r.result.type}/${r.result.failureReason}`,
            describeMatch(r),
            String(hits),
            lastHitAt?.toISOString() ?? 'never',
          ]),
        ]),
      );
      for (const b of broken) process.stderr.write(`inmail: ${b.id} is skipped by the workers: ${b.error}\n`);
    });

  addRuleOptions(cmd.command('add').description('add a user rule (checked: safe regex, example matches)'))
    .option('--dry-run', 'back-test on the stored events instead: what the rule would change, nothing saved')
    .addOption(new Option('--days <n>', 'back-test: stored events of the last n days').argParser(parsePositiveInt).default(30))
    .option('--json', 'print the new rule (or the back-test) as JSON')
    .action(async (flags: RuleFlags & { json?: boolean; dryRun?: boolean; days: number }) => {
      const config = cliConfig(ctx);
      const rule = ruleFromFlags(flags);
      if (flags.dryRun) {
        return printBacktest(
          await withPool(config, (pool) => backtestRule(config, pool, rule, { days: flags.days, examples: 10 })),
          flags.json,
        );
      }
      // The operation POST /v1/rules calls: the same checks and errors.
      const { value: added, told } = await withPool(config, (pool) => addRule(config, pool, rule));
      untold(config, told);
      if (flags.json) printJson({ ...ruleToInput(added), origin: 'user' });
      else print(`added ${added.id}`);
    });

  addRuleOptions(cmd.command('edit').description('change a user rule (flags given replace, "" clears)').argument('<id>'))
    .option('--dry-run', 'back-test the new version on the stored events instead; nothing saved')
    .addOption(new Option('--days <n>', 'back-test: stored events of the last n days').argParser(parsePositiveInt).default(30))
    .option('--json', 'print the back-test as JSON')
    .action(async (id: string, flags: RuleFlags & { dryRun?: boolean; days: number; json?: boolean }) => {
      const config = cliConfig(ctx);
      const report = await withPool(config, async (pool) => {
        const base = await getRule(pool, id);
        if (flags.dryRun) return backtestRule(config, pool, ruleFromFlags(flags, base), { days: flags.days, examples: 10, replaces: id });
        // The operation PUT /v1/rules/{id} calls: the same checks and errors.
        untold(config, (await editRule(config, pool, id, ruleFromFlags(flags, base))).told);
        return null;
      });
      if (report) return printBacktest(report, flags.json);
      print(`edited ${id}`);
    });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    cmd
      .command(name)
      .description(`${name} a user or shipped rule`)
      .argument('<id>')
      // The operation the API's /v1/rules/{id}/enable|disable and DELETE call: the same checks and errors.
      .action(async (id: string) => {
        const config = cliConfig(ctx);
        untold(config, await withPool(config, (pool) => setRuleEnabled(config, pool, id, enabled)));
        print(`${name}d ${id}`);
      });
  }

  cmd
    .command('delete')
    .description('delete a user rule')
    .argument('<id>')
    .action(async (id: string) => {
      const config = cliConfig(ctx);
      untold(config, await withPool(config, (pool) => deleteRule(config, pool, id)));
      print(`deleted ${id}`);
    });

  cmd
    .command('test')
    .description('which rule decides this text, and why')
    .argument('<text>')
    .option('--status <code>', 'enhanced status code (default: found in the text)')
    .option('--reply-code <code>', 'SMTP reply code (default: found in the text)')
    .option('--remote-mta <host>', 'remote MTA')
    .option('--domain <domain>', 'recipient domain')
    .option('--json', 'print JSON')
    .action(async (text: string, opts: { status?: string; replyCode?: string; remoteMta?: string; domain?: string; json?: boolean }) => {
      const config = cliConfig(ctx);
      const out = await withPool(
        config,
        (pool) =>
          testText(config, pool, { text, status: opts.status, replyCode: opts.replyCode, remoteMta: opts.remoteMta, domain: opts.domain }),
        { read: true },
      );
      if (opts.json) return printJson(out);
      print(
        table([
          [
            'decided by',
            out.ruleId
              ? `${out.ruleId} (${out.step})`
              : out.step === 'undefined'
                ? "no rule: the parser's heuristics decide in the worker"
                : out.step,
          ],
          ['why', out.why],
          ['result', `${out.reason} / ${out.type} / code ${out.failureReason}`],
          ['normalized', out.normalized],
        ]),
      );
    });

  cmd
    .command('export')
    .description('user rules (or the shipped set) as YAML, for `rules import` here or elsewhere')
    .addOption(new Option('--origin <origin>', 'user or shipped').choices(['user', 'shipped']).default('user'))
    .option('--shipped', 'the shipped set (same as --origin shipped)')
    .option('--json', 'print JSON instead of YAML')
    .action(async (opts: { origin: string; shipped?: boolean; json?: boolean }) => {
      const config = cliConfig(ctx);
      const origin = opts.shipped === true || opts.origin === 'shipped' ? 'shipped' : 'user';
      // The operation GET /v1/rules/export calls: user rules carry their key.
      const rules = await withPool(config, (pool) => exportRules(config, pool, origin), { read: true });
      if (opts.json) return printJson({ rules });
      const { stringify } = await import('yaml');
      process.stdout.write(stringify({ rules }));
    });

  cmd
    .command('import')
    .description('add or update user rules from a YAML or JSON file ({ rules: [...] }), matched by key; all or nothing')
    .argument('<file>')
    .option('--replace', 'delete every user rule first')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { replace?: boolean; json?: boolean }) => {
      const config = cliConfig(ctx);
      let doc: unknown;
      try {
        doc = parseYaml(await readFile(file, 'utf8'));
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new UsageError(
          `FILE ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'not a file' : e.message.split('\n')[0]}`,
        );
      }
      const list: unknown = Array.isArray(doc) ? doc : (doc as { rules?: unknown } | null)?.rules;
      if (!Array.isArray(list)) throw new UsageError(`${file}: expected { rules: [...] } or a list of rules`);
      // The operation POST /v1/rules/import calls: every rule checked, matched by key, all or nothing.
      const r = await withPool(config, (pool) => importRules(config, pool, list, { replace: opts.replace === true })).catch(
        (err: unknown) => {
          if (!(err instanceof RuleImportError)) throw err;
          if (opts.json) printJson({ imported: false, problems: err.problems });
          for (const p of err.problems) process.stderr.write(`${file}: ${p.message}\n`);
          const n = err.problems.length;
          throw new UsageError(`${file}: ${n} bad rule${n === 1 ? '' : 's'}; nothing imported`);
        },
      );
      untold(config, r.told);
      if (opts.json) return printJson(importResultJson(r.value));
      const { added, updated, unchanged } = r.value;
      print(
        `${file}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged${added.length ? ` (new: ${added.join(', ')})` : ''}`,
      );
    });

  return cmd;
}
