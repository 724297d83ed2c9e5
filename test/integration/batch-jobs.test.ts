// Jobs that carry several raw mails, against real Postgres and Redis: the
// worker gives each mail its own outcome, and the sweep gives a job only to
// pending mails no queued job will run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { storeRaw } from '../../src/intake/store-raw.js';
import {
  enqueueMails,
  jobMails,
  mailQueue,
  queuedMailIds,
  MAX_MAILS_PER_JOB,
  type MailJobData,
  type MailRef,
} from '../../src/jobs/queue.js';
import { connectRedis, createRedis } from '../../src/db/redis.js';
import { sweepPending } from '../../src/jobs/sweep.js';
import { startMailWorker, type JobSummary } from '../../src/jobs/worker.js';
import { buildDsn } from '../helpers/dsn.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { workerDeps } from '../helpers/policy.js';
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
async function store(at?: Date): Promise<MailRef> {
  const body = buildDsn({ recipients: [{ address: `batch${++n}@example.com`, status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }] });
  const r = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body: Buffer.from(body), receivedAt: at });
  return { id: r.id, receivedAt: r.receivedAt };
}
const states = async (mails: MailRef[]) =>
  (
    await db.pool.query<{ id: number; state: string }>('SELECT id, state FROM raw_mail WHERE id = ANY($1) ORDER BY id', [
      mails.map((m) => m.id),
    ])
  ).rows.map((r) => r.state);

describe('jobs of several mails', () => {
  it('are split at MAX_MAILS_PER_JOB ids and read back by queuedMailIds', async () => {
    const at = new Date('2026-11-20T10:00:00.123Z');
    const mails = Array.from({ length: MAX_MAILS_PER_JOB + 5 }, (_, i) => ({ id: 1_000_000 + i, receivedAt: at }));
    await enqueueMails(queue, mails, 1);
    const jobs = await queue.getWaiting();
    expect(jobs.map((j) => jobMails(j.data).length).sort((a, b) => a - b)).toEqual([5, MAX_MAILS_PER_JOB]);
    expect(jobMails(jobs[0]?.data ?? { rawMailId: 0 }).every((m) => m.receivedAt?.getTime() === at.getTime())).toBe(true);
    const queued = await queuedMailIds(queue, 1); // a page of one job: paging is exercised
    expect(mails.every((m) => queued.has(m.id))).toBe(true);
    await queue.drain();
  });

  it('sweep: gives a job only to stale pending mails that no queued job carries', async () => {
    const old = new Date(Date.now() - 600_000);
    const inJob = [await store(old), await store(old)];
    const orphan = await store(old);
    const fresh = await store();
    await enqueueMails(queue, inJob, 1);

    const first = await sweepPending(db.pool, queue, { olderThanSeconds: 60, attempts: 1 });
    expect(first).toEqual({ pending: 3, queued: 2, enqueued: 1 });
    const queued = await queuedMailIds(queue);
    expect([...inJob, orphan].every((m) => queued.has(m.id))).toBe(true);
    expect(queued.has(fresh.id)).toBe(false);

    // Everything stale is now queued: a second sweep adds nothing.
    expect(await sweepPending(db.pool, queue, { olderThanSeconds: 60, attempts: 1 })).toEqual({ pending: 3, queued: 3, enqueued: 0 });

    // A deep backlog: after a read that found every stale mail queued, the queue is left
    // unread for the quiet period; an empty queue is seen at once whatever the period.
    const quiet = { seconds: 60, until: 0 };
    expect(await sweepPending(db.pool, queue, { olderThanSeconds: 60, attempts: 1, quiet })).toEqual({
      pending: 3,
      queued: 3,
      enqueued: 0,
    });
    expect(quiet.until).toBeGreaterThan(Date.now());
    expect(await sweepPending(db.pool, queue, { olderThanSeconds: 60, attempts: 1, quiet })).toEqual({
      pending: 3,
      queued: 0,
      enqueued: 0,
      queueRead: 'skipped',
    });
    await queue.drain();
    expect(await sweepPending(db.pool, queue, { olderThanSeconds: 60, attempts: 1, quiet })).toEqual({
      pending: 3,
      queued: 0,
      enqueued: 3,
    });
    expect(quiet.until).toBe(0);
    await queue.drain();
  });

  it('worker: each mail of a job keeps its own outcome; a missing mail does not fail its neighbours; a job of ids alone (older jobs) works', async () => {
    const a = await store();
    const b = await store();
    const missing = { id: 987_654_321, receivedAt: new Date() };
    const worker: Worker<MailJobData, JobSummary> = startMailWorker(workerDeps(db.pool), {
      connection: redis.duplicate(),
      prefix,
      concurrency: 8,
      lockSeconds: 5,
    });
    try {
      const done = new Promise<JobSummary>((resolve, reject) => {
        worker.on('completed', (_job, r) => resolve(r));
        worker.on('failed', (_job, err) => reject(err));
      });
      await enqueueMails(queue, [a, missing, b], 3);
      expect(await done).toEqual({ processed: 2, skipped: 0, failed: 1 });
      expect(await states([a, b])).toEqual(['processed', 'processed']);
      const q = await db.pool.query<{ status: string }>(`SELECT status FROM address WHERE address_key = ANY($1) ORDER BY address_key`, [
        [`batch${n - 1}@example.com`, `batch${n}@example.com`],
      ]);
      expect(q.rows.map((r) => r.status)).toEqual(['quarantined', 'quarantined']);

      // The same mails again (a job run twice): nothing changes, each is skipped.
      const again = new Promise<JobSummary>((resolve) => worker.once('completed', (_job, r) => resolve(r)));
      await enqueueMails(queue, [a, b], 3);
      expect(await again).toEqual({ processed: 0, skipped: 2, failed: 0 });

      // A job as earlier versions queued it: one id, no receipt time.
      const c = await store();
      const legacy = new Promise<JobSummary>((resolve) => worker.once('completed', (_job, r) => resolve(r)));
      await queue.add('process', { rawMailId: c.id });
      expect(await legacy).toEqual({ processed: 1, skipped: 0, failed: 0 });
      expect(await states([c])).toEqual(['processed']);
      await waitFor('no active job', async () => (await queue.getActiveCount()) === 0);
    } finally {
      await worker.close();
    }
  });
});
