// Bounce events: one row per recipient a processed mail speaks of.
import type { PoolClient } from '../db/pool.js';
import type { EventRow } from '../domain/event.js';

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
