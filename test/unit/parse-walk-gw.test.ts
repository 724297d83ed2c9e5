// The module walk over the reference parser's fallback paths (docs/parser-generalisation.md, "Module walk:
// gateways, remote-host tables and RFC paths against the reference"): one example per class that was read wrong.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr, postfixDsn, report, rows } from '../helpers/ndr.js';

const sendmailMda = (line: string, status = '5.0.0'): Buffer =>
  report(
    ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>', 'Subject: Returned mail: see transcript for details'],
    [
      '   ----- The following addresses had permanent fatal errors -----',
      '<ann@example.com>',
      '',
      '   ----- Transcript of session follows -----',
      line,
      '554 5.0.0 Service unavailable',
    ],
    ['Final-Recipient: RFC822; ann@example.com', 'Action: failed', `Status: ${status}`],
  );

describe('RFC 3464 fields from unknown MTAs', () => {
  it('reads the reply a gateway writes into Status when there is no Diagnostic-Code', () => {
    const raw = report(
      ['From: postmaster@gw.example.net', 'Subject: Delivery Status Notification (Failure)'],
      ['Delivery to the following recipient failed permanently:', '', '    bob@example.com'],
      ['Final-Recipient: rfc822; bob@example.com', 'Action: failed', 'Status: 553 Exceeded maximum inbound message size'],
    );
    expect(rows(raw)).toEqual([['bob@example.com', 'mesgtoobig']]);
  });
});

describe("local delivery agents' own verdicts (mail.local, procmail, maildrop, vpopmail, vmailmgr, Dovecot LDA)", () => {
  it('reads their lookup of the user as a dead address with no SMTP step', () => {
    expect(rows(sendmailMda('mail.local: unknown user: ann'))).toEqual([['ann@example.com', 'userunknown']]);
    expect(rows(sendmailMda('maildrop: Invalid user specified.'))).toEqual([['ann@example.com', 'userunknown']]);
    expect(rows(sendmailMda("vdeliver: Invalid or unknown virtual user 'ann'"))).toEqual([['ann@example.com', 'userunknown']]);
  });

  it("reads Dovecot's quota error as a full mailbox and a full disk as the system's", () => {
    const dovecot = 'Your message to ann@example.com was automatically rejected:\nNot enough disk space';
    expect(rows(sendmailMda(dovecot, '5.2.2'))).toEqual([['ann@example.com', 'mailboxfull']]);
    expect(rows(sendmailMda('procmail: No space left to finish writing "/var/mail/ann"'))).toEqual([['ann@example.com', 'systemfull']]);
    expect(rows(sendmailMda('vdeliver: Delivery failed due to system quota violation'))).toEqual([['ann@example.com', 'mailboxfull']]);
  });
});

describe("the body fallback's notices", () => {
  it('reads a notice titled "Mail error" from a null return path', () => {
    const raw = ndr({
      from: 'Mail Administrator <noreply@mx.example.net>',
      subject: 'Mail error',
      headers: ['Return-Path: <>'],
      body: 'This message was created automatically by the mail system.\n\nUnknown user: ann@example.com\n\n554 5.7.1 Message rejected as spam',
    });
    expect(rows(raw)).toEqual([['ann@example.com', 'spamdetected']]);
  });
});

describe('NTT docomo without an enhanced code', () => {
  it('reads a refusal after DATA as the recipient settings refusing the sender, whatever the words', () => {
    const raw = postfixDsn('554 Transaction failed', 'end of DATA')
      .toString()
      .replace(/mx\.example\.org/g, 'mfsmax.docomo.ne.jp');
    expect(rows(Buffer.from(raw.replace(/kim@example\.org/g, 'kim@docomo.ne.jp')))).toEqual([['kim@docomo.ne.jp', 'rejected']]);
  });
});

describe('auto-replies (RFC 3834)', () => {
  it("reads Lotus Notes' out-of-office subject", () => {
    const raw = ndr({
      from: 'Ann Example <ann@example.com>',
      subject: 'AUTO: Ann Example is out of the office (returning 14.12.2026)',
      body: 'I am away.',
    });
    expect(parseMailSync(raw).kind).toBe('auto-reply');
  });

  it("does not read a system account's notice as an auto-reply", () => {
    const raw = ndr({ from: 'postmaster@example.com', subject: 'Auto: hello', headers: ['Auto-Submitted: auto-replied'], body: 'Notice.' });
    expect(parseMailSync(raw).kind).not.toBe('auto-reply');
  });
});

describe('gateways and legacy servers', () => {
  it("reads InterScan MSS's own subject whatever its case, and keeps the quoted answer over its own sentence", () => {
    const own = ndr({
      from: 'postmaster@imss.example.net',
      subject: 'Mail could not be delivered',
      body: 'Reason: Unable to deliver message to <ann@example.com>.',
    });
    expect(rows(own)).toEqual([['ann@example.com', 'userunknown']]);
    const quoted = ndr({
      from: '"InterScan MSS" <postmaster@imss.example.net>',
      subject: 'Mail could not be delivered',
      body: 'Sent <<< RCPT TO:<bob@example.com>\nReceived >>> 552 5.2.2 Mailbox full\n\nUnable to deliver message to <bob@example.com>.',
    });
    expect(rows(quoted)).toEqual([['bob@example.com', 'mailboxfull']]);
  });

  it(`reads Exim's bare "local delivery failed" in an Exim-based gateway's notice (MXLogic) as Exim's reader does`, () => {
    const raw = ndr({
      from: 'Mail Delivery System <MAILER-DAEMON@p01c11m096.mxlogic.net>',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-MX-Bounce: mxbounce@p01c11m096.mxlogic.net'],
      body: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  <ann@example.com>: local delivery failed\n\nIncluded is a copy of the message header:\n-----------------------------------------\n',
    });
    expect(rows(raw)).toEqual([['ann@example.com', 'mailererror']]);
  });
});
