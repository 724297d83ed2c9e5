// CPU seconds from /proc/<pid>/stat (Linux), for the benchmarks' figures.
import { readFileSync } from 'node:fs';

/**
 * user + system CPU seconds of a process (`self`: its own; `children`: its reaped children),
 * or null where /proc cannot be read (another OS, or the process has exited).
 */
export function procCpuSeconds(pid: number | 'self', of: 'self' | 'children' = 'self'): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name: utime, stime are the 12th and 13th; cutime, cstime the 14th and 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = of === 'self' ? 11 : 13;
    return (Number(f[at]) + Number(f[at + 1])) / 100; // clock ticks, 100 a second on Linux
  } catch {
    return null;
  }
}
