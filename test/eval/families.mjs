#!/usr/bin/env node
// eval:families — the corpus scorer run once per mail-system family, so that a
// change is judged family by family (docs/parser-generalisation.md, "How we
// measure generalisation"). Families are the file-name prefixes of the corpus
// (lhost-postfix-12.eml → lhost-postfix, rhost-google-01.eml → rhost-google,
// rfc3464-05.eml → rfc3464, arf-03.eml → arf).
//
//   node test/eval/families.mjs [--eval PATH] [--corpus DIR] [--only a,b] [--lofo] [--lofo-readers] [--json OUT] [--compare OLD.json]
//
// --lofo: leave one family out: each family is scored with the phrase entries that only its
// own mails match left out (test/eval/lofo-cli.mjs), as if its wordings had never been seen.
// --lofo-readers: the same, and its own readers left out too: its mails meet the generic readers only.
// --eval: the corpus scorer `eval-corpus` (default $INMAIL_EVAL_CORPUS, else where the project's
// checkout keeps it beside itself; docs/parser-generalisation.md).
// --corpus: the folder holding emails/ and expected.jsonl (default: ../corpus beside the scorer).
// --json: write the per-family figures; --compare: print the change against such a file.
// Prints figures only; the exit status says whether every run produced output.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const scorer = resolve(opt('--eval', process.env.INMAIL_EVAL_CORPUS ?? join('..', 'shared', 'tools', 'eval-corpus')));
if (!existsSync(scorer)) {
  console.error(`eval:families: no scorer at ${scorer}; pass --eval PATH or set INMAIL_EVAL_CORPUS`);
  process.exit(2);
}
const corpus = resolve(opt('--corpus', join(dirname(scorer), '..', 'corpus')));
const only = new Set((opt('--only', '') || '').split(',').filter(Boolean));
const jsonOut = opt('--json', null);
const compare = opt('--compare', null);
const lofoReaders = args.includes('--lofo-readers');
const lofo = args.includes('--lofo') || lofoReaders;
const cli = lofo ? resolve('test', 'eval', 'lofo-cli.mjs') : resolve('dist', 'cli', 'main.js');
const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} parse --jsonl`;

/** lhost-postfix-12.eml → lhost-postfix; arf-03.eml → arf. */
export function familyOf(file) {
  return basename(file)
    .replace(/\.eml$/, '')
    .replace(/[-_]\d+$/, '');
}

const lines = readFileSync(join(corpus, 'expected.jsonl'), 'utf8').split('\n').filter(Boolean);
const groups = new Map();
for (const line of lines) {
  const f = familyOf(JSON.parse(line).file);
  if (only.size && !only.has(f)) continue;
  if (!groups.has(f)) groups.set(f, []);
  groups.get(f).push(line);
}

const work = mkdtempSync(join(tmpdir(), 'inmail-eval-families-'));
const FIELDS = ['reason', 'status', 'recipient', 'type'];

function runOne(family, entries) {
  const dir = join(work, family);
  for (const line of entries) {
    const file = JSON.parse(line).file;
    const dest = join(dir, 'emails', file);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(join(corpus, 'emails', file), dest);
  }
  writeFileSync(join(dir, 'expected.jsonl'), entries.join('\n') + '\n');
  const out = join(dir, 'score.json');
  return new Promise((done) => {
    const env = lofo
      ? {
          ...process.env,
          INMAIL_LOFO_FAMILY: family,
          INMAIL_LOFO_CORPUS: join(corpus, 'emails'),
          ...(lofoReaders ? { INMAIL_LOFO_READERS: '1' } : {}),
        }
      : process.env;
    const child = spawn(
      process.execPath,
      [scorer, '--cmd', cmd, '--emails', join(dir, 'emails'), '--expected', join(dir, 'expected.jsonl'), '--quiet', '--json', out],
      { stdio: 'ignore', env },
    );
    child.on('close', () => {
      try {
        done({ family, ...JSON.parse(readFileSync(out, 'utf8')) });
      } catch {
        done({ family, files: entries.length, failed: true });
      }
    });
  });
}

// Two at a time: each run is a whole `inmail parse` process.
const queue = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
const results = [];
async function worker() {
  for (let next = queue.shift(); next; next = queue.shift()) results.push(await runOne(next[0], next[1]));
}
await Promise.all([worker(), worker()]);
rmSync(work, { recursive: true, force: true });
results.sort((a, b) => a.family.localeCompare(b.family));

const old = compare ? new Map(JSON.parse(readFileSync(compare, 'utf8')).map((r) => [r.family, r])) : null;
const pct = (s) => (s && s.of ? (100 * s.right) / s.of : null);
const cell = (r, k) => {
  const p = pct(r[k]);
  if (p === null) return '     -';
  let s = p.toFixed(1).padStart(6);
  const o = old?.get(r.family);
  const q = o ? pct(o[k]) : null;
  if (q !== null && Math.abs(p - q) >= 0.05) s += ` (${p > q ? '+' : ''}${(p - q).toFixed(1)})`;
  return s.padEnd(old ? 15 : 6);
};
if (lofo)
  console.log(
    `leave-one-family-out: each family without the phrase entries only its own mails match${lofoReaders ? ', and without its own readers' : ''}`,
  );
console.log(`${'family'.padEnd(24)} files  ${FIELDS.map((k) => k.padEnd(old ? 15 : 6)).join(' ')}`);
const total = Object.fromEntries(FIELDS.map((k) => [k, { right: 0, of: 0 }]));
let failed = 0;
for (const r of results) {
  if (r.failed) {
    failed++;
    console.log(`${r.family.padEnd(24)} ${String(r.files).padStart(5)}  scorer failed`);
    continue;
  }
  for (const k of FIELDS) {
    total[k].right += r[k].right;
    total[k].of += r[k].of;
  }
  console.log(`${r.family.padEnd(24)} ${String(r.files).padStart(5)}  ${FIELDS.map((k) => cell(r, k)).join(' ')}`);
}
const allOld = old
  ? {
      family: 'all',
      ...Object.fromEntries(
        FIELDS.map((k) => [
          k,
          [...old.values()].reduce((s, r) => ({ right: s.right + (r[k]?.right ?? 0), of: s.of + (r[k]?.of ?? 0) }), { right: 0, of: 0 }),
        ]),
      ),
    }
  : null;
if (old && allOld) old.set('all', allOld);
console.log(
  `${'all'.padEnd(24)} ${String(results.reduce((n, r) => n + (r.files ?? 0), 0)).padStart(5)}  ${FIELDS.map((k) => cell({ family: 'all', ...total }, k)).join(' ')}`,
);
const worst = results
  .filter((r) => !r.failed && r.reason.of)
  .map((r) => [r.family, pct(r.reason)])
  .sort((a, b) => a[1] - b[1])
  .slice(0, 5);
console.log(`weakest families by reason: ${worst.map(([f, p]) => `${f} ${p.toFixed(1)}`).join(', ')}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
