// A mail run twice at the same time is counted once (docs/reliability.md, "counted
// once"), against real Postgres and Redis. After Redis comes back empty, the intake's
// enqueue retry and the sweep can each give the same pending mails a job, and a worker
// still running the original job runs them again: the same id twice in one worker's
// micro-batch, or in two transactions at once. Only the claim in Postgres decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { connectRedis, createRedis } from '../../src/db/redis.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMails } from '../../src/jobs/process-mail.js';
import { enqueueMails, mailQueue, type MailJobData, type MailRef } from '../../src/jobs/queue.js';
import { startMailWorker, type JobSummary } from '../../src/jobs/worker.js';
import { buildDsn } from '../helpers/dsn.js';
import { workerDeps } from '../helpers/policy.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let redis: Redis;
let queue: Queue<MailJobData>;
const prefix = testPrefix();

beforeAll(async () => {
  db = await createTestDb();
  redis = createRedis(REDIS_URL, 'worker');
  await connectRedis(redis, REDIS_URL);
  queue = mailQueue(redis, prefix);
});
afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  await dropPrefix(prefix);
  await db?.drop();
});

let n = 0;
/** Mails naming one failed recipient each, stored pending; their addresses. */
async function store(count: number, tag: string): Promise<{ mails: MailRef[]; addresses: string[] }> {
  const mails: MailRef[] = [];
  const addresses: string[] = [];
  for (let i = 0; i < count; i++) {
    const address = `${tag}${++n}@example.com`;
    const body = buildDsn({ recipients: [{ address, status: '5.1.1', diagnostic: `550 5.1.1 <${address}>: User unknown` }] });
    const r = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body: Buffer.from(body) });
    mails.push({ id: r.id, receivedAt: r.receivedAt });
    addresses.push(address);
  }
  return { mails, addresses };
}

/** Per address: events recorded and the address's error count. */
async function counts(addresses: string[]): Promise<{ events: number[]; errors: number[] }> {
  const ev = await db.pool.query<{ address: string; n: number }>(
    `SELECT address, count(*)::int AS n FROM bounce_event WHERE address = ANY($1) GROUP BY address`,
    [addresses],
  );
  const ad = await db.pool.query<{ address_key: string; error_count: number }>(
    `SELECT address_key, error_count FROM address WHERE address_key = ANY($1)`,
    [addresses],
  );
  const evBy = new Map(ev.rows.map((r) => [r.address, r.n]));
  const adBy = new Map(ad.rows.map((r) => [r.address_key, r.error_count]));
  return { events: addresses.map((a) => evBy.get(a) ?? 0), errors: addresses.map((a) => adBy.get(a) ?? 0) };
}
const ones = (k: number) => Array.from({ length: k }, () => 1);

describe('a mail run twice at once', () => {
  it('twice in one micro-batch (two jobs of the same mails joined by the batcher): one event, one error, one processed', async () => {
    const { mails, addresses } = await store(3, 'batch');
    const out = await processMails(workerDeps(db.pool), [...mails, ...mails]);
    expect(out.map((o) => (o instanceof Error ? o.message : o.kind))).toEqual([
      'processed',
      'processed',
      'processed',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(await counts(addresses)).toEqual({ events: ones(3), errors: ones(3) });
  });

  it('in two transactions at once (two workers): the claim lets one of them have each mail', async () => {
    const { mails, addresses } = await store(40, 'race');
    const deps = workerDeps(db.pool);
    const [a, b] = await Promise.all([processMails(deps, mails), processMails(deps, [...mails].reverse())]);
    const processed = [...(a ?? []), ...(b ?? [])].filter((o) => !(o instanceof Error) && o.kind === 'processed').length;
    expect(processed).toBe(40);
    expect(await counts(addresses)).toEqual({ events: ones(40), errors: ones(40) });
  });

  it('the same mails enqueued twice, run by two workers on Redis: each counted once', async () => {
    const { mails, addresses } = await store(30, 'jobs');
    const workers: Worker<MailJobData, JobSummary>[] = [];
    const summaries: JobSummary[] = [];
    // Queued first, so that the workers find them all at once: a job naming each mail
    // twice (its mails share one micro-batch), and the same job again for the other worker.
    await enqueueMails(queue, [...mails, ...mails], 3);
    await enqueueMails(queue, [...mails, ...mails], 3);
    try {
      for (let i = 0; i < 2; i++) {
        const w = startMailWorker(workerDeps(db.pool), { connection: redis.duplicate(), prefix, concurrency: 4, lockSeconds: 5 });
        w.on('completed', (_job, r) => summaries.push(r));
        workers.push(w);
      }
      await waitFor('both jobs completed', async () => summaries.length === 2);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    const total = summaries.reduce((s, x) => ({
      processed: s.processed + x.processed,
      skipped: s.skipped + x.skipped,
      failed: s.failed + x.failed,
    }));
    expect(total).toEqual({ processed: 30, skipped: 90, failed: 0 });
    expect(await counts(addresses)).toEqual({ events: ones(30), errors: ones(30) });
  });
});
