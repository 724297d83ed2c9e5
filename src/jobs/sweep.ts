// Re-enqueues raw mails left pending (Redis was down at intake, a job was lost).
// A mail whose job still exists is skipped by the job id; a job left failed is retried.
import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { mailJobId, type MailJobData } from './queue.js';

export interface SweepResult {
  pending: number;
  enqueued: number;
  retried: number;
}

export async function sweepPending(pool: Pool, queue: Queue<MailJobData>, opts: { olderThanSeconds: number; attempts: number; limit?: number }): Promise<SweepResult> {
  const r = await pool.query<{ id: number }>(
    `SELECT id FROM raw_mail WHERE state = 'pending' AND received_at < now() - make_interval(secs => $1)
     ORDER BY received_at LIMIT $2`,
    [opts.olderThanSeconds, opts.limit ?? 5000],
  );
  let enqueued = 0;
  let retried = 0;
  for (const { id } of r.rows) {
    const job = await queue.getJob(mailJobId(id));
    if (!job) {
      await queue.add('process', { rawMailId: id }, { jobId: mailJobId(id), attempts: opts.attempts });
      enqueued++;
    } else if (await job.isFailed()) {
      await job.retry('failed');
      retried++;
    }
  }
  return { pending: r.rows.length, enqueued, retried };
}
