// bench:parse — files/s and MB/s of the parser over the corpus, in-process
// (parseMailSync, best of 5 passes) and as a whole process (`inmail parse --jsonl`).
// Prints figures only: nothing here asserts a time.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseMailSync } from '../../src/parse/index.js';
import { procCpuSeconds } from './proc-cpu.js';

// Compiled to .bench/test/bench/: three levels up is the project.
const project = resolve(import.meta.dirname, '..', '..', '..');
const corpus = resolve(process.argv[2] ?? join(project, '..', 'shared', 'corpus', 'emails'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const paths = files(corpus);
const mails = paths.map((p) => readFileSync(p));
const bytes = mails.reduce((n, b) => n + b.length, 0);
const mb = bytes / 1e6;

let best = Infinity;
for (let pass = 0; pass < 5; pass++) {
  const t0 = process.hrtime.bigint();
  for (const m of mails) parseMailSync(m);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(`corpus: ${paths.length} files, ${mb.toFixed(2)} MB (${corpus})`);
console.log(`in-process:    ${(paths.length / best).toFixed(0)} files/s, ${(mb / best).toFixed(1)} MB/s (best of 5)`);

const main = join(project, 'dist', 'cli', 'main.js');

// The median of 5 runs: one start-up is noisy on a busy machine.
const runs: { secs: number; cpu: number | null }[] = [];
for (let i = 0; i < 5; i++) {
  const cpu0 = procCpuSeconds('self', 'children');
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [main, 'parse', '--jsonl', corpus], { maxBuffer: 256 * 1024 * 1024 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = procCpuSeconds('self', 'children');
  if (run.status !== 0) console.log(`inmail parse exited ${run.status}: ${run.stderr.toString().slice(-500)}`);
  runs.push({ secs, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 });
}
const median = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)] as T;
const { secs } = median(runs, (r) => r.secs);
const cpus = runs.flatMap((r) => (r.cpu === null ? [] : [r.cpu]));
const cpu = cpus.length ? median(cpus, (x) => x) : null;
console.log(
  `whole process: ${(paths.length / secs).toFixed(0)} files/s, ${(mb / secs).toFixed(1)} MB/s (node dist/cli/main.js parse --jsonl, ` +
    `${secs.toFixed(2)} s incl. start-up${cpu === null ? '' : `, ${cpu.toFixed(2)} s CPU user+system`}; median of 5)`,
);
