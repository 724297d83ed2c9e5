// The provider module walk (docs/parser-generalisation.md, "Module walk: providers against the reference's
// branches"): one example per class fixed, each a notice written for this project in the provider's layout.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr, rows } from '../helpers/ndr.js';

/** An SNS e-mail notification whose body is the given text (the JSON of an SES notification). */
function sns(body: string): Buffer {
  return Buffer.from(
    [
      'From: AWS Notifications <no-reply@sns.amazonaws.com>',
      'To: hook@example.com',
      'Subject: AWS Notification Message',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'x-amz-sns-message-id: 5e1f0c3a-0000-5a9b-8f6c-0123456789ab',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      body,
      '',
      '--',
      'If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
      '',
    ].join('\n'),
  );
}

const sesBounce = (bounceType: string, bounceSubType: string, recipient: Record<string, string>) =>
  JSON.stringify({
    notificationType: 'Bounce',
    bounce: { bounceType, bounceSubType, bouncedRecipients: [recipient], reportingMTA: 'dsn; a8-12.smtp-out.amazonses.com' },
    mail: { messageId: '0100018c-0000', source: 'sender@example.org', destination: [recipient['emailAddress']] },
  });

/** Sendmail's line-length limit (L= on the mailer): a "!" at the break, the rest on a line starting with a space. */
function bangFold(s: string, width = 120): string {
  const out: string[] = [];
  let rest = s;
  while (rest.length > width) {
    out.push(`${rest.slice(0, width)}!`);
    rest = ` ${rest.slice(width)}`;
  }
  out.push(rest);
  return out.join('\n');
}

describe('Amazon SES notifications (JSON through SNS)', () => {
  it('a Transient bounce is a failure of this message (SES has stopped retrying), whatever the recipient lacks', () => {
    const withDsn = sesBounce('Transient', 'General', {
      emailAddress: 'grey@example.net',
      action: 'failed',
      status: '4.4.2',
      diagnosticCode: 'smtp; 421 4.4.2 Connection dropped',
    });
    expect(parseMailSync(sns(withDsn)).recipients[0]).toMatchObject({ address: 'grey@example.net', action: 'failed' });
    const bare = parseMailSync(sns(sesBounce('Transient', 'General', { emailAddress: 'bare@example.net' }))).recipients[0];
    // Nothing names a cause: no delay turned into an expiry.
    expect(bare).toMatchObject({ address: 'bare@example.net', action: 'failed', reason: 'undefined' });
  });

  it('a notification whose one-line JSON a relay folded with "!" at each break', () => {
    const json = sesBounce('Permanent', 'General', {
      emailAddress: 'alice@example.net',
      action: 'failed',
      status: '5.1.1',
      diagnosticCode: 'smtp; 550 5.1.1 <alice@example.net>: Recipient address rejected: User unknown',
    });
    expect(rows(sns(bangFold(json)))).toEqual([['alice@example.net', 'userunknown']]);
    // The same inside an SNS envelope (an email-json subscription): the fold cuts the escaped inner JSON too.
    const envelope = JSON.stringify({ Type: 'Notification', MessageId: 'm-1', Message: json });
    expect(rows(sns(bangFold(envelope)))).toEqual([['alice@example.net', 'userunknown']]);
  });
});

describe("GMX / web.de notices: the notice's own router verdict (Exim's frame)", () => {
  it('"Unrouteable address" with no remote reply is a domain with no route, not a refused mailbox', () => {
    const raw = ndr({
      from: '"Mail Delivery System" <mailer-daemon@gmx.net>',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-GMX-Antispam: 0 (Mail was not recognized as spam); Detail=V3;'],
      body: [
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of',
        'its recipients. This is a permanent error. The following address',
        'failed:',
        '',
        '"uma@example.net":',
        'Unrouteable address',
        '',
        '--- The header of the original message is following. ---',
        '',
        'From: sender@example.org',
      ].join('\n'),
    });
    expect(rows(raw)).toEqual([['uma@example.net', 'hostunknown']]);
  });
});

describe("au's EZweb: the opening of a list of remote refusals names no cause", () => {
  const notice = (line: string) =>
    ndr({
      from: 'Postmaster@ezweb.ne.jp',
      subject: 'Mail System Error - Returned Mail',
      headers: ['Received: from mta.ezweb.ne.jp (EZweb Mail) with ESMTP id x1'],
      body: [
        'Each of the following recipients was rejected by a remote mail server.',
        '',
        line,
        '',
        '-'.repeat(50),
        'From: sender@example.org',
      ].join('\n'),
    });
  it('alone, on hold (no "rejected" sender refusal read from its words)', () => {
    expect(rows(notice('<dora@ezweb.ne.jp>'))).toEqual([['dora@ezweb.ne.jp', 'onhold']]);
  });
  it("the remote's reply under the address still decides", () => {
    expect(rows(notice('<dora@ezweb.ne.jp>: 552 5.2.2 Mailbox full'))).toEqual([['dora@ezweb.ne.jp', 'mailboxfull']]);
    // Words without a code too: a "user unknown" with no sign of the step is a filter's (the classifier's rule).
    expect(rows(notice('<dora@ezweb.ne.jp>: User unknown'))).toEqual([['dora@ezweb.ne.jp', 'filtered']]);
  });
});

describe("Gmail's notice of the sender's own sending limit", () => {
  it('"You have reached a limit for sending mail" is the sender\'s volume (speeding), never the recipient\'s', () => {
    const raw = ndr({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Failure)',
      body: [
        '** Message not delivered **',
        '',
        'You have reached a limit for sending mail. Your message was not sent.',
        'Learn more here: https://support.google.com/mail/answer/22839',
      ].join('\n'),
      returned: ['From: sender@example.org', 'To: rex@example.net', 'Subject: report', '', 'Hello.'].join('\n'),
    });
    expect(parseMailSync(raw).recipients.map((r) => [r.address, r.reason, r.type])).toEqual([['rex@example.net', 'speeding', 'ignored']]);
  });
});

describe('Outlook\'s rendering of an Exchange report ("cannot be reached", quoted addresses)', () => {
  const notice = (who: string, sentence: string, tag: string) =>
    ndr({
      from: 'System Administrator <postmaster@example.jp>',
      subject: 'Undeliverable: Quarterly report',
      body: [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '      Subject:  Quarterly report',
        '      Sent:     12/7/2026 9:00 AM',
        '',
        'The following recipient(s) cannot be reached:',
        '',
        `      ${who} on 12/7/2026 9:00 AM`,
        `            ${sentence}`,
        `            ${tag}`,
      ].join('\n'),
    });
  it("the remote's answer in the tag decides over Exchange's table sentence for the status", () => {
    const raw = notice(
      "'sol@example.net'",
      'You do not have permission to send to this recipient.  For assistance, contact your system administrator.',
      '<mail.example.jp #5.7.1 smtp;550 5.7.1 Unable to relay for sol@example.net>',
    );
    expect(rows(raw)).toEqual([['sol@example.net', 'norelaying']]);
  });
  it("Exchange's sentence decides when the tag quotes no answer", () => {
    const raw = notice(
      'sol@example.net',
      'You do not have permission to send to this recipient.  For assistance, contact your system administrator.',
      '<mail.example.jp #5.7.1>',
    );
    expect(rows(raw)).toEqual([['sol@example.net', 'rejected']]);
  });
});

describe("Gmail's older notice: a refusal after DATA ((state 15/17/18)) whose words decide nothing", () => {
  const notice = (reply: string) =>
    ndr({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Failure)',
      body: [
        'This is an automatically generated Delivery Status Notification',
        '',
        'Delivery to the following recipient failed permanently:',
        '',
        '     hank@example.net',
        '',
        'Technical details of permanent failure:',
        'Google tried to deliver your message, but it was rejected by the server for the recipient domain example.net by mx.example.net. [192.0.2.10].',
        '',
        'The error that the other server returned was:',
        reply,
      ].join('\n'),
    });
  it("is the recipient side's filter on the message", () => {
    expect(rows(notice('554 Transaction failed (state 18).'))).toEqual([['hank@example.net', 'filtered']]);
  });
  it('its words still decide when they name a cause', () => {
    expect(rows(notice('552 5.3.4 Message too big (state 17).'))).toEqual([['hank@example.net', 'mesgtoobig']]);
  });
});
