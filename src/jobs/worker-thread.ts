// Entry of a worker thread (see worker-threads.ts): runs the worker role on its
// own database pool and Redis connections, below the priority of the intakes and
// the API (queue.workerNice), answers the main thread's metric requests, and
// drains when told to stop (threads.ts).
import { threadId, workerData } from 'node:worker_threads';
import { checkPool, createPool } from '../db/pool.js';
import { Lifecycle } from '../lifecycle.js';
import { createLogger } from '../logger.js';
import { routeConsole } from '../log-limit.js';
import { runThread } from '../threads.js';
import { lowerThreadPriority } from './thread-priority.js';
import type { WorkerThreadData } from './worker-threads.js';
import { startWorkerRole } from './worker-role.js';

const { config } = workerData as WorkerThreadData;
const logger = createLogger(config.log.level).child({ thread: threadId });
routeConsole(logger);
const life = new Lifecycle(logger);

runThread({
  life,
  logger,
  start: async () => {
    lowerThreadPriority(config.queue.workerNice, logger);
    const pool = createPool(config.database.url, config.database.poolSize);
    life.defer('postgres', () => pool.end());
    await checkPool(pool, config.database.url);
    await startWorkerRole(config, pool, life, logger);
    return {};
  },
});
