// Loaded into the bench's daemon with BENCH_PROBE=1 (node --import): measures
// where an API request's time goes, in the main thread and in the API thread
// when the daemon runs one (api.thread): the event loop's delay (perf_hooks,
// 1 ms resolution), each pool's wait for a connection and each query's round
// trip (sent to answer handled, so it includes the loop's delay). SIGUSR2
// appends the figures since the last signal to BENCH_PROBE_FILE as one JSON
// line (the API thread's under `apiThread`) and starts again. The daemon's own
// code is not changed by it: node runs --import in the main thread only, so the
// probe wraps worker_threads.Worker to load itself first in the API thread.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { BroadcastChannel, isMainThread, workerData, type Worker, type WorkerOptions } from 'node:worker_threads';

type Callback = (err: unknown, value?: unknown) => void;
interface Tagged {
  __probeTag?: string;
}
interface PgPool extends Tagged {
  options: { min?: number };
  connect: (this: PgPool, cb?: Callback) => unknown;
}
interface PgClient extends Tagged {
  query: (this: PgClient, ...args: unknown[]) => unknown;
}
interface PgModule {
  Pool: { prototype: PgPool };
  Client: { prototype: PgClient };
}

/** Between the main thread's probe and the API thread's: `ask` for the figures, answered by `figures`. */
const CHANNEL = 'inmail-bench-probe';
const require = createRequire(import.meta.url);
const file = process.env.BENCH_PROBE_FILE;
const inApiThread = !isMainThread && (workerData as { kind?: unknown } | null)?.kind === 'api';

/** Hooks this thread's event loop and pg; returns its figures since the last call, and starts again. */
function instrument(): () => Record<string, unknown> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const hists = new Map<string, RecordableHistogram>();
  const record = (name: string, fromNs: bigint) => {
    let h = hists.get(name);
    if (!h) hists.set(name, (h = createHistogram()));
    h.record(Math.max(1, Number((process.hrtime.bigint() - fromNs) / 1000n)));
  };
  // The daemon's pools: the api role's is the one kept warm (min > 0).
  const tagOf = (pool: PgPool) => (pool.options.min ? 'api' : 'main');

  // Compiled to .bench/test/bench/: resolves the project's pg, the copy dist/ loads.
  const pg = require('pg') as PgModule;
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function (this: PgPool, cb?: Callback) {
    const t = process.hrtime.bigint();
    const tag = tagOf(this);
    const mark = (client: unknown) => {
      if (client && typeof client === 'object') (client as Tagged).__probeTag = tag;
      record(`${tag}.poolWaitUs`, t);
    };
    if (cb) {
      return connect.call(this, (err, client) => {
        if (!err) mark(client);
        cb(err, client);
      });
    }
    return (connect.call(this) as Promise<unknown>).then((client) => {
      mark(client);
      return client;
    });
  };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: PgClient, ...args: unknown[]) {
    const t = process.hrtime.bigint();
    const name = `${this.__probeTag ?? 'other'}.queryUs`;
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const cb = last as Callback;
      args[args.length - 1] = (err: unknown, res: unknown) => {
        record(name, t);
        cb(err, res);
      };
      return query.apply(this, args);
    }
    const r = query.apply(this, args);
    if (r && typeof (r as Promise<unknown>).then === 'function') {
      (r as Promise<unknown>).then(
        () => record(name, t),
        () => undefined,
      );
    }
    return r;
  };

  const figures = (h: { count: number; min: number; max: number; mean: number; percentile(p: number): number }, scale: number) => ({
    count: h.count,
    p50: h.percentile(50) / scale,
    p90: h.percentile(90) / scale,
    p99: h.percentile(99) / scale,
    p999: h.percentile(99.9) / scale,
    max: h.max / scale,
  });
  return () => {
    const line = {
      loopDelayMs: figures(loop, 1e6),
      ...Object.fromEntries([...hists].map(([k, h]) => [k.replace(/Us$/, 'Ms'), figures(h, 1000)])),
    };
    loop.reset();
    for (const h of hists.values()) h.reset();
    return line;
  };
}

if (isMainThread && file) {
  const take = instrument();
  // The API thread's entry, loaded after this probe (the daemon's Worker is this class once it imports worker_threads).
  const threads = require('node:worker_threads') as { Worker: typeof Worker };
  const Original = threads.Worker;
  const self = import.meta.url;
  threads.Worker = class extends Original {
    constructor(entry: string | URL, opts?: WorkerOptions) {
      const api = (opts?.workerData as { kind?: unknown } | undefined)?.kind === 'api' && entry instanceof URL;
      if (!api) super(entry, opts);
      else super(`import(${JSON.stringify(self)}).then(() => import(${JSON.stringify(entry.href)}))`, { ...opts, eval: true });
    }
  };
  syncBuiltinESMExports();
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  let waiting: ((figures: unknown) => void) | null = null;
  channel.onmessage = (e) => {
    const m = (e as { data: { type: string; data?: unknown } }).data;
    if (m.type === 'figures') waiting?.(m.data);
  };
  process.on('SIGUSR2', () => {
    // The process's CPU time (all threads: node 20 has no per-thread figure).
    const usage = process.resourceUsage();
    const own = { at: Date.now(), cpuUserMs: usage.userCPUTime / 1000, cpuSystemMs: usage.systemCPUTime / 1000, ...take() };
    // The API thread's, when there is one: asked, and given half a second.
    void new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve(null), 500);
      waiting = (data) => {
        clearTimeout(timer);
        resolve(data);
      };
      channel.postMessage({ type: 'ask' });
    }).then((apiThread) => {
      waiting = null;
      appendFileSync(file, `${JSON.stringify(apiThread ? { ...own, apiThread } : own)}\n`);
    });
  });
} else if (inApiThread && file) {
  const take = instrument();
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (e) => {
    const m = (e as { data: { type: string } }).data;
    if (m.type === 'ask') channel.postMessage({ type: 'figures', data: take() });
  };
}
