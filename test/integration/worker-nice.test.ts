// queue.workerNice for real: a daemon's worker thread runs at the process's nice
// value plus workerNice, read back from Linux (/proc/<pid>/task/<tid>/stat), while
// its main thread (SMTP, API) keeps the process's; 0 leaves every thread alone.
// A process of the worker role alone that leads its session adds it to its
// session's autogroup (/proc/<pid>/autogroup); one that does not leaves it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

const autogroupNice = (pid: number | 'self'): number => Number(/nice\s+(-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
const AUTOGROUPS = existsSync('/proc/self/autogroup');
if (!AUTOGROUPS)
  console.warn('worker-nice.test.ts: /proc/self/autogroup does not exist (no autogroups in this kernel): autogroup tests skipped');

describe.skipIf(!AUTOGROUPS)("queue.workerNice and the session's autogroup", () => {
  async function startWorker(ownSession: boolean, roles = ['worker']) {
    const d = await spawnDaemon({
      env: { INMAIL_DATABASE_URL: suite.db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: suite.prefix },
      roles,
      configYaml: 'queue:\n  workerNice: 7\n',
      ownSession,
    });
    daemons.push(d);
    await d.waitForLog(/"msg":"inmail started"/);
    return { d, pid: d.proc.pid as number };
  }

  it("in a session of its own, adds the value to its session's autogroup", async () => {
    const { d, pid } = await startWorker(true);
    const line = JSON.parse(await d.waitForLog(/session runs at a lower priority/)) as { nice: number };
    // A new session's autogroup starts at nice 0.
    expect(line.nice).toBe(7);
    expect(autogroupNice(pid)).toBe(line.nice);
    // Another autogroup than the test's: the session's, which the test's is not.
    expect(readFileSync(`/proc/${pid}/autogroup`, 'utf8')).not.toBe(readFileSync('/proc/self/autogroup', 'utf8'));
    await d.stop();
  });

  it('in the session that started it, leaves that session alone and says why', async () => {
    const before = readFileSync('/proc/self/autogroup', 'utf8');
    const { d, pid } = await startWorker(false);
    await d.waitForLog(/does not lead its session/);
    expect(readFileSync(`/proc/${pid}/autogroup`, 'utf8')).toBe(before);
    expect(readFileSync('/proc/self/autogroup', 'utf8')).toBe(before);
    await d.stop();
  });

  it('with the api role, leaves its session alone: the API is what the others yield to', async () => {
    const { d, pid } = await startWorker(true, ['worker', 'api']);
    expect(autogroupNice(pid)).toBe(0);
    expect(d.logs.some((l) => /autogroup/.test(l))).toBe(false);
    await d.stop();
  });
});
