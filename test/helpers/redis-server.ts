// A Redis server of a test's own (redis-server on a free port, its data in a temp
// dir), for faults that must not touch the shared Redis: kill -9, restart with its
// append-only file, restart empty, FLUSHALL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './daemon.js';

export interface OwnRedis {
  port: number;
  url: string;
  /** kill -9: what the append-only file holds survives. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (loads the AOF); `empty` removes the data first. */
  start(opts?: { empty?: boolean }): Promise<void>;
  /** One command on a short-lived connection (FLUSHALL, DBSIZE...). */
  command(...args: string[]): Promise<unknown>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let buf = '';
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(1000, () => done(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      buf += d.toString();
      // While loading its AOF Redis answers -LOADING: not up yet.
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
    s.on('error', () => done(false));
  });
}

export async function startOwnRedis(opts: { appendonly?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'inmail-redis-'));
  let generation = 0;
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;

  const start = async (o: { empty?: boolean } = {}) => {
    // A new append-only directory: the server starts with nothing.
    if (o.empty) generation++;
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      base,
      '--save',
      '',
      '--daemonize',
      'no',
      '--appendonly',
      opts.appendonly === false ? 'no' : 'yes',
      '--appenddirname',
      `${generation}`,
      '--maxmemory-policy',
      'noeviction',
    ];
    const proc = spawn('redis-server', args, { stdio: 'ignore' });
    child = proc;
    const deadline = Date.now() + 15_000;
    while (!(await answers(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${proc.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url,
    kill,
    start,
    async command(...args: string[]) {
      const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      try {
        const [cmd, ...rest] = args;
        return await r.call(cmd ?? 'PING', ...rest);
      } finally {
        r.disconnect();
      }
    },
    async stop() {
      await kill();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
