// An MX rule (docs/mx-advice.md): over a sliding window of delivery reports for
// one recipient domain or one MX, when at least `minMessages` were attempted
// and the share of them that are errors reaches `errorShare`, advise the
// sending side to block that domain / MX for a while, or to throttle it to
// `perHour` messages an hour. Shipped rules live in config/mx-rules.yaml,
// operators' in Postgres; the first enabled rule that matches decides.
export const MX_SCOPES = ['domain', 'mx'] as const;
export type MxScope = (typeof MX_SCOPES)[number];
export const MX_ERROR_KINDS = ['hard', 'soft', 'deferred', 'sender-side'] as const;
export type MxErrorKind = (typeof MX_ERROR_KINDS)[number];
export type MxAction = 'block' | 'throttle';

export interface MxRule {
  id: string;
  origin: 'shipped' | 'user';
  scope: MxScope;
  /** Only this domain (or its subdomains) / this MX host; null: any. */
  target: string | null;
  windowSeconds: number;
  minMessages: number;
  /** 0 < share ≤ 1. */
  errorShare: number;
  /** Which outcomes are errors; the others count only in the volume. */
  errors: MxErrorKind[];
  action: MxAction;
  /** For throttle: messages an hour. */
  perHour: number | null;
  /** How long the advice holds once given. */
  forSeconds: number;
  enabled: boolean;
  note: string | null;
}

/** The counts of a window (or a bucket) for one domain or MX. */
export interface OutcomeCounts {
  sent: number;
  failedHard: number;
  failedSoft: number;
  deferred: number;
  senderSide: number;
}

export const total = (c: OutcomeCounts): number => c.sent + c.failedHard + c.failedSoft + c.deferred + c.senderSide;

export function errorCount(c: OutcomeCounts, kinds: readonly MxErrorKind[]): number {
  let n = 0;
  for (const k of kinds) n += k === 'hard' ? c.failedHard : k === 'soft' ? c.failedSoft : k === 'deferred' ? c.deferred : c.senderSide;
  return n;
}

/** Whether the rule's condition holds for these counts. */
export function ruleHolds(rule: MxRule, c: OutcomeCounts): boolean {
  const volume = total(c);
  // The tolerance keeps a share such as 0.07 × 100 (7.000000000000001) from missing its exact count.
  return volume >= rule.minMessages && errorCount(c, rule.errors) >= rule.errorShare * volume - 1e-9;
}

/** Whether a rule limited to a target applies to this domain / MX (a domain rule also covers subdomains). */
export function ruleCovers(rule: MxRule, target: string): boolean {
  if (!rule.target) return true;
  const t = rule.target.toLowerCase();
  return target === t || (rule.scope === 'domain' && target.endsWith(`.${t}`));
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90s", "15m", "3h", "2d" (or a number of seconds) as seconds; null when it is none. */
export function durationSeconds(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : null;
  const m = typeof v === 'string' ? /^\s*(\d+)\s*([smhd])\s*$/.exec(v) : null;
  return m ? Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1) : null;
}

export function durationText(s: number): string {
  for (const [u, n] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (s % n === 0) return `${s / n}${u}`;
  return `${s}s`;
}

/** The shape of a rule as written (YAML, the CLI, the API), before it has an id. */
export interface MxRuleInput {
  scope?: unknown;
  target?: unknown;
  when?: { window?: unknown; minMessages?: unknown; errorShare?: unknown; errors?: unknown } | null;
  action?: { block?: unknown; throttle?: unknown; for?: unknown } | null;
  enabled?: unknown;
  note?: unknown;
}

/** Checks a written rule; returns it or the first problem. */
export function mxRuleFromInput(input: MxRuleInput, id: string, origin: MxRule['origin']): MxRule | string {
  const scope = input.scope ?? 'domain';
  if (typeof scope !== 'string' || !(MX_SCOPES as readonly string[]).includes(scope)) return `scope must be one of ${MX_SCOPES.join(', ')}`;
  const when = input.when ?? {};
  const windowSeconds = durationSeconds(when.window);
  if (!windowSeconds) return 'when.window must be a duration (15m, 1h)';
  const minMessages = when.minMessages;
  if (typeof minMessages !== 'number' || !Number.isInteger(minMessages) || minMessages < 1)
    return 'when.minMessages must be a positive integer';
  let share = when.errorShare;
  if (typeof share === 'string' && /^\d+(\.\d+)?\s*%$/.test(share)) share = Number(share.replace('%', '')) / 100;
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) return 'when.errorShare must be a share in (0, 1] or a percentage (90%)';
  const errors = when.errors ?? ['hard', 'soft', 'deferred', 'sender-side'];
  if (!Array.isArray(errors) || errors.length === 0 || !errors.every((e) => (MX_ERROR_KINDS as readonly unknown[]).includes(e)))
    return `when.errors must list some of ${MX_ERROR_KINDS.join(', ')}`;
  const action = input.action ?? {};
  const block = action.block === undefined ? null : durationSeconds(action.block);
  const throttle = action.throttle;
  if ((block === null) === (throttle === undefined)) return 'action must be either block: DURATION or throttle: N (an hour)';
  if (action.block !== undefined && !block) return 'action.block must be a duration (3h)';
  if (throttle !== undefined && (typeof throttle !== 'number' || !Number.isInteger(throttle) || throttle < 1))
    return 'action.throttle must be a positive number of messages an hour';
  const forSeconds = block ?? durationSeconds(action.for ?? when.window);
  if (!forSeconds) return 'action.for must be a duration';
  const target = input.target === undefined || input.target === null || input.target === '' ? null : input.target;
  if (target !== null && typeof target !== 'string') return 'target must be a domain or MX host';
  return {
    id,
    origin,
    scope: scope as MxScope,
    target: target === null ? null : target.toLowerCase(),
    windowSeconds,
    minMessages,
    errorShare: share,
    errors: [...new Set(errors as MxErrorKind[])],
    action: block ? 'block' : 'throttle',
    perHour: block ? null : (throttle as number),
    forSeconds,
    enabled: input.enabled === undefined ? true : input.enabled === true,
    note: typeof input.note === 'string' ? input.note : null,
  };
}

/** A rule as written (for YAML / JSON output and `edit`). */
export function mxRuleToInput(r: MxRule): MxRuleInput {
  return {
    scope: r.scope,
    ...(r.target ? { target: r.target } : {}),
    when: { window: durationText(r.windowSeconds), minMessages: r.minMessages, errorShare: r.errorShare, errors: r.errors },
    action: r.action === 'block' ? { block: durationText(r.forSeconds) } : { throttle: r.perHour, for: durationText(r.forSeconds) },
    enabled: r.enabled,
    ...(r.note ? { note: r.note } : {}),
  };
}
