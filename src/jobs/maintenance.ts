// Repeatable maintenance jobs (SPEC §2): re-enqueue of stuck raw mail, monthly
// partitions, and whatever other stages register (cleanup, retention).
// BullMQ's job schedulers make one job per tick whatever the number of
// scheduler processes, so each runs on one instance at a time.
import { limitedWarn } from '../log-limit.js';
import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';
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
