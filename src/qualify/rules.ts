// Inbound email rules (docs/reasons.md), pure: a rule is data, compiled once, matched
// against one recipient's error. No database, no config, no clock here.
//
// Terminology:
//   rule        an ordered pattern that yields a reason, a type and a code.
//   origin      `shipped` (config/rules/*.yaml, id like `en-userunknown`) or
//               `user` (Postgres, id `u<number>`); user rules come first.
//   match       conditions that must all hold: `text` (substring) or `regex`
//               on the diagnostic, `normalized` (the whole normalized text), and
//               optionally status / reply code / remote MTA / recipient domain.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FAILURE_REASON, isReason, qualify, type BounceType, type FailureReason, type Reason } from '../domain/reasons.js';
import type { Rule, RuleChannel, RuleOrigin, RuleResult } from '../domain/rule.js';
import { MAX_MATCH_TEXT, RuleError, compileSafe } from './safe-regex.js';

export { RuleError } from './safe-regex.js';

export type { Rule, RuleChannel, RuleMatch, RuleOrigin, RuleResult } from '../domain/rule.js';

/** What a rule is matched against: one recipient's error. */
export interface MatchInput {
  channel: RuleChannel;
  diagnostic: string;
  normalized: string;
  /** md5 of `normalized` (qualify/normalize.ts textKey), when the caller has it already. */
  textKey?: string;
  status: string;
  replyCode: string;
  remoteMta: string;
  domain: string;
}

export interface CompiledRule extends Rule {
  /** Why it matched, for `rules test`; null when it does not. */
  explain(input: MatchInput): string | null;
}

const FAILURE_CODES = new Set<number>(Object.values(FAILURE_REASON));

const reasonSchema = z.string().refine(isReason, { message: 'unknown reason (docs/reasons.md lists them)' });

/** The shape of a rule written by people (YAML, JSON import, CLI); type and code default from the reason. */
export const ruleInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, . _ -')
      .optional(),
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._:-]{0,99}$/i, 'letters, digits, . _ : - (at most 100)')
      .optional(),
    order: z.number().int().optional(),
    channel: z.enum(['email', 'sms', 'push']).default('email'),
    match: z
      .object({
        text: z.string().min(1).nullish(),
        regex: z.string().min(1).nullish(),
        normalized: z.string().min(1).nullish(),
        status: z
          .string()
          .regex(/^[245](\.\d{1,3}){0,2}\.?$/, 'an enhanced status code or prefix: 5.1.1, 5.7')
          .nullish(),
        replyCode: z
          .string()
          .regex(/^[245]\d{0,2}$/, 'an SMTP reply code or prefix: 550, 55')
          .nullish(),
        remoteMta: z.string().min(1).nullish(),
        domain: z.string().min(1).nullish(),
      })
      .strict(),
    result: z
      .object({
        reason: reasonSchema,
        type: z.enum(['hard', 'soft', 'ignored']).optional(),
        failureReason: z
          .number()
          .int()
          .refine((n) => FAILURE_CODES.has(n), { message: 'not a failure reason code (docs/reasons.md)' })
          .optional(),
      })
      .strict(),
    example: z.string().min(1, 'every rule needs an example text it matches'),
    enabled: z.boolean().default(true),
    note: z.string().nullish(),
  })
  .strict();
export type RuleInput = z.input<typeof ruleInputSchema>;

/** Fills in type and code from the reason's defaults (docs/reasons.md) where not given. */
export function resultOf(reason: Reason, type?: BounceType, failureReason?: number): RuleResult {
  const d = qualify(reason, { permanent: type === 'hard' });
  return { reason, type: type ?? d.type, failureReason: (failureReason ?? d.failureReason) as FailureReason };
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();

/** Compiles a rule, refusing bad ones with RuleError: no condition, unsafe regex, example not matched. */
export function compileRule(rule: Rule, normalize: (text: string) => string): CompiledRule {
  const m = rule.match;
  const conditions = [m.text, m.regex, m.normalized, m.status, m.replyCode, m.remoteMta, m.domain].filter((c) => c);
  if (conditions.length === 0) throw new RuleError(`rule ${rule.id}: it has no condition (text, regex, normalized, status, ...)`);
  if (m.text && m.regex) throw new RuleError(`rule ${rule.id}: give text or regex, not both`);
  const re = m.regex ? compileSafe(m.regex, rule.example) : null;
  const text = lower(m.text);
  const status = m.status ? m.status.replace(/\.$/, '') : null;
  const domain = lower(m.domain).replace(/^\./, '');

  const explain = (input: MatchInput): string | null => {
    const why: string[] = [];
    const diagnostic = input.diagnostic.slice(0, MAX_MATCH_TEXT);
    if (rule.channel !== input.channel) return null;
    if (text) {
      if (!diagnostic.toLowerCase().includes(text)) return null;
      why.push(`text contains "${m.text}"`);
    }
    if (re) {
      const hit = re.exec(diagnostic);
      if (!hit) return null;
      why.push(`text matches /${m.regex}/ at "${hit[0].slice(0, 60)}"`);
    }
    if (m.normalized) {
      if (input.normalized !== m.normalized) return null;
      why.push('normalized text is the one qualified');
    }
    if (status) {
      if (input.status !== status && !input.status.startsWith(`${status}.`)) return null;
      why.push(`status ${input.status} is ${status}${input.status === status ? '' : '.*'}`);
    }
    if (m.replyCode) {
      if (!input.replyCode.startsWith(m.replyCode)) return null;
      why.push(`reply code ${input.replyCode} starts with ${m.replyCode}`);
    }
    if (m.remoteMta) {
      if (!lower(input.remoteMta).includes(lower(m.remoteMta))) return null;
      why.push(`remote MTA contains "${m.remoteMta}"`);
    }
    if (domain) {
      const d = lower(input.domain);
      if (d !== domain && !d.endsWith(`.${domain}`)) return null;
      why.push(`recipient domain is ${domain}`);
    }
    return why.join(', ');
  };

  const compiled: CompiledRule = { ...rule, explain };
  if (explain(exampleInput(rule, normalize)) === null) {
    throw new RuleError(`rule ${rule.id}: its example does not match it: "${rule.example.slice(0, 120)}"`);
  }
  return compiled;
}

/** The codes written in a text, as a parser would find them: "550 5.1.1 ..." → 550, 5.1.1. */
export function codesIn(text: string): { status: string; replyCode: string } {
  return {
    status: /(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?![\w.])/.exec(text)?.[1] ?? '',
    replyCode: /^\s*(?:[\w-]+;\s*)?([245]\d\d)(?=[\s-]|$)/.exec(text)?.[1] ?? '',
  };
}

/**
 * A rule's example as a match input: codes come from the example's own text;
 * remote MTA and domain, which a text cannot carry, from the rule.
 */
export function exampleInput(rule: Rule, normalize: (text: string) => string): MatchInput {
  return {
    channel: rule.channel,
    diagnostic: rule.example,
    normalized: normalize(rule.example),
    ...codesIn(rule.example),
    remoteMta: rule.match.remoteMta ?? '',
    domain: (rule.match.domain ?? '').replace(/^\./, ''),
  };
}

/** Builds a rule from what people wrote (schema-checked) for one origin. */
export function ruleFromInput(input: unknown, origin: RuleOrigin, fallback: { id: string; order: number }): Rule {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ');
    throw new RuleError(`rule ${fallback.id}: ${first}`);
  }
  const r = parsed.data;
  const reason = r.result.reason;
  return {
    id: r.id ?? fallback.id,
    order: r.order ?? fallback.order,
    channel: r.channel,
    match: r.match,
    result: resultOf(reason, r.result.type, r.result.failureReason),
    example: r.example,
    enabled: r.enabled,
    origin,
    note: r.note ?? null,
    ...(r.key ? { key: r.key } : {}),
  };
}

/**
 * A user rule's stable key: the one it was given, else one derived from what it
 * matches (channel and conditions), so that the same rule written twice, or
 * exported and imported back, is recognised as one rule.
 */
export function ruleKey(rule: Pick<Rule, 'channel' | 'match'> & { key?: string | null }): string {
  if (rule.key) return rule.key;
  const m = rule.match;
  const what = [rule.channel, m.text, m.regex, m.normalized, m.status, m.replyCode, m.remoteMta, m.domain].map((v) => v ?? null);
  return `m-${createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 16)}`;
}

export interface RuleDecision {
  rule: CompiledRule;
  why: string;
}

/** The first enabled rule that matches, in the order given; null when none does. */
export function firstMatch(rules: readonly CompiledRule[], input: MatchInput): RuleDecision | null {
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const why = rule.explain(input);
    if (why !== null) return { rule, why };
  }
  return null;
}
