// Runs the built `inmail` CLI as a child process, as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningDaemon {
  proc: ChildProcess;
  logs: string[];
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal and waits for the process to exit; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface DaemonOptions {
  env: Record<string, string>;
  roles?: string[];
  /** YAML written to a temp file and passed as INMAIL_CONFIG. */
  configYaml?: string;
  /** The CLI to run, when not this checkout's build (the chaos suite's --daemon: an older build, for before/after figures). */
  cli?: string;
  /** Runs the daemon in this network namespace (`ip netns exec`, which execs: the pid is the daemon's). */
  netns?: string;
  /** Starts the daemon in a session of its own (setsid), as a service manager does. */
  ownSession?: boolean;
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].some((p) => existsSync(p));

export async function spawnDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const dir = mkdtempSync(join(tmpdir(), 'inmail-daemon-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    INMAIL_LOG_LEVEL: 'debug',
    INMAIL_HTTP_PORT: '0',
    INMAIL_API_PORT: '0',
    ...opts.env,
  };
  if (opts.configYaml) {
    writeFileSync(join(dir, 'inmail.yaml'), opts.configYaml);
    env.INMAIL_CONFIG = join(dir, 'inmail.yaml');
  }
  const args = [opts.cli ?? CLI, 'start', ...(opts.roles ? ['--role', ...opts.roles] : [])];
  const command = opts.netns ? ['ip', 'netns', 'exec', opts.netns, process.execPath, ...args] : [process.execPath, ...args];
  // Killed with the test process (util-linux's setpriv sets the parent-death signal, then execs:
  // the pid is still the daemon's). A start-up that timed out in a hook returns no handle to stop,
  // and vitest ends its workers with a signal, so nothing else would: four daemons were seen still
  // running, loading the tests after them.
  const [file, ...rest] = SETPRIV ? ['setpriv', '--pdeathsig', 'SIGKILL', ...command] : command;
  const proc = spawn(file as string, rest, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownSession ?? false });
  const logs: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (l: string) => void }>();
  let buf = '';
  const onData = (chunk: Buffer) => {
    buf += chunk.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      logs.push(line);
      for (const w of waiters) {
        if (!w.pattern.test(line)) continue;
        waiters.delete(w);
        w.resolve(line);
      }
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  exited.then(
    () => rmSync(dir, { recursive: true, force: true }),
    () => undefined,
  );

  // A deadline, not a measure: a daemon starting on a loaded two-core machine took over 20 s
  // (every start-up wait failed at once), so wait for as long as a hook may run.
  const waitForLog = (pattern: RegExp, timeoutMs = 45_000) => {
    const seen = logs.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const w = { pattern, resolve };
      waiters.add(w);
      const t = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`daemon never logged ${pattern}; last lines:\n${logs.slice(-15).join('\n')}`));
      }, timeoutMs);
      exited.then(
        () => {
          if (waiters.delete(w)) {
            clearTimeout(t);
            reject(new Error(`daemon exited before logging ${pattern}:\n${logs.slice(-15).join('\n')}`));
          }
        },
        () => undefined,
      );
    });
  };

  return {
    proc,
    logs,
    waitForLog,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
  };
}

/** Runs the CLI to completion; returns exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
