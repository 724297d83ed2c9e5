// The API in a thread of its own (api.thread, docs/architecture.md): a daemon of
// every role serves the API from that thread (reads, the HTTP intakes, whose
// mails are enqueued and processed); its /readyz is the whole daemon's (not ready
// when the Postgres check fails, and at stop); its metrics are on the metrics
// port; a port already taken fails the start with the message of an in-process
// API. A thread that dies is restarted on the port it had: that fault cannot be
// caused from outside, so a stand-in script plays the thread there (as in
// worker-threads.test.ts), supervised by the real ApiThread.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiThread } from '../../src/api/api-thread.js';
import type { Config } from '../../src/config.js';
import { metrics } from '../../src/metrics.js';
import { seedAddresses } from '../helpers/addresses.js';
import { freePort, runCli, spawnDaemon } from '../helpers/daemon.js';
import { REDIS_URL } from '../helpers/redis.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { daemonSuite } from '../helpers/daemon-suite.js';
import { waitFor } from '../helpers/wait.js';

let pgProxy: TcpProxy;
const suite = daemonSuite();
const { daemons } = suite;

const env = (extra: Record<string, string> = {}) => {
  const viaProxy = new URL(suite.db.url);
  viaProxy.port = String(pgProxy.port);
  return {
    INMAIL_DATABASE_URL: viaProxy.toString(),
    INMAIL_REDIS_URL: REDIS_URL,
    INMAIL_QUEUE_PREFIX: suite.prefix,
    INMAIL_API_HOST: '127.0.0.1',
    INMAIL_SMTP_HOST: '127.0.0.1',
    INMAIL_SMTP_PORT: '0',
    INMAIL_BOUNCE_DOMAINS: 'bounces.test',
    ...extra,
  };
};
const CONFIG = 'api:\n  thread: true\nqueue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1\n';

beforeAll(async () => {
  pgProxy = await startProxy('127.0.0.1', 5432);
});
afterAll(async () => {
  // afterAll hooks run last-registered first: the proxy closes before daemonSuite kills the daemons.
  await pgProxy?.close();
});

async function started(configYaml = CONFIG, extra: Record<string, string> = {}) {
  const d = await spawnDaemon({ env: env(extra), roles: ['all'], configYaml });
  daemons.push(d);
  const s = JSON.parse(await d.waitForLog(/"msg":"inmail started"/)) as { httpPort: number; apiPort: number };
  return { d, ...s };
}

const status = (url: string) =>
  fetch(url).then(
    async (r) => ({ status: r.status, body: await r.text() }),
    () => ({ status: 0, body: 'refused' }),
  );

describe('the API thread of a daemon', () => {
  it('serves reads and the HTTP intakes, answers /readyz for the whole daemon, and shows its metrics on the metrics port', async () => {
    const { d, httpPort, apiPort } = await started();
    // The API is served by the thread, which logs as the worker threads do.
    const ready = JSON.parse(await d.waitForLog(/"msg":"HTTP API ready"/)) as { role?: string; thread?: number; port: number };
    expect(ready).toMatchObject({ role: 'api', port: apiPort });
    expect(ready.thread).toBeGreaterThan(0);
    await d.waitForLog(/"msg":"API thread ready"/);

    const cli = { ...env(), INMAIL_DATABASE_URL: suite.db.url };
    const read = (JSON.parse((await runCli(['tokens', 'create', '--scope', 'read', '--json'], cli)).stdout) as { token: string }).token;
    const feed = (JSON.parse((await runCli(['tokens', 'create', '--scope', 'intake', '--json'], cli)).stdout) as { token: string }).token;
    await seedAddresses(suite.db.pool, [{ address: 'kijitora@example.jp', status: 'quarantined', reason: 'userunknown', type: 'hard' }]);
    const base = `http://127.0.0.1:${apiPort}`;
    const got = await fetch(`${base}/v1/addresses/kijitora@example.jp`, { headers: { authorization: `Bearer ${read}` } });
    expect(got.status).toBe(200);
    expect(JSON.stringify(await got.json())).toMatch(/"status":"quarantined"/);

    // An HTTP intake in the thread stores, enqueues, and the worker thread processes it.
    const token = `fGx1Zk9:APA91bH${'x'.repeat(120)}1`;
    const posted = await fetch(`${base}/v1/intake/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${feed}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token, platform: 'fcm', error: 'UNREGISTERED', status: 404, id: 'thread-1' }),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ received: 1, stored: 1, duplicates: 0 });
    await waitFor('the push result processed', async () => {
      const r = await suite.db.pool.query<{ status: string }>("SELECT status FROM address WHERE channel = 'push' AND address = $1", [
        token,
      ]);
      return r.rows[0]?.status === 'quarantined';
    });

    // The API's request metrics (and its thread's memory) on the main thread's metrics port.
    const text = (await status(`http://127.0.0.1:${httpPort}/metrics`)).body;
    expect(text).toMatch(/^inmail_api_requests_total\{route="\/v1\/addresses\/\{address\}",method="GET",status="200"\} 1$/m);
    expect(text).toMatch(/^inmail_api_request_duration_seconds_count\{route="\/v1\/addresses\/\{address\}"\} 1$/m);
    expect(text).toMatch(/^inmail_mails_received_total\{intake="push",result="accepted",reason=""\} 1$/m);
    expect(text).toMatch(/^inmail_memory_bytes\{thread="api",area="heap_used"\} [1-9]/m);

    // /readyz on the API port is the daemon's: Postgres cut away → 503 naming it; back → 200.
    expect(await status(`${base}/readyz`)).toMatchObject({ status: 200 });
    await pgProxy.cut();
    try {
      const down = await waitFor('not ready', async () => {
        const r = await status(`${base}/readyz`);
        return r.status === 503 ? r : null;
      });
      // The short reasons only: the driver's message (with the proxy's address) stays in the log.
      expect(JSON.parse(down.body)).toEqual({ ready: false, reasons: { postgres: 'unreachable' } });
    } finally {
      await pgProxy.restore();
    }
    await waitFor('ready again', async () => (await status(`${base}/readyz`)).status === 200);

    // At stop: not ready (503 while it drains, then refused), and the daemon exits cleanly.
    const exit = d.stop('SIGTERM');
    await waitFor('not ready at stop', async () => (await status(`${base}/readyz`)).status !== 200, { everyMs: 10 });
    expect(await exit).toBe(0);
    expect(d.logs.some((l) => /"component":"api thread"/.test(l) && /"msg":"closed"/.test(l))).toBe(true);
  });

  it('answers the HTTP intakes 503 once the main thread sees the backlog above its bound, and again when it falls', async () => {
    // No worker: what the intake stores stays pending.
    const d = await spawnDaemon({
      env: env(),
      roles: ['smtp', 'api'],
      configYaml: 'api:\n  thread: true\nqueue:\n  maxBacklog: 1\n  backlogRefreshMs: 100\n',
    });
    daemons.push(d);
    const { apiPort } = JSON.parse(await d.waitForLog(/"msg":"inmail started"/)) as { apiPort: number };
    const cli = { ...env(), INMAIL_DATABASE_URL: suite.db.url };
    const feed = (JSON.parse((await runCli(['tokens', 'create', '--scope', 'intake', '--json'], cli)).stdout) as { token: string }).token;
    const post = (id: string) =>
      fetch(`http://127.0.0.1:${apiPort}/v1/intake/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${feed}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token: `fGx2Zk9:APA91bH${'y'.repeat(120)}${id}`, platform: 'fcm', error: 'UNREGISTERED', id }),
      }).then((r) => r.status);
    expect(await post('bp-1')).toBe(200);
    expect(await post('bp-2')).toBe(200);
    await waitFor('503 from the thread', async () => (await post('bp-x')) === 503);
    await suite.db.pool.query("UPDATE raw_mail SET state = 'processed' WHERE source = 'push' AND state = 'pending'");
    await waitFor('accepted again', async () => (await post('bp-3')) === 200);
    await d.stop();
  });

  it('fails to start, with the message of an in-process API, when the API port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      for (const thread of [true, false]) {
        const d = await spawnDaemon({
          env: env({ INMAIL_API_PORT: String(port), INMAIL_HTTP_PORT: String(await freePort()) }),
          roles: ['all'],
          configYaml: `api:\n  thread: ${thread}\n`,
        });
        daemons.push(d);
        const line = await d.waitForLog(/^inmail: /);
        expect(line, `api.thread: ${thread}`).toBe(`inmail: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
        const code = await new Promise<number | null>((resolve) =>
          d.proc.exitCode !== null ? resolve(d.proc.exitCode) : d.proc.once('exit', (c) => resolve(c)),
        );
        expect(code, `api.thread: ${thread}`).toBe(1);
      }
    } finally {
      taken.close();
    }
  });
});

describe('ApiThread', () => {
  it('restarts a thread that dies, on the port the first one listened on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inmail-api-thread-'));
    const marker = join(dir, 'marker');
    // Listens on api.port and says so; the first thread ever started dies 100 ms later.
    const entry = join(dir, 'api-thread.mjs');
    writeFileSync(
      entry,
      `import { parentPort, workerData } from 'node:worker_threads';
import { existsSync, writeFileSync } from 'node:fs';
import http from 'node:http';
const first = !existsSync(${JSON.stringify(marker)});
if (first) writeFileSync(${JSON.stringify(marker)}, 'x');
const server = http.createServer((_q, r) => r.end(first ? 'first' : 'again'));
server.listen(workerData.config.api.port, '127.0.0.1', () => {
  parentPort.postMessage({ type: 'ready', port: server.address().port });
  if (first) setTimeout(() => { throw new Error('stand-in API thread dies'); }, 100);
});
parentPort.on('message', (m) => {
  if (m.type === 'stop') server.close(() => { parentPort.postMessage({ type: 'stopped' }); parentPort.close(); });
});
`,
    );
    const restarts = async () => (await metrics.apiThreadRestarts.get()).values[0]?.value ?? 0;
    const before = await restarts();
    const api = new ApiThread({
      config: { api: { host: '127.0.0.1', port: 0 } } as unknown as Config,
      logger: pino({ level: 'silent' }),
      readiness: async () => ({ ready: true, reasons: {}, details: {} }),
      entry: pathToFileURL(entry),
      restartMs: 50,
    });
    const port = await api.start();
    expect(port).toBeGreaterThan(0);
    await waitFor('the dead thread restarted', async () => (await restarts()) === before + 1 && api.running());
    await waitFor('the same port answered by the new thread', async () => (await status(`http://127.0.0.1:${port}/`)).body === 'again');
    await api.stop();
    expect(api.running()).toBe(false);
    expect((await status(`http://127.0.0.1:${port}/`)).status).toBe(0);
  });
});
