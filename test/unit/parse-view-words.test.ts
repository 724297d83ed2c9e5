// `mentions`: the registered fixed words found in one pass over a mail's text
// must be exactly those a substring search of the lower-cased text finds, words
// that overlap, nest or start at the same place included.
import { describe, expect, it } from 'vitest';
import { fixedWords, mentions, type MailView } from '../../src/parse/view.js';
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
