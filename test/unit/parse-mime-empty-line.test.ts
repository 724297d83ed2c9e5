// splitHead's search for the empty line that ends a header block (src/parse/mime.ts): by indexOf, the
// same place and length as the pattern it replaced, /\r?\n\r?\n/, on every string of a few characters.
import { describe, expect, it } from 'vitest';
import { emptyLineAt, splitHead } from '../../src/parse/mime.js';

/** Every string of up to `n` characters from `alphabet`. */
function* strings(alphabet: string, n: number): Generator<string> {
  yield '';
  if (n === 0) return;
  for (const s of strings(alphabet, n - 1)) if (s.length === n - 1) for (const c of alphabet) yield s + c;
}

/** splitHead as it was, with the pattern. */
function splitHeadByPattern(s: string): { head: string; body: string } {
  const lead = /^\r?\n/.exec(s);
  if (lead) return { head: '', body: s.slice(lead[0].length) };
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) return /^[\x21-\x39\x3b-\x7e]+:/.test(s) ? { head: s, body: '' } : { head: '', body: s };
  return { head: s.slice(0, m.index), body: s.slice(m.index + m[0].length) };
}

describe('empty line of a header block', () => {
  it('is where /\\r?\\n\\r?\\n/ matches first', () => {
    let n = 0;
    for (const s of strings('a\r\n', 9)) {
      expect(emptyLineAt(s), JSON.stringify(s)).toBe(/\r?\n\r?\n/.exec(s)?.index ?? -1);
      n++;
    }
    expect(n).toBeGreaterThan(9000);
  });

  it('splits head and body as the pattern did', () => {
    for (const s of strings('a:\r\n', 8)) expect(splitHead(s), JSON.stringify(s)).toEqual(splitHeadByPattern(s));
  });
});
