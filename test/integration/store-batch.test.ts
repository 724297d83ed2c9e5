// Micro-batched raw store: one transaction for many mails keeps the idempotency
// of storeRaw — the same bytes twice, in one batch or across batches, count once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeMany, storeRaw, type IncomingMail } from '../../src/intake/store-raw.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.drop();
});

const mail = (text: string, rcptTo = ['b@bounces.test', 'c@bounces.test']): IncomingMail => ({
  source: 'smtp', rcptTo, body: Buffer.from(`Message-ID: <${text}@x>\r\nSubject: t\r\n\r\n${text}\r\n`),
});

describe('storeMany', () => {
  it('stores a batch in order with its recipients, and marks a mail repeated within the batch as a duplicate of the first', async () => {
    const r = await storeMany(db.pool, [mail('one'), mail('two', []), mail('one')]);
    expect(r.map((x) => x.kind)).toEqual(['stored', 'stored', 'duplicate']);
    expect(r[2]).toMatchObject({ duplicateOf: r[0]?.id });
    const rows = await db.pool.query<{ id: number; rcpt_to: string[]; state: string }>('SELECT id, rcpt_to, state FROM raw_mail ORDER BY id');
    expect(rows.rows.map((x) => [x.rcpt_to, x.state])).toEqual([
      [['b@bounces.test', 'c@bounces.test'], 'pending'],
      [[], 'pending'],
      [['b@bounces.test', 'c@bounces.test'], 'duplicate'],
    ]);
  });

  it('marks a mail already stored by an earlier transaction as its duplicate', async () => {
    const first = await storeRaw(db.pool, mail('three'));
    const r = await storeMany(db.pool, [mail('four'), mail('three')]);
    expect(r[0]?.kind).toBe('stored');
    expect(r[1]).toMatchObject({ kind: 'duplicate', duplicateOf: first.id });
  });
});
