// MX advice (docs/mx-advice.md): after a batch of delivery reports is counted,
// the MX rules are run over the sliding windows of the domains and MXes it
// touched, in the same transaction; each change of advice is written with its
// mx.advice webhook event, so a rollback takes both. An advice in force holds
// until its time is over (a block is not lifted because the blocked domain
// stopped receiving mail); only a block may replace a throttle early.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { inTransaction, type PoolClient, type Pool } from '../db/pool.js';
import {
  errorCount,
  mxRuleFromInput,
  ruleCovers,
  ruleHolds,
  total,
  type MxRule,
  type MxRuleInput,
  type MxScope,
  type OutcomeCounts,
} from '../domain/mx-rule.js';
import { pruneOutcomes, windowCounts } from '../store/delivery-outcomes.js';
import {
  advisedTargets,
  deleteAdvice,
  lockAdvice,
  takeExpiredAdvice,
  upsertAdvice,
  writeAdviceEvents,
  type Advice,
} from '../store/mx-advice.js';
import { listUserMxRules, mxShippedOverrides } from '../store/mx-rules.js';

// Works from src/qualify (tests) and dist/qualify (built): config/ sits at the package root.
export const SHIPPED_MX_RULES = fileURLToPath(new URL('../../config/mx-rules.yaml', import.meta.url));

let shippedCache: MxRule[] | null = null;

/** The shipped MX rules, checked; throws naming the rule that is wrong. */
export function loadShippedMxRules(file: string = SHIPPED_MX_RULES): MxRule[] {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { rules?: unknown } | null;
  if (!Array.isArray(doc?.rules)) throw new Error(`${file}: expected a top-level "rules:" list`);
  return doc.rules.map((item: unknown, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || /^m\d+$/.test(id)) throw new Error(`${file}: rule #${i + 1} needs an id (m<n> is for operators' rules)`);
    const r = mxRuleFromInput(item as MxRuleInput, id, 'shipped');
    if (typeof r === 'string') throw new Error(`${file}: ${id}: ${r}`);
    return r;
  });
}

const shipped = (): MxRule[] => (shippedCache ??= loadShippedMxRules());

/** Every MX rule in the order they decide (operators' first), with operators' switches applied. */
export async function allMxRules(db: Pool | PoolClient): Promise<MxRule[]> {
  const [user, overrides] = await Promise.all([listUserMxRules(db), mxShippedOverrides(db)]);
  return [...user, ...shipped().map((r) => ({ ...r, enabled: overrides.get(r.id) ?? r.enabled }))];
}

export interface AdviceChange {
  scope: MxScope;
  target: string;
  from: Advice | null;
  to: Advice | null;
}

export const adviceJson = (a: Advice) => ({
  scope: a.scope,
  target: a.target,
  action: a.action,
  perHour: a.perHour,
  ruleId: a.ruleId,
  since: a.since.toISOString(),
  until: a.until.toISOString(),
  messages: a.messages,
  errors: a.errors,
});

/** The mx.advice event of one change (docs/webhooks.md): the advice now, `none` when lifted. */
export function adviceEvent(c: AdviceChange, at: Date): Record<string, unknown> {
  return {
    scope: c.scope,
    target: c.target,
    action: c.to?.action ?? 'none',
    perHour: c.to?.perHour ?? null,
    until: c.to?.until.toISOString() ?? null,
    ruleId: c.to?.ruleId ?? c.from?.ruleId ?? null,
    messages: c.to?.messages ?? null,
    errors: c.to?.errors ?? null,
    previous: c.from?.action ?? 'none',
    at: at.toISOString(),
  };
}

/** The first enabled rule that covers and holds for a target, with the counts it saw. */
function decide(rules: readonly MxRule[], target: string, windows: ReadonlyMap<number, ReadonlyMap<string, OutcomeCounts>>) {
  for (const rule of rules) {
    if (!ruleCovers(rule, target)) continue;
    const c = windows.get(rule.windowSeconds)?.get(target);
    if (c && ruleHolds(rule, c)) return { rule, counts: c };
  }
  return null;
}

/** Runs the MX rules for the domains and MXes a batch touched; writes and returns the changes. */
export async function evaluateAdvice(
  db: PoolClient,
  touched: { domain: readonly string[]; mx: readonly string[] },
  now: Date,
): Promise<AdviceChange[]> {
  const rules = (await allMxRules(db)).filter((r) => r.enabled);
  const changes: AdviceChange[] = [];
  for (const scope of ['domain', 'mx'] as const) {
    const scoped = rules.filter((r) => r.scope === scope);
    const targets = [...new Set(touched[scope].filter((t) => t))];
    if (scoped.length === 0 || targets.length === 0) continue;
    const windows = new Map<number, Map<string, OutcomeCounts>>();
    for (const s of new Set(scoped.map((r) => r.windowSeconds)))
      windows.set(s, await windowCounts(db, scope, targets, new Date(now.getTime() - s * 1000)));
    // Only targets a rule holds for, or that have advice, are locked and decided: most have neither.
    const advised = await advisedTargets(db, scope, targets);
    const candidates = targets.filter((t) => advised.has(t) || decide(scoped, t, windows));
    if (candidates.length === 0) continue;
    const current = await lockAdvice(db, scope, candidates);
    for (const target of candidates.sort()) {
      const had = current.get(target) ?? null;
      const active = had && had.until.getTime() > now.getTime() ? had : null;
      const d = decide(scoped, target, windows);
      if (d && (!active || (d.rule.action === 'block' && active.action === 'throttle'))) {
        const to: Advice = {
          scope,
          target,
          action: d.rule.action,
          perHour: d.rule.perHour,
          ruleId: d.rule.id,
          since: now,
          until: new Date(now.getTime() + d.rule.forSeconds * 1000),
          messages: total(d.counts),
          errors: errorCount(d.counts, d.rule.errors),
        };
        await upsertAdvice(db, to);
        changes.push({ scope, target, from: had, to });
      } else if (had && !active) {
        await deleteAdvice(db, scope, target);
        changes.push({ scope, target, from: had, to: null });
      }
    }
  }
  await writeAdviceEvents(
    db,
    changes.map((c) => adviceEvent(c, now)),
  );
  return changes;
}

/** Lifts advice whose time is over (the scheduler, every minute), each with its event. */
export async function expireAdvice(db: PoolClient, now: Date): Promise<AdviceChange[]> {
  const gone = await takeExpiredAdvice(db, now);
  const changes = gone.map((a) => ({ scope: a.scope, target: a.target, from: a, to: null }));
  await writeAdviceEvents(
    db,
    changes.map((c) => adviceEvent(c, now)),
  );
  return changes;
}

/** Outcome buckets are kept this long: longer than any sensible window, short enough to stay small. */
export const OUTCOME_KEEP_MS = 2 * 86_400_000;

/** The scheduler's minute job: lifts expired advice (with events) and drops old outcome buckets. */
export async function adviceMaintenance(pool: Pool, now: Date): Promise<{ lifted: number; bucketsPruned: number }> {
  const lifted = await inTransaction(pool, (db) => expireAdvice(db, now));
  const bucketsPruned = await pruneOutcomes(pool, new Date(now.getTime() - OUTCOME_KEEP_MS));
  return { lifted: lifted.length, bucketsPruned };
}
