// Persists a received mail before anything acknowledges it (docs/pipeline.md). Each
// mail gets idempotency keys (its sha256; its Message-ID per source with the hash
// of its content; whatever the intake adds, e.g. IMAP uid); a mail whose key is
// already known is still stored, as a `duplicate` pointing at the first, so that
// nothing received is lost and nothing is counted twice. A Message-ID alone
// decides nothing: anyone can reuse one, and a different bounce that did was
// dropped as a duplicate (docs/security.md); such reuses are only counted.
import { createHash } from 'node:crypto';
import type { Pool } from '../db/pool.js';
import { pgText } from '../domain/pg-text.js';
import type { Source } from '../domain/source.js';
import { MicroBatcher } from '../jobs/batcher.js';
import { insertRawMails, nameFirstOfDuplicate } from '../store/raw-mails.js';
import { metrics } from '../metrics.js';

export type { Source };

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
      return Promise.all(
        mails.map((m) => storeRaw(pool, m).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))),
      );
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
    return {
      mail,
      sha256,
      messageId,
      keys: fps.filter((f) => f.decides).map((f) => f.key),
      notedKeys: fps.filter((f) => !f.decides).map((f) => f.key),
    };
  });
  const rows = await insertRawMails(
    pool,
    prepared.map((p) => ({ ...p.mail, sha256: p.sha256, messageId: p.messageId, keys: p.keys, notedKeys: p.notedKeys })),
  );
  if (rows.length !== prepared.length) throw new Error(`storing raw mails returned ${rows.length} rows for ${prepared.length}`);
  const results: StoreResult[] = [];
  for (const [i, row] of rows.entries()) {
    let first = row.duplicate_of;
    if (row.unknown) first = await nameFirstOfDuplicate(pool, row.id, row.received_at, prepared[i]?.keys ?? []);
    if (row.reused && row.state === 'pending') metrics.messageIdReuses.inc();
    results.push(
      row.state === 'pending'
        ? { kind: 'stored', id: row.id, receivedAt: row.received_at, ...(row.reused ? { reusedMessageId: true } : {}) }
        : { kind: 'duplicate', id: row.id, receivedAt: row.received_at, duplicateOf: first ?? 0 },
    );
  }
  return results;
}
