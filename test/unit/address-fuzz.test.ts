// A fuzz property of the parser: whatever address it returns for a recipient
// appears, as written, in the mail (never a tail of some longer text, never
// rebuilt); and it never returns one holding a bidi or other invisible control.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { fuzzMail } from '../helpers/fuzz-mail.js';
import { prng } from '../helpers/prng.js';

/** Where the address may appear: the bytes as UTF-8 or latin1 text, NUL read as a space, RFC 6533 escapes undone. */
function forms(raw: Buffer): string[] {
  const utf8 = raw.toString('utf8').replace(/\0/g, ' ');
  const latin1 = raw.toString('latin1').replace(/\0/g, ' ');
  const unescaped = utf8.replace(/\\x\{([0-9A-Fa-f]{1,6})\}/g, (m, h: string) =>
    parseInt(h, 16) <= 0x10ffff ? String.fromCodePoint(parseInt(h, 16)) : m,
  );
  return [utf8, latin1, unescaped];
}

/** The text that ends where the address ends must not continue it into a longer address to the left. */
function standsAlone(text: string, address: string): boolean {
  for (let i = text.indexOf(address); i >= 0; i = text.indexOf(address, i + 1)) {
    const before = text[i - 1] ?? ' ';
    if (!/[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/.test(before) || /[\s<(:;,"'`]/.test(before)) return true;
  }
  return false;
}

describe('address fuzz property', () => {
  it('returns only addresses that appear whole in the mail, over 4,000 fuzzed mails', () => {
    const rand = prng(1717);
    let checked = 0;
    for (let i = 0; i < 4000; i++) {
      const { kind, body } = fuzzMail(rand);
      const out = parseMailSync(body);
      if (kind !== 'dsn' && kind !== 'arf') continue;
      const texts = forms(body);
      for (const r of out.recipients) {
        expect(r.address).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        const whole = texts.some((t) => t.includes(r.address) && standsAlone(t, r.address));
        if (!whole) throw new Error(`mail ${i}: ${JSON.stringify(r.address)} is not written whole in:\n${texts[0]}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
