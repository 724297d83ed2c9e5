// Which addresses failed: notices whose recipients are written twice, or not at all, by class (synthetic examples).
import { describe, expect, it } from 'vitest';
import { ndr, read, report } from '../helpers/ndr.js';

/** Postfix's notice text down to its first recipient. */
const POSTFIX_HEAD = [
  'This is the mail system at host mx.example.net.',
  '',
  "I'm sorry to have to inform you that your message could not",
  "be delivered to one or more recipients. It's attached below.",
  '',
  '                   The mail system',
  '',
];
const QMAIL_HEAD = [
  'Hi. This is the qmail-send program at mx.example.net.',
  "I'm afraid I wasn't able to deliver your message to the following addresses.",
  "This is a permanent error; I've given up. Sorry it didn't work out.",
  '',
];

function returned(to: string): string {
  return ['From: News <news@sender.example>', `To: ${to}`, 'Reply-To: replies@sender.example', 'Subject: March', '', 'Hello.'].join('\n');
}

describe('a recipient the notice names twice', () => {
  it("gives one verdict for qmail's paragraph repeated for an address given twice", () => {
    const got = read(
      ndr({
        subject: 'failure notice',
        body: [
          ...QMAIL_HEAD,
          '<abby@example.com>:',
          'Sorry, no mailbox here by that name. (#5.1.1)',
          '',
          '<Abby@Example.com>:',
          'Sorry, no mailbox here by that name. (#5.1.1)',
          '',
          '<bert@example.com>:',
          'Sorry, no mailbox here by that name. (#5.1.1)',
          '',
          '--- Below this line is a copy of the message.',
          '',
          returned('abby@example.com, bert@example.com'),
        ].join('\n'),
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([
      ['abby@example.com', 'failed', 'userunknown'],
      ['bert@example.com', 'failed', 'userunknown'],
    ]);
  });

  it('keeps the failure over a delay of the same address (Postfix text alone)', () => {
    const got = read(
      ndr({
        from: 'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
        subject: 'Undelivered Mail Returned to Sender',
        body: [
          ...POSTFIX_HEAD,
          '<cora@example.com>: host mx.example.com[192.0.2.3] said: 452 4.2.2 Mailbox',
          '    busy (in reply to RCPT TO command)',
          '',
          '<cora@example.com>: host mx.example.com[192.0.2.3] said: 550 5.1.1 User',
          '    unknown (in reply to RCPT TO command)',
        ].join('\n'),
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.action, r.status])).toEqual([['cora@example.com', 'failed', '5.1.1']]);
  });
});

describe("the returned message's To", () => {
  const notice = ['Your message could not be delivered.', 'Reason: 550 5.1.1 mailbox unavailable'].join('\n');

  it('is the recipient of a notice that names none when it names one address', () => {
    const got = read(ndr({ subject: 'Undeliverable mail', body: notice, returned: returned('Ivan <ivan@example.com>') }));
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([['ivan@example.com', 'failed']]);
  });

  it("is not outranked by the returned message's identifier quoted in the notice", () => {
    const body = ['Your message <m-2@sender.example> could not be delivered.', 'Reason: 550 5.1.1 mailbox unavailable'].join('\n');
    const original = ['Message-ID: <m-2@sender.example>', returned('quil@isp.example')].join('\n');
    const got = read(ndr({ subject: 'Undeliverable mail', body, returned: original }));
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([['quil@isp.example', 'failed']]);
  });

  it('names nobody when it lists several: which one failed is not said', () => {
    const got = read(ndr({ subject: 'Undeliverable mail', body: notice, returned: returned('gail@example.com, hans@example.com') }));
    expect(got.recipients).toEqual([]);
  });
});

describe('a report of several recipients whose text names one', () => {
  const postfixText = [
    ...POSTFIX_HEAD,
    '<amos@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1 User',
    '    unknown (in reply to RCPT TO command)',
  ];
  const amos = [
    'Final-Recipient: rfc822; amos@example.com',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
  ];

  it("does not lend the named one's answer to a delayed recipient", () => {
    const got = read(
      report(['From: MAILER-DAEMON@mx.example.net', 'Subject: Undelivered Mail Returned to Sender'], postfixText, [
        ...amos,
        '',
        'Final-Recipient: rfc822; bess@slow.example',
        'Action: delayed',
        'Status: 4.0.0',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.action, r.status[0], r.reason === 'userunknown'])).toEqual([
      ['amos@example.com', 'failed', '5', true],
      ['bess@slow.example', 'delayed', '4', false],
    ]);
  });

  it("does not lend it to another failed recipient (Sendmail's transcript of one of them)", () => {
    const got = read(
      report(
        ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', 'Subject: Returned mail: see transcript for details'],
        [
          '   ----- The following addresses had permanent fatal errors -----',
          '<carl@example.com>',
          '    (reason: 550 5.1.1 <carl@example.com>... User unknown)',
          '',
          '   ----- Transcript of session follows -----',
          '... while talking to mx.example.com.:',
          '>>> RCPT To:<carl@example.com>',
          '<<< 550 5.1.1 <carl@example.com>... User unknown',
        ],
        [
          'Final-Recipient: RFC822; carl@example.com',
          'Action: failed',
          'Status: 5.1.1',
          '',
          'Final-Recipient: RFC822; dina@other.example',
          'Action: failed',
          'Status: 5.0.0',
        ],
      ),
    );
    const dina = got.recipients.find((r) => r.address === 'dina@other.example');
    expect(got.recipients.map((r) => r.address)).toEqual(['carl@example.com', 'dina@other.example']);
    expect([dina?.status, dina?.reason === 'userunknown', dina?.diagnostic.includes('carl')]).toEqual(['5.0.0', false, false]);
  });
});

describe('DSN groups run together (no empty line between them)', () => {
  const notice = ['From: MAILER-DAEMON@mx.example.net', 'Subject: Undelivered Mail Returned to Sender'];
  const text = ['This is the mail system at host mx.example.net.'];

  it("gives an Original-Recipient after a record's Status to the next record, whose Final-Recipient holds no address", () => {
    const got = read(
      report(notice, text, [
        'Final-Recipient: rfc822; xavi@backend.example',
        'Action: failed',
        'Status: 5.1.1',
        'Original-Recipient: rfc822; yola@example.org',
        'Final-Recipient: x400; /C=SE/ADMD= /PRMD=Corp/O=Mail/S=Berg/G=Yola/',
        'Action: delayed',
        'Status: 4.4.1',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([
      ['xavi@backend.example', 'failed'],
      ['yola@example.org', 'delayed'],
    ]);
  });

  it('keeps an Original-Recipient written last in its own group', () => {
    const got = read(
      report(notice, text, [
        'Final-Recipient: x400; /C=SE/ADMD= /PRMD=Corp/O=Mail/S=Berg/G=Zeno/',
        'Action: failed',
        'Status: 5.1.1',
        'Original-Recipient: rfc822; zeno@example.org',
        '',
        'Final-Recipient: rfc822; abba@example.org',
        'Action: failed',
        'Status: 5.1.1',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([
      ['zeno@example.org', 'failed'],
      ['abba@example.org', 'failed'],
    ]);
  });
});
