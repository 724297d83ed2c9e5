// SQL of one stored mail and the events it produced (`inmail mails show`, GET /v1/mails/{id}, explain).
import type { Pool } from '../db/pool.js';

export interface StoredMail {
  id: number;
  receivedAt: Date;
  source: string;
  state: string;
  kind: string | null;
  size: number;
  messageId: string | null;
  mailFrom: string | null;
  rcptTo: string[];
  error: string | null;
  body: Buffer;
}

export async function mailById(db: Pool, id: number): Promise<StoredMail | null> {
  const r = await db.query<{
    id: number; received_at: Date; source: string; state: string; kind: string | null; size: number; message_id: string | null;
    mail_from: string | null; rcpt_to: string[]; error: string | null; body: Buffer;
  }>('SELECT id, received_at, source, state, kind, size, message_id, mail_from, rcpt_to, error, body FROM raw_mail WHERE id = $1', [id]);
  const m = r.rows[0];
  return m
    ? { id: m.id, receivedAt: m.received_at, source: m.source, state: m.state, kind: m.kind, size: m.size, messageId: m.message_id,
        mailFrom: m.mail_from, rcptTo: m.rcpt_to, error: m.error, body: m.body }
    : null;
}

export interface StoredEvent {
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

interface EventRow {
  id: number; raw_mail_id: number; received_at: Date; occurred_at: Date; channel: string; address: string; kind: string; action: string;
  status: string; reply_code: string; reason: string; type: string; failure_reason: number; diagnostic: string | null;
  remote_mta: string | null; rule_id: string | null; outcome: string; incident_id: number | null;
}
const eventFromRow = (e: EventRow): StoredEvent => ({
  id: e.id, rawMailId: e.raw_mail_id, receivedAt: e.received_at, occurredAt: e.occurred_at, channel: e.channel, address: e.address,
  kind: e.kind, action: e.action, status: e.status, replyCode: e.reply_code, reason: e.reason, type: e.type,
  failureReason: e.failure_reason, diagnostic: e.diagnostic, remoteMta: e.remote_mta, ruleId: e.rule_id, outcome: e.outcome,
  incidentId: e.incident_id,
});
const EVENT_COLUMNS = `id, raw_mail_id, received_at, occurred_at, channel, address, kind, action, status, reply_code, reason, type,
  failure_reason, diagnostic, remote_mta, rule_id, outcome, incident_id`;

export async function eventsOfMail(db: Pool, rawMailId: number): Promise<StoredEvent[]> {
  const r = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM bounce_event WHERE raw_mail_id = $1 ORDER BY id`, [rawMailId]);
  return r.rows.map(eventFromRow);
}

export async function eventById(db: Pool, id: number): Promise<StoredEvent | null> {
  const r = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM bounce_event WHERE id = $1`, [id]);
  return r.rows[0] ? eventFromRow(r.rows[0]) : null;
}

/** The latest event of an address, for an address changed by no event of its own (an operator's edit keeps the last error). */
export async function lastEventOf(db: Pool, channel: string, key: string): Promise<StoredEvent | null> {
  const r = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM bounce_event WHERE channel = $1 AND address_key = $2 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    [channel, key],
  );
  return r.rows[0] ? eventFromRow(r.rows[0]) : null;
}
