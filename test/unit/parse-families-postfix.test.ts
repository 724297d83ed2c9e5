// Postfix notices without a DSN part (bounce(5)'s text alone): synthetic examples.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function postfixNdr(paragraphs: string[], intro = 'This is the mail system at host mx.example.net.'): Buffer {
  return ndr({
    from: 'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    subject: 'Undelivered Mail Returned to Sender',
    body: [
      intro,
      '',
      "I'm sorry to have to inform you that your message could not",
      "be delivered to one or more recipients. It's attached below.",
      '',
      'For further assistance, please send mail to postmaster.',
      '',
      '                   The mail system',
      '',
      ...paragraphs,
    ].join('\n'),
  });
}

describe('Postfix text reader', () => {
  it("reads the remote's answer and the command it answered", () => {
    const got = read(
      postfixNdr([
        '<gus@example.com>: host mx.example.com[192.0.2.3] said: 550 5.1.1',
        '    <gus@example.com>: Recipient address rejected: User unknown (in reply to',
        '    RCPT TO command)',
      ]),
    );
    expect(got.via).toBe('postfix');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['gus@example.com', 'userunknown', '5.1.1']]);
  });

  it("reads Postfix's own words for a domain that does not exist", () => {
    const got = read(
      postfixNdr([
        '<hal@nonexistent.example>: Host or domain name not found. Name service error',
        '    for name=nonexistent.example type=A: Host not found',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['hal@nonexistent.example', 'hostunknown']]);
  });

  it("reads local(8)'s unknown user, for an alias's target too", () => {
    const got = read(
      postfixNdr(
        ['<ian@example.net> (expanded from <info@example.net>): unknown user: "ian"'],
        'This is the Postfix program at host mx.example.net.',
      ),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ian@example.net', 'userunknown']]);
  });

  it('reads each paragraph for its own recipient', () => {
    const got = read(
      postfixNdr([
        '<jay@example.com>: host mx.example.com[192.0.2.3] said: 552 5.2.2 Mailbox full',
        '    (in reply to RCPT TO command)',
        '',
        '<kay@example.com>: host mx.example.com[192.0.2.3] said: 550 5.1.1 No such',
        '    user (in reply to RCPT TO command)',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([
      ['jay@example.com', 'mailboxfull'],
      ['kay@example.com', 'userunknown'],
    ]);
  });

  it("reads pipe(8)'s failed command as the mailer's failure", () => {
    const got = read(
      postfixNdr([
        '<lex@example.net>: Command died with status 1: "/usr/bin/procmail". Command',
        '    output: procmail: Error while writing',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['lex@example.net', 'mailererror']]);
  });
});
