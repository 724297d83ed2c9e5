// Classes found by the third capture set (test/mta-capture/cases-third.txt, docs/parser-generalisation.md
// "Third capture set: vendors' documented answers through real MTAs"): each with synthetic examples.
import { describe, expect, it } from 'vitest';
import { classify, decodeOctalEscapes } from '../../src/parse/classify.js';

/** Bytes written as Exim's string_printing() writes a byte outside printable ASCII: backslash, three octal digits. */
const eximEscaped = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0'))).join('');

describe("Exim's octal escapes of a reply's 8-bit bytes", () => {
  it('spells the UTF-8 text back, leaves other runs', () => {
    expect(decodeOctalEscapes('552 Buz\\303\\263n lleno')).toBe('552 Buzón lleno');
    expect(decodeOctalEscapes(eximEscaped('550 用户不存在'))).toBe('550 用户不存在');
    // Not UTF-8 (a Latin-1 byte alone), or only ASCII control bytes: left as written.
    expect(decodeOctalEscapes('550 Buz\\363n')).toBe('550 Buz\\363n');
    expect(decodeOctalEscapes('550 a\\011b')).toBe('550 a\\011b');
  });

  const rows: ReadonlyArray<readonly [string, string]> = [
    ['550 Такого пользователя нет', 'userunknown'],
    ['550 Пользователь не найден', 'userunknown'],
    ['550 用户不存在', 'userunknown'],
    ['552 Buzón lleno', 'mailboxfull'],
    ['552 Das Postfach des Empfängers ist voll', 'mailboxfull'],
    ['550 El usuario no existe', 'userunknown'],
  ];
  for (const [reply, reason] of rows) {
    const escaped = eximEscaped(reply);
    it(`${escaped} -> ${reason}`, () => {
      const replyCode = reply.slice(0, 3);
      const plain = classify({ action: 'failed', status: '5.0.0', replyCode, diagnostic: reply, command: 'RCPT' });
      const got = classify({ action: 'failed', status: '5.0.0', replyCode, diagnostic: escaped, command: 'RCPT' });
      expect(got.reason).toBe(reason);
      expect(got.reason).toBe(plain.reason);
    });
  }
});
