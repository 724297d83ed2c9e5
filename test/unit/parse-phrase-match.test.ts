// matchPhrases tests a pattern only when the text holds a word every match of
// it contains (requiredWords): its answer must stay the first list, in order,
// with any phrase or pattern found in the text.
import { describe, expect, it } from 'vitest';
import { COMPOUND_PHRASES, OVERRIDE_PHRASES, SENDER_BROAD, SENDER_SIDE_PHRASES } from '../../src/parse/phrases.js';
import { RECIPIENT_PHRASES, WEAK_PHRASES } from '../../src/parse/phrases-recipient.js';
import { matchPhrases, normalizeForPhrases } from '../../src/parse/classify.js';
import { requiredWords } from '../../src/parse/required-words.js';
import type { PhraseList } from '../../src/parse/phrases.js';
import type { Reason } from '../../src/domain/reasons.js';

function reference(text: string, lists: readonly PhraseList[]): Reason | null {
  if (!text) return null;
  for (const l of lists) for (const [p] of l.phrases) if (typeof p === 'string' ? text.includes(p) : p.test(text)) return l.reason;
  return null;
}

const LISTS: ReadonlyArray<readonly PhraseList[]> = [
  OVERRIDE_PHRASES,
  [...COMPOUND_PHRASES, ...SENDER_BROAD, ...RECIPIENT_PHRASES],
  WEAK_PHRASES,
  SENDER_SIDE_PHRASES,
  [...OVERRIDE_PHRASES, ...COMPOUND_PHRASES],
];
const EXAMPLES = LISTS.flatMap((lists) => lists.flatMap((l) => l.phrases.map(([, example]) => example)));

describe('requiredWords', () => {
  it.each([
    [/\buser <[^@<>\s]+> unknown\b/, ['> unknown']],
    [/\byou don'?t authenticate\b/, ['t authenticate']],
    [/gr[ae]y-?list/, ['list']],
    [/(?<!sender |from )\baddress unknown\b/, ['address unknown']],
    [/ab+cde/, ['cde']],
    [/abc{2,3}de/, null],
    [/x\.y\(z/, ['x.y(z']],
    [/(?:abcdef)/, ['abcdef']],
    [/(?:abcdef)?x/, null],
    [/(?=abcdef)x/, null],
    [/[abc]{3}/, null],
    [/\bhost unknown\b|\bunknown host\b/, ['host unknown', 'unknown host']],
    [/ab(?:d|e)fgh/, ['fgh']],
    [/x(?:abcd|efgh)y/, ['abcd', 'efgh']],
    [/abcd|x/, null],
    [/abcd/i, null],
    [/abcd/g, null],
    [/Status:/, ['Status:']],
    [/\x41bcd/, ['bcd']],
    [/\u00e9tait là/, ['tait là']],
    [new RegExp('(a)\\1xyz'), ['xyz']],
    [/\cJabcd/, ['abcd']],
  ])('%s → %j', (re, words) => expect(requiredWords(re, false)).toEqual(words));
  it.each([
    [/^\[Status:\s*x/, ['[status:']],
    [/^Die folgenden Empfänger konnten nicht erreicht werden/im, ['nger konnten nicht erreicht werden']],
    [/^管理者向けの診断情報/im, ['管理者向けの診断情報']],
    [/abcd/u, null],
  ])('lower case: %s → %j', (re, words) => expect(requiredWords(re, true)).toEqual(words));
});

describe('matchPhrases', () => {
  it('answers as testing every phrase of every list in order, on each example and its variants', () => {
    let n = 0;
    for (const example of EXAMPLES) {
      const t = normalizeForPhrases(example);
      for (const text of [t, t.slice(1), t.slice(0, -1), t.slice(t.length >> 1), `${t} ${t.split('').reverse().join('')}`]) {
        for (const lists of LISTS) {
          expect(matchPhrases(text, lists), `${text} / ${lists.length}`).toBe(reference(text, lists));
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
  it('every pattern with a required word holds it in its own example', () => {
    for (const lists of LISTS)
      for (const l of lists)
        for (const [p, example] of l.phrases) {
          if (typeof p === 'string') continue;
          const words = requiredWords(p, false);
          const text = normalizeForPhrases(example);
          if (words && p.test(text))
            expect(
              words.some((w) => text.includes(w)),
              p.source,
            ).toBe(true);
        }
  });
});
