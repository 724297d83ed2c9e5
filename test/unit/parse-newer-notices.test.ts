// Bounces newer than the sample collection (2019-2026): the classes a probe round of current notices and
// replies found read wrong, each with its own synthetic example. Whole current notices (Microsoft 365's
// 2023+ NDR, Gmail's, Yahoo's, Postfix 3.x, Exim 4.9x, SES) are fixtures in fixtures/bounces/newer/.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/parse/classify.js';
import { parseMailSync } from '../../src/parse/index.js';
import { parseAs, type Entry } from '../helpers/provider-docs.js';

/** A reply quoted by a relay that is not the provider (no Google or Microsoft host, no " - gsmtp" tail). */
const relayed = (status: string, reply: string, step: Entry['step'] = 'DATA'): Entry => ({
  host: 'smarthost.example.net',
  domain: 'example.org',
  status,
  reply,
  reason: '',
  step,
});

describe("Gmail's 2024 sender-requirement replies without Google's host", () => {
  // Google uses X.7.23, X.7.29, X.7.30 and X.7.32 against their RFC meaning; its own sentences say which.
  const cases: Array<[string, string, string]> = [
    [
      '5.7.27',
      "550-5.7.27 Your email has been blocked because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate with SPF.",
      'authfailure',
    ],
    [
      '5.7.30',
      "550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message. Gmail requires all email bulk senders to authenticate with DKIM.",
      'authfailure',
    ],
    [
      '5.7.32',
      "550-5.7.32 Your email has been blocked because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.",
      'authfailure',
    ],
    [
      '5.7.29',
      "550-5.7.29 Your email has been blocked because this message wasn't sent over a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections.",
      'securityerror',
    ],
    [
      '4.7.23',
      "421-4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR record's forward DNS entry doesn't match the sending IP address. To protect users from spam, your email has been rate limited.",
      'requireptr',
    ],
  ];
  for (const [status, reply, reason] of cases) {
    it(`${status} -> ${reason}`, () => {
      for (const how of ['host-said', 'remote-mta'] as const) {
        const got = parseAs(relayed(status, reply), how);
        expect(got.recipients[0]).toMatchObject({ address: 'someone@example.org', reason });
      }
    });
  }
});

describe('sender-authentication wordings of 2024-2025 in the broad vocabulary', () => {
  const read = (text: string, status: string) =>
    classify({ action: 'failed', status, replyCode: '550', diagnostic: text, command: 'DATA' }).reason;
  it("Outlook.com's 5.7.515 (the required authentication level) is the sender's authentication", () => {
    expect(
      read('550 5.7.515 Access denied, sending domain [EXAMPLE.COM] does not meet the required authentication level.', '5.7.515'),
    ).toBe('authfailure');
  });
  it('"SPF / DKIM authentication didn\'t pass" beats the RFC meaning of the code beside it', () => {
    expect(read("550 5.7.27 SPF authentication didn't pass for this message.", '5.7.27')).toBe('authfailure');
    expect(read('550 5.7.30 DKIM authentication did not pass for this message.', '5.7.30')).toBe('authfailure');
  });
  it('a From domain not aligned with the authenticated SPF or DKIM domain is DMARC alignment', () => {
    expect(read("550 5.7.32 The From: header isn't aligned with the authenticated DKIM domain.", '5.7.32')).toBe('authfailure');
  });
});

describe("Exim's notice under a provider's own preface", () => {
  // Mail.Ru writes a Russian preface naming each failed address before Exim's text: the address's cause is
  // the reply in Exim's list, not the preface's advice under the address.
  const raw = [
    'From: Mail Delivery System <mailer-daemon@corp.mail.ru>',
    'To: sender@example.com',
    'Subject: Mail failure.',
    'Date: Mon, 7 Dec 2026 09:58:02 +0000',
    'Message-ID: <preface@mx.example.net>',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Это письмо создано автоматически сервером Mail.Ru,',
    'отвечать на него не нужно.',
    '',
    'К сожалению, Ваше письмо не может быть доставлено одному или нескольким получателям:',
    '',
    'nobody@example.org',
    '',
    'Рекомендуем Вам проверить корректность указания адресов получателей.',
    '',
    'This message was created automatically by mail delivery software.',
    '',
    'A message that you sent could not be delivered to one or more of its',
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    '  nobody@example.org',
    '    SMTP error from remote mail server after RCPT TO:<nobody@example.org>:',
    '    host mx.example.org [192.0.2.80]: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown',
    '',
    '------ This is a copy of the message, including all the headers. ------',
    '',
    'From: sender@example.com',
    'To: nobody@example.org',
    'Subject: hello',
    '',
    'hello',
    '',
  ].join('\r\n');
  it("reads the reply in Exim's list", () => {
    const got = parseMailSync(Buffer.from(raw));
    expect(got.recipients).toHaveLength(1);
    expect(got.recipients[0]).toMatchObject({ address: 'nobody@example.org', reason: 'userunknown', status: '5.1.1', type: 'hard' });
    expect(got.recipients[0]?.diagnostic).not.toMatch(/Рекомендуем/);
  });
});

describe("Stalwart's queue notices", () => {
  const read = (text: string, status: string, replyCode: string, action: 'failed' | 'delayed' = 'failed') =>
    classify({ action, status, replyCode, diagnostic: text, command: 'RCPT' }).reason;
  it('a status that only repeats the reply code (552 → 5.5.2) is no protocol error: the words decide', () => {
    expect(read('552 Mailbox full', '5.5.2', '552')).toBe('mailboxfull');
    expect(read('554 Message rejected as spam', '5.5.4', '554')).toBe('spamdetected');
    expect(read('550 No such user here', '5.5.0', '550')).toBe('userunknown');
  });
  it('a real X.5.x status stays the protocol error it names', () => {
    expect(read('501 5.5.4 Invalid command arguments', '5.5.4', '501')).toBe('syntaxerror');
    expect(read('554 5.5.4 Syntax error in parameters', '5.5.4', '554')).toBe('syntaxerror');
  });
  it("Rust's I/O error for a refused TCP connection is a network error, not a refused client", () => {
    expect(read("(connection to 'mx.example.org' failed: Connection refused (os error 111))", '4.0.0', '', 'delayed')).toBe('networkerror');
  });
  it("the sending side's MTA-STS or DANE check failing is a security error, not the receiver's policy", () => {
    expect(read("(MTA-STS failed to authenticate 'example.org': Host 'mx.example.org' not authorized by policy)", '5.0.0', '')).toBe(
      'securityerror',
    );
    expect(read("(DANE failed to authenticate 'mx.example.org': No matching certificates found in TLSA records)", '5.0.0', '')).toBe(
      'securityerror',
    );
  });
});

describe("Exchange Online's words that a generic refusal word misread", () => {
  const read = (text: string, status: string, replyCode: string) =>
    classify({ action: 'failed', status, replyCode, diagnostic: text, command: 'DATA' }).reason;
  it("5.7.520, external forwarding forbidden by the sender's organization, is a policy, not a blocked host", () => {
    expect(
      read(
        '550 5.7.520 Access denied, Your organization does not allow external forwarding. Please contact your administrator.',
        '5.7.520',
        '550',
      ),
    ).toBe('policyviolation');
  });
  it("4.2.122, the recipient's hourly receive limit, is a rate to slow down for, not a full system (the bare 452)", () => {
    expect(read("452 4.2.122 Recipient's hourly message receive limit exceeded", '4.2.122', '452')).toBe('speeding');
  });
  it('"Message expired, connection refused" (5.4.316 without its socket error) is the queue giving up', () => {
    expect(read('550 5.4.316 Message expired, connection refused', '5.4.316', '550')).toBe('expired');
  });
});
