// Persists a received mail before anything acknowledges it (SPEC §2). Each
// mail gets idempotency keys (its sha256; its Message-ID per source; whatever the
// intake adds, e.g. IMAP uid); a mail whose key is already known is still stored,
// as a `duplicate` pointing at the first, so that nothing received is lost and
// nothing is counted twice.
import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';

export type Source = 'smtp' | 'imap' | 'file' | 'http';

export interface IncomingMail {
  source: Source;
  /** SMTP session id, IMAP mailbox/uidvalidity/uid, file path. */
  sourceRef?: string | null;
  remoteAddr?: string | null;
  helo?: string | null;
  mailFrom?: string | null;
  rcptTo: readonly string[];
  body: Buffer;
  /** Extra idempotency keys of the intake (e.g. `imap:box:uidvalidity:uid`). */
  keys?: readonly string[];
  receivedAt?: Date;
}

export type StoreResult =
  | { kind: 'stored'; id: number; receivedAt: Date }
  | { kind: 'duplicate'; id: number; receivedAt: Date; duplicateOf: number };

/** Message-ID of the mail's own header block, read without parsing the whole mail. */
export function headerMessageId(body: Buffer): string | null {
  const end = body.indexOf('\r\n\r\n');
  const end2 = body.indexOf('\n\n');
  const stop = [end, end2].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), Math.min(body.length, 65536));
  const head = body.subarray(0, stop).toString('latin1');
  const m = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head);
  const id = m?.[1]?.replace(/\s+/g, '').trim();
  return id ? id.slice(0, 998) : null;
}

export function fingerprints(mail: IncomingMail, sha256: Buffer, messageId: string | null): string[] {
  const keys = [`sha256:${sha256.toString('hex')}`];
  if (messageId) keys.push(`msgid:${mail.source}:${messageId}`);
  for (const k of mail.keys ?? []) keys.push(k);
  return keys;
}

export async function storeRaw(pool: Pool, mail: IncomingMail): Promise<StoreResult> {
  const sha256 = createHash('sha256').update(mail.body).digest();
  const messageId = headerMessageId(mail.body);
  const keys = fingerprints(mail, sha256, messageId);
  return inTransaction(pool, async (db) => {
    // received_at is cut to milliseconds: it comes back as a JS Date and is part of
    // the key later statements match on (claim, duplicate marking).
    const inserted = await db.query<{ id: number; received_at: Date }>(
      `INSERT INTO raw_mail (received_at, source, source_ref, remote_addr, helo, mail_from, rcpt_to, message_id, sha256, size, body)
       VALUES (COALESCE($1, date_trunc('milliseconds', now())), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING id, received_at`,
      [mail.receivedAt ?? null, mail.source, mail.sourceRef ?? null, mail.remoteAddr ?? null, mail.helo ?? null,
        mail.mailFrom ?? null, mail.rcptTo, messageId, sha256, mail.body.length, mail.body],
    );
    const row = inserted.rows[0];
    if (!row) throw new Error('INSERT INTO raw_mail returned no row');
    // Waits on a concurrent insert of the same key until it commits, then sees it.
    const known = await db.query<{ raw_mail_id: number }>(
      `WITH k AS (SELECT unnest($1::text[]) AS fingerprint),
            ins AS (INSERT INTO mail_fingerprint (fingerprint, raw_mail_id)
                    SELECT fingerprint, $2 FROM k ON CONFLICT (fingerprint) DO NOTHING RETURNING fingerprint)
       SELECT f.raw_mail_id FROM mail_fingerprint f JOIN k USING (fingerprint)
       WHERE f.fingerprint NOT IN (SELECT fingerprint FROM ins) ORDER BY f.raw_mail_id LIMIT 1`,
      [keys, row.id],
    );
    const first = known.rows[0]?.raw_mail_id;
    if (first === undefined) return { kind: 'stored', id: row.id, receivedAt: row.received_at };
    await db.query(`UPDATE raw_mail SET state = 'duplicate', duplicate_of = $2 WHERE id = $1 AND received_at = $3`, [
      row.id, first, row.received_at,
    ]);
    return { kind: 'duplicate', id: row.id, receivedAt: row.received_at, duplicateOf: first };
  });
}
