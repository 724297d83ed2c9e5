// SQL of the delivery log qualification (docs/reasons.md): one row per (channel,
// normalized text). Workers add occurrences in batches (qualify/qualification-log.ts);
// operators read and decide here.
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';
import type { Db } from './rules.js';

export const QUALIFICATION_STATUSES = ['to-qualify', 'keep', 'ignore'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];
export const MAX_OCCURRENCES = 100_000;

export interface QualificationRow {
  id: number;
  channel: string;
  normalizedText: string;
  textKey: string;
  firstText: string;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  status: QualificationStatus;
  reason: Reason | null;
  type: BounceType | null;
  failureReason: FailureReason | null;
  statusCode: string | null;
  replyCode: string | null;
  ruleId: string | null;
  qualifiedBy: string | null;
  qualifiedAt: Date | null;
  refreshedRule: number | null;
}

interface Row {
  id: number;
  channel: string;
  normalized_text: string;
  text_key: string;
  first_text: string;
  occurrences: number;
  first_seen: Date;
  last_seen: Date;
  status: QualificationStatus;
  reason: Reason | null;
  type: BounceType | null;
  failure_reason: FailureReason | null;
  status_code: string | null;
  reply_code: string | null;
  rule_id: string | null;
  qualified_by: string | null;
  qualified_at: Date | null;
  refreshed_rule: number | null;
}

const fromRow = (r: Row): QualificationRow => ({
  id: r.id,
  channel: r.channel,
  normalizedText: r.normalized_text,
  textKey: r.text_key,
  firstText: r.first_text,
  occurrences: r.occurrences,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  status: r.status,
  reason: r.reason,
  type: r.type,
  failureReason: r.failure_reason,
  statusCode: r.status_code,
  replyCode: r.reply_code,
  ruleId: r.rule_id,
  qualifiedBy: r.qualified_by,
  qualifiedAt: r.qualified_at,
  refreshedRule: r.refreshed_rule,
});

/** Most frequent first; `to-qualify` is what operators work through. */
export async function listQualifications(
  db: Db,
  opts: { status?: QualificationStatus; channel?: string; limit?: number } = {},
): Promise<QualificationRow[]> {
  const r = await db.query<Row>(
    `SELECT * FROM qualification
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)
     ORDER BY occurrences DESC, last_seen DESC, id LIMIT $3`,
    [opts.status ?? null, opts.channel ?? null, opts.limit ?? 1000],
  );
  return r.rows.map(fromRow);
}

export async function getQualification(db: Db, id: number): Promise<QualificationRow | null> {
  const r = await db.query<Row>('SELECT * FROM qualification WHERE id = $1', [id]);
  const row = r.rows[0];
  return row ? fromRow(row) : null;
}

/** Operator-qualified rows: what the engine applies as exact-text decisions, and what reapply looks for. */
export async function operatorQualified(db: Db): Promise<QualificationRow[]> {
  const r = await db.query<Row>(`SELECT * FROM qualification WHERE qualified_at IS NOT NULL AND status <> 'to-qualify'`);
  return r.rows.map(fromRow);
}

/** An operator's decision; the row is never overwritten by workers afterwards. */
export async function setQualification(
  db: Db,
  id: number,
  d: { status: QualificationStatus; reason: Reason | null; type: BounceType | null; failureReason: FailureReason | null; by: string },
): Promise<QualificationRow | null> {
  const r = await db.query<Row>(
    `UPDATE qualification SET status = $2, reason = COALESCE($3, reason), type = COALESCE($4, type),
       failure_reason = COALESCE($5, failure_reason), qualified_by = $6, qualified_at = now()
     WHERE id = $1 RETURNING *`,
    [id, d.status, d.reason, d.type, d.failureReason, d.by],
  );
  const row = r.rows[0];
  return row ? fromRow(row) : null;
}

export async function markRefreshed(db: Db, id: number, ruleNumber: number): Promise<void> {
  await db.query('UPDATE qualification SET refreshed_rule = $2 WHERE id = $1', [id, ruleNumber]);
}

/** One aggregated text of a worker's batch. */
export interface TextCount {
  channel: string;
  normalizedText: string;
  firstText: string;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  sure: boolean;
  reason: string;
  type: string;
  failureReason: number;
  statusCode: string;
  replyCode: string;
  ruleId: string | null;
}

/**
 * Adds a batch of counts in one statement. Rows go in key order so that two
 * workers flushing at once cannot deadlock. Rows an operator decided keep their
 * decision; the others take the latest verdict (a rule added later turns a
 * `to-qualify` text into `keep`).
 */
export async function addTextCounts(db: Db, counts: readonly TextCount[]): Promise<void> {
  if (counts.length === 0) return;
  const rows = counts.map((c) => ({
    channel: c.channel,
    normalized_text: c.normalizedText,
    first_text: c.firstText.slice(0, 4000),
    occurrences: Math.min(c.occurrences, MAX_OCCURRENCES),
    first_seen: c.firstSeen,
    last_seen: c.lastSeen,
    status: c.sure ? 'keep' : 'to-qualify',
    reason: c.reason,
    type: c.type,
    failure_reason: c.failureReason,
    status_code: c.statusCode || null,
    reply_code: c.replyCode || null,
    rule_id: c.ruleId,
  }));
  await db.query(
    `INSERT INTO qualification AS q (channel, normalized_text, first_text, occurrences, first_seen, last_seen, status, reason,
       type, failure_reason, status_code, reply_code, rule_id)
     SELECT * FROM json_to_recordset($1) AS x(channel text, normalized_text text, first_text text, occurrences integer,
       first_seen timestamptz, last_seen timestamptz, status text, reason text, type text, failure_reason smallint,
       status_code text, reply_code text, rule_id text)
     ORDER BY channel, md5(normalized_text)
     ON CONFLICT (channel, text_key) DO UPDATE SET
       occurrences = LEAST(${MAX_OCCURRENCES}, q.occurrences + EXCLUDED.occurrences),
       first_seen = LEAST(q.first_seen, EXCLUDED.first_seen),
       last_seen = GREATEST(q.last_seen, EXCLUDED.last_seen),
       status = CASE WHEN q.qualified_at IS NULL THEN EXCLUDED.status ELSE q.status END,
       reason = CASE WHEN q.qualified_at IS NULL THEN EXCLUDED.reason ELSE q.reason END,
       type = CASE WHEN q.qualified_at IS NULL THEN EXCLUDED.type ELSE q.type END,
       failure_reason = CASE WHEN q.qualified_at IS NULL THEN EXCLUDED.failure_reason ELSE q.failure_reason END,
       rule_id = CASE WHEN q.qualified_at IS NULL THEN EXCLUDED.rule_id ELSE q.rule_id END,
       status_code = COALESCE(q.status_code, EXCLUDED.status_code),
       reply_code = COALESCE(q.reply_code, EXCLUDED.reply_code)`,
    [JSON.stringify(rows)],
  );
}
