// `inmail mx-rules list|add|edit|delete|enable|disable` (docs/mx-advice.md):
// operators' MX rules live in Postgres and come first; the shipped ones
// (config/mx-rules.yaml) can be disabled, not edited. Workers read the rules at
// every batch of delivery reports, so a change counts from the next batch.
import { Command, Option } from 'commander';
import { durationText, MX_ERROR_KINDS, MX_SCOPES, type MxRule, type MxRuleInput } from '../domain/mx-rule.js';
import { addMxRule, deleteMxRule, editMxRule, listMxRules, mxRuleJson, setMxRuleEnabled } from '../operations/mx.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

interface RuleFlags {
  scope?: string;
  target?: string;
  window?: string;
  minMessages?: string;
  errorShare?: string;
  errors?: string;
  block?: string;
  throttle?: string;
  for?: string;
  note?: string;
  disabled?: boolean;
  json?: boolean;
}

function ruleOptions(c: Command): Command {
  return c
    .addOption(new Option('--scope <scope>', 'per recipient domain or per MX host').choices([...MX_SCOPES]))
    .option('--target <name>', 'only this domain (and its subdomains) or MX host')
    .option('--window <duration>', 'the sliding window (15m, 1h)')
    .option('--min-messages <n>', 'attempts the window must hold at least')
    .option('--error-share <share>', 'errors among them, 0.9 or 90%')
    .option('--errors <kinds>', `which outcomes are errors, comma-separated: ${MX_ERROR_KINDS.join(', ')}`)
    .option('--block <duration>', 'advise blocking for this long (3h)')
    .option('--throttle <n>', 'advise at most n messages an hour')
    .option('--for <duration>', 'how long a throttle holds (default: the window)')
    .option('--note <text>', 'why the rule exists')
    .option('--disabled', 'save it disabled')
    .option('--json', 'print JSON');
}

const num = (v: string | undefined): unknown => (v === undefined ? undefined : /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);

function inputOf(f: RuleFlags): MxRuleInput {
  const when: NonNullable<MxRuleInput['when']> = {};
  if (f.window !== undefined) when.window = f.window;
  if (f.minMessages !== undefined) when.minMessages = num(f.minMessages);
  if (f.errorShare !== undefined) when.errorShare = num(f.errorShare);
  if (f.errors !== undefined) when.errors = f.errors.split(',').map((s) => s.trim());
  const action: NonNullable<MxRuleInput['action']> = {};
  if (f.block !== undefined) action.block = f.block;
  if (f.throttle !== undefined) action.throttle = num(f.throttle);
  if (f.for !== undefined) action.for = f.for;
  return {
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
    ...(f.target !== undefined ? { target: f.target } : {}),
    when,
    action,
    ...(f.note !== undefined ? { note: f.note } : {}),
    ...(f.disabled ? { enabled: false } : {}),
  };
}

export function describeMxRule(r: MxRule): [string, string] {
  const errors = r.errors.length === 4 ? 'errors' : r.errors.join('+');
  const when = `${r.scope}${r.target ? ` ${r.target}` : ''}: ${errors} ≥ ${Math.round(r.errorShare * 1000) / 10}% of ≥ ${r.minMessages} in ${durationText(r.windowSeconds)}`;
  const action = r.action === 'block' ? `block ${durationText(r.forSeconds)}` : `throttle ${r.perHour}/h for ${durationText(r.forSeconds)}`;
  return [when, action];
}

export function mxRulesCommand(ctx: CliContext): Command {
  const cmd = new Command('mx-rules').description('MX rules: when delivery reports advise blocking or throttling a domain or MX');
  cmd
    .command('list')
    .description('every MX rule in the order they decide (yours first, then the shipped ones)')
    .option('--json', 'print JSON')
    .action(async (f: { json?: boolean }) => {
      const rules = await withPool(cliConfig(ctx), (pool) => listMxRules(pool), { read: true });
      if (f.json) return printJson({ items: rules.map(mxRuleJson) });
      print(
        table([
          ['ID', 'ORIGIN', 'ENABLED', 'CONDITION', 'ACTION'],
          ...rules.map((r) => [r.id, r.origin, r.enabled ? 'yes' : 'no', ...describeMxRule(r)]),
        ]),
      );
    });
  ruleOptions(cmd.command('add').description('add an MX rule (it decides before the shipped ones)')).action(async (f: RuleFlags) => {
    const r = await withPool(cliConfig(ctx), (pool) => addMxRule(pool, inputOf(f)));
    if (f.json) printJson(mxRuleJson(r));
    else print(`added ${r.id}: ${describeMxRule(r).join(' → ')}`);
  });
  ruleOptions(cmd.command('edit').description('change the parts of your MX rule given as flags').argument('<id>', 'm<n>')).action(
    async (id: string, f: RuleFlags) => {
      const r = await withPool(cliConfig(ctx), (pool) => editMxRule(pool, id, inputOf(f)));
      if (f.json) printJson(mxRuleJson(r));
      else print(`${r.id}: ${describeMxRule(r).join(' → ')}`);
    },
  );
  cmd
    .command('delete')
    .description('delete your MX rule')
    .argument('<id>', 'm<n>')
    .action(async (id: string) => {
      await withPool(cliConfig(ctx), (pool) => deleteMxRule(pool, id));
      print(`deleted ${id}`);
    });
  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    cmd
      .command(name)
      .description(`${name} an MX rule (yours or shipped)`)
      .argument('<id>', 'm<n> or a shipped id')
      .action(async (id: string) => {
        await withPool(cliConfig(ctx), (pool) => setMxRuleEnabled(pool, id, enabled));
        print(`${id} ${enabled ? 'enabled' : 'disabled'}`);
      });
  return cmd;
}
