// addressKey's fast path for plain ASCII addresses (taken 100,000 times per bulk
// check) must give exactly the key of the general path, for every input.
import { describe, expect, it } from 'vitest';
import { addressKey, emailKey } from '../../src/quarantine/address-key.js';
import { prng } from '../helpers/prng.js';

// Characters that matter to the general path: case, the @, what cleanEmail strips, IDN labels, non-ASCII.
const PIECES = [
  'a',
  'Z',
  'k',
  '0',
  '.',
  '-',
  '+',
  '_',
  '@',
  '@',
  ' ',
  '\t',
  '<',
  '>',
  ';',
  'rfc822;',
  'SMTP;',
  'xn--',
  'XN--',
  'é',
  'É',
  'e\u0301',
  'ß',
  'İ',
  '~',
  '"',
  '=',
  '?',
];

describe('addressKey', () => {
  it('gives the general path’s key on its fast path, over 20,000 random addresses, either case setting', () => {
    const rand = prng(4242);
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + Math.floor(rand() * 12);
      let s = '';
      for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * PIECES.length)];
      if (/^[!-:=?-~]+$/.test(s)) plain++;
      for (const caseSensitiveLocalPart of [false, true]) {
        expect(addressKey('email', s, { caseSensitiveLocalPart }), JSON.stringify(s)).toBe(emailKey(s, { caseSensitiveLocalPart }));
      }
    }
    // The property is about the fast path: make sure the draw exercised it.
    expect(plain).toBeGreaterThan(1000);
  });

  it('keeps the forms the general path exists for', () => {
    const opts = { caseSensitiveLocalPart: false };
    expect(addressKey('email', 'Kijitora@Example.JP', opts)).toBe('kijitora@example.jp');
    expect(addressKey('email', ' <Kijitora@Example.JP> ', opts)).toBe('kijitora@example.jp');
    expect(addressKey('email', 'rfc822; Kijitora@Example.JP', opts)).toBe('kijitora@example.jp');
    expect(addressKey('email', 'neko@xn--r8jz45g.jp', opts)).toBe(addressKey('email', 'neko@例え.jp', opts));
    expect(addressKey('email', 'Kijitora@Example.JP', { caseSensitiveLocalPart: true })).toBe('Kijitora@example.jp');
  });
});
