// Classes eval:transplant found (docs/parser-generalisation.md, "Transplant"): a notice's reading must
// follow the answer its delivery-status part states, not words of the layout around it that speak of
// another answer. Synthetic notices, each in the layout of the MTA named.
import { describe, expect, it } from 'vitest';
import { ndr, read, report, rows } from '../helpers/ndr.js';

// Sendmail's notice of a refused MAIL FROM: its transcript quotes the sender's refusal.
const SENDMAIL_HEAD = [
  'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
  'Subject: Returned mail: see transcript for details',
];
const MAIL_FROM_TRANSCRIPT = [
  '   ----- The following addresses had permanent fatal errors -----',
  '<kim@example.com>',
  '',
  '   ----- Transcript of session follows -----',
  '... while talking to mx.example.com.:',
  '>>> MAIL From:<sender@example.org> SIZE=800',
  '<<< 553 5.1.8 <sender@example.org>... Domain of sender address sender@example.org does not exist',
];

describe("the text's step and verdict belong to the answer it quotes", () => {
  it("Sendmail: a transcript of a refused MAIL FROM does not make the DSN's other answer the sender's", () => {
    const raw = report(SENDMAIL_HEAD, MAIL_FROM_TRANSCRIPT, [
      'Final-Recipient: rfc822; kim@example.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <kim@example.com>... User unknown',
    ]);
    expect(read(raw).via).toBe('rfc3464+sendmail');
    expect(rows(raw)).toEqual([['kim@example.com', 'userunknown']]);
  });

  it("the same transcript with the same answer in the DSN stays the sender's", () => {
    const raw = report(SENDMAIL_HEAD, MAIL_FROM_TRANSCRIPT, [
      'Final-Recipient: rfc822; kim@example.com',
      'Action: failed',
      'Status: 5.1.8',
      'Diagnostic-Code: smtp; 553 5.1.8 <sender@example.org>... Domain of sender address sender@example.org does not exist',
    ]);
    expect(rows(raw)).toEqual([['kim@example.com', 'rejected']]);
  });

  it("Exchange Online: its code table reads the text's own status code, not the DSN's other answer", () => {
    const eop = (status: string, diagnostic: string): Buffer =>
      report(
        ['From: Microsoft Outlook <postmaster@example.onmicrosoft.com>', 'Subject: Undeliverable: hello', 'X-MS-Exchange-Message-Is-Ndr:'],
        [
          "Your message to lee@example.com couldn't be delivered.",
          "lee wasn't found at example.com.",
          '',
          'More Info for Email Admins',
          'Status code: 550 5.1.10',
        ],
        ['Final-Recipient: rfc822; lee@example.com', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: smtp; ${diagnostic}`],
      );
    // Its own answer: 5.1.10 is Exchange Online's unknown recipient (providers/microsoft.ts).
    expect(rows(eop('5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'))).toEqual([
      ['lee@example.com', 'userunknown'],
    ]);
    expect(read(eop('5.2.2', '552 5.2.2 Over quota')).via).toBe('rfc3464+office365');
    expect(rows(eop('5.2.2', '552 5.2.2 Over quota'))).toEqual([['lee@example.com', 'mailboxfull']]);
  });
});

describe("a sending platform's category of the answer", () => {
  const pmta = (status: string, diagnostic: string, category: string): Buffer =>
    report(
      ['From: postmaster@mta.example.net', 'Subject: Delivery report'],
      ['This message was created automatically by mail delivery software.'],
      [
        'Final-Recipient: rfc822; mia@example.com',
        'Action: failed',
        `Status: ${status}`,
        'Remote-MTA: dns; mx.example.com',
        `Diagnostic-Code: smtp;${diagnostic}`,
        `X-PowerMTA-BounceCategory: ${category}`,
      ],
    );

  it('PowerMTA: the category decides where the answer agrees or names no cause for sure', () => {
    expect(read(pmta('5.2.1', '550 5.2.1 <mia@example.com>... User Unknown', 'bad-mailbox')).via).toBe('rfc3464+powermta');
    expect(rows(pmta('5.2.1', '550 5.2.1 <mia@example.com>... User Unknown', 'bad-mailbox'))).toEqual([['mia@example.com', 'userunknown']]);
    expect(rows(pmta('5.0.0', '550 go away', 'quota-issues'))).toEqual([['mia@example.com', 'mailboxfull']]);
  });

  it("PowerMTA: the answer's own sure cause beats a category its patterns gave it", () => {
    expect(rows(pmta('5.2.2', '552 5.2.2 <mia@example.com>... Mailbox Full', 'bad-mailbox'))).toEqual([['mia@example.com', 'mailboxfull']]);
    expect(rows(pmta('5.4.6', '554 5.4.6 Too many hops', 'bad-mailbox'))).toEqual([['mia@example.com', 'networkerror']]);
  });
});

describe('a success status in a failure layout', () => {
  const dsn = (status: string, diagnostic: string): Buffer =>
    report(
      ['From: MAILER-DAEMON@mx.example.net', 'Subject: Undelivered Mail Returned to Sender'],
      ['I am sorry to have to inform you that your message could not be delivered.'],
      ['Final-Recipient: rfc822; ned@example.com', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: smtp; ${diagnostic}`],
    );

  it('a 2.X.X status with a 2xx reply names no failure (RFC 3463 class 2): not a media error for X.6.0', () => {
    const r = read(dsn('2.6.0', '250 2.6.0 Message received')).recipients;
    expect(r.map((x) => [x.address, x.reason, x.type])).toEqual([['ned@example.com', 'delivered', 'ignored']]);
  });

  it("a failure's reply beside a 2.X.X status is still read as the failure", () => {
    expect(rows(dsn('2.0.0', '550 5.1.1 <ned@example.com>... User unknown'))).toEqual([['ned@example.com', 'userunknown']]);
  });
});

describe("a family's own state, not the remote's words", () => {
  it('Gmail: a remote\'s "Temporary failure" in a permanent failure\'s notice is no delay', () => {
    const raw = ndr({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Failure)',
      body: [
        'Delivery to the following recipient failed permanently:',
        '',
        '     ola@example.jp',
        '',
        'Technical details of permanent failure:',
        'Google tried to deliver your message, but it was rejected by the recipient domain.',
        'The error that the other server returned was: 450 4.0.0 Temporary failure',
        '',
      ].join('\n'),
    });
    const r = read(raw);
    expect(r.via).toBe('gmail');
    expect(r.recipients.map((x) => [x.address, x.action])).toEqual([['ola@example.jp', 'failed']]);
  });
});
