// Many bounces for one address handled at once by several connections give
// exact counts (row locks in the worker's transaction), and sender-side
// failures land in domain_health, not on the address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { createLogger } from '../../src/logger.js';
import type { Policy } from '../../src/quarantine/state.js';
import { buildDsn } from '../helpers/dsn.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { createPool, type Pool } from '../../src/db/pool.js';

let db: TestDb;
let pool: Pool;
const policy: Policy = {
  softThreshold: 1000,
  significantErrorPeriodSeconds: 0,
  resetAfterDays: 10,
  erroneousReleaseDays: 10,
  mailboxfullReleaseDays: 30,
  perReason: {},
};

beforeAll(async () => {
  db = await createTestDb();
  pool = createPool(db.url, 12);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

async function storeDsn(i: number, recipients: Parameters<typeof buildDsn>[0]['recipients']): Promise<number> {
  const body = Buffer.from(buildDsn({ recipients, date: new Date(Date.now() - 3_600_000 + i * 1000) }));
  const r = await storeRaw(pool, { source: 'file', rcptTo: ['b@bounces.test'], body });
  return r.id;
}

describe('concurrent bounces for one address', () => {
  it('counts each of 40 soft errors handled concurrently exactly once, with one history row each', async () => {
    const N = 40;
    const ids = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        storeDsn(i, [{ address: 'Busy@Example.com', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full, over quota' }]),
      ),
    );
    const deps: ProcessDeps = { pool, policy, keys: { caseSensitiveLocalPart: false }, logger: createLogger('silent') };
    const outcomes = await Promise.all(ids.map((id) => processMail(deps, id)));
    expect(outcomes.every((o) => o.kind === 'processed')).toBe(true);

    const a = await pool.query<{ status: string; error_count: number }>(
      `SELECT status, error_count FROM address WHERE channel = 'email' AND address_key = 'busy@example.com'`,
    );
    expect(a.rows).toEqual([{ status: 'erroneous', error_count: N }]);
    const h = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM address_history WHERE address_key = 'busy@example.com'`);
    expect(h.rows[0]?.n).toBe(N);
  });

  it('counts sender-side failures per recipient domain and leaves the addresses alone', async () => {
    const N = 24;
    const ids = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        storeDsn(1000 + i, [
          {
            address: `user${i}@blocked.example`,
            status: '5.7.1',
            diagnostic: '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
          },
          {
            address: `other${i}@blocked.example`,
            status: '5.7.1',
            diagnostic: '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org',
          },
        ]),
      ),
    );
    // Even a rule that calls such a failure soft must not count it against the address.
    const deps: ProcessDeps = {
      pool,
      policy,
      keys: { caseSensitiveLocalPart: false },
      logger: createLogger('silent'),
      qualify: (r) => (r.reason === 'blocked' ? { ...r, type: 'soft', ruleId: 'test-soft-blocked' } : r),
    };
    await Promise.all(ids.map((id) => processMail(deps, id)));

    const reasons = await pool.query<{ reason: string }>(`SELECT DISTINCT reason FROM bounce_event WHERE domain = 'blocked.example'`);
    expect(reasons.rows.map((r) => r.reason)).toEqual(['blocked']);
    const health = await pool.query<{ errors: number; messages: number }>(
      `SELECT sum(errors)::int AS errors, sum(messages)::int AS messages FROM domain_health WHERE domain = 'blocked.example'`,
    );
    expect(health.rows[0]).toEqual({ errors: 2 * N, messages: N });
    const touched = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM address WHERE domain = 'blocked.example'`);
    expect(touched.rows[0]?.n).toBe(0);
  });
});
