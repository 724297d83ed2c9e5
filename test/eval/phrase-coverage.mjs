#!/usr/bin/env node
// phrase-coverage — how many mails of a folder each phrase entry matches, to find entries
// fitted to one mail (docs/parser-generalisation.md). Reads the built parser (npm run build).
//
//   node test/eval/phrase-coverage.mjs DIR [--list once|none|all]
//
// Each mail's recipients' diagnostics are normalised as the classifier does; an entry
// "matches a mail" when its pattern is found in one of them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseMailSync } from '../../dist/parse/index.js';
import { normalizeForPhrases } from '../../dist/parse/classify.js';
import * as senderSide from '../../dist/parse/phrases.js';
import * as recipientSide from '../../dist/parse/phrases-recipient.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: phrase-coverage.mjs DIR [--list once|none|all]');
  process.exit(2);
}
const list = args.includes('--list') ? args[args.indexOf('--list') + 1] : '';
const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
const texts = files(resolve(dir)).map((f) =>
  parseMailSync(readFileSync(f))
    .recipients.map((r) => normalizeForPhrases(r.diagnostic))
    .join('\n'),
);

const groups = Object.entries({ ...senderSide, ...recipientSide }).filter(
  ([, v]) => Array.isArray(v) && v.every((l) => l && typeof l.reason === 'string'),
);
const seen = new Set();
const counts = { none: 0, once: 0, more: 0 };
for (const [name, lists] of groups) {
  for (const l of lists) {
    for (const [p] of l.phrases) {
      const key = `${l.reason}\t${String(p)}`;
      if (seen.has(key)) continue; // lists are combined under several names
      seen.add(key);
      const n = texts.filter((t) => (typeof p === 'string' ? t.includes(p) : p.test(t))).length;
      counts[n === 0 ? 'none' : n === 1 ? 'once' : 'more']++;
      if (list === 'all' || (list === 'once' && n === 1) || (list === 'none' && n === 0))
        console.log(`${String(n).padStart(3)}  ${name}  ${l.reason}  ${String(p)}`);
    }
  }
}
console.log(
  `${seen.size} phrase entries over ${texts.length} mails: ${counts.none} match none, ${counts.once} exactly one, ${counts.more} two or more`,
);
