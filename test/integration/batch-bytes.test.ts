// A worker batch holds a bounded number of bytes of raw mails (jobs/process-mail.ts,
// BATCH_MAX_BYTES): loadRaws brings bodies until the budget is spent and names the
// rest for a later read, and processMails reads and commits those in further rounds,
// each mail keeping its outcome at its place. Against real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMails } from '../../src/jobs/process-mail.js';
import type { MailRef } from '../../src/jobs/queue.js';
import { loadRaws } from '../../src/store/raw-mails.js';
import { buildDsn } from '../helpers/dsn.js';
import { workerDeps } from '../helpers/policy.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.drop();
});

let n = 0;
async function store(count: number): Promise<{ mails: MailRef[]; addresses: string[]; sizes: number[] }> {
  const mails: MailRef[] = [];
  const addresses: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const address = `bytes${++n}@example.com`;
    const body = Buffer.from(buildDsn({ recipients: [{ address, status: '5.1.1', diagnostic: `550 5.1.1 <${address}>: User unknown` }] }));
    const r = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body });
    mails.push({ id: r.id, receivedAt: r.receivedAt });
    addresses.push(address);
    sizes.push(body.length);
  }
  return { mails, addresses, sizes };
}

describe('the byte budget of a worker batch', () => {
  it('loadRaws brings bodies until the budget is spent, the first whatever its size, and names the other pending mails for later', async () => {
    const { mails, sizes } = await store(4);
    const [a, b] = sizes as [number, number];
    const two = await loadRaws(db.pool, mails, a + b);
    expect([...two.raws.keys()]).toEqual([mails[0]?.id, mails[1]?.id]);
    expect([...two.raws.values()].map((r) => r.body.length)).toEqual([a, b]);
    expect(two.later.map((m) => m.id)).toEqual([mails[2]?.id, mails[3]?.id]);
    const one = await loadRaws(db.pool, mails, 1);
    expect([...one.raws.keys()]).toEqual([mails[0]?.id]);
    expect(one.later).toHaveLength(3);
    const all = await loadRaws(db.pool, mails);
    expect(all.raws.size).toBe(4);
    expect(all.later).toEqual([]);
  });

  it('a mail no longer pending comes without its body and spends nothing of the budget', async () => {
    const { mails, sizes } = await store(3);
    await db.pool.query(`UPDATE raw_mail SET state = 'processed' WHERE id = $1`, [mails[0]?.id]);
    const r = await loadRaws(db.pool, mails, (sizes[1] ?? 0) + (sizes[2] ?? 0));
    expect(r.raws.get(mails[0]?.id ?? 0)?.body.length).toBe(0);
    expect(r.raws.get(mails[2]?.id ?? 0)?.body.length).toBe(sizes[2]);
    expect(r.later).toEqual([]);
  });

  it('processMails over a budget of one mail: every mail processed once, in its place, a mail named twice skipped', async () => {
    const { mails, addresses } = await store(5);
    const out = await processMails(workerDeps(db.pool), [...mails, mails[1] as MailRef], 1);
    expect(out.map((o) => (o instanceof Error ? o.message : o.kind))).toEqual([
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'skipped',
    ]);
    const ev = await db.pool.query<{ address: string; n: number }>(
      `SELECT address, count(*)::int AS n FROM bounce_event WHERE address = ANY($1) GROUP BY address ORDER BY address`,
      [addresses],
    );
    expect(ev.rows.map((r) => r.n)).toEqual([1, 1, 1, 1, 1]);
    const states = await db.pool.query<{ state: string }>(`SELECT DISTINCT state FROM raw_mail WHERE id = ANY($1)`, [
      mails.map((m) => m.id),
    ]);
    expect(states.rows.map((r) => r.state)).toEqual(['processed']);
  });
});
