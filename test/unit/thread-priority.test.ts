// queue.workerNice: the number is checked (0–19, default 0: off); the thread id is read
// off /proc/thread-self and the nice value added to the thread's own; where that
// cannot be done the thread carries on at the process's priority, saying so once.
// That the value really lands on a worker thread is test/integration/worker-nice.test.ts.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { lowerSessionPriority, lowerThreadPriority, type AutogroupIo, type PriorityIo } from '../../src/jobs/thread-priority.js';

const none = () => false;

function recorder() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(JSON.parse(l) as { msg: string }) });
  return { lines, logger };
}

describe('queue.workerNice', () => {
  it('defaults to 0 (off) and takes 0 to 19 only', () => {
    expect(loadConfig({ env: {}, fileExists: none }).queue.workerNice).toBe(0);
    const withNice = (n: number) => loadConfig({ env: { INMAIL_CONFIG: 'x.yaml' }, readFile: () => `queue:\n  workerNice: ${n}\n` });
    expect(withNice(7).queue.workerNice).toBe(7);
    expect(withNice(19).queue.workerNice).toBe(19);
    expect(() => withNice(20)).toThrow(/queue\.workerNice/);
    expect(() => withNice(-1)).toThrow(/queue\.workerNice/);
  });
});

describe('lowerThreadPriority', () => {
  const io = (over: Partial<PriorityIo> = {}): PriorityIo & { set: [number, number][] } => {
    const set: [number, number][] = [];
    return {
      readlink: () => '4242/task/4250',
      getPriority: () => 2,
      setPriority: (tid, n) => void set.push([tid, n]),
      ...over,
      set,
    };
  };

  it("adds the value to the thread's own nice value, by the id /proc/thread-self names, up to 19", () => {
    const { logger, lines } = recorder();
    const a = io();
    expect(lowerThreadPriority(5, logger, a)).toEqual({ tid: 4250, nice: 7 });
    expect(a.set).toEqual([[4250, 7]]);
    const b = io({ getPriority: () => 17 });
    expect(lowerThreadPriority(5, logger, b)).toEqual({ tid: 4250, nice: 19 });
    expect(lines.map((l) => l.msg)).toEqual([
      'worker thread runs at a lower priority (queue.workerNice)',
      'worker thread runs at a lower priority (queue.workerNice)',
    ]);
  });

  it('does nothing for 0', () => {
    const { logger, lines } = recorder();
    const a = io();
    expect(lowerThreadPriority(0, logger, a)).toBeNull();
    expect(a.set).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('carries on, saying so once at info, without /proc (not Linux) or when the system refuses', () => {
    const noProc = Object.assign(new Error("ENOENT: no such file or directory, readlink '/proc/thread-self'"), { code: 'ENOENT' });
    const refused = Object.assign(new Error('A system error occurred: uv_os_setpriority returned EACCES (permission denied)'), {
      code: 'ERR_SYSTEM_ERROR',
    });
    for (const over of [
      {
        readlink: () => {
          throw noProc;
        },
      },
      {
        setPriority: () => {
          throw refused;
        },
      },
      { readlink: () => 'thread-self' },
    ] satisfies Partial<PriorityIo>[]) {
      const { logger, lines } = recorder();
      expect(lowerThreadPriority(5, logger, io(over))).toBeNull();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/priority not lowered/) });
    }
  });
});

describe('lowerSessionPriority', () => {
  // /proc/self/stat of pid 4242 in session `session`, its command name holding a space and a parenthesis.
  const io = (session: number, autogroup = '/autogroup-12 nice 2\n') => {
    const written: [string, string][] = [];
    const a: AutogroupIo & { written: [string, string][] } = {
      pid: 4242,
      readFile: (p) => (p === '/proc/self/stat' ? `4242 (node (x) y) S 1 4242 ${session} 0 -1 4194560` : autogroup),
      writeFile: (p, t) => void written.push([p, t]),
      written,
    };
    return a;
  };

  it("adds the value to the autogroup's nice, up to 19, when the process leads its session", () => {
    const { logger, lines } = recorder();
    const a = io(4242);
    expect(lowerSessionPriority(5, logger, a)).toBe(7);
    expect(a.written).toEqual([['/proc/self/autogroup', '7']]);
    const b = io(4242, '/autogroup-12 nice 17\n');
    expect(lowerSessionPriority(5, logger, b)).toBe(19);
    expect(b.written).toEqual([['/proc/self/autogroup', '19']]);
    expect(lines.map((l) => l.msg)).toEqual([
      "the process's session runs at a lower priority (queue.workerNice, autogroup)",
      "the process's session runs at a lower priority (queue.workerNice, autogroup)",
    ]);
  });

  it('leaves the session alone when the process does not lead it (the shell or supervisor that started it), saying so', () => {
    const { logger, lines } = recorder();
    const a = io(100);
    expect(lowerSessionPriority(5, logger, a)).toBeNull();
    expect(a.written).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/does not lead its session/) });
  });

  it('does nothing for 0, and carries on, saying so, without autogroups', () => {
    const { logger, lines } = recorder();
    const a = io(4242);
    expect(lowerSessionPriority(0, logger, a)).toBeNull();
    expect(lines).toEqual([]);
    const noAutogroup: AutogroupIo = {
      ...a,
      readFile: (p) => {
        if (p === '/proc/self/stat') return '4242 (node) S 1 4242 4242 0';
        throw Object.assign(new Error("ENOENT: no such file or directory, open '/proc/self/autogroup'"), { code: 'ENOENT' });
      },
    };
    expect(lowerSessionPriority(5, logger, noAutogroup)).toBeNull();
    expect(a.written).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/no autogroups here/) });
  });
});
