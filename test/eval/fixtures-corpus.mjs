#!/usr/bin/env node
// Writes the project's own bounce fixtures (fixtures/bounces/FAMILY/NAME.eml beside NAME.expected.json)
// as a corpus folder in the layout eval:perturb and eval:transplant read: OUT/emails/FAMILY__NAME.eml
// and OUT/expected.jsonl, one line per mail, {"file", "expected": [{recipient, status, replycode,
// reason, hardbounce}]} (docs/parser-generalisation.md, "Perturbation and transplant over the fixtures").
// OUT must lie outside the repository; the mails are copied, the fixtures are not changed.
//
//   node test/eval/fixtures-corpus.mjs OUT [--fixtures DIR]
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--fixtures');
const src = resolve(at >= 0 ? args[at + 1] : join(import.meta.dirname, '../../fixtures/bounces'));
const out = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
const root = resolve(import.meta.dirname, '../..');
if (!out || !relative(root, resolve(out)).startsWith('..')) {
  console.error('usage: node test/eval/fixtures-corpus.mjs OUT [--fixtures DIR]  (OUT outside the repository)');
  process.exit(2);
}
mkdirSync(join(out, 'emails'), { recursive: true });
const lines = [];
for (const family of readdirSync(src).sort()) {
  const dir = join(src, family);
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.expected.json')) continue;
    const base = f.slice(0, -'.expected.json'.length);
    if (!existsSync(join(dir, `${base}.eml`))) continue;
    const e = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const file = `${family}__${base}.eml`;
    copyFileSync(join(dir, `${base}.eml`), join(out, 'emails', file));
    const expected = (e.recipients ?? []).map((r) => ({
      recipient: r.address ?? '',
      status: r.status ?? '',
      replycode: r.replyCode ?? '',
      reason: r.reason ?? '',
      hardbounce: r.type === 'hard' ? 1 : 0,
    }));
    lines.push(JSON.stringify({ file, expected }));
  }
}
writeFileSync(join(out, 'expected.jsonl'), `${lines.join('\n')}\n`);
console.log(`${lines.length} mails written to ${resolve(out)}`);
