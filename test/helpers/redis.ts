// Removes the Redis keys of a test's own prefix.
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.INMAIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
