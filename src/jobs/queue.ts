// Queue names and job options (the Redis connections are made in db/redis.ts).
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const MAIL_QUEUE = 'mail';
export const MAINTENANCE_QUEUE = 'maintenance';

/**
 * A job carries the raw mails stored together (one intake batch), so that Redis
 * sees one job per batch instead of one per mail: their ids and receipt times
 * (epoch ms), which together are the raw mail's primary key, so that the worker
 * finds each row by key whatever the table's statistics say. Jobs queued by
 * earlier versions carry a single `rawMailId`.
 */
export type MailJobData = { rawMailIds: number[]; receivedAt?: number[] } | { rawMailId: number };

/** A raw mail as a job names it; `receivedAt` null when the job did not say. */
export interface MailRef {
  id: number;
  receivedAt: Date | null;
}

/** Most raw mails one job carries; larger batches are split. */
export const MAX_MAILS_PER_JOB = 100;

export function jobMails(data: MailJobData): MailRef[] {
  if (!('rawMailIds' in data)) return [{ id: data.rawMailId, receivedAt: null }];
  return data.rawMailIds.map((id, i) => {
    const at = data.receivedAt?.[i];
    return { id, receivedAt: at === undefined ? null : new Date(at) };
  });
}

export function mailQueue(connection: Redis, prefix: string): Queue<MailJobData> {
  return new Queue<MailJobData>(MAIL_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { count: 10_000 },
    },
  });
}

export function maintenanceQueue(connection: Redis, prefix: string): Queue {
  return new Queue(MAINTENANCE_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  });
}

/** Enqueues one raw mail; rejects within `timeoutMs` when Redis does not answer. */
export function enqueueMail(queue: Queue<MailJobData>, mail: MailRef, attempts: number, timeoutMs = 2000): Promise<void> {
  return enqueueMails(queue, [mail], attempts, timeoutMs);
}

/**
 * Enqueues raw mails as jobs of up to MAX_MAILS_PER_JOB ids, in one Redis round
 * trip (addBulk); rejects within `timeoutMs` when Redis does not answer.
 */
export async function enqueueMails(
  queue: Queue<MailJobData>,
  mails: readonly MailRef[],
  attempts: number,
  timeoutMs = 2000,
): Promise<void> {
  if (mails.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const jobs = [];
    for (let i = 0; i < mails.length; i += MAX_MAILS_PER_JOB) {
      const chunk = mails.slice(i, i + MAX_MAILS_PER_JOB);
      const data: MailJobData = chunk.every((m) => m.receivedAt)
        ? { rawMailIds: chunk.map((m) => m.id), receivedAt: chunk.map((m) => m.receivedAt?.getTime() ?? 0) }
        : { rawMailIds: chunk.map((m) => m.id) };
      jobs.push({ name: 'process', data, opts: { attempts } });
    }
    await Promise.race([queue.addBulk(jobs), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Job states in which a job will still run. */
export const UNFINISHED = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/** The raw mail ids of every job that will still run, read page by page. */
export async function queuedMailIds(queue: Queue<MailJobData>, page = 1000): Promise<Set<number>> {
  const ids = new Set<number>();
  for (let start = 0; ; start += page) {
    const jobs = await queue.getJobs([...UNFINISHED], start, start + page - 1, true);
    for (const job of jobs) if (job?.data) for (const m of jobMails(job.data)) ids.add(m.id);
    if (jobs.length < page) return ids;
  }
}
