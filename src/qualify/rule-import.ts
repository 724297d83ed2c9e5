// Importing user rules (from `rules export` of this or another installation),
// shared by the CLI and the API: every rule is checked first and every problem
// reported at once; a good file is applied in one transaction, each rule
// matched to an existing one by its stable key (rules.ts ruleKey), so that
// importing the same file twice changes nothing the second time.
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { normalizeText } from './normalize.js';
import { deleteAllUserRules, insertUserRule, listUserRules, updateUserRule, userRuleNumber } from '../store/rules.js';
import { compileRule, ruleFromInput, ruleKey, RuleError, type Rule } from './rules.js';

export interface RuleProblem {
  /** 1-based position in the file. */
  index: number;
  key: string | null;
  message: string;
}

export type RuleImportResult =
  { ok: true; added: string[]; updated: string[]; unchanged: string[] } | { ok: false; problems: RuleProblem[] };

type NewRule = Omit<Rule, 'id' | 'origin'>;

/** Checks every rule of a list (schema, safe regex, example matches, duplicate keys). */
export function checkRules(list: readonly unknown[]): { rules: NewRule[]; problems: RuleProblem[] } {
  const rules: NewRule[] = [];
  const problems: RuleProblem[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const index = i + 1;
    // Ids of another installation (`u12`) mean nothing here; the key is what identifies a rule.
    const { id: _id, ...rest } = (item ?? {}) as Record<string, unknown>;
    const given = typeof rest.key === 'string' ? rest.key : null;
    try {
      const rule = ruleFromInput(rest, 'user', { id: `#${index}`, order: 100 });
      compileRule(rule, normalizeText);
      const { id: _rid, origin: _o, ...checked } = rule;
      const key = ruleKey(checked);
      const dup = seen.get(key);
      if (dup !== undefined) {
        problems.push({ index, key, message: `rule #${index}: same key as rule #${dup} (${key}): give one of them another key or match` });
        return;
      }
      seen.set(key, index);
      rules.push({ ...checked, key });
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      const label = `rule #${index}${given ? ` (${given})` : ''}`;
      problems.push({ index, key: given, message: `${label}: ${err.message.replace(/^rule #\d+: /, '')}` });
    }
  });
  return { rules, problems };
}

/** What an import compares: a rule's content without id, origin or key. */
const content = (r: NewRule | Rule): string => {
  const m = r.match;
  return JSON.stringify([
    r.order,
    r.channel,
    m.text ?? null,
    m.regex ?? null,
    m.normalized ?? null,
    m.status ?? null,
    m.replyCode ?? null,
    m.remoteMta ?? null,
    m.domain ?? null,
    r.result.reason,
    r.result.type,
    r.result.failureReason,
    r.example,
    r.enabled,
    r.note ?? null,
  ]);
};

export async function importRules(pool: Pool, list: readonly unknown[], opts: { replace?: boolean } = {}): Promise<RuleImportResult> {
  const { rules, problems } = checkRules(list);
  if (problems.length) return { ok: false, problems };
  return inTransaction(pool, async (db) => {
    if (opts.replace) await deleteAllUserRules(db);
    const existing = new Map((await listUserRules(db)).map((r) => [ruleKey(r), r]));
    const result = { ok: true as const, added: [] as string[], updated: [] as string[], unchanged: [] as string[] };
    for (const rule of rules) {
      const old = existing.get(rule.key as string);
      const n = old ? userRuleNumber(old.id) : null;
      if (!old || n === null) {
        result.added.push(await insertUserRule(db, rule));
      } else if (content(old) !== content(rule) || old.key !== rule.key) {
        await updateUserRule(db, n, rule);
        result.updated.push(old.id);
      } else {
        result.unchanged.push(old.id);
      }
    }
    return result;
  });
}
