// Entry of the API thread (see api-thread.ts): the api role on its own pools,
// Redis producer, mail queue and intake (the API takes the ESP webhooks,
// docs/intake.md), logging as the worker threads do. /readyz asks the main
// thread, which knows every role; stopping closes the server (requests in
// flight answered) before the intake.
import { threadId, workerData } from 'node:worker_threads';
import type { Readiness } from '../http.js';
import { openIntake } from '../intake/open.js';
import { Lifecycle } from '../lifecycle.js';
import { routeConsole } from '../log-limit.js';
import { createLogger } from '../logger.js';
import { setThreadKind } from '../metrics.js';
import { runThread } from '../threads.js';
import type { ApiThreadData, FromApiThread, ToApiThread } from './api-thread.js';
import { openApiPools } from './pools.js';
import { startApi } from './server.js';

/** Longest wait for the main thread's readiness: its checks are cut at 2 s each, run in parallel. */
const READINESS_TIMEOUT_MS = 3000;

const { config } = workerData as ApiThreadData;
setThreadKind('api');
const logger = createLogger(config.log.level).child({ thread: threadId, role: 'api' });
routeConsole(logger);
const life = new Lifecycle(logger);
let overloaded = false;
let nextAsk = 0;
const asks = new Map<number, (r: Readiness) => void>();

const notReady = (check: string, reason: string, detail: string): Readiness => ({
  ready: false,
  reasons: { [check]: reason },
  details: { [check]: detail },
});

/** The whole daemon's readiness, from the main thread; no answer in time is not ready. */
function daemonReadiness(): Promise<Readiness> {
  if (life.isStopping) return Promise.resolve(notReady('api', 'stopping', 'the daemon is stopping'));
  return new Promise((resolve) => {
    const id = nextAsk++;
    const timer = setTimeout(() => {
      asks.delete(id);
      resolve(notReady('daemon', 'no answer', `the main thread did not answer within ${READINESS_TIMEOUT_MS} ms`));
    }, READINESS_TIMEOUT_MS);
    asks.set(id, (r) => {
      clearTimeout(timer);
      asks.delete(id);
      resolve(r);
    });
    port.postMessage({ type: 'readiness', id } satisfies FromApiThread);
  });
}

const port = runThread({
  life,
  logger,
  onMessage: (message) => {
    const m = message as ToApiThread;
    if (m.type === 'overloaded') overloaded = m.value;
    else if (m.type === 'readiness') asks.get(m.id)?.(m.result);
  },
  start: async () => {
    const { pool, readPool } = await openApiPools(config, life);
    // The webhook intakes store on the API's pool: the thread adds no connections to the daemon's count.
    const { intake } = await openIntake(config, pool, life, logger);
    const api = await startApi({
      config,
      pool,
      intake,
      overloaded: () => overloaded,
      ...(readPool ? { readPool } : {}),
      logger,
      checks: [],
      readiness: daemonReadiness,
      host: config.api.host,
      port: config.api.port,
    });
    // Closed first: the server drains before the intake closes.
    life.defer('api server', () => api.close());
    return { port: api.port };
  },
});
