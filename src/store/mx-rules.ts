// SQL of operators' MX rules (ids `m<n>`) and of their switches on shipped MX
// rules (docs/mx-advice.md). Checking and deciding is in domain/mx-rule.ts and
// qualify/mx-advice.ts.
import type { Pool, PoolClient } from '../db/pool.js';
import type { MxErrorKind, MxRule, MxScope } from '../domain/mx-rule.js';

type Db = Pool | PoolClient;

export const userMxRuleId = (n: number): string => `m${n}`;
export function userMxRuleNumber(id: string): number | null {
  const m = /^m(\d+)$/.exec(id);
  return m ? Number(m[1]) : null;
}

interface Row {
  id: string;
  scope: MxScope;
  match_target: string | null;
  window_seconds: number;
  min_messages: number;
  error_share: number;
  errors: MxErrorKind[];
  action: 'block' | 'throttle';
  per_hour: number | null;
  for_seconds: number;
  note: string | null;
  enabled: boolean;
}

const fromRow = (r: Row): MxRule => ({
  id: userMxRuleId(Number(r.id)),
  origin: 'user',
  scope: r.scope,
  target: r.match_target,
  windowSeconds: r.window_seconds,
  minMessages: r.min_messages,
  errorShare: r.error_share,
  errors: r.errors,
  action: r.action,
  perHour: r.per_hour,
  forSeconds: r.for_seconds,
  note: r.note,
  enabled: r.enabled,
});

const values = (r: Omit<MxRule, 'id' | 'origin'>) => [
  r.scope,
  r.target,
  r.windowSeconds,
  r.minMessages,
  r.errorShare,
  r.errors,
  r.action,
  r.perHour,
  r.forSeconds,
  r.note,
  r.enabled,
];

export async function listUserMxRules(db: Db): Promise<MxRule[]> {
  return (await db.query<Row>('SELECT * FROM mx_rule ORDER BY id')).rows.map(fromRow);
}

export async function insertUserMxRule(db: Db, r: Omit<MxRule, 'id' | 'origin'>): Promise<string> {
  const res = await db.query<{ id: string }>(
    `INSERT INTO mx_rule (scope, match_target, window_seconds, min_messages, error_share, errors, action, per_hour, for_seconds, note, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    values(r),
  );
  return userMxRuleId(Number(res.rows[0]?.id));
}

export async function updateUserMxRule(db: Db, n: number, r: Omit<MxRule, 'id' | 'origin'>): Promise<boolean> {
  const res = await db.query(
    `UPDATE mx_rule SET scope = $1, match_target = $2, window_seconds = $3, min_messages = $4, error_share = $5, errors = $6,
            action = $7, per_hour = $8, for_seconds = $9, note = $10, enabled = $11, updated_at = now() WHERE id = $12`,
    [...values(r), n],
  );
  return (res.rowCount ?? 0) > 0;
}

export async function deleteUserMxRule(db: Db, n: number): Promise<boolean> {
  return ((await db.query('DELETE FROM mx_rule WHERE id = $1', [n])).rowCount ?? 0) > 0;
}

export async function setUserMxRuleEnabled(db: Db, n: number, enabled: boolean): Promise<boolean> {
  return ((await db.query('UPDATE mx_rule SET enabled = $2, updated_at = now() WHERE id = $1', [n, enabled])).rowCount ?? 0) > 0;
}

export async function mxShippedOverrides(db: Db): Promise<Map<string, boolean>> {
  const r = await db.query<{ rule_id: string; enabled: boolean }>('SELECT rule_id, enabled FROM mx_rule_override');
  return new Map(r.rows.map((x) => [x.rule_id, x.enabled]));
}

export async function setMxShippedEnabled(db: Db, ruleId: string, enabled: boolean): Promise<void> {
  await db.query(
    `INSERT INTO mx_rule_override (rule_id, enabled) VALUES ($1, $2)
     ON CONFLICT (rule_id) DO UPDATE SET enabled = $2, updated_at = now()`,
    [ruleId, enabled],
  );
}
