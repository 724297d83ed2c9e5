// Queue names, job options and the Redis connections BullMQ needs.
import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError, redactUrl } from '../errors.js';

export const MAIL_QUEUE = 'mail';
export const MAINTENANCE_QUEUE = 'maintenance';

export interface MailJobData {
  rawMailId: number;
}

/** Job id per raw mail: enqueueing the same mail twice while a job exists is a no-op. */
export const mailJobId = (rawMailId: number): string => `raw-${rawMailId}`;

/**
 * Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest null).
 * Producers on the intake path must fail fast instead: a mail already committed is
 * acknowledged anyway and the sweep enqueues it later.
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const opts: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  const redis = new Redis(url, { ...opts, lazyConnect: true, retryStrategy: (n) => Math.min(n * 200, 2000) });
  redis.on('error', () => undefined); // reconnects by itself; callers see failures on their commands
  return redis;
}

export async function connectRedis(redis: Redis, url: string): Promise<void> {
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new ServiceUnavailableError('Redis', redactUrl(url), err);
  }
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
export async function enqueueMail(queue: Queue<MailJobData>, rawMailId: number, attempts: number, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([queue.add('process', { rawMailId }, { jobId: mailJobId(rawMailId), attempts }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Enqueues several raw mails in one Redis round trip (addBulk); rejects within `timeoutMs` when Redis does not answer. */
export async function enqueueMails(queue: Queue<MailJobData>, rawMailIds: readonly number[], attempts: number, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const jobs = rawMailIds.map((rawMailId) => ({ name: 'process', data: { rawMailId }, opts: { jobId: mailJobId(rawMailId), attempts } }));
    await Promise.race([queue.addBulk(jobs), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
