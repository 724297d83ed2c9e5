// Loaded into the bench's daemon with BENCH_PROBE=1 (node --import): measures,
// in the main thread, where an API request's time goes: the event loop's delay
// (perf_hooks, 1 ms resolution), each pool's wait for a connection and each
// query's round trip (sent to answer handled, so it includes the loop's delay).
// SIGUSR2 appends the figures since the last signal to BENCH_PROBE_FILE as one
// JSON line and starts again. The daemon's own code is not changed by it.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

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

const file = process.env.BENCH_PROBE_FILE;
if (isMainThread && file) {
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
  const pg = createRequire(import.meta.url)('pg') as PgModule;
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
  process.on('SIGUSR2', () => {
    const usage = process.resourceUsage();
    const line = {
      at: Date.now(),
      cpuUserMs: usage.userCPUTime / 1000,
      cpuSystemMs: usage.systemCPUTime / 1000,
      loopDelayMs: figures(loop, 1e6),
      ...Object.fromEntries([...hists].map(([k, h]) => [k.replace(/Us$/, 'Ms'), figures(h, 1000)])),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    loop.reset();
    for (const h of hists.values()) h.reset();
  });
}
