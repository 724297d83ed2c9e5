// Rules at run time, in a worker process: the engine, kept current without a
// restart, and the qualification log's flusher.
// - A change (CLI) publishes on `${prefix}:rules`: every worker reloads at once.
// - Fallback: every few seconds each worker reads the `rules_version` row
//   (bumped by triggers in the same transaction as the change) and reloads when
//   it moved, so a lost notification or a Redis outage only delays a reload.
import type { Redis } from 'ioredis';
import type { Pool } from '../db/pool.js';
import { describe } from '../errors.js';
import { connectRedis, createRedis } from '../db/redis.js';
import type { Logger } from '../logger.js';
import { RuleEngine } from './engine.js';
import { QualificationLog } from './qualification-log.js';
import { rulesVersion } from '../store/rules.js';
import { loadShippedRules } from './shipped.js';

export const rulesChannel = (prefix: string): string => `${prefix}:rules`;

export interface RulesOptions {
  pool: Pool;
  redisUrl: string;
  prefix: string;
  shippedDir?: string;
  pollSeconds: number;
  flushSeconds: number;
  logger: Logger;
}

export interface RulesRuntime {
  engine: RuleEngine;
  log: QualificationLog;
  /** Reloads now (coalesced with any reload under way). */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRules(opts: RulesOptions): Promise<RulesRuntime> {
  const log = opts.logger.child({ component: 'rules' });
  const engine = new RuleEngine(loadShippedRules(opts.shippedDir));
  const qlog = new QualificationLog();
  await engine.load(opts.pool);
  reportBroken(engine, log);

  let running: Promise<void> | null = null;
  let again = false;
  const reload = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const before = engine.snapshot.version;
          const snap = await engine.load(opts.pool);
          log.info({ from: before, to: snap.version, user: snap.user.length, qualified: snap.qualified.size }, 'rules reloaded');
          reportBroken(engine, log);
        } catch (err) {
          log.warn({ err: describe(err) }, 'rules reload failed; the previous rules stay in force');
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  let sub: Redis | null = createRedis(opts.redisUrl, 'worker');
  try {
    await connectRedis(sub, opts.redisUrl);
    sub.on('message', () => void reload());
    await sub.subscribe(rulesChannel(opts.prefix));
  } catch (err) {
    log.warn({ err: describe(err) }, 'no Redis notifications of rule changes; polling the rules version only');
    sub.disconnect();
    sub = null;
  }

  const poll = setInterval(() => {
    rulesVersion(opts.pool)
      .then((v) => (v !== engine.snapshot.version ? reload() : undefined))
      .catch((err: unknown) => log.warn({ err: describe(err) }, 'rules version check failed'));
  }, opts.pollSeconds * 1000);
  const flush = setInterval(() => {
    qlog
      .flush(opts.pool)
      .catch((err: unknown) => log.warn({ err: describe(err) }, 'qualification log flush failed; counts kept for the next one'));
  }, opts.flushSeconds * 1000);
  poll.unref();
  flush.unref();

  return {
    engine,
    log: qlog,
    reload,
    async stop() {
      clearInterval(poll);
      clearInterval(flush);
      sub?.disconnect();
      await running;
      // The last second of counts, written before the pool closes.
      await qlog.flush(opts.pool).catch((err: unknown) => log.warn({ err: describe(err) }, 'last qualification log flush failed'));
    },
  };
}

function reportBroken(engine: RuleEngine, log: Logger): void {
  for (const b of engine.snapshot.broken) log.warn({ rule: b.id, err: b.error }, 'user rule skipped: it does not compile');
}

/** Tells every worker that rules changed. False when Redis cannot be reached (they poll within seconds anyway). */
export async function notifyRulesChanged(redisUrl: string, prefix: string): Promise<boolean> {
  const redis = createRedis(redisUrl, 'producer');
  try {
    await connectRedis(redis, redisUrl);
    await redis.publish(rulesChannel(prefix), String(Date.now()));
    return true;
  } catch {
    // Not an error for the caller: the version row was bumped in the same transaction, and workers poll it.
    return false;
  } finally {
    redis.disconnect();
  }
}
