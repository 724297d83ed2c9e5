// Courier MTA: synthetic notices in the layout of its module.dsn templates.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function courierNdr(banner: string, blocks: string[]): Buffer {
  return ndr({
    from: 'Courier mail server at mx.example.net <@>',
    subject: 'NOTICE: mail delivery status.',
    body: [
      'This is a delivery status notification from mx.example.net,',
      'running the Courier mail server, version 1.1.0.',
      '',
      '-'.repeat(75),
      '',
      `                          ${banner}`,
      '',
      'Your message to the following recipients cannot be delivered:',
      '',
      ...blocks,
      '',
      '-'.repeat(75),
      '',
      'If your message was also sent to additional recipients, their delivery',
      'status is not included in this report.',
    ].join('\n'),
  });
}

describe('Courier reader', () => {
  it('reads the session under the recipient: the command and the answer', () => {
    const got = read(
      courierNdr('UNDELIVERABLE MAIL', [
        '<zoe@example.com>:',
        '    mx.example.com [192.0.2.5]:',
        '>>> RCPT TO:<zoe@example.com>',
        '<<< 550 5.1.1 <zoe@example.com>... User Unknown',
      ]),
    );
    expect(got.via).toBe('courier');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['zoe@example.com', 'userunknown', '5.1.1']]);
  });

  it("reads Courier's own words when no host answered", () => {
    const got = read(courierNdr('UNDELIVERABLE MAIL', ['<abe@nonexistent.example>:', 'No such domain.']));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['abe@nonexistent.example', 'hostunknown']]);
  });

  it('reads a refusal after DATA for each listed recipient', () => {
    const got = read(
      courierNdr('UNDELIVERABLE MAIL', [
        '<bea@example.com>:',
        '    mx.example.com [192.0.2.5]:',
        '>>> DATA',
        '<<< 552 5.3.4 Message size exceeds fixed limit',
        '',
        '<cal@example.com>:',
        '    mx.example.com [192.0.2.5]:',
        '>>> RCPT TO:<cal@example.com>',
        '<<< 552 5.2.2 Mailbox full',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([
      ['bea@example.com', 'mesgtoobig'],
      ['cal@example.com', 'mailboxfull'],
    ]);
  });
});
