// DragonFly Mail Agent (dma): synthetic bounces in the layout of its mail.c,
// with the error messages of its net.c and dns.c.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function dma(address: string, reason: string[]): Buffer {
  return ndr({
    from: 'MAILER-DAEMON <>',
    subject: 'Mail delivery failed',
    body: [
      'This is the DragonFly Mail Agent v0.13 at mx.example.net.',
      '',
      `There was an error delivering your mail to <${address}>.`,
      '',
      ...reason,
      '',
      'Message headers follow.',
      '',
      'Subject: hello',
    ].join('\n'),
  });
}

describe('DragonFly Mail Agent reader', () => {
  const CASES: Array<[string, string, string[], string, string, string]> = [
    [
      'a refusal at RCPT TO',
      'val@example.com',
      [
        'mx.example.com [192.0.2.1] did not like our RCPT TO:',
        '550 5.1.1 <val@example.com>: Recipient address rejected: User unknown in local recipient table',
      ],
      'userunknown',
      '5.1.1',
      'RCPT',
    ],
    [
      'a refusal at final DATA',
      'wes@example.com',
      ['mx.example.com [192.0.2.1] did not like our final DATA:', '552 5.2.2 Mailbox full'],
      'mailboxfull',
      '5.2.2',
      'DATA',
    ],
    [
      'the sender refused at MAIL FROM',
      'xia@example.com',
      ['mx.example.com [192.0.2.1] did not like our MAIL FROM:', '553 5.1.8 Sender address rejected: Domain not found'],
      'rejected',
      '5.1.8',
      'MAIL',
    ],
    [
      'dns.c: the domain has no host',
      'yan@nonexistent.example',
      ['DNS lookup failure: host nonexistent.example not found'],
      'hostunknown',
      '5.0.912',
      '',
    ],
  ];
  for (const [name, address, reason, want, status] of CASES) {
    it(name, () => {
      const got = read(dma(address, reason));
      expect(got.via).toBe('dragonfly');
      expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([[address, want, status]]);
    });
  }
});
