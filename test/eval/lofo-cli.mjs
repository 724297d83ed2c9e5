#!/usr/bin/env node
// `inmail` with the phrase vocabulary as if one family had never been seen: every phrase
// entry whose matches in the corpus all lie in that family's mails is removed before the
// command runs (docs/parser-generalisation.md, "How we measure generalisation").
//
//   INMAIL_LOFO_FAMILY=lhost-postfix INMAIL_LOFO_CORPUS=DIR node test/eval/lofo-cli.mjs parse --jsonl DIR
//
// Only the parse command.
//
// The family readers stay as they are: this measures the classifier's vocabulary only. With
// INMAIL_LOFO_READERS=1 the readers that read the family's mails (and those named after it) are
// left out as well, so that its mails meet only the generic readers: how a layout of a mail system
// no reader knows is read.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseMailSync } from '../../dist/parse/index.js';
import { normalizeForPhrases } from '../../dist/parse/classify.js';
import * as senderSide from '../../dist/parse/phrases.js';
import * as recipientSide from '../../dist/parse/phrases-recipient.js';

const family = process.env.INMAIL_LOFO_FAMILY ?? '';
const corpus = process.env.INMAIL_LOFO_CORPUS ?? '';
const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
if (process.env.INMAIL_LOFO_DUMP) {
  // Child mode: the diagnostics of every corpus mail, one JSON array on stdout.
  const out = files(resolve(corpus)).map((f) => ({
    file: f,
    ...((parsed) => ({
      text: parsed.recipients.map((r) => normalizeForPhrases(r.diagnostic)).join('\n'),
      via: parsed.via,
    }))(parseMailSync(readFileSync(f))),
  }));
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}
if (family && corpus) {
  const familyOf = (f) =>
    basename(f)
      .replace(/\.eml$/, '')
      .replace(/[-_]\d+$/, '');
  // The diagnostics are read in a child process: a parse here would build the classifier's phrase
  // index (classify.ts caches it at first use) before the entries below are left out, and the
  // family would then be scored with its own wordings after all.
  const dumped = JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, INMAIL_LOFO_DUMP: '1' },
      maxBuffer: 256 * 1024 * 1024,
    }).toString(),
  );
  const mails = dumped.map((m) => ({ inFamily: familyOf(m.file) === family, text: m.text }));
  const lists = new Set(
    Object.values({ ...senderSide, ...recipientSide })
      .filter((v) => Array.isArray(v))
      .flat()
      .filter((l) => l && Array.isArray(l.phrases)),
  );
  let removed = 0;
  for (const l of lists) {
    // In place: the classifier's combined lists hold these same arrays.
    for (let i = l.phrases.length - 1; i >= 0; i--) {
      const p = l.phrases[i][0];
      const hits = mails.filter((m) => (typeof p === 'string' ? m.text.includes(p) : p.test(m.text)));
      if (hits.length && hits.every((m) => m.inFamily)) {
        l.phrases.splice(i, 1);
        removed++;
      }
    }
  }
  process.stderr.write(`lofo: ${family}: ${removed} phrase entries seen only in its mails left out\n`);
  if (process.env.INMAIL_LOFO_READERS) {
    const { FAMILIES } = await import('../../dist/parse/families/index.js');
    const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    const key = norm(family.replace(/^[lr]host-/, ''));
    const used = new Set(dumped.filter((m) => familyOf(m.file) === family).flatMap((m) => m.via.split('+')));
    const ownName = (name) => norm(name).startsWith(key) || key.startsWith(norm(name));
    const left = FAMILIES.filter((f) => f.name !== 'generic' && (used.has(f.name) || ownName(f.name)));
    // In place: the parser walks this same array.
    const kept = FAMILIES.filter((f) => !left.includes(f));
    FAMILIES.length = 0;
    FAMILIES.push(...kept);
    process.stderr.write(`lofo: ${family}: readers left out: ${left.map((f) => f.name).join(', ') || 'none'}\n`);
  }
}
// `inmail parse` from the modules changed above: dist/cli/main.js would load the parse bundle
// (dist/cli/parse.bundle.cjs), which holds its own copy of the phrase lists.
const { Command } = await import('commander');
const { parseCommand } = await import('../../dist/cli/parse.js');
await new Command('inmail').addCommand(parseCommand()).parseAsync(process.argv);
