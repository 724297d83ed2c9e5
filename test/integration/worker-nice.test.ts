// queue.workerNice for real: a daemon's worker thread runs at the process's nice
// value plus workerNice, read back from Linux (/proc/<pid>/task/<tid>/stat), while
// its main thread (SMTP, API) keeps the process's; 0 leaves every thread alone.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnDaemon } from '../helpers/daemon.js';
import { REDIS_URL } from '../helpers/redis.js';
import { daemonSuite } from '../helpers/daemon-suite.js';

const suite = daemonSuite();
const { daemons } = suite;

/** Field 19 of a task's stat line (fields counted after the command name, which may hold spaces). */
const niceOf = (pid: number, tid: number): number => {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
};

async function start(workerNice: number) {
  const d = await spawnDaemon({
    env: {
      INMAIL_DATABASE_URL: suite.db.url,
      INMAIL_REDIS_URL: REDIS_URL,
      INMAIL_QUEUE_PREFIX: suite.prefix,
      INMAIL_SMTP_HOST: '127.0.0.1',
      INMAIL_SMTP_PORT: '0',
      INMAIL_BOUNCE_DOMAINS: 'bounces.test',
    },
    roles: ['smtp', 'worker'],
    configYaml: `queue:\n  workerThreads: 1\n  workerNice: ${workerNice}\n`,
  });
  daemons.push(d);
  await d.waitForLog(/"msg":"inmail started"/);
  return { d, pid: d.proc.pid as number };
}

describe('queue.workerNice', () => {
  it("lowers the worker thread's priority, and only its", async () => {
    const { d, pid } = await start(7);
    const line = JSON.parse(await d.waitForLog(/runs at a lower priority/)) as { tid: number; nice: number };
    const base = niceOf(pid, pid);
    expect(line.nice).toBe(Math.min(19, base + 7));
    expect(niceOf(pid, line.tid)).toBe(line.nice);
    // Every other thread of the process (main, libuv, V8) is left as it was.
    const others = readdirSync(`/proc/${pid}/task`)
      .map(Number)
      .filter((t) => t !== line.tid);
    expect(others.length).toBeGreaterThan(1);
    expect(new Set(others.map((t) => niceOf(pid, t)))).toEqual(new Set([base]));
    await d.stop();
  });

  it('0 leaves every thread at the priority of the process', async () => {
    const { d, pid } = await start(0);
    const base = niceOf(pid, pid);
    expect(new Set(readdirSync(`/proc/${pid}/task`).map((t) => niceOf(pid, Number(t))))).toEqual(new Set([base]));
    expect(d.logs.some((l) => /lower priority|priority not lowered/.test(l))).toBe(false);
    await d.stop();
  });
});
