// Copy the Haraka lab's captured bounces into fixtures/bounces/real-haraka/<case>.eml,
// named by the test message they return (<CASE.haraka@lab.test>; <CASE.harakabare@lab.test>
// → <case>-bare, from Haraka run with BARE=1). A message that brought several bounces
// (one per destination domain, or a later one after deferrals) gets -2, -3... in arrival
// order. Bytes are kept as written (plus the capture server's Return-Path/Delivered-To).
// Usage: node collect.mjs MAILDIR [MAILDIR...]
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'bounces', 'real-haraka');
mkdirSync(out, { recursive: true });
const files = [];
for (const md of process.argv.slice(2)) {
  for (const sub of ['new', 'cur', '.']) {
    const d = join(md, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d, { withFileTypes: true })) if (f.isFile()) files.push(join(d, f.name));
  }
}
// capture.mjs names files <epoch ms>.<pid>_<seq>: sort by time, then sequence
const key = (p) => p.split('/').pop().split('.')[0].padStart(16, '0') + p.split('_').pop().padStart(6, '0');
files.sort((a, b) => (key(a) < key(b) ? -1 : 1));
const seen = {};
for (const p of files) {
  const raw = readFileSync(p);
  const m = /^Message-ID: <([a-z0-9-]+)\.(haraka|harakabare)@lab\.test>/im.exec(raw.toString('latin1'));
  if (!m) {
    console.error(`? ${p}: no test Message-ID`);
    continue;
  }
  // the one bounce captured before the templates were installed is a bare one too
  const bare = m[2] === 'harakabare' || !/^From: /im.test(raw.toString('latin1').split(/\r?\n\r?\n/)[0]);
  const base = m[1] + (bare ? '-bare' : '');
  seen[base] = (seen[base] ?? 0) + 1;
  const name = seen[base] === 1 ? base : `${base}-${seen[base]}`;
  writeFileSync(join(out, `${name}.eml`), raw);
  console.log(name);
}
