// A Postgres cluster of the chaos suite's own: initdb into a temp dir, started
// with pg_ctl on a free port, stopped (immediate: as a crash) and started again
// mid-load; never the machine's shared server. Run as the postgres user when
// we are root (initdb refuses root).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../helpers/daemon.js';

export interface OwnPostgres {
  port: number;
  url(database: string): string;
  /** pg_ctl stop: `immediate` is a crash (no checkpoint; recovery replays the WAL on start). */
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  /** One statement on a short-lived connection (CREATE DATABASE, DROP DATABASE). */
  exec(database: string, sql: string): Promise<void>;
  remove(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const v = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!v) throw new Error(`no Postgres server binaries under ${root}/*/bin (Debian: apt-get install postgresql)`);
  return join(root, v, 'bin');
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'inmail-chaos-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', cwd: dir });
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB -c fsync=on`;
  const start = () => void run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    start,
    stop: (mode) => void run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']),
    async exec(database, sql) {
      const c = new pg.Client({ connectionString: url(database) });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    },
    remove() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
