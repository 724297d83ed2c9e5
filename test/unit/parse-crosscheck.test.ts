// Classes fixed after the cross-check of the project's own fixtures with Sisimai 4.25
// (docs/parser-generalisation.md, "Cross-check with Sisimai 4.25"). Every mail here is synthetic.
import { describe, expect, it } from 'vitest';
import { ndr, read, report } from '../helpers/ndr.js';
import { findCommand } from '../../src/parse/text.js';

const RETURNED = [
  'From: "Club" <club@example.net>',
  'To: pat@example.org',
  'Subject: news',
  'Message-ID: <cc-1@example.net>',
  '',
  'Hi.',
].join('\n');

const reasons = (raw: Buffer): string[][] => read(raw).recipients.map((r) => [r.address, r.reason, r.status]);

describe('a dead-address wording with no status and no SMTP step is a filter as well as a lookup', () => {
  it('a list layout (Smail-style "Failed addresses follow:") names no step: filtered', () => {
    const body = [
      '|----- Failed addresses follow: -----|',
      ' <pat@example.org> ... no such user',
      '|----- Message text follows: -----|',
    ].join('\n');
    const got = read(ndr({ subject: 'mail failed, returning to sender', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'filtered']]);
  });

  it('the same list with an X.1.1 status on the address line stays a dead address', () => {
    const body = [
      '|----- Failed addresses follow: -----|',
      ' <pat@example.org> ... 550 5.1.1 no such user',
      '|----- Message text follows: -----|',
    ].join('\n');
    const got = read(ndr({ subject: 'mail failed, returning to sender', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'userunknown']]);
  });

  it('a notice sentence ("Your message to a@b could not be delivered ... does not exist") names no step: filtered', () => {
    const body = 'Your message to pat@example.org could not be delivered: the mailbox does not exist.\n';
    const got = read(ndr({ subject: 'Delivery failure', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'filtered']]);
  });

  it('a sendmail-style line ("a@b... User unknown") with no transcript names no step: filtered', () => {
    const got = read(ndr({ subject: 'Returned mail', body: 'pat@example.org... User unknown\n', returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'filtered']]);
  });

  it('the MTA\'s own lookup verdict ("Unknown user: a@b", IMail / Kerio / MailEnable) is the recipient\'s step', () => {
    const got = read(ndr({ subject: 'Undeliverable Mail', body: 'Unknown user: pat@example.org\n', returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'userunknown']]);
  });
});

describe("the MTA's own lookup verdicts keep the recipient's step", () => {
  for (const line of ['Invalid final delivery userid: pat@example.org', 'Receiver not found: pat@example.org']) {
    it(line, () => {
      const got = read(ndr({ subject: 'Undeliverable Mail', body: `${line}\n`, returned: RETURNED }));
      expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['pat@example.org', 'userunknown']]);
    });
  }
});

describe("a list layout's detail block carries each address's own reply", () => {
  it('university sendmail sites: the "Error Detail" reply of the address gives its status', () => {
    const body = [
      'Message not delivered to the following addresses:',
      '',
      '    pat@example.org    Mailbox unknown',
      '    lee@example.org    Mailbox full',
      '',
      'Error Detail:',
      '    550 5.1.1 pat... User unknown',
      '    552 5.2.2 lee... Mailbox full',
    ].join('\n');
    expect(reasons(ndr({ subject: 'Returned mail', body, returned: RETURNED }))).toEqual([
      ['pat@example.org', 'userunknown', '5.1.1'],
      ['lee@example.org', 'mailboxfull', '5.2.2'],
    ]);
  });
});

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
