// `mentions`: the registered fixed words found in one pass over a mail's text
// must be exactly those a substring search of the lower-cased text finds, words
// that overlap, nest or start at the same place included.
import { describe, expect, it } from 'vitest';
import { fixedWords, gated, mentions, type MailView } from '../../src/parse/view.js';
import { parseMessage } from '../../src/parse/mime.js';

const WORDS = ['transcript of session follows', 'session follows', 'transcript of', 'of session', 'hi. ', 'i. t', 'frozen', 'a.b(c)'];
const ONE = WORDS.map((w) => [w, fixedWords(w)] as const);

function view(text: string): MailView {
  return { msg: parseMessage('Subject: x\n\nx'), subject: '', from: '', text, exclude: [], dsnParts: [] };
}

describe('mentions', () => {
  const texts = [
    '----- Transcript of Session Follows -----',
    'Hi. This is the qmail-send program',
    'nothing here',
    'A.B(C) and FROZEN',
    'transcript of session follows transcript of',
    '',
  ];
  for (const text of texts) {
    it(`finds what includes() finds in ${JSON.stringify(text)}`, () => {
      const v = view(text);
      for (const [w, words] of ONE) expect(mentions(v, words), w).toBe(text.toLowerCase().includes(w));
    });
  }
  it('answers for each view, not the last one asked', () => {
    const a = view('frozen');
    const b = view('thawed');
    const frozen = fixedWords('frozen');
    expect(mentions(a, frozen)).toBe(true);
    expect(mentions(b, frozen)).toBe(false);
    expect(mentions(a, frozen)).toBe(true);
  });
});

describe('gated', () => {
  const patterns = [
    /^\s*\*\* (?:address not found|message not delivered) \*\*\s*$/im,
    /\[Status:\s*\w+,\s*Address:/,
    /^Die folgenden Empfänger konnten nicht erreicht werden\s*:?\s*$/im,
    /^-{3}the following addresses had delivery errors-{3}\s*$/im,
  ];
  const texts = [
    '** Address Not Found **',
    'x\n  ** MESSAGE NOT DELIVERED **  \ny',
    '[Status: Error, Address: <a@b>]',
    '[status: error, address: <a@b>]',
    'DIE FOLGENDEN EMPFÄNGER KONNTEN NICHT ERREICHT WERDEN:',
    '---The following addresses had delivery errors---',
    '--The following addresses had delivery errors---',
    'nothing',
  ];
  for (const re of patterns)
    it(`answers as ${re.source.slice(0, 30)} itself`, () => {
      const g = gated(re);
      for (const text of texts) expect(g.test(view(text)), text).toBe(re.test(text));
    });
});
