// Retention with real Postgres partitions, `now` passed in: whole months past
// retention are dropped, a month holding pending mails is kept, rows in the
// DEFAULT partition go in batches, and fingerprints follow their raw mails, as
// do the keys of delivery-report attempts (with the fingerprints' cutoff).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention, type RetentionOptions } from '../../src/store/partitions.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
const NOW = new Date('2026-06-30T12:00:00Z');
// Raw mails: cutoff 2026-04-01 12:00, so January to March 2026 are past it. Events: cutoff 2025-06-30.
// Attempt keys: 100 days, a cutoff of 2026-03-22 that differs from the raw mails' (2026-04-01).
const OPTS: RetentionOptions = { rawMailDays: 90, eventDays: 365, attemptKeyDays: 100, now: NOW, batchSize: 2 };

async function rawMail(receivedAt: string, state: 'pending' | 'processed', fingerprint: string): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `INSERT INTO raw_mail (received_at, source, sha256, size, body, state) VALUES ($1, 'file', '\\x00', 1, 'x', $2) RETURNING id`,
    [receivedAt, state],
  );
  const id = r.rows[0]?.id ?? 0;
  await db.pool.query('INSERT INTO mail_fingerprint (fingerprint, raw_mail_id, created_at) VALUES ($1, $2, $3)', [
    fingerprint,
    id,
    receivedAt,
  ]);
  return id;
}

async function event(receivedAt: string, address: string): Promise<void> {
  await db.pool.query(
    `INSERT INTO bounce_event (raw_mail_id, received_at, occurred_at, address, address_key, kind, action, reason, type, failure_reason, outcome)
     VALUES (0, $1, $1, $2, $2, 'bounce', 'failed', 'userunknown', 'hard', 1, 'applied')`,
    [receivedAt, address],
  );
}

const partition = (name: string, parent: string, from: string, to: string) =>
  db.pool.query(`CREATE TABLE ${name} PARTITION OF ${parent} FOR VALUES FROM ('${from}') TO ('${to}')`);
const exists = async (table: string) =>
  (await db.pool.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])).rows[0]?.t !== null;
const states = async () =>
  (await db.pool.query<{ received_at: Date; state: string }>('SELECT received_at, state FROM raw_mail ORDER BY received_at')).rows.map(
    (r) => `${r.received_at.toISOString().slice(0, 10)} ${r.state}`,
  );
const fingerprints = async () =>
  (await db.pool.query<{ fingerprint: string }>('SELECT fingerprint FROM mail_fingerprint ORDER BY fingerprint')).rows.map(
    (r) => r.fingerprint,
  );
const attemptKeys = async () =>
  (await db.pool.query<{ k: string }>("SELECT convert_from(key, 'UTF8') AS k FROM delivery_attempt_seen ORDER BY key")).rows.map(
    (r) => r.k,
  );
const events = async () =>
  (await db.pool.query<{ address: string }>('SELECT address FROM bounce_event ORDER BY address')).rows.map((r) => r.address);

beforeAll(async () => {
  db = await createTestDb();
  // Partitions first: a month's partition cannot be made once DEFAULT holds rows of that month.
  await partition('raw_mail_202601', 'raw_mail', '2026-01-01', '2026-02-01');
  await partition('raw_mail_202602', 'raw_mail', '2026-02-01', '2026-03-01');
  await partition('raw_mail_202603', 'raw_mail', '2026-03-01', '2026-04-01');
  await partition('raw_mail_202604', 'raw_mail', '2026-04-01', '2026-05-01');
  await partition('bounce_event_202501', 'bounce_event', '2025-01-01', '2025-02-01');
  await partition('bounce_event_202507', 'bounce_event', '2025-07-01', '2025-08-01');

  await rawMail('2026-01-05', 'processed', 'fp-jan-1');
  await rawMail('2026-01-20', 'processed', 'fp-jan-2');
  await rawMail('2026-02-10', 'processed', 'fp-feb-1');
  await rawMail('2026-02-11', 'pending', 'fp-feb-2');
  await rawMail('2026-03-15', 'processed', 'fp-mar-1');
  await rawMail('2026-04-02', 'processed', 'fp-apr-1'); // its month is not wholly past the cutoff
  await rawMail('2025-10-01', 'processed', 'fp-def-old'); // no partition: DEFAULT
  await rawMail('2025-10-02', 'processed', 'fp-def-old2');
  await rawMail('2025-10-03', 'processed', 'fp-def-old3');
  await rawMail('2025-11-10', 'pending', 'fp-def-pending');
  await rawMail('2026-05-01', 'processed', 'fp-def-recent');

  // Keys named by when they were seen; readable bytes instead of hashes.
  for (const [key, seenAt] of [
    ['key-2025-10-01', '2025-10-01'],
    ['key-2025-12-01', '2025-12-01'],
    ['key-2026-03-01', '2026-03-01'],
    ['key-2026-03-02', '2026-03-02'],
    ['key-2026-05-01', '2026-05-01'],
  ])
    await db.pool.query('INSERT INTO delivery_attempt_seen (key, seen_at) VALUES (convert_to($1, $$UTF8$$), $2)', [key, seenAt]);

  await event('2025-01-10', 'jan25@example.com');
  await event('2025-07-10', 'jul25@example.com');
  await event('2025-03-01', 'def-old@example.com');
  await event('2026-01-01', 'def-recent@example.com');
});
afterAll(async () => db?.drop());

describe('retention', () => {
  it('leaves a month whose DROP cannot get its lock for the next run, and drops nothing that is in use', async () => {
    const reader = await db.pool.connect();
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM raw_mail_202603');
      const r = await runRetention(db.pool, { ...OPTS, lockTimeoutMs: 200 });
      expect(r).toMatchObject({ partitionsDropped: ['raw_mail_202601', 'bounce_event_202501'], busy: ['raw_mail_202603'] });
      expect(await exists('raw_mail_202603')).toBe(true);
    } finally {
      await reader.query('ROLLBACK');
      reader.release();
    }
  });

  it('drops months past retention, keeps one with pending mails, deletes old DEFAULT rows but pending ones', async () => {
    const r = await runRetention(db.pool, OPTS);
    expect(r).toMatchObject({ partitionsDropped: ['raw_mail_202603'], keptWithPending: ['raw_mail_202602'], busy: [] });
    for (const gone of ['raw_mail_202601', 'raw_mail_202603', 'bounce_event_202501']) expect(await exists(gone)).toBe(false);
    for (const kept of ['raw_mail_202602', 'raw_mail_202604', 'bounce_event_202507']) expect(await exists(kept)).toBe(true);
    expect(await states()).toEqual([
      '2025-11-10 pending',
      '2026-02-10 processed',
      '2026-02-11 pending',
      '2026-04-02 processed',
      '2026-05-01 processed',
    ]);
    expect(await events()).toEqual(['def-recent@example.com', 'jul25@example.com']);
  });

  it('forgets attempt keys by their own retention, whatever the raw mails keep', async () => {
    expect(await attemptKeys()).toEqual(['key-2026-05-01']);
  });

  it('forgets the fingerprints of dropped mails only up to the oldest mail kept, so that a kept mail stays deduplicated', async () => {
    // The pending DEFAULT mail of 2025-11-10 is the oldest kept: January's keys stay for now.
    expect(await fingerprints()).toEqual([
      'fp-apr-1',
      'fp-def-pending',
      'fp-def-recent',
      'fp-feb-1',
      'fp-feb-2',
      'fp-jan-1',
      'fp-jan-2',
      'fp-mar-1',
    ]);
  });

  it('takes the rest once the pending mails are processed, and a further run changes nothing', async () => {
    await db.pool.query(`UPDATE raw_mail SET state = 'processed' WHERE state = 'pending'`);
    const r = await runRetention(db.pool, OPTS);
    expect(r).toMatchObject({
      partitionsDropped: ['raw_mail_202602'],
      keptWithPending: [],
      defaultRowsDeleted: 1,
      fingerprintsDeleted: 6,
      attemptKeysDeleted: 0,
    });
    expect(await states()).toEqual(['2026-04-02 processed', '2026-05-01 processed']);
    expect(await fingerprints()).toEqual(['fp-apr-1', 'fp-def-recent']);
    expect(await attemptKeys()).toEqual(['key-2026-05-01']);
    expect(await runRetention(db.pool, OPTS)).toEqual({
      partitionsDropped: [],
      keptWithPending: [],
      busy: [],
      defaultRowsDeleted: 0,
      fingerprintsDeleted: 0,
      attemptKeysDeleted: 0,
    });
  });

  it('keeps everything when retention is 0', async () => {
    await partition('raw_mail_202001', 'raw_mail', '2020-01-01', '2020-02-01');
    await db.pool.query("INSERT INTO delivery_attempt_seen (key, seen_at) VALUES (convert_to('key-2020-01-01', 'UTF8'), '2020-01-01')");
    expect(await runRetention(db.pool, { ...OPTS, rawMailDays: 0, eventDays: 0, attemptKeyDays: 0 })).toMatchObject({
      partitionsDropped: [],
      attemptKeysDeleted: 0,
    });
    expect(await exists('raw_mail_202001')).toBe(true);
    expect(await attemptKeys()).toEqual(['key-2020-01-01', 'key-2026-05-01']);
  });
});
