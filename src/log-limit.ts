// Repeated errors logged at a bounded rate: during an outage every Redis client
// and queue fails many times a second, and an operator needs the first error and
// how many followed, not thousands of lines (docs/security.md).
import { format } from 'node:util';
import { describe } from './errors.js';
import type { Logger } from './logger.js';

/** A warn log for one source of errors: the first at once, then at most one per `intervalMs`, with the count left out. */
export function limitedWarn(logger: Logger, msg: string, intervalMs = 10_000): (err: unknown) => void {
  let last = 0;
  let suppressed = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    last = now;
    logger.warn({ err: describe(err), ...(suppressed ? { suppressed } : {}) }, msg);
    suppressed = 0;
  };
}

/**
 * Routes what libraries write with console.* (BullMQ prints errors it cannot emit,
 * some clients print warnings) through the logger as JSON, at a bounded rate,
 * so that standard error holds nothing but JSON lines.
 */
export function routeConsole(logger: Logger, intervalMs = 10_000): void {
  const log = logger.child({ via: 'console' });
  const limits = new Map<string, { last: number; suppressed: number }>();
  const write =
    (level: 'warn' | 'info') =>
    (...args: unknown[]) => {
      const text = format(...args);
      const first = text.split('\n')[0]?.slice(0, 300) ?? '';
      const key = first.replace(/\d+/g, 'N');
      const now = Date.now();
      const l = limits.get(key) ?? { last: 0, suppressed: 0 };
      if (now - l.last < intervalMs) {
        l.suppressed++;
        limits.set(key, l);
        return;
      }
      if (limits.size > 1000) limits.clear();
      log[level](
        { ...(l.suppressed ? { suppressed: l.suppressed } : {}), ...(text.length > first.length ? { detail: text.slice(0, 4000) } : {}) },
        first,
      );
      limits.set(key, { last: now, suppressed: 0 });
    };
  console.error = write('warn');
  console.warn = write('warn');
  console.log = write('info');
  console.info = write('info');
  console.debug = write('info');
}
