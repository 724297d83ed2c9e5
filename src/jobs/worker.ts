// The BullMQ worker of raw mails: each job carries a raw mail id; processMail does the rest.
// A mail that keeps failing is marked `failed` with its error on the last attempt,
// so it is listed and can be replayed, and never retried forever.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentMailError, describe, isConnectionError } from '../errors.js';
import { countServiceError } from '../metrics.js';
import { countFailed } from './process-metrics.js';
import type { Logger } from '../logger.js';
import { MicroBatcher } from './batcher.js';
import { markFailed, processMails, type ProcessDeps, type ProcessOutcome } from './process-mail.js';
import { MAIL_QUEUE, type MailJobData } from './queue.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** How long a job's lock lasts; a killed worker's jobs return to the queue after it. */
  lockSeconds: number;
}

/** Largest micro-batch, and batches in flight at once (one reads and parses while the other commits). */
const BATCH = { max: 200, parallel: 2 };

export function startMailWorker(deps: ProcessDeps, opts: WorkerOptions): Worker<MailJobData> {
  // The jobs running concurrently share one read and one transaction per batch.
  const batcher = new MicroBatcher<number, ProcessOutcome>((ids) => processMails(deps, ids), BATCH);
  const worker = new Worker<MailJobData>(
    MAIL_QUEUE,
    async (job: Job<MailJobData>) => {
      const log = deps.logger.child({ jobId: job.id, rawMailId: job.data.rawMailId });
      try {
        const outcome = await batcher.submit(job.data.rawMailId);
        if (outcome.kind === 'failed') log.warn({ why: outcome.why }, 'mail kept as failed');
        else log.info(outcome, 'mail processed');
        return outcome;
      } catch (err) {
        if (isConnectionError(err)) countServiceError('postgres', 'process');
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (err instanceof PermanentMailError || last) {
          log.error({ err: describe(err), attempt: job.attemptsMade + 1 }, 'mail failed, kept as failed');
          countFailed('error');
          await markFailed(deps.pool, job.data.rawMailId, describe(err)).catch((e: unknown) =>
            log.error({ err: describe(e) }, 'could not mark mail failed; the sweep will retry it'),
          );
          throw new UnrecoverableError(describe(err));
        }
        log.warn({ err: describe(err), attempt: job.attemptsMade + 1 }, 'mail processing failed, will retry');
        throw err;
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockSeconds * 1000,
      stalledInterval: opts.lockSeconds * 1000,
      // Processing is idempotent, so a job whose worker died is simply run again.
      maxStalledCount: 10,
      autorun: true,
    },
  );
  worker.on('error', (err) => {
    countServiceError('redis', 'worker');
    deps.logger.warn({ err: describe(err) }, 'worker connection error');
  });
  return worker;
}
