// bench:parse — files/s and MB/s of the parser over the corpus, in-process
// (parseMailSync, best of 5 passes) and as a whole process (`inmail parse --jsonl`);
// then CPU time side by side with Debian's Sisimai (libsisimai-perl) over the corpus
// copied ten times, and the CPU time of `inmail parse FILE` for one file (start-up
// included). Before those: the CPU time of the worker's own MIME reader beside
// mailparser's simpleParser on the same files, the reason the worker does not use
// mailparser (docs/pipeline.md). Prints figures only: nothing here asserts a time.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { simpleParser } from 'mailparser';
import { parseMailSync } from '../../src/parse/index.js';
import { parseMessage, partText } from '../../src/parse/mime.js';
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
  `  whole parse with the own reader:       ${wholeBest.toFixed(3)} s, ${perMail(wholeBest)}  (mailparser's reading alone is ${(mpBest / wholeBest).toFixed(1)}× this)\n`,
);

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

// --- CPU side by side with Sisimai (the reference bounce parser, Perl) ---------------------

/** CPU seconds (user + system) of one child run, or null when /proc cannot say. */
function childCpu(cmd: string, args: string[]): { cpu: number | null; status: number | null; out: number; err: string } {
  const cpu0 = procCpuSeconds('self', 'children');
  const run = spawnSync(cmd, args, { maxBuffer: 1024 * 1024 * 1024 });
  const cpu1 = procCpuSeconds('self', 'children');
  return {
    cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    status: run.status,
    out: run.stdout?.length ?? 0,
    err: (run.stderr ?? '').toString().slice(-300),
  };
}

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
  console.log(`\nside by side: the corpus copied ${COPIES} times (${n} files), CPU user+system of each whole run (median of 3)`);
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const ours: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = childCpu(process.execPath, [main, 'parse', '--jsonl', copyDir]);
    if (r.status !== 0) console.log(`inmail parse exited ${r.status}: ${r.err}`);
    if (r.cpu !== null) ours.push(r.cpu);
  }
  const inmailCpu = ours.length ? med(ours) : null;
  console.log(
    `  inmail parse --jsonl:  ${inmailCpu === null ? 'n/a' : `${inmailCpu.toFixed(2)} s CPU, ${(n / inmailCpu).toFixed(0)} files per CPU second`}`,
  );
  if (sisimaiReady()) {
    const version = spawnSync('perl', ['-MSisimai', '-e', 'print $Sisimai::VERSION']).stdout.toString();
    // Sisimai->dump: its parse of each folder as JSON, the same work as our JSON lines.
    const script = 'for my $d (@ARGV) { my $j = Sisimai->dump($d, delivered => 1); print $j, "\\n" }';
    const theirs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = childCpu('perl', ['-MSisimai', '-e', script, ...copies]);
      if (r.status !== 0) console.log(`Sisimai exited ${r.status}: ${r.err}`);
      if (r.cpu !== null) theirs.push(r.cpu);
    }
    const sisimaiCpu = theirs.length ? med(theirs) : null;
    console.log(
      `  Sisimai ${version} dump:     ${sisimaiCpu === null ? 'n/a' : `${sisimaiCpu.toFixed(2)} s CPU, ${(n / sisimaiCpu).toFixed(0)} files per CPU second`}`,
    );
    if (inmailCpu !== null && sisimaiCpu !== null) {
      console.log(`  inmail / Sisimai CPU:  ${(inmailCpu / sisimaiCpu).toFixed(2)} (goal: at most 0.33)`);
    }
  }
} finally {
  rmSync(copyDir, { recursive: true, force: true });
}

// --- one file, start-up included: what a single `inmail parse FILE` costs ---------------------
const one = paths[0];
if (one) {
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = childCpu(process.execPath, [main, 'parse', one]);
    if (r.cpu !== null) cpus.push(r.cpu);
  }
  const m = [...cpus].sort((a, b) => a - b)[Math.floor(cpus.length / 2)];
  console.log(
    `\none file: inmail parse ${basename(one)}: ${m === undefined ? 'n/a' : `${m.toFixed(2)} s CPU`} (median of 5; goal: under 0.2 s)`,
  );
}
