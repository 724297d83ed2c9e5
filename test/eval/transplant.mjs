#!/usr/bin/env node
// eval:transplant — whether a failure's text reads the same whatever layout carries it
// (docs/parser-generalisation.md, "How we measure generalisation"). Each single-recipient
// corpus bounce whose diagnostic starts with a reply code and a status is a host; the
// diagnostics of the others are put into it (its DSN's Diagnostic-Code and Status, and the
// line of its readable text that held its own), and the built parser reads each variant. The
// figure: how many variants read as the text did in its own mail. Reads the corpus at run
// time; writes variants only to a temporary folder (or --write DIR), outside the repository.
//
//   npm run eval:transplant -- --corpus DIR [--per-host N] [--seed N] [--list] [--write DIR]
//
// The project's own fixtures: write them as a corpus folder with test/eval/fixtures-corpus.mjs
// (outside the repository) and pass that folder. Variants are named after their host's file.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseOne } from '../../dist/cli/parse.js';
import { contentType, leafText, leaves, parseEntity, serialize, setLeafText } from './mime-edit.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length && !args[i + 1].startsWith('--') ? args[i + 1] : dflt;
};
let corpus = resolve(opt('--corpus', '.'));
try {
  if (statSync(join(corpus, 'emails')).isDirectory()) corpus = join(corpus, 'emails');
} catch {
  // DIR is the mails' folder itself.
}
const perHost = Number(opt('--per-host', '12'));
let seed = Number(opt('--seed', '7'));
const listing = args.includes('--list');
const writeDir = opt('--write', null);

const rng = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const collapse = (s) => s.replace(/\s+/g, ' ').trim();
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

// Hosts and texts: single-recipient bounces whose diagnostic is "NNN X.Y.Z ...".
const hosts = [];
const texts = new Map();
for (const file of walk(corpus).sort()) {
  const raw = readFileSync(file).toString('latin1');
  const p = parseOne(file, Buffer.from(raw, 'latin1'));
  if (p.kind !== 'bounce' || p.recipients.length !== 1) continue;
  const r = p.recipients[0];
  const diag = collapse(r.diagnostic ?? '');
  if (diag.length < 15 || !STATUS.test(diag) || !/^[245]\d\d[ -]/.test(diag)) continue;
  if (!texts.has(diag)) texts.set(diag, { text: diag, reason: r.reason });
  hosts.push({ file, raw, diag });
}

/** The host with `text` in place of its own diagnostic, or null when its diagnostic was found nowhere. */
function transplant(host, text) {
  const tree = parseEntity(host.raw);
  const status = STATUS.exec(text)[1];
  const own = collapse(host.diag).toLowerCase();
  const head = own.slice(0, 24);
  const tail = own.slice(-16);
  let replaced = 0;
  for (const { node, inReturned } of leaves(tree)) {
    if (inReturned) continue;
    const type = contentType(node);
    let body = leafText(node);
    if (/delivery-status/.test(type)) {
      body = body.replace(/^Diagnostic-Code:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim, () => {
        replaced++;
        return `Diagnostic-Code: smtp; ${text}`;
      });
      setLeafText(node, body.replace(/^(Status:\s*)[245]\.\d{1,3}\.\d{1,3}/gim, `$1${status}`));
      continue;
    }
    if (type !== '' && !type.startsWith('text/plain')) continue;
    const eol = /\r\n/.test(body) ? '\r\n' : '\n';
    // A JSON notification (Amazon SES's, also as a string inside an SNS message): the diagnostic is a
    // string value among others, replaced in place and escaped as its string is, with its "status".
    const embedded = embed(body, host.diag, text, status);
    if (embedded !== null) {
      setLeafText(node, embedded);
      replaced++;
      continue;
    }
    const lines = body.split(/\r?\n/);
    // The lines that hold the host's diagnostic: from one with its start to one with its end.
    for (let i = 0; i < lines.length; i++) {
      const first = collapse(lines[i]).toLowerCase();
      if (first.length < 8 || !first.includes(head)) continue;
      let j = i;
      let seen = first;
      while (j < lines.length - 1 && !seen.includes(tail) && j - i < 8) seen += ` ${collapse(lines[++j]).toLowerCase()}`;
      if (!seen.includes(tail)) continue;
      const at = lines[i].toLowerCase().indexOf(host.diag.slice(0, 12).toLowerCase());
      lines.splice(i, j - i + 1, (at > 0 ? lines[i].slice(0, at) : /^\s*/.exec(lines[i])[0]) + text);
      replaced++;
      // RFC 3464's fields written in the readable text (Amazon WorkMail's "Technical report:"): its Status goes too.
      if (/^diagnostic-code:/i.test(lines[i])) {
        for (let k = 0; k < lines.length; k++) lines[k] = lines[k].replace(/^(Status:\s*)[245]\.\d{1,3}\.\d{1,3}/i, `$1${status}`);
      }
      break;
    }
    setLeafText(node, lines.join(eol));
  }
  return replaced ? serialize(tree) : null;
}

/** `body` with the JSON string that holds `own` set to `text` (and its "status" to `status`), or null when none does. */
function embed(body, own, text, status) {
  const at = body.indexOf(own);
  if (at < 0 || !/"(?:diagnosticCode|smtpResponse)\\?"/.test(body)) return null;
  // The string ends at the first quote after the diagnostic; the backslashes before it say how deep it is escaped.
  const end = body.indexOf('"', at + own.length);
  if (end < 0 || /[\r\n]/.test(body.slice(at, end))) return null;
  const depth = /\\*$/.exec(body.slice(at + own.length, end))[0].length;
  let escaped = text;
  for (let d = 0; d <= depth; d++) escaped = JSON.stringify(escaped).slice(1, -1);
  const out = body.slice(0, at) + escaped + body.slice(at + own.length);
  return out.replace(/(\\*"status\\*"\s*:\s*\\*")[245]\.\d{1,3}\.\d{1,3}/g, `$1${status}`);
}

const pool = [...texts.values()];
const out = writeDir ? resolve(writeDir) : mkdtempSync(join(tmpdir(), 'inmail-transplant-'));
mkdirSync(out, { recursive: true });
let total = 0;
let same = 0;
const moved = new Map();
const listed = [];
for (const host of hosts) {
  const picks = new Set();
  while (picks.size < Math.min(perHost, pool.length)) picks.add(Math.floor(rng() * pool.length));
  for (const i of picks) {
    const t = pool[i];
    if (t.text === host.diag) continue;
    const variant = transplant(host, t.text);
    if (!variant) continue;
    const name = `${basename(host.file, '.eml')}__${i}.eml`;
    if (writeDir) writeFileSync(join(out, name), Buffer.from(variant, 'latin1'));
    const got = parseOne(name, Buffer.from(variant, 'latin1')).recipients;
    const reason = got.length === 1 ? got[0].reason : `${got.length} recipients`;
    total++;
    if (reason === t.reason) {
      same++;
      continue;
    }
    const k = `${t.reason} → ${reason}`;
    moved.set(k, (moved.get(k) ?? 0) + 1);
    listed.push(`${k}  [${basename(host.file)}] ${t.text.slice(0, 140)}`);
  }
}
if (!writeDir) rmSync(out, { recursive: true, force: true });
console.log(`${hosts.length} hosts, ${pool.length} texts, ${total} variants`);
console.log(`read as the text reads in its own mail: ${same} (${((100 * same) / total).toFixed(1)} %)`);
for (const [k, n] of [...moved].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${k}`);
if (listing) for (const l of listed) console.log(l);
