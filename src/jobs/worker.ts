// The BullMQ worker of raw mails: each job carries the ids of raw mails stored
// together; processMails does the rest. A mail that keeps failing is marked
// `failed` with its error on the last attempt, so it is listed and can be
// replayed, and never retried forever; its neighbours in the job are unaffected.
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentMailError, describe, isConnectionError } from '../errors.js';
import { countServiceError } from '../metrics.js';
import { countFailed } from './process-metrics.js';
import { limitedWarn } from '../log-limit.js';
import { MicroBatcher } from './batcher.js';
import { processMails, type ProcessDeps, type ProcessOutcome } from './process-mail.js';
import { markFailed } from '../store/raw-mails.js';
import { MAIL_QUEUE, jobMails, type MailJobData, type MailRef } from './queue.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal (BullMQ renews it every half of it while the
   * job runs); a killed worker's jobs return to the queue within 1.5 times this.
   */
  lockSeconds: number;
}

/** What a job's mails came to. */
export interface JobSummary {
  processed: number;
  skipped: number;
  failed: number;
}

/** Largest micro-batch, and batches in flight at once (one reads and parses while the other commits). */
const BATCH = { max: 200, parallel: 2 };

export function startMailWorker(deps: ProcessDeps, opts: WorkerOptions): Worker<MailJobData, JobSummary> {
  // The mails of the jobs running concurrently share one read and one transaction per batch.
  const batcher = new MicroBatcher<MailRef, ProcessOutcome>((mails) => processMails(deps, mails), BATCH);
  const worker = new Worker<MailJobData, JobSummary>(
    MAIL_QUEUE,
    async (job: Job<MailJobData>) => {
      const mails = jobMails(job.data);
      const settled = await Promise.allSettled(mails.map((m) => batcher.submit(m)));
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const summary: JobSummary = { processed: 0, skipped: 0, failed: 0 };
      let retry: unknown = null;
      for (const [i, s] of settled.entries()) {
        const rawMailId = mails[i]?.id ?? 0;
        // Fields rather than a child logger per mail: one line each, without building a logger each time.
        const at = { jobId: job.id, rawMailId };
        const log = deps.logger;
        if (s.status === 'fulfilled') {
          summary[s.value.kind]++;
          if (s.value.kind === 'failed') log.warn({ ...at, why: s.value.why }, 'mail kept as failed');
          // Per mail at debug: every mail and event is in Postgres and counted in the metrics;
          // at info, two lines per mail cost the daemon a tenth of its throughput.
          else log.debug({ ...at, ...s.value }, 'mail processed');
          continue;
        }
        const err: unknown = s.reason;
        if (isConnectionError(err)) countServiceError('postgres', 'process');
        if (err instanceof PermanentMailError || last) {
          const attempt = job.attemptsMade + 1;
          try {
            await markFailed(deps.pool, rawMailId, describe(err));
          } catch (e) {
            // Postgres is down (that is often why the attempts ran out): the mail is still
            // pending, so it is not counted failed, and the sweep gives it a new job.
            log.error(
              { ...at, err: describe(err), markErr: describe(e), attempt },
              'mail failed and could not be marked failed; it stays pending and the sweep will retry it',
            );
            continue;
          }
          log.error({ ...at, err: describe(err), attempt }, 'mail failed, kept as failed');
          countFailed('error');
          summary.failed++;
          continue;
        }
        log.warn({ ...at, err: describe(err), attempt: job.attemptsMade + 1 }, 'mail processing failed, will retry');
        retry ??= err;
      }
      // The job runs again for the mails that met a passing fault; those already
      // committed are found processed and skipped.
      if (retry !== null) throw retry instanceof Error ? retry : new Error(describe(retry));
      return summary;
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockSeconds * 1000,
      // The check that returns a dead worker's jobs runs twice per lock period, so a job
      // waits at most 1.5 locks after its worker died (docs/reliability.md).
      stalledInterval: Math.max(500, (opts.lockSeconds * 1000) / 2),
      // Processing is idempotent, so a job whose worker died is simply run again.
      maxStalledCount: 10,
      autorun: true,
    },
  );
  const warn = limitedWarn(deps.logger, 'worker connection error');
  worker.on('error', (err) => {
    countServiceError('redis', 'worker');
    warn(err);
  });
  return worker;
}
