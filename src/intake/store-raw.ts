// Persists a received mail before anything acknowledges it (SPEC §2). Each
// mail gets idempotency keys (its sha256; its Message-ID per source; whatever the
// intake adds, e.g. IMAP uid); a mail whose key is already known is still stored,
// as a `duplicate` pointing at the first, so that nothing received is lost and
// nothing is counted twice.
import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { MicroBatcher } from '../jobs/batcher.js';

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

/**
 * Stores the mails that arrive together in one transaction (multi-row INSERT,
 * one fingerprint statement, one commit): each caller's promise resolves only
 * after that commit, so the 250 still follows durability. A failed batch is
 * retried mail by mail, so one bad mail cannot refuse its neighbours.
 */
export function batchedStore(pool: Pool, opts = { max: 100, parallel: 4 }): (mail: IncomingMail) => Promise<StoreResult> {
  const batcher = new MicroBatcher<IncomingMail, StoreResult>(async (mails) => {
    if (mails.length === 1) return [await storeRaw(pool, mails[0] as IncomingMail)];
    try {
      return await storeMany(pool, mails);
    } catch {
      return Promise.all(mails.map((m) => storeRaw(pool, m).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))));
    }
  }, opts);
  return (mail) => batcher.submit(mail);
}

/** Several mails in one transaction; results in the order given. */
export async function storeMany(pool: Pool, mails: readonly IncomingMail[]): Promise<StoreResult[]> {
  const prepared = mails.map((mail) => {
    const sha256 = createHash('sha256').update(mail.body).digest();
    const messageId = headerMessageId(mail.body);
    return { mail, sha256, messageId, keys: fingerprints(mail, sha256, messageId) };
  });
  return inTransaction(pool, async (db) => {
    // Recipients travel as one newline-joined string per mail: unnest would flatten a text[][].
    const inserted = await db.query<{ id: number; received_at: Date; ord: number }>(
      `INSERT INTO raw_mail (received_at, source, source_ref, remote_addr, helo, mail_from, rcpt_to, message_id, sha256, size, body)
       SELECT COALESCE(x.received_at, date_trunc('milliseconds', now())), x.source, x.source_ref, x.remote_addr, x.helo, x.mail_from,
              string_to_array(x.rcpt, E'\\n'), x.message_id, x.sha256, length(x.body), x.body
       FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::bytea[])
            WITH ORDINALITY AS x(received_at, source, source_ref, remote_addr, helo, mail_from, rcpt, message_id, sha256, body, ord)
       ORDER BY x.ord
       RETURNING id, received_at`,
      [
        prepared.map((p) => p.mail.receivedAt ?? null), prepared.map((p) => p.mail.source), prepared.map((p) => p.mail.sourceRef ?? null),
        prepared.map((p) => p.mail.remoteAddr ?? null), prepared.map((p) => p.mail.helo ?? null), prepared.map((p) => p.mail.mailFrom ?? null),
        prepared.map((p) => p.mail.rcptTo.join('\n')), prepared.map((p) => p.messageId), prepared.map((p) => p.sha256), prepared.map((p) => p.mail.body),
      ],
    );
    // Ids come from one sequence in insertion order, which follows ORDER BY ord.
    const rows = [...inserted.rows].sort((a, b) => a.id - b.id);
    if (rows.length !== prepared.length) throw new Error(`INSERT INTO raw_mail returned ${rows.length} rows for ${prepared.length}`);
    const keys = prepared.flatMap((p, i) => p.keys.map((k) => [k, rows[i]?.id ?? 0] as const));
    // Keys in one order (DISTINCT ON sorts them), so two batches cannot deadlock on them;
    // a key already committed, or taken by an earlier mail of this batch, names the first mail.
    const owners = await db.query<{ fingerprint: string; raw_mail_id: number; owner: number }>(
      `WITH k AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS k(fingerprint, raw_mail_id)),
            ins AS (INSERT INTO mail_fingerprint (fingerprint, raw_mail_id)
                    SELECT DISTINCT ON (fingerprint) fingerprint, raw_mail_id FROM k ORDER BY fingerprint, raw_mail_id
                    ON CONFLICT (fingerprint) DO NOTHING RETURNING fingerprint, raw_mail_id)
       SELECT k.fingerprint, k.raw_mail_id, COALESCE(i.raw_mail_id, f.raw_mail_id) AS owner
       FROM k LEFT JOIN ins i USING (fingerprint) LEFT JOIN mail_fingerprint f ON i.fingerprint IS NULL AND f.fingerprint = k.fingerprint`,
      [keys.map(([k]) => k), keys.map(([, id]) => id)],
    );
    const firstOf = new Map<number, number>();
    for (const o of owners.rows) {
      if (o.owner === o.raw_mail_id) continue;
      firstOf.set(o.raw_mail_id, Math.min(firstOf.get(o.raw_mail_id) ?? Infinity, o.owner));
    }
    const dups = rows.filter((r) => firstOf.has(r.id));
    if (dups.length > 0) {
      await db.query(
        `UPDATE raw_mail r SET state = 'duplicate', duplicate_of = x.first
         FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[]) AS x(id, received_at, first)
         WHERE r.id = x.id AND r.received_at = x.received_at`,
        [dups.map((r) => r.id), dups.map((r) => r.received_at), dups.map((r) => firstOf.get(r.id))],
      );
    }
    return rows.map((r): StoreResult => {
      const first = firstOf.get(r.id);
      return first === undefined
        ? { kind: 'stored', id: r.id, receivedAt: r.received_at }
        : { kind: 'duplicate', id: r.id, receivedAt: r.received_at, duplicateOf: first };
    });
  });
}
