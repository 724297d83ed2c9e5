// The cleanup job's automatic releases (SPEC §5), with `now` passed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCleanup } from '../../src/quarantine/cleanup.js';
import type { Policy } from '../../src/quarantine/state.js';
import { historyOf, seedAddresses, statusOf } from '../helpers/addresses.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { DEFAULT_POLICY } from '../helpers/policy.js';

let db: TestDb;
const policy: Policy = DEFAULT_POLICY;
const NOW = new Date('2026-06-30T12:00:00Z');
const ago = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

beforeAll(async () => {
  db = await createTestDb();
  await seedAddresses(db.pool, [
    { address: 'idle11@example.com', status: 'erroneous', reason: 'networkerror', type: 'soft', lastErrorAt: ago(11) },
    { address: 'idle12@example.com', status: 'erroneous', reason: 'systemerror', type: 'soft', lastErrorAt: ago(12) },
    { address: 'idle40@example.com', status: 'erroneous', reason: 'networkerror', type: 'soft', lastErrorAt: ago(40) },
    { address: 'recent@example.com', status: 'erroneous', reason: 'networkerror', type: 'soft', lastErrorAt: ago(9) },
    { address: 'fullsoon@example.com', status: 'erroneous', reason: 'mailboxfull', type: 'soft', lastErrorAt: ago(20) },
    { address: 'fullold@example.com', status: 'quarantined', reason: 'mailboxfull', type: 'soft', errorCount: 5, lastErrorAt: ago(31) },
    { address: 'fullnew@example.com', status: 'quarantined', reason: 'mailboxfull', type: 'soft', errorCount: 5, lastErrorAt: ago(29) },
    { address: 'hard@example.com', status: 'quarantined', reason: 'userunknown', type: 'hard', lastErrorAt: ago(400) },
    { address: 'deny@example.com', status: 'denylisted', reason: 'feedback', type: 'hard', lastErrorAt: ago(400) },
  ]);
});
afterAll(async () => db.drop());

describe('cleanup job', () => {
  it('releases idle erroneous addresses and old mailboxfull quarantines, in batches, and reports how many', async () => {
    const result = await runCleanup(db.pool, { policy, now: NOW, batchSize: 2 });
    expect(result).toMatchObject({ erroneousReleased: 3, quarantineReleased: 1 });
    for (const a of ['idle11', 'idle12', 'idle40', 'fullold']) expect(await statusOf(db.pool, `${a}@example.com`)).toBe('valid');
    expect(await statusOf(db.pool, 'recent@example.com')).toBe('erroneous');
    expect(await statusOf(db.pool, 'fullsoon@example.com')).toBe('erroneous');
    expect(await statusOf(db.pool, 'fullnew@example.com')).toBe('quarantined');
  });

  it('never releases a hard quarantine or a denylisted address', async () => {
    expect(await statusOf(db.pool, 'hard@example.com')).toBe('quarantined');
    expect(await statusOf(db.pool, 'deny@example.com')).toBe('denylisted');
  });

  it('writes a history row by cleanup for each release', async () => {
    expect(await historyOf(db.pool, 'fullold@example.com')).toEqual([
      expect.objectContaining({ from_status: 'quarantined', to_status: 'valid', by: 'cleanup' }),
    ]);
    const n = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM address_history WHERE by = 'cleanup'`);
    expect(n.rows[0]?.n).toBe(4);
  });

  it('changes nothing when run again at the same time', async () => {
    expect(await runCleanup(db.pool, { policy, now: NOW })).toMatchObject({ erroneousReleased: 0, quarantineReleased: 0 });
  });

  it('skips a run while another one holds the cleanup lock', async () => {
    const other = await db.pool.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [0x696e6d63]);
      expect(await runCleanup(db.pool, { policy, now: NOW })).toEqual({ skipped: 'another cleanup is running' });
      await other.query('SELECT pg_advisory_unlock($1)', [0x696e6d63]);
    } finally {
      other.release();
    }
  });

  it('releases the rest once their time has come', async () => {
    const later = new Date(NOW.getTime() + 11 * 86_400_000);
    expect(await runCleanup(db.pool, { policy, now: later })).toMatchObject({ erroneousReleased: 2, quarantineReleased: 1 });
  });
});
