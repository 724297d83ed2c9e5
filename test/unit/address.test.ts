// Addresses are read whole or not at all: internationalized and quoted ones
// whole, odd text around an "@" never cut down to a valid tail.
import { describe, expect, it } from 'vitest';
import { dsnAddress, findAddress, findAddresses, invalidAddresses } from '../../src/parse/address.js';
import { parseMailSync } from '../../src/parse/index.js';

/** A UTF-8 string as the parser holds raw mail bytes: one latin1 character per byte. */
const bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('addresses', () => {
  it('reads internationalized addresses (RFC 6531) from DSN fields, as bytes or as text', () => {
    for (const a of ['josé@exämple.com', '用户@例子.广告', 'пользователь@пример.рф', 'kijitora@xn--wgv71a119e.jp']) {
      expect(dsnAddress(`utf-8; ${a}`)).toBe(a);
      expect(dsnAddress(bytes(`utf-8; ${a}`))).toBe(a);
      expect(dsnAddress(`rfc822; <${a}>`)).toBe(a);
    }
    expect(dsnAddress('utf-8; jos\\x{E9}@ex\\x{E4}mple.com')).toBe('josé@exämple.com');
  });

  it('keeps quoted local parts with their quotes', () => {
    expect(dsnAddress('rfc822; "john doe"@corp.example')).toBe('"john doe"@corp.example');
    expect(findAddress('To: "Office" <"john doe"@corp.example>')).toBe('"john doe"@corp.example');
    expect(findAddresses('could not deliver to "john doe"@corp.example: mailbox unknown')).toEqual(['"john doe"@corp.example']);
  });

  it('never cuts odd text into a different address', () => {
    for (const odd of ['a;drop-table-address;--@corp.example', 'a,b"c@corp.example', 'x@y@corp.example', 'user@corp.example_x']) {
      expect(dsnAddress(`rfc822; ${odd}`)).toBe('');
      expect(findAddresses(`Delivery to ${odd} failed`)).toEqual([]);
      expect(invalidAddresses(`Delivery to ${odd} failed`)).not.toEqual([]);
    }
  });

  it('rejects an address holding a right-to-left override or another invisible format character, as text or as bytes', () => {
    for (const ch of ['\u202e', '\u2066', '\u200f', '\u200b']) {
      const odd = `evil${ch}moc.elpmaxe@victim.example`;
      expect(dsnAddress(`rfc822; ${odd}`)).toBe('');
      expect(findAddresses(`to ${odd}`)).toEqual([]);
      expect(findAddresses(bytes(`to ${odd}`))).toEqual([]);
      // Mixed with a stray latin1 byte, the bytes still read as the control they are.
      expect(findAddresses(`caf\xe9 ${bytes(odd)}`)).toEqual([]);
    }
  });

  it('still reads the ordinary forms', () => {
    expect(dsnAddress('rfc822;kijitora@example.jp')).toBe('kijitora@example.jp');
    expect(dsnAddress('RFC822; <Kijitora@Example.JP>')).toBe('Kijitora@Example.JP');
    expect(dsnAddress('rfc822; user@example.com (expanded from <alias@example.com>)')).toBe('user@example.com');
    expect(dsnAddress('rfc822; user@[192.0.2.1]')).toBe('user@[192.0.2.1]');
    expect(findAddress('MAILER-DAEMON@mx.example.org (Mail Delivery System)')).toBe('MAILER-DAEMON@mx.example.org');
    expect(findAddresses('<a@example.com>: user unknown. Also b.c+tag@example.org, d@example.net; e@example.io.')).toEqual([
      'a@example.com',
      'b.c+tag@example.org',
      'd@example.net',
      'e@example.io',
    ]);
    expect(findAddresses('To:x@example.com mailto:y@example.com rfc822;z@example.com x@y.com,w@example.com')).toEqual([
      'x@example.com',
      'y@example.com',
      'z@example.com',
      'x@y.com',
      'w@example.com',
    ]);
    expect(findAddresses("'quoted@example.com' and \"dq@example.com\" and o'brien@example.ie")).toEqual([
      'quoted@example.com',
      'dq@example.com',
      "o'brien@example.ie",
    ]);
    expect(findAddresses('宛先：user@example.jp へ送信できません。user2@example.jpに届きません 宛先user3@example.jp')).toEqual([
      'user@example.jp',
      'user2@example.jp',
      'user3@example.jp',
    ]);
  });

  it('reads a field that is one plain address as the scanner does, limits included', () => {
    // The plain form is taken at once (address.ts, PLAIN); these are its edges, each as the scanner reads it.
    expect(findAddress('Mail Delivery System <MAILER-DAEMON@mx.example.org>')).toBe('MAILER-DAEMON@mx.example.org');
    expect(findAddress('<a..b@example.com> <c@example.com>')).toBe('c@example.com');
    expect(dsnAddress(`rfc822; ${'a'.repeat(64)}@example.com`)).toBe(`${'a'.repeat(64)}@example.com`);
    expect(dsnAddress(`rfc822; ${'a'.repeat(65)}@example.com`)).toBe('');
    expect(dsnAddress(`rfc822; a@${'b'.repeat(64)}.com`)).toBe('');
    expect(dsnAddress('rfc822; |prog@example.com')).toBe('|prog@example.com');
    expect(dsnAddress('rfc822; user@example.123')).toBe('');
    expect(findAddress('user@example.com.')).toBe('user@example.com');
    expect(findAddresses('"Doe, Jane" <jane@example.com>')).toEqual(['jane@example.com']);
    expect(findAddresses('Jane <jane@example.com>, Joe <joe@example.com>')).toEqual(['jane@example.com', 'joe@example.com']);
  });

  it('keeps a bounce whose text names only an odd address a bounce, with the odd text as its problem', () => {
    const mail = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.corp.example>',
      'To: b@bounces.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      '',
      'This is the mail system at host mx.corp.example.',
      '',
      "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
      '',
      '<a;drop-table-address;--@corp.example>: host mx.corp.example said: 550 5.1.1 User unknown',
      '',
    ].join('\r\n');
    const p = parseMailSync(Buffer.from(mail));
    expect(p).toMatchObject({ kind: 'bounce', recipients: [] });
    expect(p.problem).toContain('a;drop-table-address;--@corp.example');
  });
});
