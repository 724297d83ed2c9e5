// Re-enqueues raw mails left pending with no job to run them (Redis was down at
// intake, a job was lost, a job failed before its mails could be marked failed).
// Only when some mail has been pending longer than `olderThanSeconds` does it
// look at the queue, to leave alone the mails a job will still run: in normal
// operation the first query finds nothing and Redis is not asked at all. An
// empty queue (Redis came back empty, or lost the jobs) is seen from its counts
// alone; only a queue with jobs in it is read, to find what they name. A deep
// backlog keeps mails pending past the age while their jobs wait: once a read
// found every such mail queued, the queue is read again only after
// `quiet.seconds` (in the bench, the daemon reading its queue every 5 s peaked
// at 291 MB against 260 MB with the former 60 s age; one run each, noisy).

import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { UNFINISHED, enqueueMails, queuedMailIds, type MailJobData } from './queue.js';
import { pendingOlderThan } from '../store/raw-mails.js';

export interface SweepResult {
  /** Mails pending longer than the limit. */
  pending: number;
  /** Of those, mails a queued job will run. */
  queued: number;
  /** Mails given a new job. */
  enqueued: number;
}

/** Kept between sweeps of one scheduler: until when the queue need not be read again. */
export interface SweepQuiet {
  seconds: number;
  until: number;
}

export async function sweepPending(
  pool: Pool,
  queue: Queue<MailJobData>,
  opts: { olderThanSeconds: number; attempts: number; limit?: number; quiet?: SweepQuiet },
): Promise<SweepResult & { queueRead?: 'skipped' }> {
  const pending = await pendingOlderThan(pool, opts.olderThanSeconds, opts.limit ?? 5000);
  if (pending.length === 0) return { pending: 0, queued: 0, enqueued: 0 };
  const counts = await queue.getJobCounts(...UNFINISHED);
  const unfinished = Object.values(counts).reduce((a, b) => a + b, 0);
  if (unfinished > 0 && opts.quiet && Date.now() < opts.quiet.until)
    return { pending: pending.length, queued: 0, enqueued: 0, queueRead: 'skipped' };
  const queued = unfinished === 0 ? new Set<number>() : await queuedMailIds(queue);
  const orphans = pending.filter((x) => !queued.has(x.id));
  if (opts.quiet) opts.quiet.until = orphans.length === 0 && unfinished > 0 ? Date.now() + opts.quiet.seconds * 1000 : 0;
  await enqueueMails(queue, orphans, opts.attempts, 10_000);
  return { pending: pending.length, queued: pending.length - orphans.length, enqueued: orphans.length };
}
