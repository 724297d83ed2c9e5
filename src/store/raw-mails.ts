// SQL of raw mails (raw_mail, mail_fingerprint): stored at intake, read and
// claimed by the worker, marked failed, replayed, swept, counted. The only module
// that reads or writes these tables (partition retention: partitions.ts).
import type { Pool, PoolClient } from '../db/pool.js';
import { byteaArray } from '../db/bytea-array.js';
import { pgText } from '../domain/pg-text.js';

/** A mail to store, with its sha256, Message-ID and idempotency keys already computed (intake/store-raw.ts). */
export interface NewRawMail {
  source: string;
  sourceRef?: string | null;
  remoteAddr?: string | null;
  helo?: string | null;
  mailFrom?: string | null;
  rcptTo: readonly string[];
  body: Buffer;
  receivedAt?: Date;
  /** TLS protocol of the SMTP session (STARTTLS), or null for plain text. */
  tls?: string | null;
  sha256: Buffer;
  messageId: string | null;
  /** Idempotency keys: a known one makes the mail a duplicate. */
  keys: readonly string[];
  /** Keys only noted: a known one marks a reuse (a Message-ID with other content), not a duplicate. */
  notedKeys?: readonly string[];
}

/** One stored row: `pending`, or `duplicate` of the first mail holding one of its keys (`unknown` when that first is not yet visible). */
export interface InsertedRawMail {
  id: number;
  received_at: Date;
  state: string;
  duplicate_of: number | null;
  unknown: boolean;
  /** A noted key (the Message-ID of another mail of this source) was already known. */
  reused: boolean;
  ord: number;
}

/**
 * Inserts the mails in one statement: ids are drawn first, the fingerprints claimed
 * (in key order, so that two batches cannot deadlock), and each mail inserted already
 * as `pending` or as the `duplicate` of the first mail that holds one of its keys.
 * Rows in the order given.
 */
export async function insertRawMails(pool: Pool, mails: readonly NewRawMail[]): Promise<InsertedRawMail[]> {
  const keys = mails.flatMap((m, i) => [
    ...m.keys.map((k) => [k, i + 1, true] as const),
    ...(m.notedKeys ?? []).map((k) => [k, i + 1, false] as const),
  ]);
  // Recipients travel as one newline-joined string per mail: unnest would flatten a text[][].
  // received_at is cut to milliseconds: it comes back as a JS Date and is part of the
  // key later statements match on (claim, duplicate marking).
  // A key taken by a transaction that committed while this statement ran is not visible
  // to it: the mail is then stored as a duplicate of an unknown first (`unknown`), and
  // the first is looked up afterwards. Owners are found by joins, not by a subquery per
  // key: a subquery over the inserted keys scans them all for each key, quadratic in the
  // batch (500 IMAP mails took 1.4 s).
  const r = await pool.query<InsertedRawMail>({
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
       SELECT k.id, k.decides, COALESCE(fp.raw_mail_id, f.raw_mail_id) AS owner
       FROM k LEFT JOIN fp ON fp.fingerprint = k.fingerprint
              LEFT JOIN mail_fingerprint f ON fp.fingerprint IS NULL AND f.fingerprint = k.fingerprint
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
      mails.map((m) => m.receivedAt ?? null),
      mails.map((m) => m.source),
      mails.map((m) => pgText(m.sourceRef ?? null)),
      mails.map((m) => pgText(m.remoteAddr ?? null)),
      mails.map((m) => pgText(m.helo ?? null)),
      mails.map((m) => pgText(m.mailFrom ?? null)),
      mails.map((m) => pgText(m.rcptTo.join('\n'))),
      mails.map((m) => m.messageId),
      byteaArray(mails.map((m) => m.sha256)),
      byteaArray(mails.map((m) => m.body)),
      keys.map(([k]) => k),
      keys.map(([, ord]) => ord),
      keys.map(([, , decides]) => decides),
      mails.map((m) => pgText(m.tls ?? null)),
    ],
  });
  return r.rows;
}

/** The first mail of a duplicate whose key was committed by another transaction during its insert. */
export async function nameFirstOfDuplicate(pool: Pool, id: number, receivedAt: Date, keys: readonly string[]): Promise<number | null> {
  const r = await pool.query<{ first: number | null }>(
    `UPDATE raw_mail SET duplicate_of = (SELECT min(raw_mail_id) FROM mail_fingerprint WHERE fingerprint = ANY($3::text[]) AND raw_mail_id <> $1)
     WHERE id = $1 AND received_at = $2 RETURNING duplicate_of AS first`,
    [id, receivedAt, keys],
  );
  return r.rows[0]?.first ?? null;
}

/** A raw mail's primary key as a job names it; `receivedAt` null when the job did not say. */
export interface RawMailKey {
  id: number;
  receivedAt: Date | null;
}

/** A stored mail as the worker reads it. */
export interface RawMail {
  id: number;
  receivedAt: Date;
  state: string;
  body: Buffer;
  rcptTo: string[];
  mailFrom: string | null;
  /** Where it came from (domain/source.ts): a mail source's body is a mail, a report source's a provider event. */
  source: string;
  sourceRef: string | null;
}

/** What loadRaws read: the mails with their bodies, and those whose body waits for a later read. */
export interface LoadedRaws {
  raws: Map<number, RawMail>;
  /** Pending mails past the byte budget: read without a body, to be loaded by another call. */
  later: RawMailKey[];
}

/**
 * Reads the raw mails by primary key (id, received_at): a join on the whole key
 * is planned as one index probe per mail even before the table has statistics;
 * by id alone, a freshly loaded partition was read whole for each batch.
 * Mails named without their receipt time (older jobs) are read by id.
 * Bodies come, in the order of `mails`, until they add up to `maxBytes` (the first
 * always comes, whatever its size): the rest are named in `later`, so that a batch
 * of large mails holds a bounded number of bytes however many mails it names. A
 * mail no longer pending comes without its body: nobody reads it.
 */
export async function loadRaws(pool: Pool, mails: readonly RawMailKey[], maxBytes = Infinity): Promise<LoadedRaws> {
  const keyed = mails.filter((m) => m.receivedAt !== null);
  const bare = mails.filter((m) => m.receivedAt === null).map((m) => m.id);
  const r = await pool.query<{
    id: number;
    received_at: Date;
    state: string;
    body: Buffer | null;
    rcpt_to: string[];
    mail_from: string | null;
    source: string;
    source_ref: string | null;
  }>({
    name: 'inmail-load-raws',
    text: `SELECT id, received_at, state, rcpt_to, mail_from, source, source_ref,
            CASE WHEN state = 'pending' AND sum(CASE WHEN state = 'pending' THEN size ELSE 0 END)
                   OVER (ORDER BY n ROWS UNBOUNDED PRECEDING) - size < $4 THEN body END AS body
     FROM (
       SELECT k.n, r.id, r.received_at, r.state, r.size, r.body, r.rcpt_to, r.mail_from, r.source, r.source_ref
       FROM unnest($1::bigint[], $2::timestamptz[]) WITH ORDINALITY AS k(id, received_at, n)
            JOIN raw_mail r ON r.id = k.id AND r.received_at = k.received_at
       UNION ALL
       SELECT cardinality($1::bigint[]) + 1, id, received_at, state, size, body, rcpt_to, mail_from, source, source_ref
       FROM raw_mail WHERE cardinality($3::bigint[]) > 0 AND id = ANY($3::bigint[])
     ) AS m`,
    // Infinity is no bigint: the largest one stands for no budget.
    values: [keyed.map((m) => m.id), keyed.map((m) => m.receivedAt), bare, Number.isFinite(maxBytes) ? maxBytes : '9223372036854775807'],
  });
  const raws = new Map<number, RawMail>();
  const later: RawMailKey[] = [];
  for (const row of r.rows) {
    if (row.state === 'pending' && row.body === null) {
      later.push({ id: row.id, receivedAt: row.received_at });
      continue;
    }
    raws.set(row.id, {
      id: row.id,
      receivedAt: row.received_at,
      state: row.state,
      body: row.body ?? Buffer.alloc(0),
      rcptTo: row.rcpt_to,
      mailFrom: row.mail_from,
      source: row.source,
      sourceRef: row.source_ref,
    });
  }
  return { raws, later };
}

/**
 * Takes the raw rows from pending to processed, in one statement; returns those this run took.
 * A row is taken at most once whatever the list holds: a mail named twice updates its
 * row once and comes back once, and a row another transaction took is not pending for this one.
 * The rows are found by primary key, one index probe each; `(state || '')` keeps the
 * planner off the partial pending index, whose statistics lag behind a growing
 * backlog: planned from them, the claim read every pending row of the partition for
 * each batch, and drain slowed as the backlog grew (11 ms per batch of 20 at 10,000 pending).
 * A MIME problem the parser worked around stays in `error` of the processed row, for `inmail mails list`.
 */
export async function claim(
  db: PoolClient,
  mails: readonly { raw: RawMail; kind: string; problem: string | null }[],
): Promise<Set<number>> {
  const r = await db.query<{ id: number }>({
    name: 'inmail-claim',
    text: `UPDATE raw_mail r SET state = 'processed', kind = x.kind, processed_at = now(), attempts = r.attempts + 1, error = x.problem
     FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[]) AS x(id, received_at, kind, problem)
     WHERE r.id = x.id AND r.received_at = x.received_at AND (r.state || '') = 'pending'
     RETURNING r.id`,
    values: [mails.map((m) => m.raw.id), mails.map((m) => m.raw.receivedAt), mails.map((m) => m.kind), mails.map((m) => m.problem)],
  });
  return new Set(r.rows.map((x) => x.id));
}

/** Keeps the raw mail with its error; it is listed and can be replayed, never retried forever. */
export async function markFailed(pool: Pool, id: number, error: string): Promise<void> {
  await pool.query(
    `UPDATE raw_mail SET state = 'failed', error = $2, attempts = attempts + 1, processed_at = now()
     WHERE id = $1 AND (state || '') = 'pending'`, // by id, not the pending index: see claim
    [id, error.slice(0, 2000)],
  );
}

/** Which raw mails `inmail replay` and `inmail mails list` take. */
export interface ReplayFilter {
  state: 'pending' | 'failed';
  since?: Date;
  until?: Date;
  ids?: number[];
  limit?: number;
}

export async function selectForReplay(pool: Pool, f: ReplayFilter): Promise<RawMailKey[]> {
  const r = await pool.query<{ id: number; received_at: Date }>(
    `SELECT id, received_at FROM raw_mail
     WHERE state = $1 AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at <= $3)
       AND ($4::bigint[] IS NULL OR id = ANY($4))
     ORDER BY received_at, id LIMIT $5`,
    [f.state, f.since ?? null, f.until ?? null, f.ids ?? null, f.limit ?? 100_000],
  );
  return r.rows.map((x) => ({ id: x.id, receivedAt: x.received_at }));
}

/** Failed mails go back to pending, so that the worker's claim accepts them again. */
export async function resetFailed(pool: Pool, ids: readonly number[]): Promise<void> {
  await pool.query(`UPDATE raw_mail SET state = 'pending', error = NULL, processed_at = NULL WHERE id = ANY($1) AND state = 'failed'`, [
    ids,
  ]);
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
    id: number;
    received_at: Date;
    source: string;
    state: string;
    kind: string | null;
    size: number;
    message_id: string | null;
    mail_from: string | null;
    error: string | null;
    tls: string | null;
  }>(
    `SELECT id, received_at, source, state, kind, size, message_id, mail_from, error, tls FROM raw_mail
     WHERE ($1::text IS NULL OR state = $1) AND ($2::timestamptz IS NULL OR received_at >= $2) AND ($3::timestamptz IS NULL OR received_at <= $3)
     ORDER BY received_at DESC, id DESC LIMIT $4`,
    [f.state ?? null, f.since ?? null, f.until ?? null, f.limit ?? 100],
  );
  return r.rows.map((m) => ({
    id: m.id,
    receivedAt: m.received_at,
    source: m.source,
    state: m.state,
    kind: m.kind,
    size: m.size,
    messageId: m.message_id,
    mailFrom: m.mail_from,
    error: m.error,
    tls: m.tls,
  }));
}

/** Mails pending for longer than `olderThanSeconds`, oldest first (the sweep). */
export async function pendingOlderThan(pool: Pool, olderThanSeconds: number, limit: number): Promise<RawMailKey[]> {
  const r = await pool.query<{ id: number; received_at: Date }>(
    `SELECT id, received_at FROM raw_mail WHERE state = 'pending' AND received_at < now() - make_interval(secs => $1)
     ORDER BY received_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
  return r.rows.map((x) => ({ id: x.id, receivedAt: x.received_at }));
}

/** Pending mails counted up to `cap`, so the cost stays flat however deep the backlog; and the oldest one's age in seconds. */
export async function pendingBacklog(pool: Pool, cap: number): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const r = await pool.query<{ pending: number; age: number | null }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM raw_mail WHERE state = 'pending' LIMIT $1) p)::int AS pending,
            extract(epoch FROM now() - (SELECT min(received_at) FROM raw_mail WHERE state = 'pending'))::float8 AS age`,
    [cap],
  );
  const row = r.rows[0];
  return { pending: row?.pending ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
}

/** Raw mails per state. */
/** Stored items by source (smtp, imap, sendgrid, ...) and state, in one scan. */
export async function countMailsBySourceAndState(pool: Pool): Promise<{ source: string; state: string; n: number }[]> {
  const r = await pool.query<{ source: string; state: string; n: number }>(
    'SELECT source, state, count(*)::int AS n FROM raw_mail GROUP BY source, state ORDER BY source, state',
  );
  return r.rows;
}

/** One stored mail with its bytes (`inmail mails show`). */
export interface StoredMail extends MailSummary {
  sourceRef: string | null;
  rcptTo: string[];
  duplicateOf: number | null;
  body: Buffer;
}

/** The mail with this id, or null. Raw mails are partitioned by receipt time: the id alone scans every partition, fine for one operator lookup. */
export async function getMail(pool: Pool, id: number): Promise<StoredMail | null> {
  const r = await pool.query<{
    id: number;
    received_at: Date;
    source: string;
    source_ref: string | null;
    state: string;
    kind: string | null;
    size: number;
    message_id: string | null;
    mail_from: string | null;
    rcpt_to: string[];
    error: string | null;
    duplicate_of: number | null;
    tls: string | null;
    body: Buffer;
  }>(
    `SELECT id, received_at, source, source_ref, state, kind, size, message_id, mail_from, rcpt_to, error, duplicate_of, tls, body
     FROM raw_mail WHERE id = $1 LIMIT 1`,
    [id],
  );
  const m = r.rows[0];
  if (!m) return null;
  return {
    id: Number(m.id),
    receivedAt: m.received_at,
    source: m.source,
    sourceRef: m.source_ref,
    state: m.state,
    kind: m.kind,
    size: m.size,
    messageId: m.message_id,
    mailFrom: m.mail_from,
    rcptTo: m.rcpt_to,
    error: m.error,
    duplicateOf: m.duplicate_of === null ? null : Number(m.duplicate_of),
    tls: m.tls,
    body: m.body,
  };
}

/** Mails received since `since`, per hour and by their state now (the console's chart). */
export async function mailsPerHourByState(pool: Pool, since: Date): Promise<{ hour: string; state: string; mails: number }[]> {
  const r = await pool.query<{ hour: Date; state: string; n: number }>(
    `SELECT date_trunc('hour', received_at) AS hour, state, count(*)::int AS n FROM raw_mail
     WHERE received_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [since],
  );
  return r.rows.map((x) => ({ hour: x.hour.toISOString(), state: x.state, mails: x.n }));
}
