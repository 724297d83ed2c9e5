// Regular expressions of rules come from operators and run on every bounce in
// the worker's event loop, where a catastrophic pattern would stall all mail.
// So a pattern is refused unless it passes three gates:
//   1. it compiles (a clear message otherwise);
//   2. safe-regex2's static check (star height ≤ 1: no nested quantifiers such as (a+)+);
//   3. a time budget: it runs against growing adversarial inputs, and a run that
//      takes longer than the budget refuses it. Inputs grow step by step, so an
//      exponential pattern (e.g. (a|aa)+$, which the static check misses) is caught
//      at a small size, long before a step could hang.
// Matching itself only ever sees texts cut to MAX_MATCH_TEXT characters.
import { readFileSync } from 'node:fs';
import safeRegex from 'safe-regex2';

export const MAX_PATTERN = 500;
export const MAX_MATCH_TEXT = 2000;
const BUDGET_MS = 25;

export class RuleError extends Error {
  readonly code = 'BAD_RULE';
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

/** Compiles an operator's pattern (case-insensitive, unicode) or throws RuleError saying why not. */
export function compileSafe(pattern: string, example?: string): RegExp {
  if (pattern.length === 0) throw new RuleError('the regular expression is empty');
  if (pattern.length > MAX_PATTERN) throw new RuleError(`the regular expression is longer than ${MAX_PATTERN} characters`);
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'iu');
  } catch (err) {
    throw new RuleError(`invalid regular expression /${pattern}/: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (/\\[1-9]|\\k</.test(pattern)) {
    throw new RuleError(`regular expression /${pattern}/ uses a back-reference, which can backtrack without bound; refused`);
  }
  if (!safeRegex(re)) {
    throw new RuleError(
      `regular expression /${pattern}/ may backtrack catastrophically (nested quantifiers such as (a+)+); rewrite it without a repeated group that repeats`,
    );
  }
  const slow = slowInput(re, example);
  if (slow !== null) {
    throw new RuleError(
      `regular expression /${pattern}/ took over ${BUDGET_MS} ms on a ${slow}-character input (catastrophic backtracking); rewrite it with fewer overlapping alternatives`,
    );
  }
  return re;
}

// Small steps where exponential patterns blow up (each step multiplies their time by ~16 at most).
const SIZES = [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 64, 128, 256, 512, 1024, MAX_MATCH_TEXT];

function timed(re: RegExp, input: string): number {
  const started = performance.now();
  re.test(input);
  return performance.now() - started;
}

/** Nanoseconds the calling thread has run on a CPU (Linux's /proc/thread-self/schedstat), or null. */
function threadCpuNs(): number | null {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}

/**
 * Over the budget twice, so that a garbage-collection pause alone refuses nothing; the
 * second time by the thread's own CPU time where Linux gives it: a thread that waited
 * for a core (a loaded machine, a worker at queue.workerNice) took longer by the clock
 * through no fault of the pattern, and a worker of shipped rules would not start.
 */
function overBudget(re: RegExp, input: string): boolean {
  if (timed(re, input) <= BUDGET_MS) return false;
  const cpuFrom = threadCpuNs();
  const wall = timed(re, input);
  const cpuTo = threadCpuNs();
  return (cpuFrom === null || cpuTo === null ? wall : (cpuTo - cpuFrom) / 1e6) > BUDGET_MS;
}

/** The size of the first probe input that exceeds the budget, or null. */
function slowInput(re: RegExp, example: string | undefined): number | null {
  const seeds = ['a', '0', ' ', 'a ', 'a0', '.', '-', 'a@a.', '\t'];
  if (example) seeds.push(example.slice(0, 40));
  for (const seed of seeds) {
    for (const size of SIZES) {
      const input = `${seed.repeat(Math.ceil(size / seed.length)).slice(0, size)}\u0000!`;
      if (overBudget(re, input)) return size;
    }
  }
  return null;
}
