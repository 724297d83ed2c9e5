// The MX advice in force (docs/mx-advice.md), and the mx.advice webhook event
// written to the outbox in the same transaction as each change (docs/webhooks.md).
import type { PoolClient } from '../db/pool.js';
import type { MxAction, MxScope } from '../domain/mx-rule.js';

type Queryable = { query: PoolClient['query'] };

export interface Advice {
  scope: MxScope;
  target: string;
  action: MxAction;
  perHour: number | null;
  ruleId: string;
  since: Date;
  until: Date;
  messages: number;
  errors: number;
}

interface AdviceRow {
  scope: MxScope;
  target: string;
  action: MxAction;
  per_hour: number | null;
  rule_id: string;
  since: Date;
  until: Date;
  messages: number;
  errors: number;
}

const fromRow = (r: AdviceRow): Advice => ({
  scope: r.scope,
  target: r.target,
  action: r.action,
  perHour: r.per_hour,
  ruleId: r.rule_id,
  since: r.since,
  until: r.until,
  messages: r.messages,
  errors: r.errors,
});

/**
 * The advice rows of these targets, locked for this transaction: two batches
 * deciding about the same domain take turns (targets in sorted order: no deadlock).
 * Serialised by an advisory lock per target, since a target without advice has no row to lock.
 */
export async function lockAdvice(db: Queryable, scope: MxScope, targets: readonly string[]): Promise<Map<string, Advice>> {
  const sorted = [...new Set(targets)].sort();
  if (sorted.length === 0) return new Map();
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('mx-advice:' || $1 || ':' || t)) FROM unnest($2::text[]) AS t ORDER BY t`, [
    scope,
    sorted,
  ]);
  const r = await db.query<AdviceRow>('SELECT * FROM mx_advice WHERE scope = $1 AND target = ANY($2::text[])', [scope, sorted]);
  return new Map(r.rows.map((row) => [row.target, fromRow(row)]));
}

/** Which of these targets have an advice row (in force or expired), without locking: to skip the others. */
export async function advisedTargets(db: Queryable, scope: MxScope, targets: readonly string[]): Promise<Set<string>> {
  const r = await db.query<{ target: string }>('SELECT target FROM mx_advice WHERE scope = $1 AND target = ANY($2::text[])', [
    scope,
    targets,
  ]);
  return new Set(r.rows.map((x) => x.target));
}

export async function upsertAdvice(db: Queryable, a: Advice): Promise<void> {
  await db.query(
    `INSERT INTO mx_advice (scope, target, action, per_hour, rule_id, since, until, messages, errors)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (scope, target) DO UPDATE SET action = $3, per_hour = $4, rule_id = $5, since = $6, until = $7, messages = $8, errors = $9`,
    [a.scope, a.target, a.action, a.perHour, a.ruleId, a.since, a.until, a.messages, a.errors],
  );
}

export async function deleteAdvice(db: Queryable, scope: MxScope, target: string): Promise<void> {
  await db.query('DELETE FROM mx_advice WHERE scope = $1 AND target = $2', [scope, target]);
}

/** Advice whose time is over, locked and removed; returned so that each change is told. */
export async function takeExpiredAdvice(db: Queryable, now: Date, limit = 1000): Promise<Advice[]> {
  const r = await db.query<AdviceRow>(
    `DELETE FROM mx_advice WHERE (scope, target) IN (
       SELECT scope, target FROM mx_advice WHERE until <= $1 ORDER BY until LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, limit],
  );
  return r.rows.map(fromRow);
}

export async function listAdvice(db: Queryable, opts: { scope?: MxScope; target?: string; now: Date }): Promise<Advice[]> {
  const r = await db.query<AdviceRow>(
    `SELECT * FROM mx_advice WHERE until > $1 AND ($2::text IS NULL OR scope = $2) AND ($3::text IS NULL OR target = $3)
      ORDER BY scope, target`,
    [opts.now, opts.scope ?? null, opts.target ?? null],
  );
  return r.rows.map(fromRow);
}

/** The mx.advice webhook event, in the caller's transaction; nothing is written without a subscriber. */
export async function writeAdviceEvents(db: Queryable, events: readonly Record<string, unknown>[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO webhook_event (type, data)
     SELECT 'mx.advice', e FROM unnest($1::jsonb[]) WITH ORDINALITY AS u(e, n) WHERE inmail_webhook_wanted('mx.advice') ORDER BY n`,
    [events.map((e) => JSON.stringify(e))],
  );
}
