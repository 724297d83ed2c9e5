// The worker against a real database: a delivery-report attempt that states its
// time is applied once, whichever stored batches hold it (docs/intake.md,
// "Delivery reports"). Two batches in one transaction count each attempt once;
// two statements at once holding the same keys in other orders do not deadlock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryAttempt } from '../../src/domain/delivery.js';
import { deliveryItems } from '../../src/intake/http/delivery.js';
import { storeMany } from '../../src/intake/store-raw.js';
import { processMails, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { markAttemptsSeen } from '../../src/store/delivery-attempts.js';
import { randomBytes } from 'node:crypto';
import { metrics } from '../../src/metrics.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { workerDeps } from '../helpers/policy.js';

let db: TestDb;
let deps: ProcessDeps;

beforeAll(async () => {
  db = await createTestDb();
  deps = workerDeps(db.pool);
});
afterAll(async () => db?.drop());

/** Each list of attempts stored as one item (one stored batch); their refs for the worker. */
async function store(...batches: DeliveryAttempt[][]) {
  const items = batches.map((b) => deliveryItems(b, {})[0]).filter((i) => i !== undefined);
  return (await storeMany(db.pool, items)).map((r) => ({ id: r.id, receivedAt: r.receivedAt }));
}
const duplicatesCounted = async () => (await metrics.deliveryAttemptsDuplicate.get()).values[0]?.value ?? 0;
const eventsOf = async (domain: string) =>
  (
    await db.pool.query<{ address: string; n: number }>(
      'SELECT address, count(*)::int AS n FROM bounce_event WHERE domain = $1 GROUP BY address ORDER BY address',
      [domain],
    )
  ).rows;

const soft = (recipient: string, at: string): DeliveryAttempt => ({
  recipient,
  outcome: 'failed',
  code: '452',
  enhanced: '4.2.2',
  text: 'Mailbox full',
  mxHost: 'mx.keys.example',
  at,
});

describe('delivery-report attempt keys', () => {
  it('two batches of one transaction holding the same attempt apply it once; the second says so', async () => {
    const before = await duplicatesCounted();
    const a = soft('one@batch.example', '2026-11-10T09:00:00Z');
    const refs = await store([a], [a, soft('two@batch.example', '2026-11-10T09:00:01Z')]);
    const out = await processMails(deps, refs);
    expect(out).toEqual([
      { kind: 'processed', mailKind: 'bounce', events: 1, changed: 1 },
      { kind: 'processed', mailKind: 'bounce', events: 1, changed: 1, duplicates: 1 },
    ]);
    expect(await eventsOf('batch.example')).toEqual([
      { address: 'one@batch.example', n: 1 },
      { address: 'two@batch.example', n: 1 },
    ]);
    expect(await duplicatesCounted()).toBe(before + 1);
    const keys = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM delivery_attempt_seen');
    expect(keys.rows[0]?.n).toBe(2);
  });

  it('a later batch holding only attempts already applied changes nothing, and is still processed', async () => {
    const refs = await store([soft('one@batch.example', '2026-11-10T09:00:00Z'), soft('two@batch.example', '2026-11-10T09:00:01.000Z')]);
    expect(await processMails(deps, refs)).toEqual([{ kind: 'processed', mailKind: 'bounce', events: 0, changed: 0, duplicates: 2 }]);
    expect(await eventsOf('batch.example')).toHaveLength(2);
    const raw = await db.pool.query<{ state: string }>('SELECT state FROM raw_mail WHERE id = $1', [refs[0]?.id]);
    expect(raw.rows[0]?.state).toBe('processed');
  });

  it('two batches processed at once holding the same attempts in other orders: each applied once', async () => {
    const attempts = Array.from({ length: 200 }, (_, i) =>
      soft(`r${i}@race.example`, `2026-11-11T10:00:${String(i % 60).padStart(2, '0')}Z`),
    );
    const [x, y] = [await store(attempts), await store([...attempts].reverse())];
    const results = await Promise.all([processMails(deps, x), processMails(deps, y)]);
    const outcomes = results.flat();
    expect(outcomes.every((o) => !(o instanceof Error) && o.kind === 'processed')).toBe(true);
    const events = await eventsOf('race.example');
    expect(events).toHaveLength(200);
    expect(events.every((e) => e.n === 1)).toBe(true);
    const applied = outcomes.map((o) => (o instanceof Error || o.kind !== 'processed' ? 0 : o.events));
    expect(applied.reduce((s, n) => s + n, 0)).toBe(200);
  });

  it('two statements at once inserting the same keys in other orders: each key new to one of them, no deadlock', async () => {
    // Large enough that the two statements run at the same time; each commits as soon as its statement returns.
    const keys = Array.from({ length: 20_000 }, () => randomBytes(32));
    const run = async (order: Buffer[]) => {
      const c = await db.pool.connect();
      try {
        await c.query('BEGIN');
        const fresh = await markAttemptsSeen(c, order);
        await c.query('COMMIT');
        return fresh;
      } finally {
        c.release();
      }
    };
    const [a, b] = await Promise.all([run(keys), run([...keys].reverse())]);
    expect(a.size + b.size).toBe(keys.length);
    expect([...a].some((k) => b.has(k))).toBe(false);
  });
});
