// The SMTP step each MTA and gateway names in its notice, in the wordings their sources write, and the
// reason it decides: "user unknown" is a dead address only when answered to RCPT TO, a filter after DATA
// or with no step, the sender's at MAIL FROM, and the connecting host's before MAIL FROM.
import { describe, expect, it } from 'vitest';
import { findCommand } from '../../src/parse/text.js';
import { classify } from '../../src/parse/classify.js';
import { parseMailSync } from '../../src/parse/index.js';

const steps: Array<[string, string]> = [
  // Postfix smtp_proto.c: a lost connection names the stage it was in.
  ['lost connection with mx.example.net[192.0.2.1] while performing the EHLO handshake', 'HELO'],
  ['lost connection with mx.example.net[192.0.2.1] while sending message body', 'DATA'],
  // Exim's smtp transport: "after STARTTLS" (before any sender, as HELO).
  ['SMTP error from remote mail server after STARTTLS: 554 5.7.0 too many connections', 'HELO'],
  // MDaemon's session log, "-->" what it sent, "<--" what the remote answered.
  ['Mon 2026-12-07 10:00:01: --> RCPT To:<a@example.org>\nMon 2026-12-07 10:00:01: <-- 550 Unknown user', 'RCPT'],
  ['--> MAIL From:<s@example.com> SIZE=1200\n<-- 550 User unknown', 'MAIL'],
  ['--> DATA\n<-- 554 Message rejected', 'DATA'],
  // Ipswitch IMail.
  ['RCPT TO generated following response:\n550 Unknown user', 'RCPT'],
  ['Additional RCPT TO generated following response:\n550 Unknown user', 'RCPT'],
  ['DATA command generated response:\n554 rejected', 'DATA'],
  // JavaMail's exceptions (Apache James, Java applications); SMTPSendFailedException names no step.
  ['com.sun.mail.smtp.SMTPAddressFailedException: 550 Unknown user', 'RCPT'],
  ['com.sun.mail.smtp.SMTPSenderFailedException: 550 User unknown', 'MAIL'],
  ['com.sun.mail.smtp.SMTPSendFailedException: 550 Unknown user', ''],
  // Yahoo's brackets at the session's setup.
  ['Remote host said: 554 mailbox full [CONNECT]', 'CONN'],
  ['Remote host said: 554 mailbox full [EHLO]', 'HELO'],
  // A pipelined session (RFC 2920): the replies come after the group, in the commands' order.
  [
    '... while talking to mx.example.org.:\n>>> MAIL From:<s@example.com> SIZE=1843\n>>> RCPT To:<a@example.org>\n>>> DATA\n' +
      '<<< 250 2.1.0 ok\n<<< 550 Unknown user\n<<< 554 5.5.1 Error: no valid recipients',
    'RCPT',
  ],
  ['>>> MAIL From:<s@example.com>\n<<< 250 ok\n>>> RCPT To:<a@example.org>\n>>> DATA\n<<< 550 Unknown user', 'RCPT'],
  ['>>> RCPT To:<a@example.org>\n>>> RCPT To:<b@example.org>\n>>> DATA\n<<< 250 ok\n<<< 550 Unknown user', 'RCPT'],
  // Commands listed with no reply shown (an echoed envelope) say nothing of the order: the last one stays.
  ['MAIL FROM:<s@example.com>\nRCPT TO:<a@example.org>\n550 Unknown user', 'RCPT'],
  // One by one: the last command is the step.
  ['>>> RCPT To:<a@example.org>\n<<< 250 ok\n>>> DATA\n<<< 354 go ahead\n>>> .\n<<< 550 Unknown user', 'DATA'],
  ['>>> EHLO mta.example.com\n<<< 250-mx.example.org\n<<< 250 PIPELINING\n>>> MAIL From:<s@example.com>\n<<< 553 sender', 'MAIL'],
];

describe("findCommand: the step in more MTAs' wordings", () => {
  for (const [text, want] of steps) {
    it(`${JSON.stringify(text).slice(0, 70)} → ${want || 'none'}`, () => expect(findCommand(text)).toBe(want));
  }
});

const reasonOf = (replyCode: string, d: string): string =>
  classify({ action: 'failed', status: '', replyCode, diagnostic: d, command: findCommand(d) }).reason;

describe('the step in the verdict', () => {
  it('reads "user unknown" with no status refused before MAIL FROM as the connecting host blocked', () => {
    expect(reasonOf('554', 'SMTP error from remote mail server after initial connection: 554 Mailbox unavailable')).toBe('blocked');
    expect(reasonOf('550', 'SMTP error from remote mail server after EHLO mta.example.com: 550 Unknown user')).toBe('blocked');
    expect(reasonOf('554', 'Connected to 192.0.2.1 but greeting failed.\nRemote host said: 554 Mailbox unavailable')).toBe('blocked');
  });
  it('reads a pipelined RCPT refusal as a dead address, the same words after DATA as a filter', () => {
    const pipe = '>>> MAIL From:<s@example.com>\n>>> RCPT To:<a@example.org>\n>>> DATA\n<<< 250 ok\n<<< 550 Unknown user';
    expect(reasonOf('550', pipe)).toBe('userunknown');
    expect(reasonOf('550', '>>> DATA\n<<< 354 go ahead\n>>> .\n<<< 550 Unknown user')).toBe('filtered');
  });
  it("reads JavaMail's and IMail's steps", () => {
    expect(reasonOf('550', 'com.sun.mail.smtp.SMTPAddressFailedException: 550 Unknown user')).toBe('userunknown');
    expect(reasonOf('550', 'com.sun.mail.smtp.SMTPSenderFailedException: 550 User unknown')).toBe('rejected');
    expect(reasonOf('550', 'RCPT TO generated following response:\n550 Unknown user')).toBe('userunknown');
  });
});

/** Sendmail's DSN around a transcript (multipart/report), the recipient's reply "550 Unknown user" with no status. */
const sendmailDsn = (transcript: string[]): Buffer =>
  Buffer.from(
    [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mta.example.com>',
      'To: <sender@example.com>',
      'Subject: Returned mail: see transcript for details',
      'Date: Mon, 7 Dec 2026 10:00:00 +0000',
      'Message-Id: <202612071000.abc@mta.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="XYZ"',
      '',
      '--XYZ',
      'Content-Type: text/plain',
      '',
      '   ----- The following addresses had permanent fatal errors -----',
      '<nobody@example.org>',
      '    (reason: 550 Unknown user)',
      '',
      '   ----- Transcript of session follows -----',
      '... while talking to mx.example.org.:',
      ...transcript,
      '',
      '--XYZ',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mta.example.com',
      '',
      'Final-Recipient: RFC822; nobody@example.org',
      'Action: failed',
      'Status: 5.0.0',
      'Remote-MTA: DNS; mx.example.org',
      'Diagnostic-Code: SMTP; 550 Unknown user',
      '',
      '--XYZ--',
      '',
    ].join('\r\n'),
  );

describe("Sendmail's pipelined transcript", () => {
  it('reads the refusal of a RCPT sent with MAIL and DATA as a dead address', () => {
    const m = parseMailSync(
      sendmailDsn([
        '>>> MAIL From:<sender@example.com> SIZE=1843',
        '>>> RCPT To:<nobody@example.org>',
        '>>> DATA',
        '<<< 250 2.1.0 Ok',
        '<<< 550 Unknown user',
        '550 <nobody@example.org>... Unknown user',
        '<<< 554 5.5.1 Error: no valid recipients',
      ]),
    );
    expect(m.recipients.map((r) => r.reason)).toEqual(['userunknown']);
  });
  it('still reads the same words answered at the end of DATA as a filter', () => {
    const m = parseMailSync(
      sendmailDsn([
        '>>> MAIL From:<sender@example.com> SIZE=1843',
        '<<< 250 2.1.0 Ok',
        '>>> RCPT To:<nobody@example.org>',
        '<<< 250 2.1.5 Ok',
        '>>> DATA',
        '<<< 354 go ahead',
        '>>> .',
        '<<< 550 Unknown user',
        '550 <nobody@example.org>... Unknown user',
      ]),
    );
    expect(m.recipients.map((r) => r.reason)).toEqual(['filtered']);
  });
});
