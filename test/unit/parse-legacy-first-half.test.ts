// Old non-DSN notices, first half (docs/parser-generalisation.md, "Legacy layouts, first half"): one example per
// class fixed — XMail's "Rcpt=[a@b]" lines, GWIA's later "was not delivered to the following recipients:", IIS
// 4/5's list of several quoted users, PMDF / Sun Messaging Server's words read outside their reader, and a final
// notice whose intro alone says time ran out (MMDF, Critical Path-style). Each row is a whole synthetic notice.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

const RETURNED = 'From: sender@example.org\nTo: ann@example.com, bob@example.net\nSubject: News\nMessage-ID: <o-1@example.org>\n\nHi.';

interface Row {
  name: string;
  from?: string;
  subject: string;
  body: string[];
  /** [address, reason] per recipient */
  want: ReadonlyArray<readonly [string, string]>;
}

const ROWS: readonly Row[] = [
  {
    name: 'XMail: one "[<00>] XMail bounce: Rcpt=[a@b];Error=[...]" line per recipient',
    from: 'postmaster@mail.example.net',
    subject: '[XMail] Message Delivery Failure',
    body: [
      '[<00>] XMail bounce: Rcpt=[ann@example.com];Error=[552 5.2.2 Mailbox full]',
      '',
      '[<00>] XMail bounce: Rcpt=[bob@example.net];Error=[552 5.2.2 Mailbox full]',
      '',
      '[<01>] Error description:',
    ],
    want: [
      ['ann@example.com', 'mailboxfull'],
      ['bob@example.net', 'mailboxfull'],
    ],
  },
  {
    name: 'GroupWise Internet Agent: "was not delivered to the following recipients:", a local name completed',
    from: 'GroupWise Internet Agent <postmaster@gw.example.net>',
    subject: 'Message status - undeliverable',
    body: ['The message that you sent was not delivered to the following recipients:', '', '  jdoe (User not found)', ''],
    want: [['jdoe@gw.example.net', 'userunknown']],
  },
  {
    name: 'IIS 4/5 SMTPSVC: "to the following users:" with quoted addresses and their replies',
    from: 'postmaster@mail.example.net',
    subject: 'Undeliverable Mail',
    body: [
      'The email below could not be delivered to the following users:',
      '',
      '"ann@example.com"  550 5.1.1 <ann@example.com>... User unknown',
      '"bob@example.net"  550 5.1.1 <bob@example.net>... User unknown',
      '',
      'Old message:',
    ],
    want: [
      ['ann@example.com', 'userunknown'],
      ['bob@example.net', 'userunknown'],
    ],
  },
  {
    name: 'PMDF plain form: "Illegal host/domain name found" outside the Messaging Server reader',
    from: 'PMDF Mail Server <postmaster@mail.example.net>',
    subject: 'Undeliverable mail',
    body: [
      'Your message cannot be delivered to the following recipients:',
      '',
      '  Recipient address: ann@example.com',
      '  Reason: Illegal host/domain name found',
      '',
    ],
    want: [['ann@example.com', 'hostunknown']],
  },
  {
    name: 'MMDF: the intro says "After 12 days (294 hours), your message could not be fully delivered"',
    from: 'MMDF Mail System <mmdf@mail.example.net>',
    subject: 'Failed mail  (msg.aa01234)',
    body: [
      '    After 12 days (294 hours), your message could not be fully delivered.',
      '',
      '    It failed to be received by the following address(es):',
      '',
      '        ann@example.com (host: example.com) (queue: smtp)',
      '',
      '    Problems usually are due to service interruptions at the receiving',
      '    machine.',
    ],
    want: [['ann@example.com', 'expired']],
  },
  {
    name: 'a notice whose intro says "the delivery time expired" above bare "Recipient:" lines',
    subject: 'Returned mail',
    body: [
      'Your message could not be delivered to the following recipients',
      'because the delivery time expired:',
      '',
      '    Recipient: ann@example.com',
      '',
    ],
    want: [['ann@example.com', 'expired']],
  },
  {
    name: 'AsyncOS: its 5.7.1 label "Delivery not authorized, message refused" yields to the remote\'s quoted words',
    from: 'Mail Delivery System <MAILER-DAEMON@gw.example.net>',
    subject: 'Delivery Status Notification (Failure)',
    body: [
      'The following message to <ann@example.com> was undeliverable.',
      'The reason for the problem:',
      "5.7.1 - Delivery not authorized, message refused 550-'5.7.1 <ann@example.com>... Relaying denied'",
    ],
    want: [['ann@example.com', 'norelaying']],
  },
  {
    name: 'a list of "a@b: Unknown user name" lines: each address read alike (the reason does not refuse the next line)',
    from: 'MMDF Mail System <mmdf@mail.example.net>',
    subject: 'Failed mail',
    body: [
      '    Your message could not be delivered to the following address(es):',
      '',
      '        ann@example.com: Unknown user name',
      '        bob@example.net: Unknown user name',
    ],
    want: [
      ['ann@example.com', 'filtered'],
      ['bob@example.net', 'filtered'],
    ],
  },
];

describe('legacy layouts, first half', () => {
  for (const r of ROWS) {
    it(r.name, () => {
      const got = read(ndr({ from: r.from, subject: r.subject, body: r.body.join('\n'), returned: RETURNED }));
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((x) => [x.address, x.reason])).toEqual(r.want);
    });
  }
  it('Sun / PMDF delay notice: "has been delayed and is still awaiting delivery" lists delayed recipients', () => {
    const body = [
      'This report relates to a message you sent with the following header fields:',
      '',
      '  Subject: News',
      '',
      'Your message has been delayed and is still awaiting delivery',
      'to the following recipients:',
      '',
      '  Recipient address: ann@example.com',
      '  Reason: Unable to connect to remote host',
    ].join('\n');
    const got = read(ndr({ subject: 'Delivery Notification: Delivery has been delayed', body, returned: RETURNED }));
    expect(got.recipients.map((x) => [x.address, x.action])).toEqual([['ann@example.com', 'delayed']]);
  });
  it('a notice that only says a delivery is still being tried stays delayed (no final expiry)', () => {
    const body = 'Your message has not yet been delivered to ann@example.com.\nDelivery will continue to be attempted.';
    const got = read(ndr({ subject: 'Delivery delayed', body, returned: RETURNED }));
    expect(got.recipients.map((x) => x.action)).toEqual(['delayed']);
  });
});
