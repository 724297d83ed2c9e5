// Operator actions on inbound rules, for the CLI (`inmail rules ...`) and the
// HTTP API (/v1/rules...). User rules live in Postgres; shipped rules
// (config/rules) can be disabled or overridden by a user rule, never edited.
// Every change is announced to the workers on Redis (they also poll the rules
// version, so Redis being down only delays it).
import type { Config } from '../config.js';
import { inTransaction, type Pool } from '../db/pool.js';
import { ConflictError, InputError, NotFoundError } from '../errors.js';
import { decide, RuleEngine, type RuleSnapshot } from '../qualify/engine.js';
import { normalizeText, textKey } from '../qualify/normalize.js';
import { redecide, type ReapplyReport } from '../qualify/reapply.js';
import {
  deleteUserRule,
  getUserRule,
  insertUserRule,
  ruleHits,
  setShippedEnabled,
  setUserRuleEnabled,
  updateUserRule,
  userRuleNumber,
} from '../store/rules.js';
import { codesIn, compileRule, ruleFromInput, RuleError, ruleKey, type Rule } from '../qualify/rules.js';
import { importRules as importKeyed, type RuleProblem } from '../qualify/rule-import.js';
import { notifyRulesChanged } from '../qualify/runtime.js';
import { loadShippedRules } from '../qualify/shipped.js';

export type NewRule = Omit<Rule, 'id' | 'origin'>;

export async function ruleSnapshot(config: Config, pool: Pool): Promise<RuleSnapshot> {
  return new RuleEngine(loadShippedRules(config.rules.shippedDir)).load(pool);
}

/** Tells the workers; false when Redis could not be reached (they poll the version anyway). */
export async function announceRulesChanged(config: Config): Promise<boolean> {
  return notifyRulesChanged(config.redis.url, config.queue.prefix);
}

/** Schema check and compile (safe regex, example matches); a RuleError becomes an InputError naming the rule part. */
export function checkedRule(input: unknown, id: string): NewRule {
  try {
    const rule = ruleFromInput(input, 'user', { id, order: 100 });
    compileRule(rule, normalizeText);
    const { id: _id, origin: _origin, ...rest } = rule;
    return rest;
  } catch (err) {
    if (err instanceof RuleError) throw new InputError('rule', err.message);
    throw err;
  }
}

/** A rule as people write it (export/import, YAML or JSON, the API). */
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

export interface ListedRule {
  rule: Rule;
  hits: number;
  lastHitAt: Date | null;
}

/** Rules in decision order (user first), with hits; `unusedDays`: only those not hit for that long. */
export async function listRules(
  config: Config,
  pool: Pool,
  opts: { origin: 'user' | 'shipped' | 'all'; unusedDays?: number | undefined },
): Promise<{ rules: ListedRule[]; broken: RuleSnapshot['broken'] }> {
  if (opts.unusedDays !== undefined && !(Number.isFinite(opts.unusedDays) && opts.unusedDays >= 0)) {
    throw new InputError('unusedDays', `expected a number of days, got ${opts.unusedDays}`);
  }
  const [snap, hits] = await Promise.all([ruleSnapshot(config, pool), ruleHits(pool)]);
  const idleSince = opts.unusedDays === undefined ? null : Date.now() - opts.unusedDays * 86_400_000;
  const rules = [...snap.user, ...snap.shipped]
    .filter((r) => opts.origin === 'all' || r.origin === opts.origin)
    .map((r) => ({ rule: r, hits: hits.get(r.id)?.hits ?? 0, lastHitAt: hits.get(r.id)?.lastHitAt ?? null }))
    .filter((r) => idleSince === null || !r.lastHitAt || r.lastHitAt.getTime() < idleSince);
  return { rules, broken: snap.broken };
}

export const listedRuleJson = (r: ListedRule) => ({
  ...ruleToInput(r.rule),
  origin: r.rule.origin,
  hits: r.hits,
  lastHitAt: r.lastHitAt?.toISOString() ?? null,
});

function userNumber(id: string): number {
  const n = userRuleNumber(id);
  if (n === null)
    throw new ConflictError(`${id} is a shipped rule: it cannot be edited or deleted; disable it, or add a user rule (they come first)`);
  return n;
}

/** A saved change, and whether the workers were told at once (false: Redis down; they poll the version). */
export interface Saved<T> {
  value: T;
  told: boolean;
}

export async function addRule(config: Config, pool: Pool, rule: NewRule): Promise<Saved<Rule>> {
  const key = ruleKey(rule);
  const id = await insertUserRule(pool, { ...rule, key }).catch((err: unknown) => {
    // The same conditions twice would be one rule shadowing the other: say which to edit.
    if ((err as { code?: string }).code === '23505')
      throw new ConflictError(`a user rule with the same conditions exists already (key ${key}): edit it instead`);
    throw err;
  });
  return { value: { ...rule, key, id, origin: 'user' }, told: await announceRulesChanged(config) };
}

/** The user rule `id` as stored; NotFoundError when there is none. */
export async function getRule(pool: Pool, id: string): Promise<Rule> {
  const base = await getUserRule(pool, userNumber(id));
  if (!base) throw new NotFoundError(`no user rule ${id}`);
  return base;
}

export async function editRule(config: Config, pool: Pool, id: string, rule: NewRule): Promise<Saved<Rule>> {
  const n = userNumber(id);
  if (!(await updateUserRule(pool, n, rule))) throw new NotFoundError(`no user rule ${id}`);
  return { value: { ...rule, id, origin: 'user' }, told: await announceRulesChanged(config) };
}

/** Enables or disables a user or shipped rule; false when the workers could not be told at once (Redis). */
export async function setRuleEnabled(config: Config, pool: Pool, id: string, enabled: boolean): Promise<boolean> {
  const n = userRuleNumber(id);
  if (n !== null) {
    if (!(await setUserRuleEnabled(pool, n, enabled))) throw new NotFoundError(`no user rule ${id}`);
  } else {
    if (!loadShippedRules(config.rules.shippedDir).some((r) => r.id === id)) throw new NotFoundError(`no rule ${id}`);
    await setShippedEnabled(pool, id, enabled);
  }
  return announceRulesChanged(config);
}

/** Deletes a user rule; false when the workers could not be told at once (Redis). */
export async function deleteRule(config: Config, pool: Pool, id: string): Promise<boolean> {
  const n = userNumber(id);
  if (!(await deleteUserRule(pool, n))) throw new NotFoundError(`no user rule ${id}`);
  return announceRulesChanged(config);
}

/**
 * User rules (or the shipped set, as enabled here) as people write them, for
 * import elsewhere (`rules export`). A user rule carries its key: the one it
 * was given, else one derived from what it matches, so that importing the
 * export again updates rules instead of adding copies.
 */
export async function exportRules(config: Config, pool: Pool, origin: 'user' | 'shipped'): Promise<Record<string, unknown>[]> {
  const snap = await ruleSnapshot(config, pool);
  return origin === 'shipped' ? snap.shipped.map(ruleToInput) : snap.user.map((r) => ({ ...ruleToInput(r), key: ruleKey(r) }));
}

/** Every bad rule of an import, each with its position; nothing was imported. */
export class RuleImportError extends InputError {
  constructor(readonly problems: readonly RuleProblem[]) {
    super(
      'rules',
      `${problems.length} bad rule${problems.length === 1 ? '' : 's'}; nothing imported: ${problems.map((p) => p.message).join('; ')}`,
    );
    this.name = 'RuleImportError';
  }
}

export interface ImportReport {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/** An import's outcome as `rules import --json` prints it and the API answers it. */
export const importResultJson = (r: ImportReport) => ({
  imported: true as const,
  added: r.added.length,
  updated: r.updated.length,
  unchanged: r.unchanged.length,
  ids: [...r.added, ...r.updated, ...r.unchanged],
});

/**
 * Adds or updates user rules from an export (`rules import`, POST
 * /v1/rules/import): every rule is checked first and every problem reported
 * at once (RuleImportError); a good list is applied in one transaction, each
 * rule matched to an existing one by its key, so the same file twice changes
 * nothing the second time (docs/operations.md, "Rules between installations").
 */
export async function importRules(
  config: Config,
  pool: Pool,
  list: readonly unknown[],
  opts: { replace: boolean },
): Promise<Saved<ImportReport>> {
  const r = await importKeyed(pool, list, opts);
  if (!r.ok) throw new RuleImportError(r.problems);
  const value = { added: r.added, updated: r.updated, unchanged: r.unchanged };
  const touched = opts.replace || r.added.length > 0 || r.updated.length > 0;
  return { value, told: touched ? await announceRulesChanged(config) : true };
}

export interface TestInput {
  text: string;
  status?: string | undefined;
  replyCode?: string | undefined;
  remoteMta?: string | undefined;
  domain?: string | undefined;
}

/** Which rule decides a text, and why (`rules test`). */
export async function testText(config: Config, pool: Pool, t: TestInput) {
  const snap = await ruleSnapshot(config, pool);
  const codes = codesIn(t.text);
  const normalized = normalizeText(t.text);
  const input = {
    channel: 'email' as const,
    diagnostic: t.text,
    normalized,
    status: t.status ?? codes.status,
    replyCode: t.replyCode ?? codes.replyCode,
    remoteMta: t.remoteMta ?? '',
    domain: t.domain ?? '',
  };
  const d = decide(snap, input, { reason: 'undefined', type: 'ignored', failureReason: 0, sure: false });
  return {
    step: d.step,
    ruleId: d.ruleId,
    why: d.why,
    reason: d.result.reason,
    type: d.result.type,
    failureReason: d.result.failureReason,
    normalized,
    textKey: textKey(normalized),
    status: input.status,
    replyCode: input.replyCode,
  };
}

export interface BacktestReport {
  days: number;
  eventsSeen: number;
  /** Events whose decision the candidate takes over (decided by it now, or by the edited rule before). */
  eventsMatched: number;
  /** Of those, the events whose reason or type would change. */
  eventsChanged: number;
  addressesChanged: number;
  byReason: Record<string, number>;
  byDomain: Record<string, number>;
  examples: {
    eventId: number;
    address: string;
    text: string;
    from: { reason: string; type: string };
    to: { reason: string; type: string };
    addressStatus: { from: string; to: string } | null;
  }[];
}

const bump = (m: Record<string, number>, k: string): void => void (m[k] = (m[k] ?? 0) + 1);

/**
 * Back-test of a candidate rule (new, or the new version of user rule `replaces`):
 * inside one transaction that is always rolled back, the rule is saved, the
 * stored failures of the last `days` days are decided again with it through the
 * same code as `qualification reapply`, and what it changed is counted. Nothing
 * stays written; the workers are not told.
 */
export async function backtestRule(
  config: Config,
  pool: Pool,
  rule: NewRule,
  opts: { days: number; examples: number; replaces?: string | undefined },
): Promise<BacktestReport> {
  const replaced = opts.replaces === undefined ? null : userNumber(opts.replaces);
  const report: ReapplyReport = { dryRun: true, texts: 0, eventsSeen: 0, changed: [], toRelease: [], held: 0, incidents: [], change: null };
  let candidateId: string | null = null;
  await inTransaction(
    pool,
    async (client) => {
      if (replaced !== null) {
        if (!(await updateUserRule(client, replaced, rule))) throw new NotFoundError(`no user rule ${opts.replaces}`);
        candidateId = opts.replaces ?? null;
      } else {
        candidateId = await insertUserRule(client, rule);
      }
      const engine = new RuleEngine(loadShippedRules(config.rules.shippedDir));
      await engine.load(client);
      const since = new Date(Date.now() - opts.days * 86_400_000);
      await redecide(client, engine, { keys: null, since, policy: config.policy }, report);
    },
    { rollback: true },
  );
  // Other differences (rules changed since an event was decided) are not the candidate's doing.
  const mine = report.changed.filter((c) => c.to.ruleId === candidateId || (replaced !== null && c.from.ruleId === candidateId));
  const byReason: Record<string, number> = {};
  const byDomain: Record<string, number> = {};
  const addresses = new Set<string>();
  let eventsChanged = 0;
  for (const c of mine) {
    if (c.from.reason === c.to.reason && c.from.type === c.to.type) continue;
    eventsChanged++;
    bump(byReason, `${c.from.reason} → ${c.to.reason}`);
    bump(byDomain, (c.address.split('@').pop() ?? '').toLowerCase());
    if (c.addressStatus) addresses.add(c.address.toLowerCase());
  }
  return {
    days: opts.days,
    eventsSeen: report.eventsSeen,
    eventsMatched: mine.length,
    eventsChanged,
    addressesChanged: addresses.size,
    byReason,
    byDomain,
    examples: mine.slice(0, opts.examples).map((c) => ({
      eventId: c.eventId,
      address: c.address,
      text: c.text,
      from: { reason: c.from.reason, type: c.from.type },
      to: { reason: c.to.reason, type: c.to.type },
      addressStatus: c.addressStatus,
    })),
  };
}
