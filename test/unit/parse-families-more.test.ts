// MDaemon, CommuniGate Pro and GroupWise: synthetic notices in their layouts (no corpus mails of these).
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

const rows = (raw: Buffer): string[][] => read(raw).recipients.map((r) => [r.address, r.reason, r.status]);

describe('MDaemon reader', () => {
  const notice = (log: string[]): Buffer =>
    ndr({
      subject: 'Permanent Delivery Failure',
      body: [
        'The attached message had PERMANENT fatal delivery errors!',
        '',
        'After one or more unsuccessful delivery attempts the attached message',
        'has been removed from the mail queue on this server.',
        '',
        '--- Session Transcript ---',
        ...log.map((l) => ` Wed 2021-08-25 14:37:57.123: ${l}`),
        '--- End Transcript ---',
      ].join('\n'),
    });
  it("reads the remote's answer to its RCPT", () => {
    const raw = notice([
      'Session 1; child 1',
      '--> MAIL From:<sender@example.org>',
      '<-- 250 2.1.0 Ok',
      '--> RCPT To:<mel@example.com>',
      '<-- 550 5.1.1 <mel@example.com>: Recipient address rejected: User unknown',
    ]);
    expect(read(raw).via).toBe('mdaemon');
    expect(rows(raw)).toEqual([['mel@example.com', 'userunknown', '5.1.1']]);
  });
  it('gives a refusal after DATA to every accepted recipient', () => {
    const raw = notice([
      '--> RCPT To:<ned@example.com>',
      '<-- 250 2.1.5 Ok',
      '--> DATA',
      '<-- 354 go ahead',
      '<-- 552 5.3.4 Message size exceeds fixed maximum message size',
    ]);
    expect(rows(raw)).toEqual([['ned@example.com', 'mesgtoobig', '5.3.4']]);
  });
});

describe('CommuniGate Pro reader', () => {
  it("reads the SMTP module's quoted answer", () => {
    const raw = ndr({
      subject: 'Undeliverable mail: hello',
      body: "Failed to deliver to '<oz@example.com>'\nSMTP module(domain example.com) reports:\n host mx.example.com says:\n 550 5.1.1 <oz@example.com>: User unknown\n",
    });
    expect(read(raw).via).toBe('communigate');
    expect(rows(raw)).toEqual([['oz@example.com', 'userunknown', '5.1.1']]);
  });
  it("reads the LOCAL module's own verdict", () => {
    const raw = ndr({
      subject: 'Undeliverable mail: hello',
      body: "Failed to deliver to '<pat@example.net>'\nLOCAL module(account pat) reports:\n account is full (disk quota exceeded)\n",
    });
    expect(rows(raw)).toEqual([['pat@example.net', 'mailboxfull', '5.0.922']]);
  });
});

describe('GroupWise reader', () => {
  it("reads GWIA's verdict in parentheses", () => {
    const raw = ndr({
      subject: 'Message status - undeliverable',
      body: 'The message that you sent was undeliverable to the following:\n\tquin@example.com (user not found)\n\tray@nonexistent.example (host not found)\n\nPossible causes:\n\tThe e-mail address was misspelled\n',
    });
    expect(read(raw).via).toBe('groupwise');
    expect(rows(raw)).toEqual([
      ['quin@example.com', 'userunknown', '5.0.911'],
      ['ray@nonexistent.example', 'hostunknown', '5.0.912'],
    ]);
  });
});

describe('MXLogic reader', () => {
  const notice = (body: string): Buffer =>
    ndr({
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-MX-Bounce: mta/src/queue/bounce', 'X-MXL-Hash: 0123456789abcdef'],
      body: `This message was created automatically by mail delivery software.\n\n${body}\n\nIncluded is a copy of the message header:\n`,
    });
  it('reads the one-line "<a@b>: answer" form', () => {
    const raw = notice(
      'A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n<sal@example.com>: 550 5.1.1 <sal@example.com>: Recipient address rejected: User unknown',
    );
    expect(read(raw).via).toBe('mxlogic');
    expect(rows(raw)).toEqual([['sal@example.com', 'userunknown', '5.1.1']]);
  });
  it("reads Exim's block form with the step it names", () => {
    const raw = notice(
      'A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  ted@example.com\n    SMTP error from remote mail server after MAIL FROM:<sender@example.org>:\n    host mx.example.com [192.0.2.1]: 553 5.7.1 Sender address rejected',
    );
    expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['ted@example.com', 'rejected']]);
  });
});

describe('1&1 reader', () => {
  const notice = (block: string): Buffer =>
    ndr({
      from: '"Mail Delivery System" <mailer-daemon@mx.example.net>',
      subject: 'Mail delivery failed: returning message to sender',
      body: `This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error.\n\nThe following address failed:\n\n${block}\n\n--- The header of the original message is following. ---\n\nSubject: hello\n`,
    });
  it("reads 1&1's own reason", () => {
    expect(
      rows(
        notice(
          'uli@example.eu\n\nFor the following reason:\n\nMail size limit exceeded. For explanation visit\nhttp://postmaster.example.net/en/error-messages',
        ),
      ),
    ).toEqual([['uli@example.eu', 'mesgtoobig', '5.0.934']]);
  });
  it("reads the remote's answer to the message data", () => {
    const raw = notice(
      'val@example.fr:\nSMTP error from remote server for TEXT command, host: mx.example.fr (192.0.2.65) reason: 552 5.2.2 Mailbox full',
    );
    expect(read(raw).via).toBe('einsundeins');
    expect(rows(raw)).toEqual([['val@example.fr', 'mailboxfull', '5.2.2']]);
  });
  it('finds its list when "failed:" wraps onto a line of its own', () => {
    const raw = ndr({
      from: '"Mail Delivery System" <mailer-daemon@mx.example.net>',
      subject: 'Mail delivery failed: returning message to sender',
      body: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address\nfailed:\n\n    val@example.fr:\n    SMTP error from remote server for TEXT command, host: mx.example.fr (192.0.2.65) reason: 552 5.2.2 Mailbox full\n\n--- The header of the original message is following. ---\n\nSubject: hello\n',
    });
    expect(read(raw).via).toBe('einsundeins');
    expect(rows(raw)).toEqual([['val@example.fr', 'mailboxfull', '5.2.2']]);
  });
});

describe('Post.Office reader', () => {
  const notice = (body: string[]): Buffer =>
    ndr({
      subject: 'Delivery failure',
      body: [
        'This Message was undeliverable due to the following reason:',
        '',
        ...body,
        '',
        'Please reply to Postmaster@mx.example.net',
        'if you feel this message to be in error.',
      ].join('\n'),
    });
  it('reads its own paragraph for every listed recipient', () => {
    const raw = notice([
      'Your message was not delivered because the destination computer was',
      'not found.  Carefully check that it was spelled correctly.',
      '',
      '     Host nonexistent.example not found',
      '',
      'The following recipients did not receive this message:',
      '',
      '     <wes@nonexistent.example>',
    ]);
    expect(read(raw).via).toBe('postoffice');
    expect(rows(raw)).toEqual([['wes@nonexistent.example', 'hostunknown', '5.0.912']]);
  });
  it("reads a remote server's reason for each recipient", () => {
    const raw = notice([
      'Each of the following recipients was rejected by a remote mail server.',
      'The reasons given by the server are included to help you determine why',
      'each recipient was rejected.',
      '',
      '    Recipient: <xan@example.com>',
      '    Reason:    552 5.2.2 <xan@example.com>... Mailbox full',
    ]);
    expect(rows(raw)).toEqual([['xan@example.com', 'mailboxfull', '5.2.2']]);
  });
});

describe('fml reader', () => {
  const notice = (subject: string, sentence: string): Buffer =>
    ndr({
      from: 'ml-admin@ml.example.org',
      subject,
      headers: ['X-MLServer: fml [fml 8.0]'],
      body: `${sentence}\n\nOriginal mail as follows:\n\nFrom: sender@example.org\nSubject: hello\n\nreject mail from a friend\n`,
    });
  it("takes the error from its sentence before its subject's kind of mail", () => {
    expect(
      read(notice('fml system error message', 'Security alert: a forged address posted to <ml@ml.example.org>.')).recipients.map((r) => [
        r.address,
        r.reason,
      ]),
    ).toEqual([['ml@ml.example.org', 'securityerror']]);
  });
  it('reads the subject when the sentence names nothing, never the returned message', () => {
    expect(
      read(notice('Loop Alert: fml 8.0', 'Your mail to <ml@ml.example.org> was dropped.')).recipients.map((r) => [r.address, r.reason]),
    ).toEqual([['ml@ml.example.org', 'systemerror']]);
  });
});
