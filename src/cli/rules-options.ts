// Flags of `inmail rules add|edit` and the shape rules take in export/import.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { normalizeText } from '../qualify/normalize.js';
import { RuleError, compileRule, ruleFromInput, type Rule } from '../qualify/rules.js';

export interface RuleFlags {
  text?: string;
  regex?: string;
  normalized?: string;
  status?: string;
  replyCode?: string;
  remoteMta?: string;
  domain?: string;
  reason?: string;
  type?: string;
  code?: string;
  example?: string;
  order?: string;
  channel?: string;
  note?: string;
  disabled?: boolean;
}

export function addRuleOptions(cmd: Command): Command {
  return cmd
    .option('--text <substring>', 'the diagnostic contains this (case-insensitive)')
    .option('--regex <pattern>', 'the diagnostic matches this regular expression (case-insensitive; refused if unsafe)')
    .option('--normalized <text>', 'the normalized diagnostic is exactly this')
    .option('--status <code>', 'enhanced status code or prefix (5.1.1, 5.7)')
    .option('--reply-code <code>', 'SMTP reply code or prefix (550, 55)')
    .option('--remote-mta <substring>', 'the remote MTA contains this')
    .option('--domain <domain>', 'the recipient domain is this or under it')
    .option('--reason <reason>', 'reason given (docs/reasons.md names: userunknown, mailboxfull, ...)')
    .option('--type <type>', 'hard, soft or ignored (default: from the reason)')
    .option('--code <n>', 'failure reason code (default: from the reason)')
    .option('--example <text>', 'a real text the rule must match')
    .option('--order <n>', 'position among user rules, lower first (default 100)')
    .option('--channel <channel>', 'email, sms or push (default email)')
    .option('--note <text>', 'why this rule exists')
    .option('--disabled', 'save it disabled');
}

const int = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`${flag}: expected an integer, got "${v}"`);
  return Number(v);
};

/** The rule a user wrote, merged over `base` (edit); every problem becomes a UsageError naming it. */
export function ruleFromFlags(flags: RuleFlags, base?: Rule): Omit<Rule, 'id' | 'origin'> {
  const m = base?.match ?? {};
  const pick = <T>(v: T | undefined, old: T | null | undefined): T | null => (v === undefined ? (old ?? null) : v === '' ? null : v);
  const input = {
    order: int('--order', flags.order) ?? base?.order,
    channel: flags.channel ?? base?.channel ?? 'email',
    match: {
      text: pick(flags.text, m.text),
      regex: pick(flags.regex, m.regex),
      normalized: pick(flags.normalized, m.normalized),
      status: pick(flags.status, m.status),
      replyCode: pick(flags.replyCode, m.replyCode),
      remoteMta: pick(flags.remoteMta, m.remoteMta),
      domain: pick(flags.domain, m.domain),
    },
    result: {
      reason: flags.reason ?? base?.result.reason,
      // A new reason without a type takes the reason's default, not the old type.
      type: flags.type ?? (flags.reason ? undefined : base?.result.type),
      failureReason: int('--code', flags.code) ?? (flags.reason ? undefined : base?.result.failureReason),
    },
    example: flags.example ?? base?.example,
    enabled: flags.disabled ? false : (base?.enabled ?? true),
    note: flags.note ?? base?.note ?? null,
  };
  if (!input.result.reason) throw new UsageError('--reason is required (e.g. --reason userunknown)');
  if (!input.example) throw new UsageError('--example is required: a real text the rule must match');
  return checkedRule(input, base?.id ?? 'new');
}

/** Schema check and compile (safe regex, example matches); RuleError → UsageError (exit 2). */
export function checkedRule(input: unknown, id: string): Omit<Rule, 'id' | 'origin'> {
  try {
    const rule = ruleFromInput(input, 'user', { id, order: 100 });
    compileRule(rule, normalizeText);
    const { id: _id, origin: _origin, ...rest } = rule;
    return rest;
  } catch (err) {
    if (err instanceof RuleError) throw new UsageError(err.message);
    throw err;
  }
}

/** A rule as people write it (export/import, YAML or JSON). */
export function ruleToInput(r: Rule): Record<string, unknown> {
  const match = Object.fromEntries(Object.entries(r.match).filter(([, v]) => v !== null && v !== undefined && v !== ''));
  return {
    id: r.id,
    order: r.order,
    channel: r.channel,
    match,
    result: { reason: r.result.reason, type: r.result.type, failureReason: r.result.failureReason },
    example: r.example,
    enabled: r.enabled,
    ...(r.note ? { note: r.note } : {}),
  };
}

export function describeMatch(r: Rule): string {
  const m = r.match;
  const parts = [
    m.text ? `text "${m.text}"` : '',
    m.regex ? `/${m.regex}/` : '',
    m.normalized ? `normalized "${m.normalized.slice(0, 50)}"` : '',
    m.status ? `status ${m.status}` : '',
    m.replyCode ? `reply ${m.replyCode}` : '',
    m.remoteMta ? `mta ${m.remoteMta}` : '',
    m.domain ? `domain ${m.domain}` : '',
  ].filter(Boolean);
  const s = parts.join(' & ');
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}
