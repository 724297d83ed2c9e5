// Persists a received mail before anything acknowledges it (SPEC §2). Each
// mail gets idempotency keys (its sha256; its Message-ID per source with the hash
// of its content; whatever the intake adds, e.g. IMAP uid); a mail whose key is
// already known is still stored, as a `duplicate` pointing at the first, so that
// nothing received is lost and nothing is counted twice. A Message-ID alone
// decides nothing: anyone can reuse one, and a different bounce that did was
// dropped as a duplicate (docs/security.md); such reuses are only counted.
import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { byteaArray } from '../db/bytea-array.js';
import { pgText } from '../domain/pg-text.js';
import { MicroBatcher } from '../jobs/batcher.js';
import { metrics } from '../metrics.js';

export type Source = 'smtp' | 'imap' | 'file' | 'http';

export interface IncomingMail {
  source: Source;
  /** SMTP session id, IMAP mailbox/uidvalidity/uid, file path. */
  sourceRef?: string | null;
  remoteAddr?: string | null;
  helo?: string | null;
  mailFrom?: string | null;
  rcptTo: readonly string[];
  /** TLS protocol of the SMTP session (STARTTLS), or null for plain text. */
  tls?: string | null;
  body: Buffer;
  /** Extra idempotency keys of the intake (e.g. `imap:box:uidvalidity:uid`). */
  keys?: readonly string[];
  receivedAt?: Date;
}

export type StoreResult =
  /** `reusedMessageId`: another mail of this source had its Message-ID, with other content. */
  | { kind: 'stored'; id: number; receivedAt: Date; reusedMessageId?: boolean }
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

/**
 * Hash of the mail's content: the bytes after its header block. The same mail
 * relayed twice differs only in its trace headers (Received, Delivered-To).
 */
export function contentHash(body: Buffer): string {
  const crlf = body.indexOf('\r\n\r\n');
  const lf = body.indexOf('\n\n');
  const cut = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : 0;
  return createHash('sha256').update(body.subarray(cut)).digest('hex');
}

export interface Fingerprint {
  key: string;
  /** A known key makes the mail a duplicate; the others are only noted (a reused Message-ID). */
  decides: boolean;
}

export function fingerprints(mail: IncomingMail, sha256: Buffer, messageId: string | null): Fingerprint[] {
  const keys: Fingerprint[] = [{ key: `sha256:${sha256.toString('hex')}`, decides: true }];
  if (messageId) {
    keys.push({ key: `msgid:${mail.source}:${messageId}:${contentHash(mail.body)}`, decides: true });
    keys.push({ key: `msgid:${mail.source}:${messageId}`, decides: false });
  }
  for (const k of mail.keys ?? []) keys.push({ key: k, decides: true });
  return keys;
}

export async function storeRaw(pool: Pool, mail: IncomingMail): Promise<StoreResult> {
  const [result] = await storeMany(pool, [mail]);
  if (!result) throw new Error('storeMany returned no result');
  return result;
}

/**
 * Stores the mails that arrive together in one statement (see storeMany):
 * each caller's promise resolves only
 * after that commit, so the 250 still follows durability. A failed batch is
 * retried mail by mail, so one bad mail cannot refuse its neighbours.
 */
export function batchedStore(pool: Pool, opts = { max: 100, parallel: 1 }): (mail: IncomingMail) => Promise<StoreResult> {
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

/**
 * Several mails in one statement, so one round trip and one commit: ids are
 * drawn first, the fingerprints claimed (in key order, so that two batches
 * cannot deadlock), and each mail inserted already as `pending` or as the
 * `duplicate` of the first mail that holds one of its keys. Results in the
 * order given.
 */
export async function storeMany(pool: Pool, mails: readonly IncomingMail[]): Promise<StoreResult[]> {
  const prepared = mails.map((mail) => {
    const sha256 = createHash('sha256').update(mail.body).digest();
    const messageId = pgText(headerMessageId(mail.body));
    const fps = fingerprints(mail, sha256, messageId).map((f) => ({ key: pgText(f.key), decides: f.decides }));
    return { mail, sha256, messageId, fps, keys: fps.filter((f) => f.decides).map((f) => f.key) };
  });
  const keys = prepared.flatMap((p, i) => p.fps.map((f) => [f.key, i + 1, f.decides] as const));
  // Recipients travel as one newline-joined string per mail: unnest would flatten a text[][].
  // received_at is cut to milliseconds: it comes back as a JS Date and is part of the
  // key later statements match on (claim, duplicate marking).
  // A key taken by a transaction that committed while this statement ran is not visible
  // to it: the mail is then stored as a duplicate of an unknown first (`unknown`), and
  // the first is looked up afterwards.
  const r = await pool.query<{ id: number; received_at: Date; state: string; duplicate_of: number | null; unknown: boolean; reused: boolean; ord: number }>({
    name: 'inmail-store-many',
    text: `WITH x AS MATERIALIZED (
       SELECT nextval('raw_mail_id_seq') AS id, x.*
       FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[], $10::bytea[], $14::text[])
            WITH ORDINALITY AS x(received_at, source, source_ref, remote_addr, helo, mail_from, rcpt, message_id, sha256, body, tls, ord)
     ),
     k AS (SELECT x.id, k.fingerprint, k.decides FROM unnest($11::text[], $12::int[], $13::bool[]) AS k(fingerprint, ord, decides) JOIN x USING (ord)),
     fp AS (
       INSERT INTO mail_fingerprint (fingerprint, raw_mail_id)
       SELECT DISTINCT ON (fingerprint) fingerprint, id FROM k ORDER BY fingerprint, id
       ON CONFLICT (fingerprint) DO NOTHING
       RETURNING fingerprint, raw_mail_id
     ),
     owner AS (
       SELECT k.id, k.decides, COALESCE((SELECT fp.raw_mail_id FROM fp WHERE fp.fingerprint = k.fingerprint),
                             (SELECT f.raw_mail_id FROM mail_fingerprint f WHERE f.fingerprint = k.fingerprint)) AS owner
       FROM k
     ),
     verdict AS (
       SELECT id, min(owner) FILTER (WHERE owner <> id AND decides) AS first, bool_or(owner IS NULL AND decides) AS unknown,
              bool_or(NOT decides AND owner IS DISTINCT FROM id) AS reused
       FROM owner GROUP BY id
     ),
     ins AS (
       INSERT INTO raw_mail (id, received_at, source, source_ref, remote_addr, helo, mail_from, rcpt_to, message_id, sha256, size, body, tls, state, duplicate_of)
       SELECT x.id, COALESCE(x.received_at, date_trunc('milliseconds', now())), x.source, x.source_ref, x.remote_addr, x.helo, x.mail_from,
              string_to_array(x.rcpt, E'\\n'), x.message_id, x.sha256, length(x.body), x.body, x.tls,
              CASE WHEN v.first IS NOT NULL OR v.unknown THEN 'duplicate' ELSE 'pending' END, v.first
       FROM x LEFT JOIN verdict v USING (id)
       RETURNING id, received_at, state, duplicate_of
     )
     SELECT ins.*, x.ord::int AS ord, COALESCE(v.unknown AND v.first IS NULL, false) AS unknown, COALESCE(v.reused, false) AS reused
     FROM ins JOIN x USING (id) LEFT JOIN verdict v USING (id) ORDER BY x.ord`,
    values: [
      prepared.map((p) => p.mail.receivedAt ?? null), prepared.map((p) => p.mail.source), prepared.map((p) => pgText(p.mail.sourceRef ?? null)),
      prepared.map((p) => pgText(p.mail.remoteAddr ?? null)), prepared.map((p) => pgText(p.mail.helo ?? null)), prepared.map((p) => pgText(p.mail.mailFrom ?? null)),
      prepared.map((p) => pgText(p.mail.rcptTo.join('\n'))), prepared.map((p) => p.messageId), byteaArray(prepared.map((p) => p.sha256)), byteaArray(prepared.map((p) => p.mail.body)),
      keys.map(([k]) => k), keys.map(([, ord]) => ord), keys.map(([, , decides]) => decides), prepared.map((p) => p.mail.tls ?? null),
    ],
  });
  if (r.rows.length !== prepared.length) throw new Error(`INSERT INTO raw_mail returned ${r.rows.length} rows for ${prepared.length}`);
  const results: StoreResult[] = [];
  for (const [i, row] of r.rows.entries()) {
    let first = row.duplicate_of;
    if (row.unknown) first = await nameFirst(pool, row.id, row.received_at, prepared[i]?.keys ?? []);
    if (row.reused && row.state === 'pending') metrics.messageIdReuses.inc();
    results.push(
      row.state === 'pending'
        ? { kind: 'stored', id: row.id, receivedAt: row.received_at, ...(row.reused ? { reusedMessageId: true } : {}) }
        : { kind: 'duplicate', id: row.id, receivedAt: row.received_at, duplicateOf: first ?? 0 },
    );
  }
  return results;
}

/** The first mail of a duplicate whose key was committed by another transaction during its insert. */
async function nameFirst(pool: Pool, id: number, receivedAt: Date, keys: readonly string[]): Promise<number | null> {
  const r = await pool.query<{ first: number | null }>(
    `UPDATE raw_mail SET duplicate_of = (SELECT min(raw_mail_id) FROM mail_fingerprint WHERE fingerprint = ANY($3::text[]) AND raw_mail_id <> $1)
     WHERE id = $1 AND received_at = $2 RETURNING duplicate_of AS first`,
    [id, receivedAt, keys],
  );
  return r.rows[0]?.first ?? null;
}
