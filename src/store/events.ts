// SQL of bounce events (bounce_event): one row per recipient a processed mail
// speaks of. Written by the worker; read and re-decided by incident decisions
// and qualification reapply.
import type { Pool, PoolClient } from '../db/pool.js';
import type { Channel } from '../domain/address.js';
import type { EventRow } from '../domain/event.js';
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';

/** Inserts the events in one statement; returns their ids in the order given. */
export async function insertEvents(db: PoolClient, events: readonly EventRow[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = events.map((e, ord) => ({
    ord,
    raw_mail_id: e.rawMailId,
    received_at: e.receivedAt,
    occurred_at: e.occurredAt,
    channel: e.channel,
    address: e.address,
    address_key: e.addressKey,
    domain: e.domain,
    kind: e.kind,
    action: e.action,
    status: e.status,
    reply_code: e.replyCode,
    reason: e.reason,
    type: e.type,
    failure_reason: e.failureReason,
    diagnostic: e.diagnostic,
    remote_mta: e.remoteMta,
    feedback_type: e.feedbackType,
    original_message_id: e.originalMessageId,
    verp: e.verp,
    delivery_id: e.deliveryId,
    rule_id: e.ruleId,
    text_key: e.textKey ?? null,
    incident_id: e.incidentId ?? null,
    outcome: e.outcome,
  }));
  const r = await db.query<{ id: number }>({
    name: 'inmail-insert-events',
    text: `INSERT INTO bounce_event (raw_mail_id, received_at, occurred_at, channel, address, address_key, domain, kind, action,
       status, reply_code, reason, type, failure_reason, diagnostic, remote_mta, feedback_type, original_message_id, verp,
       delivery_id, rule_id, text_key, incident_id, outcome)
     SELECT raw_mail_id, received_at, occurred_at, channel, address, address_key, domain, kind, action, status, reply_code,
       reason, type, failure_reason, diagnostic, remote_mta, feedback_type, original_message_id, verp, delivery_id, rule_id, text_key, incident_id, outcome
     FROM json_to_recordset($1) AS x(ord int, raw_mail_id bigint, received_at timestamptz, occurred_at timestamptz, channel text,
       address text, address_key text, domain text, kind text, action text, status text, reply_code text, reason text, type text,
       failure_reason smallint, diagnostic text, remote_mta text, feedback_type text, original_message_id text, verp text,
       delivery_id text, rule_id text, text_key text, incident_id bigint, outcome text)
     ORDER BY ord
     RETURNING id`,
    values: [JSON.stringify(rows)],
  });
  // RETURNING follows insertion order, which follows ORDER BY ord; ids are increasing.
  return r.rows.map((x) => x.id).sort((a, b) => a - b);
}

/** The columns of a stored event that a decision on it (incident, reapply) reads. */
interface EventCore {
  id: number;
  received_at: Date;
  occurred_at: Date;
  channel: Channel;
  address: string;
  address_key: string;
  domain: string | null;
  kind: string;
  action: string;
  status: string;
  reason: Reason;
  type: BounceType;
  failure_reason: FailureReason;
  diagnostic: string | null;
  feedback_type: string | null;
}

/** An event held by an incident, as a decision on it reads it. */
export interface HeldEvent extends EventCore {
  original_message_id: string | null;
  delivery_id: string | null;
  rule_id: string | null;
}

/** The events an incident holds, in the order they happened. */
export async function heldEvents(db: PoolClient, incidentId: number): Promise<HeldEvent[]> {
  const r = await db.query<HeldEvent>(
    `SELECT id, received_at, occurred_at, channel, address, address_key, domain, kind, action, status, reason, type, failure_reason,
       diagnostic, feedback_type, original_message_id, delivery_id, rule_id
     FROM bounce_event WHERE incident_id = $1 AND outcome = 'held' ORDER BY occurred_at, id`,
    [incidentId],
  );
  return r.rows;
}

/** New outcomes (and failure reasons) of decided events, by primary key. */
export async function setEventOutcomes(
  db: PoolClient,
  outcomes: readonly { id: number; received_at: Date; outcome: string; failure_reason: number }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  await db.query(
    // Typed arrays, whose length the planner knows (a JSON recordset is guessed at 100 rows): one probe per event.
    `UPDATE bounce_event e SET outcome = x.outcome, failure_reason = x.failure_reason
     FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::smallint[]) AS x(id, received_at, outcome, failure_reason)
     WHERE e.id = x.id AND e.received_at = x.received_at`,
    [outcomes.map((o) => o.id), outcomes.map((o) => o.received_at), outcomes.map((o) => o.outcome), outcomes.map((o) => o.failure_reason)],
  );
}

/** A stored event as reapply reads it. */
export interface StoredEvent extends EventCore {
  reply_code: string;
  remote_mta: string | null;
  original_message_id: string | null;
  delivery_id: string | null;
  rule_id: string | null;
  outcome: string;
  text_key: string | null;
  incident_id: number | null;
}

/** How many events carry one of the text keys (reapply's progress). */
export async function countByTextKeys(db: { query: PoolClient['query'] }, keys: readonly string[], since: Date | null): Promise<number> {
  if (keys.length === 0) return 0;
  const r = await db.query<{ n: number }>(
    'SELECT count(*)::bigint AS n FROM bounce_event WHERE text_key = ANY($1) AND ($2::timestamptz IS NULL OR received_at >= $2)',
    [keys, since],
  );
  return r.rows[0]?.n ?? 0;
}

/** Events carrying one of the text keys, in receipt order, after the keyset `after`. */
export async function eventsByTextKeys(
  db: PoolClient,
  keys: readonly string[] | null,
  since: Date | null,
  after: { at: Date; id: number } | null,
  limit: number,
): Promise<StoredEvent[]> {
  const r = await db.query<StoredEvent>(
    `SELECT id, received_at, occurred_at, channel, address, address_key, domain, kind, action, status, reply_code, reason, type,
       failure_reason, diagnostic, feedback_type, remote_mta, original_message_id, delivery_id, rule_id, outcome, text_key, incident_id
     FROM bounce_event
     WHERE ($1::text[] IS NOT NULL AND text_key = ANY($1) OR $1::text[] IS NULL AND kind = 'bounce' AND action IN ('failed', 'delayed'))
       AND ($2::timestamptz IS NULL OR received_at >= $2)
       AND ($3::timestamptz IS NULL OR (received_at, id) > ($3, $4))
     ORDER BY received_at, id LIMIT $5`,
    [keys, since, after?.at ?? null, after?.id ?? 0, limit],
  );
  return r.rows;
}

/** An event decided again (qualification reapply): its new verdict and outcome, by primary key. */
export async function setEventVerdicts(
  db: PoolClient,
  events: readonly {
    id: number;
    receivedAt: Date;
    reason: string;
    type: string;
    failureReason: number;
    ruleId: string | null;
    outcome: string;
    /** The incident holding it (the guard), else the one it had. */
    incidentId?: number | null;
  }[],
): Promise<void> {
  // Typed arrays, whose length the planner knows (a JSON recordset is guessed at 100 rows): one probe per event.
  await db.query(
    `UPDATE bounce_event e SET reason = x.reason, type = x.type, failure_reason = x.failure_reason, rule_id = x.rule_id,
       outcome = x.outcome, incident_id = COALESCE(x.incident_id, e.incident_id)
     FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::bigint[])
       AS x(id, received_at, reason, type, failure_reason, rule_id, outcome, incident_id)
     WHERE e.id = x.id AND e.received_at = x.received_at`,
    [
      events.map((e) => e.id),
      events.map((e) => e.receivedAt),
      events.map((e) => e.reason),
      events.map((e) => e.type),
      events.map((e) => e.failureReason),
      events.map((e) => e.ruleId),
      events.map((e) => e.outcome),
      events.map((e) => e.incidentId ?? null),
    ],
  );
}

/** Failed recipients of bounces received since `since`, by reason, most frequent first. */
export async function topFailureReasons(pool: Pool, since: Date, limit: number): Promise<{ reason: string; events: number }[]> {
  const r = await pool.query<{ reason: string; n: number }>(
    `SELECT reason, count(*)::int AS n FROM bounce_event
     WHERE received_at >= $1 AND kind = 'bounce' AND action = 'failed' GROUP BY reason ORDER BY n DESC, reason LIMIT $2`,
    [since, limit],
  );
  return r.rows.map((x) => ({ reason: x.reason, events: x.n }));
}

/** One recipient event as operators read it (`mails show`, explain). */
export interface EventSummary {
  id: number;
  rawMailId: number;
  receivedAt: Date;
  occurredAt: Date;
  channel: string;
  address: string;
  kind: string;
  action: string;
  status: string;
  replyCode: string;
  reason: string;
  type: string;
  failureReason: number;
  diagnostic: string | null;
  remoteMta: string | null;
  ruleId: string | null;
  outcome: string;
  incidentId: number | null;
}

interface SummaryRow {
  id: number;
  raw_mail_id: number;
  received_at: Date;
  occurred_at: Date;
  channel: string;
  address: string;
  kind: string;
  action: string;
  status: string;
  reply_code: string;
  reason: string;
  type: string;
  failure_reason: number;
  diagnostic: string | null;
  remote_mta: string | null;
  rule_id: string | null;
  outcome: string;
  incident_id: number | null;
}
const summaryFromRow = (e: SummaryRow): EventSummary => ({
  id: e.id,
  rawMailId: e.raw_mail_id,
  receivedAt: e.received_at,
  occurredAt: e.occurred_at,
  channel: e.channel,
  address: e.address,
  kind: e.kind,
  action: e.action,
  status: e.status,
  replyCode: e.reply_code,
  reason: e.reason,
  type: e.type,
  failureReason: e.failure_reason,
  diagnostic: e.diagnostic,
  remoteMta: e.remote_mta,
  ruleId: e.rule_id,
  outcome: e.outcome,
  incidentId: e.incident_id,
});
const SUMMARY_COLUMNS = `id, raw_mail_id, received_at, occurred_at, channel, address, kind, action, status, reply_code, reason, type,
  failure_reason, diagnostic, remote_mta, rule_id, outcome, incident_id`;

export async function eventsOfMail(db: Pool, rawMailId: number): Promise<EventSummary[]> {
  const r = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM bounce_event WHERE raw_mail_id = $1 ORDER BY id`, [rawMailId]);
  return r.rows.map(summaryFromRow);
}

export async function eventById(db: Pool, id: number): Promise<EventSummary | null> {
  const r = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM bounce_event WHERE id = $1`, [id]);
  return r.rows[0] ? summaryFromRow(r.rows[0]) : null;
}

/** The latest event of an address, for an address changed by no event of its own (an operator's edit keeps the last error). */
export async function lastEventOf(db: Pool, channel: string, key: string): Promise<EventSummary | null> {
  const r = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM bounce_event WHERE channel = $1 AND address_key = $2 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    [channel, key],
  );
  return r.rows[0] ? summaryFromRow(r.rows[0]) : null;
}
