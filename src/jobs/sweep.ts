// Re-enqueues raw mails left pending with no job to run them (Redis was down at
// intake, a job was lost, a job failed before its mails could be marked failed).
// Only when some mail has been pending longer than `olderThanSeconds` does it
// read the queue, to leave alone the mails a job will still run: in normal
// operation the first query finds nothing and Redis is not asked at all.
import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { enqueueMails, queuedMailIds, type MailJobData } from './queue.js';
import { pendingOlderThan } from '../store/raw-mails.js';

export interface SweepResult {
  /** Mails pending longer than the limit. */
  pending: number;
  /** Of those, mails a queued job will run. */
  queued: number;
  /** Mails given a new job. */
  enqueued: number;
}

export async function sweepPending(pool: Pool, queue: Queue<MailJobData>, opts: { olderThanSeconds: number; attempts: number; limit?: number }): Promise<SweepResult> {
  const pending = await pendingOlderThan(pool, opts.olderThanSeconds, opts.limit ?? 5000);
  if (pending.length === 0) return { pending: 0, queued: 0, enqueued: 0 };
  const queued = await queuedMailIds(queue);
  const orphans = pending.filter((x) => !queued.has(x.id));
  await enqueueMails(queue, orphans, opts.attempts, 10_000);
  return { pending: pending.length, queued: pending.length - orphans.length, enqueued: orphans.length };
}
