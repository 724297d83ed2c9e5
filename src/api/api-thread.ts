// The api role in a thread of its own (api.thread), beside the main thread's
// SMTP sessions, IMAP polling and scheduler: its event loop answers nothing
// else, so their work does not delay its reads (docs/architecture.md, threads).
// The thread has its own pools, Redis connection, intake and logger
// (api-thread-entry.ts); the main thread keeps what concerns the whole daemon
// and tells the thread: its readiness (asked per /readyz) and whether the
// backlog is above its bound (sent when it changes: one backlog query per
// process, and the backlog gauges are not counted twice when metrics merge).
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { Readiness } from '../http.js';
import type { Logger } from '../logger.js';
import { metrics, type MetricsSnapshot } from '../metrics.js';
import { ThreadSupervisor, type FromThread, type ToThread } from '../threads.js';

export interface ApiThreadData {
  config: Config;
  /** Says to code loaded in every thread (the bench's probe) which thread this is. */
  kind: 'api';
}
export type ToApiThread = ToThread | { type: 'readiness'; id: number; result: Readiness } | { type: 'overloaded'; value: boolean };
export type FromApiThread = FromThread | { type: 'readiness'; id: number };

/**
 * api.thread, off unless set: on the 2-core bench machine the thread gave the API no better
 * p99 (37–91 ms against 27–54 in the main thread, paced runs alternated), later commits and
 * 45 MB more RSS (docs/api.md, "The API's thread"). Alone, a thread would only add its memory.
 */
export function apiInThread(config: Config, otherRoles: boolean): boolean {
  return otherRoles && config.api.thread === true;
}

const ENTRY = new URL('./api-thread-entry.js', import.meta.url);
/**
 * The thread's young generation: what the main thread has when it served the API
 * (`--max-semi-space-size=4`, docs/operations.md, memory) and the worker threads have;
 * V8's own choice on a machine with much memory (16 MB semi-spaces) adds RSS only.
 */
const YOUNG_GENERATION_MB = 12;

export class ApiThread {
  private readonly thread: ThreadSupervisor;
  private bound: number | null = null;
  private overloaded = false;

  /** `readiness`: the whole daemon's, as /readyz of the metrics port gives it. `entry`: a test's stand-in. */
  constructor(opts: { config: Config; logger: Logger; readiness: () => Promise<Readiness>; entry?: URL; restartMs?: number }) {
    this.thread = new ThreadSupervisor({
      name: () => 'API thread',
      // Port in use, Postgres down: the message an API started in the main thread gives.
      prefixErrors: false,
      missingHint: 'the API thread needs the built code: run `npm run build`, or set api.thread: false',
      entry: opts.entry ?? ENTRY,
      count: 1,
      // A restarted thread listens on the port the first one got (api.port 0 picks one once).
      data: () =>
        ({
          config: this.bound === null ? opts.config : { ...opts.config, api: { ...opts.config.api, port: this.bound } },
          kind: 'api',
        }) satisfies ApiThreadData,
      logger: opts.logger,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      ...(opts.restartMs !== undefined ? { restartMs: opts.restartMs } : {}),
      onRestart: () => metrics.apiThreadRestarts.inc(),
      onReady: (_i, ready, worker) => {
        this.bound ??= ready.port ?? null;
        post(worker, { type: 'overloaded', value: this.overloaded });
      },
      onMessage: (m, worker) => {
        const ask = m as FromApiThread;
        if (ask.type !== 'readiness') return;
        void opts.readiness().then((result) => post(worker, { type: 'readiness', id: ask.id, result }));
      },
    });
  }

  /** Starts the thread; resolves to the port its API listens on, rejects with its start-up error. */
  async start(): Promise<number> {
    await this.thread.start();
    if (this.bound === null) throw new Error('the API thread started without saying its port');
    return this.bound;
  }

  running(): boolean {
    return this.thread.running() > 0;
  }

  /** Whether the backlog is above queue.maxBacklog: sent to the thread when it changes. */
  setOverloaded(value: boolean): void {
    if (value === this.overloaded) return;
    this.overloaded = value;
    this.thread.broadcast({ type: 'overloaded', value } satisfies ToApiThread);
  }

  metrics(timeoutMs = 2000): Promise<MetricsSnapshot[]> {
    return this.thread.metrics(timeoutMs);
  }

  /** Closes the API (requests in flight are answered), then its intake and connections. */
  stop(): Promise<void> {
    return this.thread.stop();
  }
}

function post(worker: Worker, m: ToApiThread): void {
  worker.postMessage(m);
}
