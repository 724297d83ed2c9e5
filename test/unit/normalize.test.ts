import { describe, expect, it } from 'vitest';
import { normalizeText, textKey } from '../../src/qualify/normalize.js';

describe('normalizeText', () => {
  it.each([
    [
      'Postfix: host and IP in brackets, address',
      'host mx.example.org[192.0.2.10] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
      'host #xxx#[#xxx#] said: 550 5.1.1 <*>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
    ],
    [
      'Gmail: session id at the end',
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-2e5a8e1b2c3si12345pln.123 - gsmtp",
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser #xxx# - gsmtp",
    ],
    [
      'Exchange Online: bracketed server, timestamp and id',
      "550 5.7.1 Unfortunately, messages from [40.107.22.10] weren't sent. [AM0PR02MB1234.eurprd02.prod.outlook.com 2024-01-05T10:00:00.123Z 08DC0E1A2B3C4D5E]",
      "550 5.7.1 Unfortunately, messages from [#xxx#] weren't sent. [#xxx#]",
    ],
    [
      'Spamhaus: IPs in text and URL',
      '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5',
      '554 5.7.1 Service unavailable; Client host [#xxx#] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/#xxx#',
    ],
    [
      'Yahoo: code in brackets and numbered reference',
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
      '421 4.7.0 [#xxx#] Messages from #xxx# temporarily deferred due to unexpected volume or user complaints - #xxx#; see https://postmaster.yahooinc.com/error-codes',
    ],
    [
      'RFC 5322 date and hex queue id',
      'Mon, 5 Jan 2024 10:00:00 +0000 delivery failed after 5 days, queue id 4B1A2C3D4E',
      '#xxx# delivery failed after #xxx# days, queue id #xxx#',
    ],
    [
      'numbers inside the text',
      '550 Requested action not taken: mailbox unavailable (Mailbox full, 12345 bytes)',
      '550 Requested action not taken: mailbox unavailable (Mailbox full, #xxx# bytes)',
    ],
    ['phone numbers (SMS channel)', 'SMS to +33 6 12 34 56 78 failed: number unreachable', 'SMS to #xxx# failed: number unreachable'],
    ['qmail: #-prefixed status kept', 'Remote host said: 550 #5.1.0 Address rejected.', 'Remote host said: 550 #5.1.0 Address rejected.'],
    ['the Diagnostic-Code type prefix goes', 'smtp; 550 5.1.1 <a@b.example>... User Unknown', '550 5.1.1 <*>... User Unknown'],
    [
      'Exim: message id and IPv6',
      'SMTP error from remote mail server after RCPT TO:<x@example.net>: host mx.example.net [2001:db8::25]: 550 1rABcD-0005Xy-Ab unknown user',
      'SMTP error from remote mail server after RCPT TO:<*>: host mx.example.net [#xxx#]: 550 #xxx# unknown user',
    ],
    [
      'Japanese text keeps its words',
      '550 5.1.1 宛先のメールアドレス <taro@example.jp> は存在しません',
      '550 5.1.1 宛先のメールアドレス <*> は存在しません',
    ],
  ])('%s', (_what, raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });

  it('gives one text for the same error given for two recipients at two providers', () => {
    const a = normalizeText(
      'host mx1.example.org[192.0.2.10] said: 550 5.1.1 <alice@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
    );
    const b = normalizeText(
      'host mx7.other.example[198.51.100.7] said: 550 5.1.1 <bob.smith+news@other.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
    );
    expect(a).toBe(b);
    expect(textKey(a)).toBe(textKey(b));
  });

  it('gives one text for two Gmail sessions of the same error', () => {
    const g = (id: string) =>
      `552-5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm ${id} - gsmtp`;
    expect(normalizeText(g('41be03b00d2f7-5a1b2c3d4e5si123456.100'))).toBe(normalizeText(g('a640c23a62f3a-a9e8b7c6d5si98765.22')));
  });

  it('keeps different errors apart', () => {
    expect(normalizeText('550 5.1.1 User unknown')).not.toBe(normalizeText('552 5.2.2 Mailbox full'));
  });

  it('collapses whitespace and cuts very long texts', () => {
    expect(normalizeText('550   5.1.1\r\n   User\tunknown ')).toBe('550 5.1.1 User unknown');
    expect(normalizeText('x '.repeat(5000)).length).toBeLessThanOrEqual(1000);
  });

  it('makes the md5 key that SQL makes', () => {
    expect(textKey('550 5.1.1 <*>... User Unknown')).toMatch(/^[0-9a-f]{32}$/);
  });
});
