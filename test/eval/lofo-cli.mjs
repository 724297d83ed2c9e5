#!/usr/bin/env node
// `inmail` with the phrase vocabulary as if one family had never been seen: every phrase
// entry whose matches in the corpus all lie in that family's mails is removed before the
// command runs (docs/parser-generalisation.md, "How we measure generalisation").
//
//   INMAIL_LOFO_FAMILY=lhost-postfix INMAIL_LOFO_CORPUS=DIR node test/eval/lofo-cli.mjs parse --jsonl DIR
//
// The family readers stay as they are: this measures the classifier's vocabulary only.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseMailSync } from '../../dist/parse/index.js';
import { normalizeForPhrases } from '../../dist/parse/classify.js';
import * as senderSide from '../../dist/parse/phrases.js';
import * as recipientSide from '../../dist/parse/phrases-recipient.js';

const family = process.env.INMAIL_LOFO_FAMILY ?? '';
const corpus = process.env.INMAIL_LOFO_CORPUS ?? '';
if (family && corpus) {
  const files = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
  const familyOf = (f) =>
    basename(f)
      .replace(/\.eml$/, '')
      .replace(/[-_]\d+$/, '');
  const mails = files(resolve(corpus)).map((f) => ({
    inFamily: familyOf(f) === family,
    text: parseMailSync(readFileSync(f))
      .recipients.map((r) => normalizeForPhrases(r.diagnostic))
      .join('\n'),
  }));
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
}
process.argv = [process.argv[0], resolve(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js'), ...process.argv.slice(2)];
await import('../../dist/cli/main.js');
