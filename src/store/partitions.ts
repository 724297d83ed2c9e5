// Partitions of raw_mail and bounce_event: the months ahead are created
// (ensurePartitions), the months past retention dropped.
//
// Retention (docs/pipeline.md): raw mails and bounce events are partitioned by month of
// receipt, so old data goes by dropping whole partitions, never by deleting
// millions of rows. A month goes once all of it is older than its table's
// retention; rows that fell into the DEFAULT partition are deleted in batches.
// An acknowledged mail is never dropped before it is processed: a partition
// still holding pending mails is kept, and said so.
import type { Pool } from '../db/pool.js';
import { withAdvisoryLock } from '../db/pool.js';

const DAY_MS = 86_400_000;
/** Advisory lock key of retention ('inmr'). */
const LOCK_KEY = 0x696e6d72;

export interface RetentionOptions {
  /** Days raw mails are kept; 0 keeps them forever. */
  rawMailDays: number;
  /** Days bounce events are kept; 0 keeps them forever. */
  eventDays: number;
  /** Days a delivery-report attempt's key is kept (an attempt posted again within them changes nothing); 0 keeps them forever. */
  attemptKeyDays: number;
  now: Date;
  batchSize?: number;
  /** How long a DROP may wait for queries on the table before it is left for the next run. */
  lockTimeoutMs?: number;
}

export interface RetentionResult {
  partitionsDropped: string[];
  /** Partitions past retention still holding pending mails. */
  keptWithPending: string[];
  /** Partitions whose DROP could not get its lock in time; the next run tries again. */
  busy: string[];
  /** Rows past retention deleted from the DEFAULT partitions. */
  defaultRowsDeleted: number;
  /** Idempotency keys of the raw mails that are gone. */
  fingerprintsDeleted: number;
  /** Keys of delivery-report attempts older than attemptKeyDays (migration 0018). */
  attemptKeysDeleted: number;
}

interface Partition {
  name: string;
  lower: Date;
  upper: Date;
}

type Table = 'raw_mail' | 'bounce_event';

export async function runRetention(
  pool: Pool,
  opts: RetentionOptions,
): Promise<RetentionResult | { skipped: 'another retention run is going on' }> {
  return (await withAdvisoryLock(pool, LOCK_KEY, () => retentionOnce(pool, opts))) ?? { skipped: 'another retention run is going on' };
}

async function retentionOnce(pool: Pool, opts: RetentionOptions): Promise<RetentionResult> {
  const result: RetentionResult = {
    partitionsDropped: [],
    keptWithPending: [],
    busy: [],
    defaultRowsDeleted: 0,
    fingerprintsDeleted: 0,
    attemptKeysDeleted: 0,
  };
  const cutoffOf = (days: number) => (days > 0 ? new Date(opts.now.getTime() - days * DAY_MS) : null);

  const rawCutoff = cutoffOf(opts.rawMailDays);
  if (rawCutoff) {
    // Fingerprints go up to the oldest raw mail kept past the cutoff, so that a kept mail stays deduplicated.
    let fingerprintCutoff = rawCutoff;
    for (const p of await expiredPartitions(pool, 'raw_mail', rawCutoff)) {
      if (await hasPending(pool, p.name)) {
        result.keptWithPending.push(p.name);
        if (p.lower < fingerprintCutoff) fingerprintCutoff = p.lower;
        continue;
      }
      await drop(pool, p.name, opts, result);
    }
    result.defaultRowsDeleted += await deleteInBatches(
      pool,
      `SELECT ctid FROM raw_mail_default WHERE received_at < $1 AND state <> 'pending' LIMIT $2`,
      'raw_mail_default',
      rawCutoff,
      opts.batchSize,
    );
    const oldestPending = await pool.query<{ at: Date | null }>(
      `SELECT min(received_at) AS at FROM raw_mail_default WHERE state = 'pending' AND received_at < $1`,
      [rawCutoff],
    );
    const at = oldestPending.rows[0]?.at;
    if (at && at < fingerprintCutoff) fingerprintCutoff = at;
    result.fingerprintsDeleted = await deleteInBatches(
      pool,
      'SELECT ctid FROM mail_fingerprint WHERE created_at < $1 LIMIT $2',
      'mail_fingerprint',
      fingerprintCutoff,
      opts.batchSize,
    );
  }

  // A re-posted window of a sending MTA's log comes within days; the keys of delivered
  // attempts are most of them, so they get a retention of their own (docs/intake.md).
  const keyCutoff = cutoffOf(opts.attemptKeyDays);
  if (keyCutoff)
    result.attemptKeysDeleted = await deleteInBatches(
      pool,
      'SELECT ctid FROM delivery_attempt_seen WHERE seen_at < $1 LIMIT $2',
      'delivery_attempt_seen',
      keyCutoff,
      opts.batchSize,
    );

  const eventCutoff = cutoffOf(opts.eventDays);
  if (eventCutoff) {
    for (const p of await expiredPartitions(pool, 'bounce_event', eventCutoff)) await drop(pool, p.name, opts, result);
    result.defaultRowsDeleted += await deleteInBatches(
      pool,
      'SELECT ctid FROM bounce_event_default WHERE received_at < $1 LIMIT $2',
      'bounce_event_default',
      eventCutoff,
      opts.batchSize,
    );
  }
  return result;
}

/** The range partitions of a table whose whole range is older than the cutoff, oldest first. */
async function expiredPartitions(pool: Pool, table: Table, cutoff: Date): Promise<Partition[]> {
  // Bounds read off the catalog, so that partitions made by hand count as well as ours.
  const r = await pool.query<{ name: string; lower: Date; upper: Date }>(
    `SELECT name, lower, upper FROM (
       SELECT c.relname AS name,
              (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower,
              (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = $1::regclass
     ) p
     WHERE upper IS NOT NULL AND upper <= $2
     ORDER BY upper`,
    [table, cutoff],
  );
  return r.rows;
}

async function hasPending(pool: Pool, partition: string): Promise<boolean> {
  const r = await pool.query<{ pending: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(partition)} WHERE state = 'pending') AS pending`);
  return r.rows[0]?.pending ?? false;
}

async function drop(pool: Pool, partition: string, opts: RetentionOptions, result: RetentionResult): Promise<void> {
  const client = await pool.connect();
  try {
    // Dropping a partition locks its parent for an instant; waiting behind a long
    // query would stall every insert queued behind the DROP, so give up and retry later.
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(opts.lockTimeoutMs ?? 5000))}`);
    await client.query(`DROP TABLE ${ident(partition)}`);
    await client.query('COMMIT');
    result.partitionsDropped.push(partition);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((err as { code?: string }).code !== '55P03') throw err;
    result.busy.push(partition);
  } finally {
    client.release();
  }
}

/** Deletes the rows `select` finds ($1 cutoff, $2 batch size), one short transaction per batch. */
async function deleteInBatches(pool: Pool, select: string, table: string, cutoff: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await pool.query(`DELETE FROM ${ident(table)} WHERE ctid = ANY (ARRAY(${select}))`, [cutoff, batchSize]);
    const n = r.rowCount ?? 0;
    total += n;
    if (n < batchSize) return total;
  }
}

/** Our own table names only; quoted all the same. */
function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return `"${name}"`;
}

/** Creates the monthly partitions of the current month and `monthsAhead` more, where missing (the migration's function). */
export async function ensurePartitions(pool: Pool, monthsAhead: number): Promise<void> {
  await pool.query('SELECT inmail_ensure_partitions($1::int)', [monthsAhead]);
}
