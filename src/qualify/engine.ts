// The qualification engine: who decides a recipient's reason, type and code.
// Order of decision (docs/reasons.md):
//   1. user rules (Postgres, `u<n>`), in their order;
//   2. texts an operator qualified in the log (`q<id>`: keep with a reason, or
//      ignore, which never quarantines anything) — so that a decision counts at
//      once, before `refresh` turns it into a rule;
//   3. shipped rules (config/rules), in file order;
//   4. the parser's heuristics (status code class, known phrases);
//   5. `undefined`, when those could not decide either.
// The engine holds one immutable snapshot; `load` swaps in a new one, so a
// reload never leaves a mail half-decided by two rule sets.
import type { ParsedMail, QualifiedVerdict, RecipientVerdict } from '../domain/verdict.js';
import { normalizeText, textKey } from './normalize.js';
import { operatorQualified, type QualificationRow } from '../store/qualification-log.js';
import { qualify as defaults } from '../domain/reasons.js';
import { listUserRules, rulesVersion, shippedOverrides, type Db } from '../store/rules.js';
import { compileRule, firstMatch, type CompiledRule, type MatchInput, type Rule, type RuleResult } from './rules.js';

export type Step = 'user' | 'qualified' | 'shipped' | 'heuristics' | 'undefined';

export interface Decision {
  step: Step;
  ruleId: string | null;
  result: RuleResult;
  /** False when no rule decided and the parser was not sure: the text is `to-qualify`. */
  sure: boolean;
  why: string;
}

export interface RuleSnapshot {
  version: number;
  user: CompiledRule[];
  shipped: CompiledRule[];
  /** Operator decisions by text key. */
  qualified: Map<string, QualificationRow>;
  /** User rules that no longer compile (e.g. written around the CLI): skipped, and said why. */
  broken: { id: string; error: string }[];
}

export const EMPTY_SNAPSHOT: RuleSnapshot = { version: -1, user: [], shipped: [], qualified: new Map(), broken: [] };

/** What a parser (or a stored event) said before the rules. */
export type Heuristic = Pick<RecipientVerdict, 'reason' | 'type' | 'failureReason' | 'sure'>;

/** The pure decision for one recipient's error. */
export function decide(snap: RuleSnapshot, input: MatchInput, parser: Heuristic): Decision {
  const user = firstMatch(snap.user, input);
  if (user) return { step: 'user', ruleId: user.rule.id, result: user.rule.result, sure: true, why: user.why };

  const q = input.normalized ? snap.qualified.get(`${input.channel}\u0000${input.textKey ?? textKey(input.normalized)}`) : undefined;
  if (q) {
    const reason = q.reason ?? parser.reason;
    const d = defaults(reason);
    const ignore = q.status === 'ignore';
    return {
      step: 'qualified',
      ruleId: `q${q.id}`,
      result: {
        reason,
        type: ignore ? 'ignored' : (q.type ?? d.type),
        failureReason: q.failureReason ?? d.failureReason,
      },
      sure: true,
      why: `an operator set this normalized text to ${q.status}${q.qualifiedBy ? ` (${q.qualifiedBy})` : ''}`,
    };
  }

  const shipped = firstMatch(snap.shipped, input);
  if (shipped) return { step: 'shipped', ruleId: shipped.rule.id, result: shipped.rule.result, sure: true, why: shipped.why };

  const result: RuleResult = { reason: parser.reason, type: parser.type, failureReason: parser.failureReason };
  if (parser.reason === 'undefined')
    return { step: 'undefined', ruleId: null, result, sure: false, why: 'no rule matched and the heuristics could not decide' };
  return {
    step: 'heuristics',
    ruleId: null,
    result,
    sure: parser.sure,
    why: parser.sure
      ? 'no rule matched; the parser was sure (status code or known phrase)'
      : 'no rule matched; the parser guessed (to qualify)',
  };
}

/** The match input of one parsed recipient. */
export function matchInputOf(r: Pick<RecipientVerdict, 'diagnostic' | 'status' | 'replyCode' | 'remoteMta' | 'address'>): MatchInput {
  const diagnostic = r.diagnostic ?? '';
  const normalized = diagnostic ? normalizeText(diagnostic) : '';
  return {
    channel: 'email',
    diagnostic,
    normalized,
    textKey: normalized ? textKey(normalized) : '',
    status: r.status ?? '',
    replyCode: r.replyCode ?? '',
    remoteMta: r.remoteMta ?? '',
    domain: (r.address.split('@').pop() ?? '').toLowerCase(),
  };
}

/** Which recipients rules apply to: failures and delays of bounces (not complaints, replies, successes). */
export const isRuled = (mail: Pick<ParsedMail, 'kind'>, r: Pick<RecipientVerdict, 'action'>): boolean =>
  mail.kind === 'bounce' && (r.action === 'failed' || r.action === 'delayed');

export class RuleEngine {
  private snap: RuleSnapshot = EMPTY_SNAPSHOT;

  /** `shipped`: the set read from config/ at start, not yet compiled. */
  constructor(private readonly shippedRules: readonly Rule[]) {
    this.shippedCompiled = shippedRules.map((r) => compileRule(r, normalizeText));
  }

  private readonly shippedCompiled: CompiledRule[];

  get snapshot(): RuleSnapshot {
    return this.snap;
  }

  /** Reads user rules, shipped switches and operator decisions; swaps them in at once. */
  async load(db: Db): Promise<RuleSnapshot> {
    const [version, userRules, overrides, qualified] = await Promise.all([
      rulesVersion(db),
      listUserRules(db),
      shippedOverrides(db),
      operatorQualified(db),
    ]);
    const broken: RuleSnapshot['broken'] = [];
    const user: CompiledRule[] = [];
    for (const rule of userRules) {
      try {
        user.push(compileRule(rule, normalizeText));
      } catch (err) {
        broken.push({ id: rule.id, error: (err as Error).message });
      }
    }
    const shipped = this.shippedCompiled.map((r) => ({ ...r, enabled: overrides.get(r.id) ?? r.enabled }));
    this.snap = {
      version,
      user,
      shipped,
      broken,
      qualified: new Map(qualified.map((q) => [`${q.channel}\u0000${q.textKey}`, q])),
    };
    return this.snap;
  }

  /** ProcessDeps.qualify: the final verdict of one recipient, with the rule that decided and its text key. */
  qualify = (r: RecipientVerdict, mail: ParsedMail): QualifiedVerdict => {
    if (!isRuled(mail, r)) return { ...r, ruleId: null, textKey: null };
    const input = matchInputOf(r);
    const d = decide(this.snap, input, r);
    return {
      ...r,
      reason: d.result.reason,
      type: d.result.type,
      failureReason: d.result.failureReason,
      sure: d.sure,
      ruleId: d.ruleId,
      // Normalized once per recipient: the event, the guard and the qualification log reuse both.
      normalized: input.normalized || null,
      textKey: input.textKey || null,
    };
  };
}
