// The worker threads' batch work at a lower scheduling priority (queue.workerNice):
// when a batch and an SMTP reply or an API read want the CPU at the same time, the
// reply and the read go first, and the batch takes what is left. Linux schedules
// threads: one thread's nice value is set through its own id, which
// /proc/thread-self names (`<pid>/task/<tid>`).
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';

export interface PriorityIo {
  readlink: (path: string) => string;
  getPriority: (pid: number) => number;
  setPriority: (pid: number, priority: number) => void;
}
const SYSTEM: PriorityIo = { readlink: (p) => readlinkSync(p), getPriority, setPriority };

/** Linux's lowest priority (the highest nice value). */
const LOWEST = 19;

/**
 * Adds `nice` to the calling thread's nice value (up to 19); 0 changes nothing. Where it
 * cannot (not Linux, a sandbox refusing it) it says so once and the thread runs as it was.
 * Returns the thread id and its nice value now, or null.
 */
export function lowerThreadPriority(nice: number, logger: Logger, io: PriorityIo = SYSTEM): { tid: number; nice: number } | null {
  if (nice <= 0) return null;
  try {
    const link = io.readlink('/proc/thread-self');
    const tid = Number(/(?:^|\/)task\/(\d+)$/.exec(link)?.[1]);
    if (!Number.isInteger(tid) || tid <= 0) throw new Error(`/proc/thread-self names no thread: ${link}`);
    const now = Math.min(LOWEST, io.getPriority(tid) + nice);
    io.setPriority(tid, now);
    logger.info({ tid, nice: now }, 'worker thread runs at a lower priority (queue.workerNice)');
    return { tid, nice: now };
  } catch (err) {
    logger.info({ err: describe(err) }, 'worker thread priority not lowered (queue.workerNice): it runs at the priority of the process');
    return null;
  }
}

export interface AutogroupIo {
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  pid: number;
}
const PROC: AutogroupIo = {
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
  pid: process.pid,
};

/**
 * A process of the worker role without the api role (queue.workerNice): Linux's autogroups
 * share the CPU between sessions first, and a thread's nice value counts only inside its
 * own session, so a worker thread's nice does not make it yield to an API in another
 * process (docs/api.md, autogroups). The value is added to the nice of this process's
 * autogroup (/proc/self/autogroup, up to 19), which a process may raise unprivileged; only
 * when the process leads its session (setsid, a systemd service), since the autogroup is
 * the whole session's and would otherwise lower the shell or supervisor that started it.
 * Returns the autogroup's nice value now, or null.
 */
export function lowerSessionPriority(nice: number, logger: Logger, io: AutogroupIo = PROC): number | null {
  if (nice <= 0) return null;
  try {
    const stat = io.readFile('/proc/self/stat');
    // Fields after the command name (which may hold spaces): state, ppid, pgrp, session.
    const session = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
    if (session !== io.pid) {
      logger.info(
        { session, pid: io.pid },
        "session's autogroup priority not lowered (queue.workerNice): the process does not lead its session; start it with setsid or as a service of its own",
      );
      return null;
    }
    const was = Number(/nice\s+(-?\d+)/.exec(io.readFile('/proc/self/autogroup'))?.[1]);
    if (!Number.isInteger(was)) throw new Error('/proc/self/autogroup names no nice value');
    const now = Math.min(LOWEST, was + nice);
    io.writeFile('/proc/self/autogroup', String(now));
    logger.info({ nice: now }, "the process's session runs at a lower priority (queue.workerNice, autogroup)");
    return now;
  } catch (err) {
    logger.info(
      { err: describe(err) },
      "session's autogroup priority not lowered (queue.workerNice): no autogroups here (another OS, a kernel without them)",
    );
    return null;
  }
}
