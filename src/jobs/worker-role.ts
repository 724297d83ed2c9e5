// The worker role: inbound email rules, then the BullMQ worker of raw mails.
// Run in the daemon's main thread or in each worker thread (worker-thread.ts),
// on the pool it is given; what it opens is closed by `life`, in reverse order.
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import type { Lifecycle } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import { startRules } from '../qualify/runtime.js';
import type { ProcessDeps } from './process-mail.js';
import { openRedis } from '../db/redis.js';
import { startMailWorker } from './worker.js';

/** What the worker needs of the configuration, beside the rules. */
export function processDeps(config: Config, pool: Pool, logger: Logger): ProcessDeps {
  return {
    pool,
    policy: config.policy,
    keys: { caseSensitiveLocalPart: config.policy.caseSensitiveLocalPart },
    logger,
    ...(config.webhooks.sms ? { reports: { smsKeywords: config.webhooks.sms } } : {}),
    ...(config.verp.secret
      ? { verp: { secret: config.verp.secret, requireValid: config.verp.requireValid, fblDkimDomains: config.verp.fblDkimDomains } }
      : {}),
    guard: config.guard,
  };
}

export async function startWorkerRole(config: Config, pool: Pool, life: Lifecycle, logger: Logger): Promise<void> {
  const deps = processDeps(config, pool, logger);
  const conn = await openRedis(config.redis.url, 'worker', life, 'redis worker');
  // Inbound email rules, reloaded on change; stopped after the worker drains (final log flush).
  const rules = await startRules({ pool, redisUrl: config.redis.url, prefix: config.queue.prefix, logger, ...config.rules });
  life.defer('rules', () => rules.stop());
  deps.qualify = rules.engine.qualify;
  deps.observe = (events) => rules.log.record(events);
  const worker = startMailWorker(deps, {
    connection: conn,
    prefix: config.queue.prefix,
    concurrency: config.queue.concurrency,
    lockSeconds: config.queue.lockSeconds,
  });
  // Closing waits for the jobs in flight: this is the drain.
  life.defer('mail worker', () => worker.close());
  logger.info({ concurrency: config.queue.concurrency }, 'worker ready');
}
