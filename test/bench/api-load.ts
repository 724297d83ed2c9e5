// HTTP API load for the bench: GET /v1/addresses/{a} at a fixed rate (open
// loop: requests start on schedule whether or not earlier ones answered, so a
// slow server shows as latency, not as a lower rate), and the bulk check of
// 100,000 addresses. Measures; asserts nothing.
import { Agent } from 'node:http';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { percentile } from './drive.js';

export interface LoadResult {
  rate: number;
  requests: number;
  errors: number;
  /** Each error's code (ECONNRESET, ...), counted: a client-side cause shows here. */
  errorKinds: Record<string, number>;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** The load generator's own event-loop delay p99 (ms): above ~1 ms, the client adds to the latencies. */
  clientLoopDelayP99: number;
}

export interface LoadOptions {
  port: number;
  token: string;
  addresses: readonly string[];
  rate: number;
  seconds: number;
}

/**
 * loadAddresses in a thread of its own: in the bench's main thread the SMTP clients and the
 * commit tracker would delay the timers and the response callbacks, and that delay would be
 * counted as the API's. The sending platform asking is a separate client; so is this thread.
 */
export function loadAddressesInThread(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./api-load-thread.js', import.meta.url), { workerData: opts });
    w.once('message', (r: LoadResult) => resolve(r));
    w.once('error', reject);
    w.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`API load thread exited with ${code}`))));
  });
}

function get(agent: Agent, port: number, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `rate` GETs a second for `seconds`, addresses taken in turn from `addresses`. */
export async function loadAddresses(opts: LoadOptions): Promise<LoadResult> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them:
  // a request sent on a socket the server is closing at that moment fails with ECONNRESET.
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  const total = Math.round(opts.rate * opts.seconds);
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const a = opts.addresses[i % opts.addresses.length] ?? 'nobody@bench.test';
    const start = performance.now();
    inflight.push(
      get(agent, opts.port, `/v1/addresses/${encodeURIComponent(a)}`, opts.token).then(
        (status) => {
          latencies.push(performance.now() - start);
          statuses[status] = (statuses[status] ?? 0) + 1;
        },
        (err: NodeJS.ErrnoException) => {
          errors++;
          const kind = err.code ?? err.message;
          errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inflight);
  loop.disable();
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  return {
    rate: total / seconds,
    requests: total,
    errors,
    errorKinds,
    statuses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    clientLoopDelayP99: loop.percentile(99) / 1e6,
  };
}

/** Times POST /v1/addresses/check with `addresses` (request sent to answer parsed), `runs` times. */
export async function timeCheck(opts: {
  port: number;
  token: string;
  addresses: readonly string[];
  runs: number;
}): Promise<{ ms: number[]; blocked: number }> {
  const body = JSON.stringify({ addresses: opts.addresses, channel: 'email' });
  const ms: number[] = [];
  let blocked = 0;
  for (let i = 0; i < opts.runs; i++) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${opts.port}/v1/addresses/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
      body,
    });
    const json = (await res.json()) as { blocked?: unknown[] };
    ms.push(performance.now() - t);
    if (!res.ok) throw new Error(`check answered ${res.status}: ${JSON.stringify(json)}`);
    blocked = json.blocked?.length ?? 0;
  }
  return { ms, blocked };
}
