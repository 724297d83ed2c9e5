// MX rules and the advice they give (docs/mx-advice.md), called alike by the
// CLI (`inmail mx-rules`, `inmail stats`) and the API (/v1/domains/{domain}/advice, /v1/mx/advice).
import type { Pool } from '../db/pool.js';
import {
  mxRuleFromInput,
  mxRuleToInput,
  total,
  type MxRule,
  type MxRuleInput,
  type MxScope,
  type OutcomeCounts,
} from '../domain/mx-rule.js';
import { InputError, NotFoundError, UsageError } from '../errors.js';
import { adviceJson, allMxRules } from '../qualify/mx-advice.js';
import { topOutcomes, windowCounts, type OutcomeSummary } from '../store/delivery-outcomes.js';
import { listAdvice } from '../store/mx-advice.js';
import {
  deleteUserMxRule,
  insertUserMxRule,
  setMxShippedEnabled,
  setUserMxRuleEnabled,
  updateUserMxRule,
  userMxRuleNumber,
} from '../store/mx-rules.js';

export const HOUR_MS = 3_600_000;

export const countsJson = (c: OutcomeCounts) => ({
  messages: total(c),
  sent: c.sent,
  failedHard: c.failedHard,
  failedSoft: c.failedSoft,
  deferred: c.deferred,
  senderSide: c.senderSide,
});

const EMPTY: OutcomeCounts = { sent: 0, failedHard: 0, failedSoft: 0, deferred: 0, senderSide: 0 };

/** One domain's advice (null: send as usual) and its last hour of delivery reports. */
export async function domainAdvice(pool: Pool, domain: string, now = new Date()) {
  const d = domain.trim().toLowerCase();
  const [advice] = await listAdvice(pool, { scope: 'domain', target: d, now });
  const hour = (await windowCounts(pool, 'domain', [d], new Date(now.getTime() - HOUR_MS))).get(d) ?? EMPTY;
  return { domain: d, advice: advice ? adviceJson(advice) : null, lastHour: countsJson(hour) };
}

/** Every advice in force, for the sending side to poll. */
export async function allAdvice(pool: Pool, scope?: MxScope, now = new Date()) {
  return { items: (await listAdvice(pool, { ...(scope ? { scope } : {}), now })).map(adviceJson) };
}

export async function busiest(pool: Pool, scope: MxScope, since: Date, limit: number): Promise<OutcomeSummary[]> {
  return topOutcomes(pool, scope, since, limit);
}

export const mxRuleJson = (r: MxRule) => ({ id: r.id, origin: r.origin, ...mxRuleToInput(r) });

export async function listMxRules(pool: Pool): Promise<MxRule[]> {
  return allMxRules(pool);
}

async function findRule(pool: Pool, id: string): Promise<MxRule> {
  const rule = (await allMxRules(pool)).find((r) => r.id === id);
  if (!rule) throw new NotFoundError(`no MX rule ${id}`);
  return rule;
}

function checked(input: MxRuleInput, id: string): MxRule {
  const r = mxRuleFromInput(input, id, 'user');
  if (typeof r === 'string') throw new InputError('rule', r);
  return r;
}

export async function addMxRule(pool: Pool, input: MxRuleInput): Promise<MxRule> {
  const r = checked(input, 'new');
  const id = await insertUserMxRule(pool, r);
  return { ...r, id };
}

/** Replaces the parts given; a shipped rule is not edited (disable it and add your own). */
export async function editMxRule(pool: Pool, id: string, change: MxRuleInput): Promise<MxRule> {
  const n = userMxRuleNumber(id);
  const old = await findRule(pool, id);
  if (n === null) throw new UsageError(`${id} is shipped: disable it (inmail mx-rules disable ${id}) and add your own`);
  const was = mxRuleToInput(old);
  const action = change.action && Object.keys(change.action).length > 0 ? change.action : was.action;
  const r = checked({ ...was, ...change, when: { ...was.when, ...change.when }, action }, id);
  await updateUserMxRule(pool, n, r);
  return r;
}

export async function deleteMxRule(pool: Pool, id: string): Promise<void> {
  const n = userMxRuleNumber(id);
  if (n === null) {
    await findRule(pool, id);
    throw new UsageError(`${id} is shipped: it can be disabled, not deleted`);
  }
  if (!(await deleteUserMxRule(pool, n))) throw new NotFoundError(`no MX rule ${id}`);
}

export async function setMxRuleEnabled(pool: Pool, id: string, enabled: boolean): Promise<void> {
  const n = userMxRuleNumber(id);
  if (n !== null) {
    if (!(await setUserMxRuleEnabled(pool, n, enabled))) throw new NotFoundError(`no MX rule ${id}`);
    return;
  }
  await findRule(pool, id);
  await setMxShippedEnabled(pool, id, enabled);
}

/** What `inmail stats` and GET /v1/stats show of delivery reports: the last hour's busiest domains, the advice in force. */
export async function deliveryStats(pool: Pool, now = new Date()) {
  return {
    deliveries: (await busiest(pool, 'domain', new Date(now.getTime() - HOUR_MS), 10)).map((d) => ({ domain: d.target, ...countsJson(d) })),
    advice: (await allAdvice(pool, undefined, now)).items,
  };
}
