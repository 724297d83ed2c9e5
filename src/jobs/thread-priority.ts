// The worker threads' batch work at a lower scheduling priority (queue.workerNice):
// when a batch and an SMTP reply or an API read want the CPU at the same time, the
// reply and the read go first, and the batch takes what is left. Linux schedules
// threads: one thread's nice value is set through its own id, which
// /proc/thread-self names (`<pid>/task/<tid>`).
import { readlinkSync } from 'node:fs';
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
