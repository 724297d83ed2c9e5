// Redis connections, for BullMQ's queues and workers and for the rules' pub/sub:
// made here, beside the Postgres pool, so that no layer takes them from another's module.
import { Redis, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError, redactUrl } from '../errors.js';
import type { Lifecycle } from '../lifecycle.js';

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

/**
 * A connected Redis that `life` disconnects on stop, registered before it connects so that a
 * start-up that fails after this still closes it.
 */
export async function openRedis(url: string, role: 'worker' | 'producer', life: Lifecycle, name: string): Promise<Redis> {
  const redis = createRedis(url, role);
  life.defer(name, async () => void redis.disconnect());
  await connectRedis(redis, url);
  return redis;
}
