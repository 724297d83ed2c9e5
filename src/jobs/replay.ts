// Re-enqueues stored raw mails on an operator's request (`inmail replay`):
// failed ones go back to pending first, so the worker's claim accepts them again.
import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { enqueueMails, type MailJobData, type MailRef } from './queue.js';

export interface ReplayFilter {
  state: 'pending' | 'failed';
  since?: Date;
  until?: Date;
  ids?: number[];
  limit?: number;
}

export interface ReplayResult {
  matched: number;
  enqueued: number;
  ids: number[];
}

export async function selectForReplay(pool: Pool, f: ReplayFilter): Promise<MailRef[]> {
  const r = await pool.query<{ id: number; received_at: Date }>(
    `SELECT id, received_at FROM raw_mail
     WHERE state = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at <= $3)
       AND ($4::bigint[] IS NULL OR id = ANY($4))
     ORDER BY received_at, id LIMIT $5`,
    [f.state, f.since ?? null, f.until ?? null, f.ids ?? null, f.limit ?? 100_000],
  );
  return r.rows.map((x) => ({ id: x.id, receivedAt: x.received_at }));
}

export async function replay(pool: Pool, queue: Queue<MailJobData>, f: ReplayFilter, attempts: number): Promise<ReplayResult> {
  const mails = await selectForReplay(pool, f);
  const ids = mails.map((m) => m.id);
  if (f.state === 'failed' && ids.length > 0) {
    await pool.query(`UPDATE raw_mail SET state = 'pending', error = NULL, processed_at = NULL WHERE id = ANY($1) AND state = 'failed'`, [ids]);
  }
  let enqueued = 0;
  for (let i = 0; i < mails.length; i += 5000) {
    const chunk = mails.slice(i, i + 5000);
    await enqueueMails(queue, chunk, attempts, 10_000);
    enqueued += chunk.length;
  }
  return { matched: ids.length, enqueued, ids };
}

export interface MailSummary {
  id: number;
  receivedAt: Date;
  source: string;
  state: string;
  kind: string | null;
  size: number;
  messageId: string | null;
  mailFrom: string | null;
  error: string | null;
  /** TLS protocol the mail came over (SMTP STARTTLS), null for plain text. */
  tls: string | null;
}

export async function listMails(pool: Pool, f: Omit<ReplayFilter, 'state'> & { state?: string }): Promise<MailSummary[]> {
  const r = await pool.query<{
    id: number; received_at: Date; source: string; state: string; kind: string | null; size: number; message_id: string | null;
    mail_from: string | null; error: string | null; tls: string | null;
  }>(
    `SELECT id, received_at, source, state, kind, size, message_id, mail_from, error, tls FROM raw_mail
     WHERE ($1::text IS NULL OR state = $1) AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at <= $3)
     ORDER BY received_at DESC, id DESC LIMIT $4`,
    [f.state ?? null, f.since ?? null, f.until ?? null, f.limit ?? 100],
  );
  return r.rows.map((m) => ({
    id: m.id, receivedAt: m.received_at, source: m.source, state: m.state, kind: m.kind, size: m.size,
    messageId: m.message_id, mailFrom: m.mail_from, error: m.error, tls: m.tls,
  }));
}
