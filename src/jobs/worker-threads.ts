// The worker role in worker threads: one node thread parses and commits while
// the main thread answers SMTP, so that a daemon of all roles uses more than
// one core. Each thread has its own pool and Redis connections; a thread that
// dies is restarted after a backoff; stopping drains every thread's jobs.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { metrics, type MetricsSnapshot } from '../metrics.js';

export interface WorkerThreadData {
  config: Config;
}
export type ToThread = { type: 'metrics'; id: number } | { type: 'stop' };
export type FromThread =
  | { type: 'ready' }
  | { type: 'start-failed'; error: string }
  | { type: 'metrics'; id: number; data: MetricsSnapshot }
  | { type: 'stopped' };

/**
 * queue.workerThreads; unset, one thread when the process also runs an intake and
 * has more than one CPU (the split that lets SMTP answer while the worker parses),
 * else none: a process of the worker role alone gains nothing from a thread but memory.
 */
export function workerThreadCount(config: Config, alsoIntake: boolean): number {
  return config.queue.workerThreads ?? (alsoIntake && availableParallelism() > 1 ? 1 : 0);
}

const ENTRY = new URL('./worker-thread.js', import.meta.url);
const RESTART_MS = { first: 1000, max: 30_000 };
/**
 * The worker isolate's young generation. V8 sizes it from the machine's memory (two
 * 16 MB semi-spaces here), and the worker's short-lived garbage (~90 KB a mail) fills
 * them all: 12 MB (two of 4 MB) cost no CPU the benchmark could see and took 25–30 MB
 * off the daemon's peak RSS (279–291 → 251–262 MB end to end).
 */
const YOUNG_GENERATION_MB = 12;

interface Slot {
  index: number;
  worker: Worker | null;
  ready: boolean;
  restartMs: number;
  timer: NodeJS.Timeout | null;
}

export class WorkerThreads {
  private readonly slots: Slot[];
  private stopping = false;
  private nextId = 0;
  private readonly replies = new Map<number, (data: MetricsSnapshot) => void>();

  private readonly entry: URL;

  /** `entry`: the thread's script; worker-thread.js unless a test stands in for it. */
  constructor(private readonly opts: { config: Config; count: number; logger: Logger; entry?: URL; restartMs?: number }) {
    this.entry = opts.entry ?? ENTRY;
    this.slots = Array.from({ length: opts.count }, (_, index) => ({
      index,
      worker: null,
      ready: false,
      restartMs: opts.restartMs ?? RESTART_MS.first,
      timer: null,
    }));
  }

  /** Starts every thread; rejects with the first thread's start-up error (Postgres or Redis unreachable, ...). */
  async start(): Promise<void> {
    if (!existsSync(fileURLToPath(this.entry))) {
      throw new Error(
        `worker threads need the built code (${fileURLToPath(this.entry)} is missing): run \`npm run build\`, or set queue.workerThreads: 0`,
      );
    }
    await Promise.all(this.slots.map((s) => this.spawn(s)));
  }

  /** Threads whose worker runs. */
  running(): number {
    return this.slots.filter((s) => s.ready).length;
  }

  get count(): number {
    return this.slots.length;
  }

  /** Each running thread's metrics; a thread that does not answer within `timeoutMs` is left out. */
  async metrics(timeoutMs = 2000): Promise<MetricsSnapshot[]> {
    const asks = this.slots
      .flatMap((s) => (s.ready && s.worker ? [s.worker] : []))
      .map(
        (w) =>
          new Promise<MetricsSnapshot | null>((resolve) => {
            const id = this.nextId++;
            const timer = setTimeout(() => {
              this.replies.delete(id);
              resolve(null);
            }, timeoutMs);
            this.replies.set(id, (data) => {
              clearTimeout(timer);
              this.replies.delete(id);
              resolve(data);
            });
            w.postMessage({ type: 'metrics', id } satisfies ToThread);
          }),
      );
    return (await Promise.all(asks)).filter((d): d is MetricsSnapshot => d !== null);
  }

  /** Tells every thread to drain its jobs and waits for them to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.timer) clearTimeout(s.timer);
        const w = s.worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'stop' } satisfies ToThread);
        await exited;
      }),
    );
  }

  private spawn(slot: Slot): Promise<void> {
    const log = this.opts.logger;
    const worker = new Worker(this.entry, {
      workerData: { config: this.opts.config } satisfies WorkerThreadData,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    slot.worker = worker;
    slot.ready = false;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        reject(err);
      };
      worker.on('message', (m: FromThread) => {
        if (m.type === 'ready') {
          slot.ready = true;
          settled = true;
          resolve();
        } else if (m.type === 'start-failed') {
          fail(new Error(`worker thread ${slot.index}: ${m.error}`));
        } else if (m.type === 'metrics') {
          this.replies.get(m.id)?.(m.data);
        } else if (m.type === 'stopped') {
          // Exits by itself; terminate it should anything keep its loop alive.
          setTimeout(() => void worker.terminate(), 5000).unref();
        }
      });
      worker.on('error', (err) => {
        log.error({ thread: worker.threadId, err: { message: err.message, stack: err.stack } }, 'worker thread failed');
        fail(err);
      });
      worker.on('exit', (code) => {
        const wasReady = slot.ready;
        slot.ready = false;
        slot.worker = null;
        if (this.stopping) return;
        if (!settled) return fail(new Error(`worker thread ${slot.index} exited with code ${code} while starting`));
        // A running thread died: its jobs return to the queue once their locks expire.
        metrics.workerThreadRestarts.inc();
        if (wasReady) slot.restartMs = this.opts.restartMs ?? RESTART_MS.first;
        log.error({ thread: slot.index, code, restartInMs: slot.restartMs }, 'worker thread exited; restarting it');
        slot.timer = setTimeout(() => {
          slot.timer = null;
          if (this.stopping) return;
          this.spawn(slot).catch((err: unknown) => {
            log.error({ thread: slot.index, err: String(err) }, 'worker thread did not restart; trying again');
            slot.restartMs = Math.min(slot.restartMs * 2, RESTART_MS.max);
          });
        }, slot.restartMs);
      });
    });
  }
}
