// Classes fixed after the cross-check of the project's own fixtures with Sisimai 4.25
// (docs/parser-generalisation.md, "Cross-check with Sisimai 4.25"). Every mail here is synthetic.
import { describe, expect, it } from 'vitest';
import { read, report } from '../helpers/ndr.js';
import { findCommand } from '../../src/parse/text.js';

describe("Stalwart's DSN text names the refused command", () => {
  it('"rejected command \'RCPT TO:<a@b>\'" is the RCPT step', () => {
    expect(findCommand("host 'mx.example.org' rejected command 'RCPT TO:<pat@example.org>' with code 550 (5.5.0) 'No such user'")).toBe(
      'RCPT',
    );
    expect(findCommand("host 'mx.example.org' rejected command 'MAIL FROM:<a@example.net>' with code 553 (5.5.3) 'no'")).toBe('MAIL');
  });

  it('its bare reply without an enhanced code, refused at RCPT TO, is a dead address', () => {
    const raw = report(
      ['From: MAILER-DAEMON@mail.example.net', 'Subject: Failed to deliver message'],
      [
        'Your message could not be delivered to the following recipients:',
        '',
        "<pat@example.org> (host 'mx.example.org' rejected command 'RCPT TO:<pat@example.org>' with code 550 (5.5.0) 'No such user here')",
      ],
      ['Final-Recipient: rfc822;pat@example.org', 'Action: failed', 'Status: 5.5.0', 'Diagnostic-Code: smtp;550 No such user here'],
    );
    expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'userunknown']]);
  });
});
