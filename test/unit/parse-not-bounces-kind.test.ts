// Mails that reach a bounce address without being a failure, and the `kind` they must get: the
// worst mistake is to read one as a bounce or a complaint and quarantine (or denylist) a good address.
// Each case is one class of mail, written from what the systems that send it write.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/parse/index.js';

function mail(headers: string[], body: string): Buffer {
  return Buffer.from(
    [
      ...headers,
      'To: bounces+k1@bounces.example.com',
      'Date: Tue, 01 Dec 2026 10:00:00 +0000',
      'Message-ID: <case@gen.test>',
      '',
      body,
    ].join('\n'),
    'utf8',
  );
}

const ORIGINAL = [
  'From: "Example News" <news@news.example.com>',
  'To: reader@client.example',
  'Subject: Weekly news',
  'Message-ID: <wk48@news.example.com>',
].join('\n');

describe('auto-replies', () => {
  it('reads a Japanese or Chinese auto-reply subject (no \\b before a CJK word)', async () => {
    for (const subject of ['=?utf-8?B?6Ieq5YuV5b+c562UOiBXZWVrbHkgbmV3cw==?=', '=?utf-8?B?5LiN5Zyo6YCa55+lOiBXZWVrbHkgbmV3cw==?=']) {
      // "自動応答: Weekly news" (Outlook in Japanese), "不在通知: Weekly news"
      const got = await parseMail(mail(['From: Yamada <yamada@kaisha.example>', `Subject: ${subject}`], '休暇中です。'));
      expect([got.kind, got.recipients.map((r) => r.address)]).toEqual(['auto-reply', ['yamada@kaisha.example']]);
    }
  });

  it('does not read a challenge-response filter holding the message as a bounce of the protected address', async () => {
    // Return-Path <> and "unable to deliver your message to <address>": RFC 3834's header says what it is.
    const got = await parseMail(
      mail(
        [
          'Return-Path: <>',
          'From: "Anti-Spam Gatekeeper" <gatekeeper@mx.filters.example>',
          'Subject: Action needed: your message is on hold',
          'Auto-Submitted: auto-replied',
        ],
        'We were unable to deliver your message to bob@client.example until you confirm\nthat you sent it. Visit https://filters.example/release?id=77 within 72 hours.',
      ),
    );
    expect(got.kind).not.toBe('bounce');
    expect(got.recipients.every((r) => r.type === 'ignored')).toBe(true);
  });

  it('does not read a reply under a null return path as a bounce', async () => {
    const got = await parseMail(
      mail(
        ['Return-Path: <>', 'From: Peter <peter@client.example>', 'Subject: Re: Weekly news'],
        'Your last mail was not delivered to my colleague: user unknown, he left.',
      ),
    );
    expect(got.kind).toBe('unknown');
  });

  it('still reads an Exim bounce, marked auto-replied too, as a bounce', async () => {
    const got = await parseMail(
      mail(
        [
          'Return-Path: <>',
          'From: Mail Delivery System <Mailer-Daemon@mx.client.example>',
          'Subject: Mail delivery failed: returning message to sender',
          'Auto-Submitted: auto-replied',
        ],
        'A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  ghost@client.example\n    550 5.1.1 User unknown\n',
      ),
    );
    expect([got.kind, got.recipients.map((r) => [r.address, r.reason])]).toEqual(['bounce', [['ghost@client.example', 'userunknown']]]);
  });
});

describe("a notice's words alone, naming no recipient", () => {
  const cases: Array<[string, string[], string]> = [
    [
      'a parcel service from notify@',
      ['From: "Courier Express" <notify@courier.example>', 'Subject: Your parcel could not be delivered'],
      'We tried to deliver parcel CX-55120 today. The parcel could not be delivered and will be returned to sender.',
    ],
    [
      'a post office from mail@',
      ['From: Post Office <mail@post-office.example>', 'Subject: Delivery notification: item not delivered'],
      'Item RR123456789XX was not delivered: addressee unknown.',
    ],
    [
      'a newsletter without list headers',
      ['From: "IT Tips" <tips@ittips.example>', 'Subject: Delivery failure? 5 reasons your email is undeliverable'],
      'Tip 1: a 550 user unknown means the address does not exist. Tip 2: mailbox full.',
    ],
    [
      'a person writing without "Re:"',
      ['From: Grace Kim <grace.kim@client.example>', 'Subject: undeliverable mail from your shop?'],
      'Hello, my parcel could not be delivered. Could you check the delivery address for order 8812?',
    ],
    [
      "an SMS gateway's report",
      ['From: "SMS Gateway" <noreply@sms-gw.example>', 'Subject: SMS delivery report: message not delivered'],
      'Message ID: 8813\nTo: +447700900456\nStatus: UNDELIV\nThe SMS could not be delivered to the handset.',
    ],
    [
      "a help desk's ticket quoting the subject",
      ['From: Billing <billing@shop.freshdesk.com>', 'Subject: Ticket Received - Undeliverable: Weekly news'],
      'We have received your request and created ticket #9921. If your order could not be delivered, our team will contact you.',
    ],
  ];
  for (const [name, headers, body] of cases) {
    it(`is no bounce: ${name}`, async () => {
      const got = await parseMail(mail(headers, body));
      expect([got.kind, got.recipients]).toEqual(['unknown', []]);
    });
  }

  it('a notice from a loose daemon sender (root, mail...) naming its recipient stays a bounce', async () => {
    const got = await parseMail(
      mail(
        ['From: root@mx.client.example', 'Subject: Returned mail: see transcript for details'],
        '   ----- The following addresses had permanent fatal errors -----\n<quit@client.example>\n    (reason: 550 5.1.1 <quit@client.example>... User unknown)\n',
      ),
    );
    expect([got.kind, got.recipients.map((r) => [r.address, r.reason])]).toEqual(['bounce', [['quit@client.example', 'userunknown']]]);
  });
});

describe('disposition notifications', () => {
  function mdn(subject: string, disposition: string, text: string): Buffer {
    return mail(
      [
        `From: Kate Long <kate@client.example>`,
        `Subject: ${subject}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
      ],
      [
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
        '--b',
        'Content-Type: message/disposition-notification',
        '',
        'Reporting-UA: client.example; Microsoft Exchange Server',
        'Final-Recipient: rfc822;kate@client.example',
        'Original-Message-ID: <wk48@news.example.com>',
        `Disposition: ${disposition}`,
        '',
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        ORIGINAL,
        '',
        '--b--',
      ].join('\n'),
    );
  }

  it("reads a client's non-read receipt as no refusal, whatever its disposition mode", async () => {
    for (const [subject, text] of [
      [
        'Not read: Weekly news',
        'Your message\n  To: kate@client.example\n  Subject: Weekly news\nwas deleted without being read on 01/12/2026 10:00.',
      ],
      ['Nicht gelesen: Weekly news', 'Ihre Nachricht wurde am 01.12.2026 ohne gelesen zu werden gelöscht.'],
      ['Non lu : Weekly news', 'Votre message a été supprimé sans avoir été lu le 01/12/2026.'],
    ]) {
      const got = await parseMail(mdn(subject!, 'automatic-action/MDN-sent-automatically; deleted', text!));
      expect([subject, got.kind, got.recipients]).toEqual([subject, 'unknown', []]);
    }
  });

  it("still reads a Sieve reject (RFC 5429) as the recipient's filter refusing the message", async () => {
    const got = await parseMail(
      mdn(
        'Automatically rejected mail',
        'automatic-action/MDN-sent-automatically; deleted',
        'Your message to <kate@client.example> was automatically rejected:\nNo newsletters, please.',
      ),
    );
    expect([got.kind, got.recipients.map((r) => [r.address, r.reason])]).toEqual(['bounce', [['kate@client.example', 'filtered']]]);
  });
});
