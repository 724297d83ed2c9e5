// MTAs known only by their layout (the reference parser's X1, X2, X3, X6): synthetic notices.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';
import { parseContentType } from '../../src/parse/mime.js';

describe('layout-only readers', () => {
  it('"a@b [why]" under "---The following addresses had delivery errors---"', () => {
    const got = read(
      ndr({
        from: '"Mail Deliver System" <MAILER-DAEMON@mx.example.net>',
        subject: 'Returned Mail: User unknown',
        body: 'The original message was received at Thu, 29 Apr 2021 10:00:00 +0900 (JST)\nfrom sender@example.org\n\n---The following addresses had delivery errors---\n\nliz@example.com [User unknown]\n',
      }),
    );
    expect(got.via).toBe('x1');
    // The layout names no SMTP step: "User unknown" may be a filter's word (see classify.ts).
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['liz@example.com', 'filtered']]);
  });

  it('"Unable to deliver message to the following address(es)." and "<a@b>:" blocks', () => {
    const got = read(
      ndr({
        subject: 'Delivery failure',
        body: "Message from example.com.\nUnable to deliver message to the following address(es).\n\n<max@example.com>:\nThis user doesn't have a example.com account (max@example.com) [0]\n\n--- Original message follows.\n",
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['max@example.com', 'filtered']]);
  });

  it('a framed notice with "Technical details:" naming the step', () => {
    const rule = '='.repeat(76);
    const got = read(
      ndr({
        from: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>',
        subject: 'Delivery status notification',
        body: [
          rule,
          '      This is an automatically generated Delivery Status Notification.',
          '',
          'Delivery to the following recipients failed permanently:',
          '',
          '  * ned@example.com',
          '',
          '',
          rule,
          '                            Technical details:',
          '',
          'SMTP:RCPT host 192.0.2.8: 553 5.1.1 <ned@example.com>... No such user here',
          '',
          rule,
        ].join('\n'),
      }),
    );
    expect(got.via).toBe('x3');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['ned@example.com', 'userunknown', '5.1.1']]);
  });

  it('"N error(s):" with one sentence per refused recipient', () => {
    const got = read(
      ndr({
        subject: 'There was an error sending your mail',
        body: '1 error(s):\n\nSMTP Server <mx.example.com> rejected recipient <oli@example.com>  (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]\n\nThe attachment contains the original mail headers.\n',
      }),
    );
    expect(got.via).toBe('x6');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['oli@example.com', 'userunknown', '5.1.1']]);
  });

  it('its intro and "The following recipients returned permanent errors:" with no count', () => {
    const got = read(
      ndr({
        subject: 'There was an error sending your mail',
        body: [
          'We had trouble delivering your message. Full details follow:',
          '',
          "Subject: 'hello'",
          "Date: 'Mon, 2 Mar 2026 09:59:00 +0000'",
          '',
          'The following recipients returned permanent errors: pia@example.com.',
          '',
          'The attachment contains the original mail headers.',
        ].join('\n'),
      }),
    );
    expect(got.via).toBe('x6');
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([['pia@example.com', 'failed']]);
  });

  it('reads a Content-Type whose parameter was folded without its ";"', () => {
    expect(parseContentType('text/plain\n   charset="iso-2022-jp"')).toEqual({ type: 'text/plain', params: { charset: 'iso-2022-jp' } });
  });
});
