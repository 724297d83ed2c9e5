// SQL of user rules (Postgres, ids `u<n>`), of operators' switches on shipped
// rules, of rule hits and of the rules version. Decisions are made in
// qualify/rules.ts and qualify/engine.ts, never here.
import type { Pool, PoolClient } from '../db/pool.js';
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';
import type { Rule, RuleChannel } from '../domain/rule.js';

export type Db = Pool | PoolClient;

interface RuleRow {
  id: number;
  position: number;
  channel: RuleChannel;
  match_text: string | null;
  match_regex: string | null;
  match_normalized: string | null;
  match_status: string | null;
  match_reply_code: string | null;
  match_remote_mta: string | null;
  match_domain: string | null;
  reason: Reason;
  type: BounceType;
  failure_reason: FailureReason;
  example: string;
  note: string | null;
  enabled: boolean;
  key: string | null;
}

export const userRuleId = (n: number): string => `u${n}`;

/** `u12` → 12; null for anything else (a shipped id). */
export function userRuleNumber(id: string): number | null {
  const m = /^u(\d+)$/.exec(id);
  return m ? Number(m[1]) : null;
}

const fromRow = (r: RuleRow): Rule => ({
  id: userRuleId(r.id),
  order: r.position,
  channel: r.channel,
  match: {
    text: r.match_text,
    regex: r.match_regex,
    normalized: r.match_normalized,
    status: r.match_status,
    replyCode: r.match_reply_code,
    remoteMta: r.match_remote_mta,
    domain: r.match_domain,
  },
  result: { reason: r.reason, type: r.type, failureReason: r.failure_reason },
  example: r.example,
  enabled: r.enabled,
  origin: 'user',
  note: r.note,
  key: r.key,
});

/** User rules in decision order. */
export async function listUserRules(db: Db): Promise<Rule[]> {
  const r = await db.query<RuleRow>('SELECT * FROM inbound_rule ORDER BY position, id');
  return r.rows.map(fromRow);
}

const params = (rule: Omit<Rule, 'id' | 'origin'>): unknown[] => [
  rule.order,
  rule.channel,
  rule.match.text ?? null,
  rule.match.regex ?? null,
  rule.match.normalized ?? null,
  rule.match.status ?? null,
  rule.match.replyCode ?? null,
  rule.match.remoteMta ?? null,
  rule.match.domain ?? null,
  rule.result.reason,
  rule.result.type,
  rule.result.failureReason,
  rule.example,
  rule.note ?? null,
  rule.enabled,
];

/** Saves a new user rule (already compiled, so known good), under its stable key when it has one; returns its id `u<n>`. */
export async function insertUserRule(db: Db, rule: Omit<Rule, 'id' | 'origin'>, qualificationId: number | null = null): Promise<string> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO inbound_rule (position, channel, match_text, match_regex, match_normalized, match_status, match_reply_code,
       match_remote_mta, match_domain, reason, type, failure_reason, example, note, enabled, qualification_id, key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [...params(rule), qualificationId, rule.key ?? null],
  );
  return userRuleId(r.rows[0]?.id ?? 0);
}

/** Replaces a user rule's content (its key stays unless one is given); false when there is no such rule. */
export async function updateUserRule(db: Db, n: number, rule: Omit<Rule, 'id' | 'origin'>): Promise<boolean> {
  const r = await db.query(
    `UPDATE inbound_rule SET position = $1, channel = $2, match_text = $3, match_regex = $4, match_normalized = $5,
       match_status = $6, match_reply_code = $7, match_remote_mta = $8, match_domain = $9, reason = $10, type = $11,
       failure_reason = $12, example = $13, note = $14, enabled = $15, key = COALESCE($17, key), updated_at = now()
     WHERE id = $16`,
    [...params(rule), n, rule.key ?? null],
  );
  return r.rowCount === 1;
}

export async function getUserRule(db: Db, n: number): Promise<Rule | null> {
  const r = await db.query<RuleRow>('SELECT * FROM inbound_rule WHERE id = $1', [n]);
  const row = r.rows[0];
  return row ? fromRow(row) : null;
}

export async function deleteUserRule(db: Db, n: number): Promise<boolean> {
  const r = await db.query('DELETE FROM inbound_rule WHERE id = $1', [n]);
  return r.rowCount === 1;
}

export async function setUserRuleEnabled(db: Db, n: number, enabled: boolean): Promise<boolean> {
  const r = await db.query('UPDATE inbound_rule SET enabled = $2, updated_at = now() WHERE id = $1', [n, enabled]);
  return r.rowCount === 1;
}

/** Operators' switches on shipped rules, by rule id; they survive upgrades of the shipped set. */
export async function shippedOverrides(db: Db): Promise<Map<string, boolean>> {
  const r = await db.query<{ rule_id: string; enabled: boolean }>('SELECT rule_id, enabled FROM shipped_rule_override');
  return new Map(r.rows.map((x) => [x.rule_id, x.enabled]));
}

export async function setShippedEnabled(db: Db, ruleId: string, enabled: boolean): Promise<void> {
  await db.query(
    `INSERT INTO shipped_rule_override (rule_id, enabled) VALUES ($1, $2)
     ON CONFLICT (rule_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
    [ruleId, enabled],
  );
}

export interface RuleHits {
  hits: number;
  lastHitAt: Date | null;
}

export async function ruleHits(db: Db): Promise<Map<string, RuleHits>> {
  const r = await db.query<{ rule_id: string; hits: number; last_hit_at: Date | null }>('SELECT * FROM rule_hit');
  return new Map(r.rows.map((x) => [x.rule_id, { hits: x.hits, lastHitAt: x.last_hit_at }]));
}

/** Adds hits in one statement, rows in key order so that concurrent flushes cannot deadlock. */
export async function addRuleHits(db: Db, hits: ReadonlyMap<string, { n: number; last: Date }>): Promise<void> {
  if (hits.size === 0) return;
  const rows = [...hits].sort(([a], [b]) => (a < b ? -1 : 1));
  await db.query(
    `INSERT INTO rule_hit (rule_id, hits, last_hit_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[])
     ON CONFLICT (rule_id) DO UPDATE SET hits = rule_hit.hits + EXCLUDED.hits,
       last_hit_at = GREATEST(rule_hit.last_hit_at, EXCLUDED.last_hit_at)`,
    [rows.map(([id]) => id), rows.map(([, h]) => h.n), rows.map(([, h]) => h.last)],
  );
}

/** Bumped by triggers on every change of rules or operator qualifications (0002). */
export async function rulesVersion(db: Db): Promise<number> {
  const r = await db.query<{ version: number }>('SELECT version FROM rules_version');
  return r.rows[0]?.version ?? 0;
}

/** `rules import --replace`: every user rule goes (shipped rules are not in the table). */
export async function deleteAllUserRules(db: Db): Promise<void> {
  await db.query('DELETE FROM inbound_rule');
}
