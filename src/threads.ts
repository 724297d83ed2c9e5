// Threads of one kind, supervised from the main thread: each is started with
// its data and is ready when it says so; one that dies is restarted after a
// backoff; the main thread asks each for its metrics (merged into its own at
// scrape time); stopping tells each to drain and waits for it to end. Used by
// the worker role's threads (jobs/worker-threads.ts) and the API's thread
// (api/api-thread.ts); runThread is the other side, inside each thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { describe, fromThreadError, toThreadError, type ThreadError } from './errors.js';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { metrics, type MetricsSnapshot } from './metrics.js';

export type ToThread = { type: 'metrics'; id: number } | { type: 'stop' };
export type FromThread =
  | { type: 'ready'; port?: number }
  /** `error`: the message as the CLI prints it; `name` and `code` keep its kind (and exit code). */
  | ({ type: 'start-failed'; error: string } & Partial<Omit<ThreadError, 'message'>>)
  | { type: 'metrics'; id: number; data: MetricsSnapshot }
  | { type: 'stopped' };

const RESTART_MS = { first: 1000, max: 30_000 };

export interface SupervisorOptions {
  /** How logs and errors name a thread: `worker thread 0`, `API thread`. */
  name: (index: number) => string;
  /** Whether a start-up error is prefixed with that name (the API's is the message an in-process start would give). */
  prefixErrors: boolean;
  /** How to build the code when the entry is missing: said in the error. */
  missingHint: string;
  entry: URL;
  count: number;
  /** The workerData of a thread, read at each (re)start. */
  data: (index: number) => unknown;
  logger: Logger;
  restartMs?: number;
  resourceLimits?: ResourceLimits;
  /** A running thread died (it is restarted). */
  onRestart?: () => void;
  /** A thread started (first time or again). */
  onReady?: (index: number, ready: Extract<FromThread, { type: 'ready' }>, worker: Worker) => void;
  /** Messages beyond the supervision's own. */
  onMessage?: (message: { type: string }, worker: Worker) => void;
}

interface Slot {
  index: number;
  worker: Worker | null;
  ready: boolean;
  restartMs: number;
  timer: NodeJS.Timeout | null;
}

export class ThreadSupervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private nextId = 0;
  private readonly replies = new Map<number, (data: MetricsSnapshot) => void>();

  constructor(private readonly opts: SupervisorOptions) {
    this.slots = Array.from({ length: opts.count }, (_, index) => ({
      index,
      worker: null,
      ready: false,
      restartMs: opts.restartMs ?? RESTART_MS.first,
      timer: null,
    }));
  }

  /** Starts every thread; rejects with the first thread's start-up error (Postgres or Redis unreachable, port in use, ...). */
  async start(): Promise<void> {
    if (!existsSync(fileURLToPath(this.opts.entry))) {
      throw new Error(`${this.opts.missingHint} (${fileURLToPath(this.opts.entry)} is missing)`);
    }
    await Promise.all(this.slots.map((s) => this.spawn(s)));
  }

  /** Threads running (started and not dead). */
  running(): number {
    return this.slots.filter((s) => s.ready).length;
  }

  get count(): number {
    return this.slots.length;
  }

  /** Posts a message to every running thread. */
  broadcast(message: unknown): void {
    for (const s of this.slots) if (s.ready && s.worker) s.worker.postMessage(message);
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

  /** Tells every thread to drain and waits for them to end. */
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
    const { logger: log, name } = this.opts;
    const worker = new Worker(this.opts.entry, {
      workerData: this.opts.data(slot.index),
      ...(this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : {}),
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
      worker.on('message', (m: FromThread | { type: string }) => {
        if (m.type === 'ready') {
          slot.ready = true;
          settled = true;
          this.opts.onReady?.(slot.index, m as Extract<FromThread, { type: 'ready' }>, worker);
          resolve();
        } else if (m.type === 'start-failed') {
          const f = m as Extract<FromThread, { type: 'start-failed' }>;
          const err = fromThreadError({ name: f.name ?? 'Error', message: f.error, ...(f.code ? { code: f.code } : {}) });
          if (this.opts.prefixErrors) err.message = `${name(slot.index)}: ${err.message}`;
          fail(err);
          // It ends by itself, what it opened closed; terminate it should anything keep its loop alive.
          setTimeout(() => void worker.terminate(), 5000).unref();
        } else if (m.type === 'metrics') {
          const r = m as Extract<FromThread, { type: 'metrics' }>;
          this.replies.get(r.id)?.(r.data);
        } else if (m.type === 'stopped') {
          // Exits by itself; terminate it should anything keep its loop alive.
          setTimeout(() => void worker.terminate(), 5000).unref();
        } else {
          this.opts.onMessage?.(m, worker);
        }
      });
      worker.on('error', (err) => {
        log.error({ thread: worker.threadId, err: { message: err.message, stack: err.stack } }, `${name(slot.index)} failed`);
        fail(err);
      });
      worker.on('exit', (code) => {
        const wasReady = slot.ready;
        slot.ready = false;
        slot.worker = null;
        if (this.stopping) return;
        if (!settled) return fail(new Error(`${name(slot.index)} exited with code ${code} while starting`));
        this.opts.onRestart?.();
        if (wasReady) slot.restartMs = this.opts.restartMs ?? RESTART_MS.first;
        log.error({ thread: slot.index, code, restartInMs: slot.restartMs }, `${name(slot.index)} exited; restarting it`);
        slot.timer = setTimeout(() => {
          slot.timer = null;
          if (this.stopping) return;
          this.spawn(slot).catch((err: unknown) => {
            log.error({ thread: slot.index, err: describe(err) }, `${name(slot.index)} did not restart; trying again`);
            slot.restartMs = Math.min(slot.restartMs * 2, RESTART_MS.max);
          });
        }, slot.restartMs);
      });
    });
  }
}

/**
 * The thread's side: runs `start`, then says ready (with what start returns) or
 * start-failed (with the error, what it opened closed); answers metric requests;
 * on stop, drains `life` and flushes the log before it ends. Other messages go to
 * `onMessage`.
 */
export function runThread(opts: {
  life: Lifecycle;
  logger: Logger;
  start: () => Promise<{ port?: number }>;
  onMessage?: (message: { type: string }) => void;
}): MessagePort {
  if (!parentPort) throw new Error('this module is started by `inmail start` as a thread, not run on its own');
  const port = parentPort;
  const { life, logger } = opts;
  const send = (m: FromThread) => port.postMessage(m);
  port.on('message', (m: ToThread | { type: string }) => {
    if (m.type === 'metrics') {
      const id = (m as Extract<ToThread, { type: 'metrics' }>).id;
      void metrics.registry.getMetricsAsJSON().then((data) => send({ type: 'metrics', id, data }));
    } else if (m.type === 'stop') {
      void life
        .stop()
        .then(() => new Promise<void>((resolve) => logger.flush(() => resolve())))
        .then(() => {
          send({ type: 'stopped' });
          port.close();
        });
    } else {
      opts.onMessage?.(m);
    }
  });
  opts.start().then(
    (r) => send({ type: 'ready', ...r }),
    async (err: unknown) => {
      await life.stop();
      const e = toThreadError(err);
      send({ type: 'start-failed', error: e.message, name: e.name, ...(e.code ? { code: e.code } : {}) });
      port.close();
    },
  );
  return port;
}
