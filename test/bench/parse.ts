// bench:parse — the CPU time of `inmail parse` as whole processes, then the parser in-process.
// First, while this process is still small: `inmail parse FILE` for one file (start-up included)
// beside a bare `node -e ''`; `inmail parse --jsonl` over the corpus; and the corpus copied ten
// times beside Debian's Sisimai (libsisimai-perl), the two run in turn, the ratio taken pair by
// pair. Then files/s of parseMailSync in-process, and the worker's own MIME reader beside
// mailparser's simpleParser on the same files, the reason the worker does not use mailparser
// (docs/pipeline.md). Prints figures only: nothing here asserts a time.
//
// Every process figure is user + system CPU of the child as the kernel accounts it (this
// process's reaped-children times in /proc, 10 ms ticks), never wall time: the machine it runs
// on may be shared. Each figure is the median of several runs after one uncounted run, printed
// with its min–max, and commands compared are run in turn so that both see the same load.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseMailSync } from '../../src/parse/index.js';
import { parseMessage, partText } from '../../src/parse/mime.js';
import { procCpuSeconds } from './proc-cpu.js';

// Compiled to .bench/test/bench/: three levels up is the project.
const project = resolve(import.meta.dirname, '..', '..', '..');
const corpus = resolve(process.argv[2] ?? join(project, '..', 'shared', 'corpus', 'emails'));
const main = join(project, 'dist', 'cli', 'main.js');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

const paths = files(corpus);
const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
const mb = bytes / 1e6;
console.log(`corpus: ${paths.length} files, ${mb.toFixed(2)} MB (${corpus})`);

/** CPU seconds (user + system) of one child run, or null when /proc cannot say. */
function childCpu(cmd: string, args: string[]): { cpu: number | null; status: number | null; err: string } {
  const cpu0 = procCpuSeconds('self', 'children');
  const run = spawnSync(cmd, args, { maxBuffer: 1024 * 1024 * 1024 });
  const cpu1 = procCpuSeconds('self', 'children');
  return {
    cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    status: run.status,
    err: (run.stderr ?? '').toString().slice(-300),
  };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
/** "median (min–max)" of a list of figures. */
const spread = (xs: readonly number[], digits = 2): string =>
  xs.length ? `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})` : 'n/a';

/**
 * Commands run in turn, A B A B ..., after one run of each that is not counted (it pays for the
 * files not yet in the page cache): each command's CPU seconds, one entry a round.
 */
function alternate(rounds: number, commands: Array<{ name: string; cmd: string; args: string[] }>): number[][] {
  const out = commands.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    commands.forEach((c, i) => {
      const r = childCpu(c.cmd, c.args);
      if (r.status !== 0) console.log(`${c.name} exited ${r.status}: ${r.err}`);
      if (round >= 0 && r.cpu !== null) out[i]!.push(r.cpu);
    });
  }
  return out;
}

// --- one file, start-up included: what a single `inmail parse FILE` costs ---------------------
// Beside it a bare `node -e ''` in the same rounds: node's own start-up, which inmail cannot go below.
const one = paths[0];
if (one) {
  const [ours = [], bare = []] = alternate(11, [
    { name: 'inmail', cmd: process.execPath, args: [main, 'parse', one] },
    { name: 'node', cmd: process.execPath, args: ['-e', ''] },
  ]);
  console.log(
    `\none file: node dist/cli/main.js parse ${basename(one)}: ${spread(ours)} s CPU, median (min–max) of 11 after a warm-up (goal: under 0.2 s)`,
  );
  console.log(`  a bare node -e '' in the same rounds:      ${spread(bare)} s CPU`);
}

// --- the corpus as one whole process ------------------------------------------------------------
{
  const cpus: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cpu0 = procCpuSeconds('self', 'children');
    const t0 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [main, 'parse', '--jsonl', corpus], { maxBuffer: 256 * 1024 * 1024 });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const cpu1 = procCpuSeconds('self', 'children');
    if (run.status !== 0) console.log(`inmail parse exited ${run.status}: ${run.stderr.toString().slice(-500)}`);
    if (cpu0 !== null && cpu1 !== null) cpus.push(cpu1 - cpu0);
  }
  const secs = median(walls);
  console.log(
    `whole process: ${(paths.length / secs).toFixed(0)} files/s, ${(mb / secs).toFixed(1)} MB/s (node dist/cli/main.js parse --jsonl, ` +
      `${secs.toFixed(2)} s wall incl. start-up, ${spread(cpus)} s CPU user+system; median of 5)`,
  );
}

// --- CPU side by side with Sisimai (the reference bounce parser, Perl) ---------------------

/** Sisimai's Perl module, installed from Debian when missing and we may (root with apt-get). */
function sisimaiReady(): boolean {
  const has = (): boolean => spawnSync('perl', ['-MSisimai', '-e', '1']).status === 0;
  if (has()) return true;
  if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    console.log('Sisimai (libsisimai-perl) missing: installing it with apt-get ...');
    spawnSync('apt-get', ['install', '-y', '-q', 'libsisimai-perl'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (has()) return true;
  }
  console.log(
    'Sisimai comparison skipped: the Perl module Sisimai is not installed. On Debian: `apt-get install libsisimai-perl` (as root).',
  );
  return false;
}

const COPIES = Number(process.env['BENCH_COPIES'] ?? 10);
const copyDir = mkdtempSync(join(tmpdir(), 'inmail-bench-parse-'));
try {
  for (let c = 0; c < COPIES; c++) {
    const dir = join(copyDir, `copy-${String(c).padStart(2, '0')}`);
    mkdirSync(dir);
    paths.forEach((p, i) => copyFileSync(p, join(dir, `${String(i).padStart(5, '0')}-${basename(p)}`)));
  }
  const copies = readdirSync(copyDir).map((d) => join(copyDir, d));
  const n = paths.length * COPIES;
  console.log(
    `\nside by side: the corpus copied ${COPIES} times (${n} files), CPU user+system of each whole run, the two in turn, ` +
      `median (min–max) of 5 rounds after a warm-up`,
  );
  const commands = [{ name: 'inmail', cmd: process.execPath, args: [main, 'parse', '--jsonl', copyDir] }];
  const sisimai = sisimaiReady();
  // Sisimai->dump: its parse of each folder as JSON, the same work as our JSON lines.
  const script = 'for my $d (@ARGV) { my $j = Sisimai->dump($d, delivered => 1); print $j, "\\n" }';
  if (sisimai) commands.push({ name: 'Sisimai', cmd: 'perl', args: ['-MSisimai', '-e', script, ...copies] });
  const [ours = [], theirs = []] = alternate(5, commands);
  const perCpu = (xs: number[]): string => (xs.length ? `, ${(n / median(xs)).toFixed(0)} files per CPU second` : '');
  console.log(`  inmail parse --jsonl:  ${spread(ours)} s CPU${perCpu(ours)}`);
  if (sisimai) {
    const version = spawnSync('perl', ['-MSisimai', '-e', 'print $Sisimai::VERSION']).stdout.toString();
    console.log(`  Sisimai ${version} dump:     ${spread(theirs)} s CPU${perCpu(theirs)}`);
    // The ratio pair by pair: a round's two runs saw about the same load.
    const ratios = ours.flatMap((x, i) => (theirs[i] ? [x / theirs[i]] : []));
    console.log(`  inmail / Sisimai CPU:  ${spread(ratios)} (goal: at most 0.33)`);
  }
} finally {
  rmSync(copyDir, { recursive: true, force: true });
}

// --- in-process: the parser alone, and the MIME readers side by side ---------------------------
const mails = paths.map((p) => readFileSync(p));

let best = Infinity;
for (let pass = 0; pass < 5; pass++) {
  const t0 = process.hrtime.bigint();
  for (const m of mails) parseMailSync(m);
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(`\nin-process:    ${(paths.length / best).toFixed(0)} files/s, ${(mb / best).toFixed(1)} MB/s (best of 5)`);

// --- MIME reading side by side: the worker's own reader against mailparser -------------------
// Both read every file and decode its text parts to Unicode; mailparser also decodes
// headers, attachments and HTML, which the worker never needs. CPU user+system of this
// process (process.cpuUsage), best of 3 passes each, the two alternating.
const cpuOf = async (fn: () => Promise<void> | void): Promise<number> => {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const ownReader = (): void => {
  for (const raw of mails) {
    const m = parseMessage(raw.toString('latin1'));
    for (const p of m.all)
      if (p.children.length === 0 && /^(?:text\/|message\/(?:delivery-status|feedback-report))/.test(p.contentType.type)) partText(p);
  }
};
// Loaded only for this comparison.
const { simpleParser } = await import('mailparser');
const withMailparser = async (): Promise<void> => {
  for (const raw of mails) await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
};
let ownBest = Infinity;
let mpBest = Infinity;
let wholeBest = Infinity;
for (let pass = 0; pass < 3; pass++) {
  ownBest = Math.min(ownBest, await cpuOf(ownReader));
  mpBest = Math.min(mpBest, await cpuOf(withMailparser));
  wholeBest = Math.min(
    wholeBest,
    await cpuOf(() => {
      for (const m of mails) parseMailSync(m);
    }),
  );
}
const perMail = (s: number): string => `${((s / paths.length) * 1e6).toFixed(0)} µs per mail`;
console.log(`\nMIME reading, the same ${paths.length} files, CPU user+system (best of 3):`);
console.log(`  own reader (src/parse/mime.ts):        ${ownBest.toFixed(3)} s, ${perMail(ownBest)}`);
console.log(
  `  mailparser simpleParser:               ${mpBest.toFixed(3)} s, ${perMail(mpBest)}  (${(mpBest / ownBest).toFixed(1)}× the own reader)`,
);
console.log(
  `  whole parse with the own reader:       ${wholeBest.toFixed(3)} s, ${perMail(wholeBest)}  (mailparser's reading alone is ${(mpBest / wholeBest).toFixed(1)}× this)`,
);
