// `inmail parse [--jsonl] PATH...` (docs/parse-output.md): what the daemon
// would conclude about each mail file, offline — no Postgres, no Redis.
import type { Command } from 'commander';
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { parseMailSync } from '../parse/index.js';
import type { ParsedMail } from '../domain/verdict.js';

// For the build (scripts/parse-bundle.mjs): the classifier's and the detectors' required words, put into the bundle.
export { requiredWordsMade } from '../parse/required-words.js';

interface Line {
  file: string;
  kind: ParsedMail['kind'];
  recipients: Array<Record<string, unknown>>;
  original: ParsedMail['original'];
  error: string | null;
  /** A MIME problem worked around: the mail was read, perhaps not all of it. */
  problem: string | null;
  via?: string;
}

/** A file to read, and whether it is known to be a regular file (found in a folder). */
interface Found {
  path: string;
  regular: boolean;
}

/** Every regular file under a path, as "path/relative"; a file is itself. */
function filesOf(path: string): Found[] {
  if (path === '-' || !statSync(path).isDirectory()) return [{ path, regular: false }];
  const out: Found[] = [];
  under(path, prefixOf(path), out);
  return out;
}

/**
 * What `join(dir, name)` puts before an entry's name: the folder normalised, then "/" ("" for "."). An
 * entry's name is one plain segment (no "/", never "." or ".."), so the join of every entry is this
 * prefix and the name, and only the folder needs node's normalisation (once, not once per file).
 */
function prefixOf(dir: string): string {
  const probe = join(dir, 'x');
  return probe.slice(0, -1);
}

/** The regular files under a folder, in name order, appended to `out` (a list, not a generator: each step of one allocates). */
function under(dir: string, prefix: string, out: Found[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const p = prefix + e.name;
    if (e.isDirectory()) under(p, `${p}/`, out);
    else if (e.isFile()) out.push({ path: p, regular: true });
  }
}

export function parseOne(file: string, bytes: Buffer): Line {
  const m = parseMailSync(bytes);
  return {
    file,
    kind: m.kind,
    recipients: m.recipients.map((r) => ({
      address: r.address,
      action: r.action,
      status: r.status,
      replyCode: r.replyCode,
      reason: r.reason,
      type: r.type,
      failureReason: r.failureReason,
      diagnostic: r.diagnostic,
      remoteMta: r.remoteMta,
      feedbackType: r.feedbackType,
      occurredAt: r.occurredAt ? r.occurredAt.toISOString() : null,
      sure: r.sure,
    })),
    original: m.original,
    error: m.error,
    problem: m.problem,
    via: m.via,
  };
}

/** The line of a file that could not be read at all. */
function unreadable(file: string, e: unknown): Line {
  return {
    file,
    kind: 'unknown',
    recipients: [],
    original: { messageId: null, verp: null, deliveryId: null },
    error: `cannot read: ${errText(e)}`,
    problem: null,
  };
}

function human(l: Line): string {
  const head = `${l.file}: ${l.kind}${l.via ? ` (${l.via})` : ''}${l.error ? `  [error: ${l.error}]` : ''}${l.problem ? `  [problem: ${l.problem}]` : ''}`;
  const rows = l.recipients.map((r) => {
    const code = [r['status'], r['replyCode']].filter(Boolean).join(' ') || '-';
    const sure = r['sure'] === false ? ' (to qualify)' : '';
    const diag = (typeof r['diagnostic'] === 'string' ? r['diagnostic'] : '').slice(0, 160);
    return `  ${String(r['address'])}  ${String(r['action'])}  ${code}  ${String(r['reason'])}/${String(r['type'])} #${String(r['failureReason'])}${sure}${diag ? `\n      ${diag}` : ''}`;
  });
  return [head, ...rows].join('\n');
}

/** One buffer for every file read: the parser keeps nothing of the bytes it is given (it reads them into a string). */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * The file's bytes in the shared buffer, valid until the next call (readFileSync made a Buffer per file).
 * A regular file's read that fills less than was asked has reached its end: no second read to see 0.
 */
function readFileShared(path: string, regular: boolean): Buffer {
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === scratch.length) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(bigger, 0, 0, n);
        scratch = bigger;
      }
      const asked = scratch.length - n;
      const got = readSync(fd, scratch, n, asked, null);
      n += got;
      if (got === 0 || (regular && got < asked)) return scratch.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function readStdin(): Buffer {
  return readFileSync(0);
}

/** Bytes of output gathered before a write. */
const OUT_CHUNK = 64 * 1024;

export function runParse(paths: readonly string[], jsonl: boolean, write: (b: Buffer) => void): number {
  // Each line is encoded into the chunk at once: a string kept until the chunk is written outlives
  // V8's young generation and is copied into the old one (docs/parser-generalisation.md, "Speed").
  // A chunk once written is never reused (the stream may still hold it).
  let out = Buffer.allocUnsafe(OUT_CHUNK);
  let used = 0;
  const flush = (): void => {
    if (used === 0) return;
    write(out.subarray(0, used));
    out = Buffer.allocUnsafe(OUT_CHUNK);
    used = 0;
  };
  const emit = (l: Line): void => {
    const s = jsonl ? JSON.stringify(l) : human(l);
    // At most three bytes of UTF-8 per UTF-16 unit, and the newline.
    if (used + 3 * s.length + 1 > OUT_CHUNK) {
      flush();
      if (3 * s.length + 1 > OUT_CHUNK) {
        write(Buffer.from(s + '\n'));
        return;
      }
    }
    used += out.write(s, used);
    out[used++] = 0x0a;
  };
  let failures = 0;
  for (let p = 0; p < paths.length; p++) {
    const path = paths[p]!;
    let files: Found[];
    try {
      files = filesOf(path);
    } catch (e) {
      failures++;
      emit(unreadable(path, e));
      continue;
    }
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!.path;
      let bytes: Buffer;
      try {
        bytes = f === '-' ? readStdin() : readFileShared(f, files[i]!.regular);
      } catch (e) {
        failures++;
        emit(unreadable(f, e));
        continue;
      }
      emit(parseOne(f, bytes));
    }
  }
  flush();
  return failures;
}

function errText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/** V8's interrupt budget for `inmail parse` (V8's own default is 66 KiB of bytecode run). */
const PARSE_INTERRUPT_BUDGET = 1_000_000;
/**
 * V8 settings of a batch run, set once the command is chosen. The interrupt budget (below); a
 * young generation that stays at the size it has when the command starts (2 MB by then) instead
 * of doubling up to V8's 16 MB: a parse allocates about 60 KB per mail and keeps almost none of
 * it, and sweeping a small young generation often cost less CPU than a large one seldom, in the
 * cache as in page faults; and those small sweeps done by this thread alone, since waking V8's
 * helper threads for each cost more CPU than they saved (docs/parser-generalisation.md, "Speed").
 * Once node runs, V8 still reads these; the young generation's limit (`--max-semi-space-size`,
 * the daemon's 4 MB) is fixed at start.
 * Regular expressions compiled once, to machine code, at their first run (`--no-regexp-tier-up`):
 * by default V8 first compiles each to bytecode for its interpreter (with a peephole pass) and
 * compiles it again to machine code at its second run, and most of the parser's several hundred
 * patterns run more than once in a batch, so most were compiled twice.
 */
const PARSE_V8_FLAGS = [
  `--interrupt-budget=${PARSE_INTERRUPT_BUDGET}`,
  '--semi-space-growth-factor=1',
  '--no-parallel-scavenge',
  '--no-regexp-tier-up',
];

/**
 * The command's work once its arguments are read: by commander (`parseCommand`), or by main.ts
 * itself for the plain form `inmail parse [--jsonl] PATH...` (see `plainParse` there).
 */
export function parseFiles(paths: readonly string[], jsonl: boolean): void {
  // A batch run is short: with V8's default budget its optimising compiler rebuilds the parser's
  // functions again and again as new layouts come in, and that compiling cost more CPU than it
  // saved. A larger budget optimises only what stays hot (docs/parser-generalisation.md, "Speed").
  for (const flag of PARSE_V8_FLAGS) setFlagsFromString(flag);
  const failures = runParse(paths, jsonl, (s) => process.stdout.write(s));
  if (failures) process.stderr.write(`inmail parse: ${failures} path(s) could not be read\n`);
  // Exit status: 0 even for non-bounces; a file that cannot be read is a failure of the run.
  if (failures) process.exitCode = 1;
}

export function parseCommand(): Command {
  // Loaded here, not imported by the module: the plain form of the command never loads commander
  // (it was about a tenth of the command's start-up, with the node modules it loads).
  const { Command } = createRequire(import.meta.url)('commander') as typeof import('commander');
  return new Command('parse')
    .description('parse mail files offline and print what inmail would conclude (no database)')
    .option('--jsonl', 'one JSON object per file on standard output')
    .argument('<path...>', 'files or folders (read recursively); "-" reads standard input')
    .action((paths: string[], opts: { jsonl?: boolean }) => parseFiles(paths, opts.jsonl === true));
}
