// Start-up: config → Postgres → Redis → queues → roles; shutdown in reverse order.
// One process can run every role, or one role each so that many hosts share
// the load through Redis and Postgres (docs/pipeline.md).
import type { Config } from '../config.js';
import { checkPool, createPool, pingPool, type Pool } from '../db/pool.js';
import { pendingMigrations } from '../db/migrate.js';
import { readiness, startHttp, type ReadinessCheck } from '../http.js';
import { BacklogMonitor } from '../intake/backlog.js';
import { adviceMaintenance } from '../qualify/mx-advice.js';
import { openIntake } from '../intake/open.js';
import { startImapIntake } from '../intake/imap.js';
import { startSmtp } from '../intake/smtp.js';
import { Lifecycle } from '../lifecycle.js';
import type { Logger } from '../logger.js';
import {
  missingSchedulers,
  scheduleMaintenance,
  startMaintenanceWorker,
  watchSchedulers,
  type MaintenanceTask,
} from '../jobs/maintenance.js';
import { maintenanceQueue, type MailJobData } from '../jobs/queue.js';
import { pendingBacklog } from '../store/raw-mails.js';
import { openRedis } from '../db/redis.js';
import { ensurePartitions, runRetention } from '../store/partitions.js';
import { countOpenIncidents } from '../store/incidents.js';
import { sweepPending, type SweepQuiet } from '../jobs/sweep.js';
import { startWorkerRole } from '../jobs/worker-role.js';
import { WorkerThreads, workerThreadCount } from '../jobs/worker-threads.js';
import { lowerSessionPriority, lowerThreadPriority } from '../jobs/thread-priority.js';
import { runCleanup } from '../quarantine/cleanup.js';
import { ApiThread, apiInThread } from '../api/api-thread.js';
import { openApiPools } from '../api/pools.js';
import { startApi } from '../api/server.js';
import { startWebhookSender } from '../webhooks/sender.js';
import { pendingCount } from '../store/webhooks.js';
import { addMetricsSource, countServiceError, dbCounterSource, metrics } from '../metrics.js';
import { readCounters } from '../store/metric-counters.js';
import { limitedWarn } from '../log-limit.js';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const ROLES = ['all', 'smtp', 'imap', 'worker', 'scheduler', 'api'] as const;
export type Role = (typeof ROLES)[number];
export type ConcreteRole = Exclude<Role, 'all'>;

export function expandRoles(roles: readonly Role[]): Set<ConcreteRole> {
  const all: ConcreteRole[] = ['smtp', 'imap', 'worker', 'scheduler', 'api'];
  return new Set(roles.flatMap((r) => (r === 'all' ? all : [r])));
}

export interface Daemon {
  lifecycle: Lifecycle;
  pool: Pool;
  smtpPort: number | null;
  httpPort: number;
  /** The HTTP API's port when the api role runs. */
  apiPort: number | null;
  stop(): Promise<void>;
}

export async function startDaemon(config: Config, roleList: readonly Role[], logger: Logger): Promise<Daemon> {
  const roles = expandRoles(roleList);
  const life = new Lifecycle(logger);
  try {
    const pool = createPool(config.database.url, config.database.poolSize);
    life.defer('postgres', () => pool.end());
    await checkPool(pool, config.database.url);
    const pending = await pendingMigrations(pool);
    if (pending.length > 0) {
      throw new Error(`the database has migrations not applied (${pending.join(', ')}): run \`inmail migrate\` first`);
    }

    // The one intake contract of every source (docs/intake.md); deferred before the
    // listeners that use it, so it closes after them and their last enqueues go out.
    const { producer, queue, intake } = await openIntake(config, pool, life, logger);

    // Readiness: the services, then what each role adds.
    const checks: ReadinessCheck[] = serviceChecks(pool, producer);

    if (roles.has('worker')) {
      // The api role is an intake too: it takes the ESP, SMS and push webhooks (docs/intake.md).
      const intake = roles.has('smtp') || roles.has('imap') || roles.has('api');
      const threads = workerThreadCount(config, intake);
      // The worker without the api role, in a session of its own: the whole session yields to the API's (docs/api.md, autogroups).
      if (!roles.has('api')) lowerSessionPriority(config.queue.workerNice, logger);
      if (threads === 0) {
        // The worker alone in the main thread: that thread at the lower priority, as a worker thread would be.
        if (!intake) lowerThreadPriority(config.queue.workerNice, logger);
        await startWorkerRole(config, pool, life, logger);
      } else {
        const workers = new WorkerThreads({ config, count: threads, logger });
        // Registered before the start, so that threads already up are drained if another fails.
        life.defer('worker threads', () => workers.stop());
        await workers.start();
        const removeSource = addMetricsSource(() => workers.metrics());
        life.defer('worker thread metrics', async () => removeSource());
        checks.push({ name: 'worker', check: async () => (workers.running() > 0 ? null : 'no thread running') });
        logger.info({ threads }, 'worker threads ready');
      }
    }

    if (roles.has('scheduler')) {
      const conn = await openRedis(config.redis.url, 'worker', life, 'redis scheduler');
      const maintenance = maintenanceQueue(conn, config.queue.prefix);
      maintenance.on('error', limitedWarn(logger, 'maintenance queue: Redis error'));
      life.defer('maintenance queue', () => maintenance.close());
      // A deep backlog whose jobs are all queued: the queue is read again only after a minute.
      const sweepQuiet: SweepQuiet = { seconds: 60, until: 0 };
      const tasks: MaintenanceTask[] = [
        {
          name: 'sweep',
          everySeconds: config.queue.sweepEverySeconds,
          run: async () => ({
            ...(await sweepPending(pool, queue, {
              olderThanSeconds: config.queue.stuckAfterSeconds,
              attempts: config.queue.attempts,
              quiet: sweepQuiet,
            })),
          }),
        },
        {
          name: 'cleanup',
          everySeconds: config.queue.cleanupEverySeconds,
          run: async () => ({ ...(await runCleanup(pool, { policy: config.policy, now: new Date() })) }),
        },
        {
          name: 'retention',
          everySeconds: config.retention.everySeconds,
          run: async () => ({
            ...(await runRetention(pool, {
              rawMailDays: config.retention.rawMailDays,
              eventDays: config.retention.eventDays,
              attemptKeyDays: config.retention.attemptKeyDays,
              now: new Date(),
            })),
          }),
        },
        {
          name: 'mx-advice',
          everySeconds: 60,
          run: async () => ({ ...(await adviceMaintenance(pool, new Date())) }),
        },
        {
          name: 'partitions',
          everySeconds: 86_400,
          run: async () => {
            await ensurePartitions(pool, 2);
            return { ensured: 'current month and two ahead' };
          },
        },
      ];
      await scheduleMaintenance(maintenance, tasks);
      // Changes made by the CLI are counted in Postgres; one role exports them (the
      // scheduler's), so that worker-only replicas do not each repeat them.
      const removeCounters = addMetricsSource(
        dbCounterSource(
          () => readCounters(pool),
          (err) => logger.debug({ err }, 'metric counters not read'),
        ),
      );
      life.defer('metric counters', async () => removeCounters());
      const mworker = startMaintenanceWorker(conn, config.queue.prefix, tasks, logger);
      life.defer('maintenance worker', () => mworker.close());
      // Redis back empty: the schedulers are re-created and every pending mail swept (its job is gone too).
      const watch = watchSchedulers(maintenance, tasks, {
        everyMs: Math.max(1000, config.queue.sweepEverySeconds * 1000),
        logger,
        onRecreated: () => sweepPending(pool, queue, { olderThanSeconds: 0, attempts: config.queue.attempts }),
      });
      life.defer('scheduler watch', () => watch.stop());
      checks.push(...schedulerChecks(pool, maintenance, tasks, config.queue.maxPendingAgeSeconds));
      logger.info({ tasks: tasks.map((t) => t.name) }, 'scheduler ready');
    }

    if (roles.has('imap') && config.imap.mailboxes.length > 0) {
      // Leases live beside the queue; the producer connection fails fast, as the lease renewal wants.
      const imap = startImapIntake({ config, intake, redis: producer, logger });
      life.defer('imap intake', () => imap.stop());
    }

    // Read once a second by the intakes (backpressure) and at scrape time by /metrics.
    const backlog = new BacklogMonitor(pool, { maxBacklog: config.queue.maxBacklog, refreshMs: config.queue.backlogRefreshMs }, logger);
    if (roles.has('smtp') || roles.has('api')) {
      await backlog.start();
      life.defer('backlog monitor', () => backlog.stop());
    }
    let smtpPort: number | null = null;
    if (roles.has('smtp')) {
      const smtp = await startSmtp({ config, intake, logger, overloaded: () => backlog.overloaded() });
      smtpPort = smtp.port;
      life.defer('smtp listener', () => smtp.close());
      checks.push({ name: 'smtp', check: async () => (smtp.listening() ? null : 'not listening') });
    }

    let apiPort: number | null = null;
    if (roles.has('api')) {
      const conn = await openRedis(config.redis.url, 'worker', life, 'redis webhooks');
      const sender = startWebhookSender({ config, pool, connection: conn, logger });
      life.defer('webhook sender', () => sender.stop());
      if (apiInThread(config, roles.size > 1)) {
        // Its /readyz is the whole daemon's: the thread asks for these checks, its own among them.
        const api = new ApiThread({ config, logger, readiness: () => readiness(checks, 2000) });
        // Registered before the start: a thread that started and then failed is stopped.
        life.defer('api thread', () => api.stop());
        apiPort = await api.start();
        const removeSource = addMetricsSource(() => api.metrics());
        life.defer('api thread metrics', async () => removeSource());
        checks.push({ name: 'api', check: async () => (api.running() ? null : 'no thread running') });
        // The backlog flag the HTTP intakes answer 503 by, sent when it changes.
        const timer = setInterval(() => api.setOverloaded(backlog.overloaded()), config.queue.backlogRefreshMs);
        timer.unref();
        api.setOverloaded(backlog.overloaded());
        life.defer('api thread backlog', async () => clearInterval(timer));
        logger.info({ port: apiPort }, 'API thread ready');
      } else {
        const { pool: apiPool, readPool } = await openApiPools(config, life);
        const api = await startApi({
          config,
          pool: apiPool,
          intake,
          overloaded: () => backlog.overloaded(),
          ...(readPool ? { readPool } : {}),
          logger,
          checks,
          host: config.api.host,
          port: config.api.port,
        });
        apiPort = api.port;
        life.defer('api server', () => api.close());
      }
    }

    // Registered last, so closed first: a stopping daemon stops being ready at once.
    const httpServer = await startHttp({
      host: config.http.host,
      port: config.http.port,
      logger,
      checks,
      beforeScrape: async () => {
        await Promise.all([
          backlog.refresh(),
          refreshQueueGauges(queue),
          refreshIncidentGauge(pool),
          pendingCount(pool).then((n) => metrics.webhookPending.set(n)),
        ]);
      },
    });
    life.defer('http server', () => httpServer.close());

    logger.info({ roles: [...roles], httpPort: httpServer.port, apiPort }, 'inmail started');
    return { lifecycle: life, pool, smtpPort, httpPort: httpServer.port, apiPort, stop: () => life.stop() };
  } catch (err) {
    await life.stop();
    throw err;
  }
}

/** Postgres and Redis answer, and the schema is current (once it is, it stays so). */
function serviceChecks(pool: Pool, redis: Redis): ReadinessCheck[] {
  let migrated = false;
  return [
    {
      name: 'postgres',
      check: async () => {
        await pingPool(pool).catch((err: unknown) => {
          countServiceError('postgres', 'readiness');
          throw err;
        });
        return null;
      },
    },
    {
      name: 'redis',
      check: async () => {
        await redis.ping().catch((err: unknown) => {
          countServiceError('redis', 'readiness');
          throw err;
        });
        return null;
      },
    },
    {
      name: 'migrations',
      check: async () => {
        if (migrated) return null;
        const pending = await pendingMigrations(pool);
        migrated = pending.length === 0;
        return migrated ? null : 'not applied';
      },
    },
  ];
}

/**
 * A scheduler is ready while Redis holds its maintenance schedulers and no pending
 * mail is older than the bound: either failing means mails may wait unswept.
 */
function schedulerChecks(
  pool: Pool,
  maintenance: Queue,
  tasks: readonly MaintenanceTask[],
  maxPendingAgeSeconds: number,
): ReadinessCheck[] {
  return [
    {
      name: 'schedulers',
      check: async () => {
        const missing = await missingSchedulers(maintenance, tasks);
        return missing.length === 0
          ? null
          : { reason: 'missing', detail: `maintenance schedulers missing from Redis: ${missing.join(', ')} (being re-created)` };
      },
    },
    {
      name: 'backlog',
      check: async () => {
        if (maxPendingAgeSeconds === 0) return null;
        // Postgres unreachable is the postgres check's reason, not this one's.
        const age = await pendingBacklog(pool, 1).then(
          (b) => b.oldestAgeSeconds,
          () => 0,
        );
        return age > maxPendingAgeSeconds
          ? { reason: 'too old', detail: `oldest pending mail waits ${Math.round(age)} s (bound ${maxPendingAgeSeconds} s)` }
          : null;
      },
    },
  ];
}

async function refreshQueueGauges(queue: Queue<MailJobData>): Promise<void> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
  for (const [state, n] of Object.entries(counts)) metrics.queueJobs.set({ state }, n);
}

async function refreshIncidentGauge(pool: Pool): Promise<void> {
  metrics.incidentsOpen.set(await countOpenIncidents(pool));
}
