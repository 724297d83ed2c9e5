// OpenSMTPD (smtpd/bounce.c's notice): synthetic failures and warnings in its layout.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function notice(intro: string, lines: string[], warning = false): Buffer {
  const what = warning
    ? '    A message is delayed for more than 4 hours for the following\n    list of recipients:'
    : '    An error has occurred while attempting to deliver a message for\n    the following list of recipients:';
  const tail = warning
    ? '\n    Please note that this is only a temporary failure report.\n    The message is kept in the queue for up to 4 days.\n'
    : '';
  return ndr({
    from: 'Mailer Daemon <MAILER-DAEMON@mx.example.net>',
    subject: `Delivery status notification: ${warning ? 'warning' : 'error'}`,
    body: [
      '    Hi!',
      '',
      `    ${intro}`,
      '',
      what,
      '',
      ...lines,
      tail,
      '    Below is a copy of the original message:',
      '',
      'Subject: hello',
      '',
      'Hello.',
    ].join('\n'),
  });
}

const OLD = 'This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.';
const NEW = 'This is the MAILER-DAEMON, please DO NOT REPLY to this email.';

describe('OpenSMTPD reader', () => {
  const CASES: Array<[string, string, string, string, string]> = [
    [
      'a remote refusal',
      'olga@example.com: 550 5.1.1 <olga@example.com>: Recipient address rejected: User unknown',
      'olga@example.com',
      'userunknown',
      '5.1.1',
    ],
    ['its own words for an expired envelope', 'pia@example.com: Envelope expired', 'pia@example.com', 'expired', '5.0.947'],
    [
      'its own words for a domain that does not exist',
      'quinn@nonexistent.example: Domain does not exist',
      'quinn@nonexistent.example',
      'hostunknown',
      '5.0.912',
    ],
    [
      'its own words wrapped onto an indented line',
      'ria@nonexistent.example: Domain does\n    not exist',
      'ria@nonexistent.example',
      'hostunknown',
      '5.0.912',
    ],
    [
      'a remote refusal wrapped onto indented lines',
      'sam@example.com: 550 5.1.1 <sam@example.com>: Recipient\n    address rejected: User unknown',
      'sam@example.com',
      'userunknown',
      '5.1.1',
    ],
    [
      'its own words for a destination refusing everything',
      'rex@example.com: Destination seem to reject all mails',
      'rex@example.com',
      'notaccept',
      '5.0.932',
    ],
  ];
  for (const [name, line, address, reason, status] of CASES) {
    it(name, () => {
      const got = read(notice(OLD, [line]));
      expect(got.via).toBe('opensmtpd');
      expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([[address, reason, status]]);
    });
  }

  it('reads every line of the list, with the newer "email" wording and CRLF line ends', () => {
    const raw = Buffer.from(
      notice(NEW, ['sam@example.com: 550 5.1.1 No such user', 'tia@example.com: 552 5.2.2 Mailbox full'])
        .toString('utf8')
        .replace(/\n/g, '\r\n'),
    );
    const got = read(raw);
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([
      ['sam@example.com', 'userunknown', '5.1.1'],
      ['tia@example.com', 'mailboxfull', '5.2.2'],
    ]);
  });

  it('reads a warning as a delay', () => {
    const got = read(notice(OLD, ['uma@example.com: Network error on destination MXs'], true));
    expect(got.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([['uma@example.com', 'delayed', 'networkerror']]);
  });
});
