// The intake contract opened for a process or thread that receives mail (docs/intake.md):
// its Redis producer, the mail queue and the intake over them, each closed by `life` in
// the reverse order: the intake's last enqueues go out before the queue and Redis close.
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import { openRedis } from '../db/redis.js';
import { mailQueue } from '../jobs/queue.js';
import type { Lifecycle } from '../lifecycle.js';
import { limitedWarn } from '../log-limit.js';
import type { Logger } from '../logger.js';
import { createIntake, type Intake } from './accept.js';

export async function openIntake(
  config: Config,
  pool: Pool,
  life: Lifecycle,
  logger: Logger,
): Promise<{ producer: Redis; queue: ReturnType<typeof mailQueue>; intake: Intake }> {
  const producer = await openRedis(config.redis.url, 'producer', life, 'redis producer');
  const queue = mailQueue(producer, config.queue.prefix);
  // Without a listener BullMQ prints each connection error raw to standard error.
  queue.on('error', limitedWarn(logger, 'mail queue: Redis error'));
  life.defer('mail queue', () => queue.close());
  const intake = createIntake({ pool, queue, logger, attempts: config.queue.attempts, jobLingerMs: config.queue.jobLingerMs });
  life.defer('intake', () => intake.close());
  return { producer, queue, intake };
}
