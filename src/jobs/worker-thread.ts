// Entry of a worker thread (see worker-threads.ts): runs the worker role on its
// own database pool and Redis connections, answers the main thread's metric
// requests, and drains when told to stop.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { checkPool, createPool } from '../db/pool.js';
import { describe } from '../errors.js';
import { Lifecycle } from '../lifecycle.js';
import { createLogger } from '../logger.js';
import { routeConsole } from '../log-limit.js';
import { metrics } from '../metrics.js';
import type { FromThread, ToThread, WorkerThreadData } from './worker-threads.js';
import { startWorkerRole } from './worker-role.js';

if (!parentPort) throw new Error('worker-thread.js is started by `inmail start` as a worker thread, not run on its own');
const port = parentPort;
const { config } = workerData as WorkerThreadData;
const logger = createLogger(config.log.level).child({ thread: threadId });
routeConsole(logger);
const life = new Lifecycle(logger);
const send = (m: FromThread) => port.postMessage(m);

port.on('message', (m: ToThread) => {
  if (m.type === 'metrics') {
    void metrics.registry.getMetricsAsJSON().then((data) => send({ type: 'metrics', id: m.id, data }));
  } else if (m.type === 'stop') {
    void life
      .stop()
      .then(() => new Promise<void>((resolve) => logger.flush(() => resolve())))
      .then(() => {
        send({ type: 'stopped' });
        port.close();
      });
  }
});

async function start(c: Config): Promise<void> {
  const pool = createPool(c.database.url, c.database.poolSize);
  life.defer('postgres', () => pool.end());
  await checkPool(pool, c.database.url);
  await startWorkerRole(c, pool, life, logger);
}

start(config).then(
  () => send({ type: 'ready' }),
  async (err: unknown) => {
    await life.stop();
    send({ type: 'start-failed', error: describe(err) });
    port.close();
  },
);
