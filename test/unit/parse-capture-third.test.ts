// Classes found by the third capture set (test/mta-capture/cases-third.txt, docs/parser-generalisation.md
// "Third capture set: vendors' documented answers through real MTAs"): each with synthetic examples.
import { describe, expect, it } from 'vitest';
import { classify, decodeOctalEscapes } from '../../src/parse/classify.js';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr, report } from '../helpers/ndr.js';

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

/** A Sendmail notice as its daemon writes it for one recipient (no DSN part: the notice alone). */
function sendmailNotice(opts: { list: 'permanent fatal' | 'transient non-fatal'; reason?: string; transcript: string[] }): Buffer {
  const body = [
    'The original message was received at Mon, 2 Mar 2026 10:00:00 GMT',
    'from localhost [127.0.0.1]',
    '',
    `   ----- The following addresses had ${opts.list} errors -----`,
    '<a@example.net>',
    ...(opts.reason ? [`    (reason: ${opts.reason})`] : []),
    '',
    '   ----- Transcript of session follows -----',
    '... while talking to mx.example.net.:',
    ...opts.transcript,
  ].join('\n');
  return ndr({ from: 'MAILER-DAEMON@mail.example.org', subject: 'Returned mail: see transcript for details', body });
}

describe("Sendmail's first line of a multi-line reply", () => {
  const gmail = [
    '<<< 550-5.7.1 [192.0.2.1      12] Our system has detected that this message is',
    '<<< 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,',
    '<<< 550 5.7.1 this message has been blocked. https://support.google.com/mail/?p=UnsolicitedMessageError - gsmtp',
  ];
  it('"(reason: ...)" holds the first line; the transcript the rest', () => {
    const got = parseMailSync(
      sendmailNotice({
        list: 'permanent fatal',
        reason: gmail[0]!.slice(4),
        transcript: ['>>> DATA', ...gmail, '554 5.0.0 Service unavailable'],
      }),
    );
    expect(got.recipients[0]).toMatchObject({ address: 'a@example.net', reason: 'spamdetected' });
    expect(got.recipients[0]?.diagnostic).toContain('likely unsolicited mail');
  });
  it('"<a@b>... Deferred: 450-..." of a warning too', () => {
    const rate = [
      '<<< 450-4.2.1 The user you are trying to contact is receiving mail at a rate that',
      '<<< 450 4.2.1 prevents additional messages from being delivered. - gsmtp',
    ];
    const got = parseMailSync(
      sendmailNotice({
        list: 'transient non-fatal',
        transcript: [
          '>>> DATA',
          ...rate,
          `<a@example.net>... Deferred: ${rate[0]!.slice(4)}`,
          'Warning: message still undelivered after 4 hours',
        ],
      }),
    );
    expect(got.recipients[0]).toMatchObject({ address: 'a@example.net', action: 'delayed', reason: 'speeding' });
  });
  it('a one-line reply stays as written', () => {
    const got = parseMailSync(
      sendmailNotice({
        list: 'permanent fatal',
        reason: '550 5.1.1 <a@example.net>... User unknown',
        transcript: ['>>> RCPT To:<a@example.net>', '<<< 550 5.1.1 <a@example.net>... User unknown'],
      }),
    );
    expect(got.recipients[0]).toMatchObject({ reason: 'userunknown', diagnostic: '550 5.1.1 <a@example.net>... User unknown' });
  });
});

describe("Sendmail's status translated from a bare reply code (smtptodsn)", () => {
  it('552 with no enhanced code beside Status 5.2.2: the words decide', () => {
    const v = classify({
      action: 'failed',
      status: '5.2.2',
      replyCode: '552',
      diagnostic: '552 Message size exceeds maximum permitted',
      command: 'DATA',
    });
    expect(v.reason).toBe('mesgtoobig');
    // The remote's own 5.2.2 is its word: a full mailbox.
    expect(
      classify({ action: 'failed', status: '5.2.2', replyCode: '552', diagnostic: '552 5.2.2 Mailbox full', command: 'RCPT' }).reason,
    ).toBe('mailboxfull');
    // No words that decide: the translated code still stands for the reply code's meaning.
    expect(
      classify({
        action: 'failed',
        status: '5.2.2',
        replyCode: '552',
        diagnostic: '552 Requested mail action aborted: exceeded storage allocation',
        command: 'RCPT',
      }).reason,
    ).toBe('mailboxfull');
  });
  it('the remote\'s own code in qmail\'s style, "(#5.3.4)", beats it', () => {
    const got = parseMailSync(
      report(
        ['From: MAILER-DAEMON@mail.example.org', 'Subject: Returned mail: see transcript for details'],
        ['Your message could not be delivered.'],
        [
          'Final-Recipient: RFC822; a@example.net',
          'Action: failed',
          'Status: 5.2.2',
          'Remote-MTA: DNS; mx.example.net',
          'Diagnostic-Code: SMTP; 552 sorry, that message size exceeds my databytes limit (#5.3.4)',
        ],
      ),
    );
    expect(got.recipients[0]).toMatchObject({ status: '5.3.4', reason: 'mesgtoobig' });
  });
});
