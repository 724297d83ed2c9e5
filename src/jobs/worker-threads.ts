// The worker role in worker threads: one node thread parses and commits while
// the main thread answers SMTP, so that a daemon of all roles uses more than
// one core. Each thread has its own pool and Redis connections; a thread that
// dies is restarted after a backoff; stopping drains every thread's jobs
// (the supervision is threads.ts's).
import { availableParallelism } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { metrics, type MetricsSnapshot } from '../metrics.js';
import { ThreadSupervisor } from '../threads.js';

export type { FromThread, ToThread } from '../threads.js';

export interface WorkerThreadData {
  config: Config;
}

/**
 * queue.workerThreads; unset, one thread when the process also runs an intake and
 * has more than one CPU (the split that lets SMTP answer while the worker parses),
 * else none: a process of the worker role alone gains nothing from a thread but memory.
 */
export function workerThreadCount(config: Config, alsoIntake: boolean): number {
  return config.queue.workerThreads ?? (alsoIntake && availableParallelism() > 1 ? 1 : 0);
}

const ENTRY = new URL('./worker-thread.js', import.meta.url);
/**
 * The worker isolate's young generation. V8 sizes it from the machine's memory (two
 * 16 MB semi-spaces here), and the worker's short-lived garbage (~90 KB a mail) fills
 * them all: 12 MB (two of 4 MB) cost no CPU the benchmark could see and took 25–30 MB
 * off the daemon's peak RSS (279–291 → 251–262 MB end to end).
 */
const YOUNG_GENERATION_MB = 12;

export class WorkerThreads {
  private readonly threads: ThreadSupervisor;

  /** `entry`: the thread's script; worker-thread.js unless a test stands in for it. */
  constructor(opts: { config: Config; count: number; logger: Logger; entry?: URL; restartMs?: number }) {
    this.threads = new ThreadSupervisor({
      name: (i) => `worker thread ${i}`,
      prefixErrors: true,
      missingHint: 'worker threads need the built code: run `npm run build`, or set queue.workerThreads: 0',
      entry: opts.entry ?? ENTRY,
      count: opts.count,
      data: () => ({ config: opts.config }) satisfies WorkerThreadData,
      logger: opts.logger,
      ...(opts.restartMs !== undefined ? { restartMs: opts.restartMs } : {}),
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      // A running thread died: its jobs return to the queue once their locks expire.
      onRestart: () => metrics.workerThreadRestarts.inc(),
    });
  }

  /** Starts every thread; rejects with the first thread's start-up error (Postgres or Redis unreachable, ...). */
  start(): Promise<void> {
    return this.threads.start();
  }

  /** Threads whose worker runs. */
  running(): number {
    return this.threads.running();
  }

  get count(): number {
    return this.threads.count;
  }

  /** Each running thread's metrics; a thread that does not answer within `timeoutMs` is left out. */
  metrics(timeoutMs = 2000): Promise<MetricsSnapshot[]> {
    return this.threads.metrics(timeoutMs);
  }

  /** Tells every thread to drain its jobs and waits for them to end. */
  stop(): Promise<void> {
    return this.threads.stop();
  }
}
