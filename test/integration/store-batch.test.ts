// Micro-batched raw store: one transaction for many mails keeps the idempotency
// of storeRaw — the same bytes twice, in one batch or across batches, count once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeMany, storeRaw, type IncomingMail } from '../../src/intake/store-raw.js';
import { createHash } from 'node:crypto';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.drop();
});

const mail = (text: string, rcptTo = ['b@bounces.test', 'c@bounces.test']): IncomingMail => ({
  source: 'smtp',
  rcptTo,
  body: Buffer.from(`Message-ID: <${text}@x>\r\nSubject: t\r\n\r\n${text}\r\n`),
});

describe('storeMany', () => {
  it('stores a batch in order with its recipients, and marks a mail repeated within the batch as a duplicate of the first', async () => {
    const r = await storeMany(db.pool, [mail('one'), mail('two', []), mail('one')]);
    expect(r.map((x) => x.kind)).toEqual(['stored', 'stored', 'duplicate']);
    expect(r[2]).toMatchObject({ duplicateOf: r[0]?.id });
    const rows = await db.pool.query<{ id: number; rcpt_to: string[]; state: string }>(
      'SELECT id, rcpt_to, state FROM raw_mail ORDER BY id',
    );
    expect(rows.rows.map((x) => [x.rcpt_to, x.state])).toEqual([
      [['b@bounces.test', 'c@bounces.test'], 'pending'],
      [[], 'pending'],
      [['b@bounces.test', 'c@bounces.test'], 'duplicate'],
    ]);
  });

  it('stores a mail whose envelope or Message-ID holds a NUL (text columns cannot), keeping the byte in the body', async () => {
    const body = Buffer.from('Message-ID: <nul\0id@x>\r\nSubject: t\r\n\r\nbody\r\n');
    const r = await storeMany(db.pool, [
      { source: 'smtp', helo: 'h\0elo', mailFrom: 'a\0b@x.test', rcptTo: ['b\0@bounces.test'], sourceRef: 's\0ref', body },
    ]);
    expect(r[0]?.kind).toBe('stored');
    const row = await db.pool.query<{ mail_from: string; rcpt_to: string[]; source_ref: string; body: Buffer }>(
      'SELECT mail_from, rcpt_to, source_ref, body FROM raw_mail WHERE id = $1',
      [r[0]?.id],
    );
    expect(row.rows[0]).toMatchObject({ mail_from: 'a b@x.test', rcpt_to: ['b @bounces.test'], source_ref: 's ref' });
    expect(row.rows[0]?.body.equals(body)).toBe(true);
  });

  it('keeps every byte of the bodies it sends as a binary bytea[] (all 256 values, NUL, an empty body) and their sha256', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const bodies = [
      Buffer.concat([Buffer.from('Subject: bytes\r\n\r\n'), all, Buffer.from(all).reverse()]),
      Buffer.alloc(0),
      Buffer.from('\0\0\r\n'),
    ];
    const r = await storeMany(
      db.pool,
      bodies.map((body) => ({ source: 'file', rcptTo: [], body })),
    );
    const ids = r.map((x) => x.id);
    const rows = await db.pool.query<{ id: number; body: Buffer; sha256: Buffer; size: number }>(
      'SELECT id, body, sha256, size FROM raw_mail WHERE id = ANY($1) ORDER BY id',
      [ids],
    );
    expect(rows.rows.map((x) => x.body.toString('hex'))).toEqual(bodies.map((b) => b.toString('hex')));
    expect(rows.rows.map((x) => x.size)).toEqual(bodies.map((b) => b.length));
    expect(rows.rows.map((x) => x.sha256.toString('hex'))).toEqual(bodies.map((b) => createHash('sha256').update(b).digest('hex')));
  });

  it('marks a mail already stored by an earlier transaction as its duplicate', async () => {
    const first = await storeRaw(db.pool, mail('three'));
    const r = await storeMany(db.pool, [mail('four'), mail('three')]);
    expect(r[0]?.kind).toBe('stored');
    expect(r[1]).toMatchObject({ kind: 'duplicate', duplicateOf: first.id });
  });

  it('names the first mail when another transaction commits the same key while the insert waits on it', async () => {
    const m = mail('five');
    const key = `sha256:${createHash('sha256').update(m.body).digest('hex')}`;
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('INSERT INTO mail_fingerprint (fingerprint, raw_mail_id) VALUES ($1, 424242)', [key]);
      const stored = storeRaw(db.pool, m);
      // The insert now waits on the uncommitted key; its snapshot will not see it once committed.
      await waitFor(
        'the insert to wait on the key',
        async () =>
          (
            await db.pool.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows[0]?.n === 1,
      );
      await other.query('COMMIT');
      const r = await stored;
      expect(r).toMatchObject({ kind: 'duplicate', duplicateOf: 424242 });
      const row = await db.pool.query<{ state: string; duplicate_of: number }>('SELECT state, duplicate_of FROM raw_mail WHERE id = $1', [
        r.id,
      ]);
      expect(row.rows[0]).toEqual({ state: 'duplicate', duplicate_of: 424242 });
    } finally {
      other.release();
    }
  });
});
