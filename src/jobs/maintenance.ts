// Repeatable maintenance jobs (docs/pipeline.md): re-enqueue of stuck raw mail, monthly
// partitions, and whatever other stages register (cleanup, retention).
// BullMQ's job schedulers make one job per tick whatever the number of
// scheduler processes, so each runs on one instance at a time.
import { limitedWarn } from '../log-limit.js';
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics.js';
import { MAINTENANCE_QUEUE } from './queue.js';

export interface MaintenanceTask {
  name: string;
  everySeconds: number;
  run: () => Promise<Record<string, unknown>>;
}

export async function scheduleMaintenance(queue: Queue, tasks: readonly MaintenanceTask[]): Promise<void> {
  for (const t of tasks) {
    await queue.upsertJobScheduler(t.name, { every: t.everySeconds * 1000 }, { name: t.name, data: {} });
  }
}

export function startMaintenanceWorker(connection: Redis, prefix: string, tasks: readonly MaintenanceTask[], logger: Logger): Worker {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const task = byName.get(job.name);
      if (!task) return { skipped: `no task ${job.name} in this process` };
      const log = logger.child({ jobId: job.id, task: job.name });
      const result = await task.run();
      log.info(result, 'maintenance done');
      return result;
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, task: job?.name, err: describe(err) }, 'maintenance failed'));
  worker.on('error', limitedWarn(logger, 'maintenance worker connection error'));
  return worker;
}

/** Names of the tasks whose scheduler Redis no longer holds. */
export async function missingSchedulers(queue: Queue, tasks: readonly MaintenanceTask[]): Promise<string[]> {
  const held = new Set((await queue.getJobSchedulers(0, -1)).map((s) => s.key));
  return tasks.filter((t) => !held.has(t.name)).map((t) => t.name);
}

export interface SchedulerWatch {
  stop(): Promise<void>;
}

/**
 * The schedulers live in Redis only: a Redis that comes back empty (a flush, a
 * failover to a replica that had not synced) has none, and no maintenance job
 * would ever run again. Checked on a timer of this process, not of Redis; what is
 * missing is re-created at once, and `onRecreated` runs (the daemon sweeps then:
 * an empty Redis has lost every queued job too).
 */
export function watchSchedulers(
  queue: Queue,
  tasks: readonly MaintenanceTask[],
  opts: { everyMs: number; logger: Logger; onRecreated: () => Promise<unknown> },
): SchedulerWatch {
  let running: Promise<void> | null = null;
  const check = async (): Promise<void> => {
    try {
      const missing = await missingSchedulers(queue, tasks);
      if (missing.length === 0) return;
      await scheduleMaintenance(queue, tasks);
      metrics.schedulersRecreated.inc(missing.length);
      opts.logger.warn(
        { missing },
        'maintenance schedulers were missing from Redis (emptied or failed over); re-created them, sweeping now',
      );
      const result = await opts.onRecreated();
      opts.logger.info({ result }, 'sweep after re-creating the schedulers done');
    } catch (err) {
      // Redis or Postgres down: the next tick tries again.
      opts.logger.debug({ err: describe(err) }, 'scheduler check failed');
    }
  };
  const timer = setInterval(() => {
    running ??= check().finally(() => (running = null));
  }, opts.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
