// The module walk over the MTA families (docs/parser-generalisation.md, "Module walk: MTA families against the
// reference's branches"): one example per class fixed, each in its MTA's own layout.
import { describe, expect, it } from 'vitest';
import { eximNotice, ndr, rows, RETURNED } from '../helpers/ndr.js';

/** qmail-send's notice for one address and qmail's lines under it. */
function qmail(address: string, lines: string[]): Buffer {
  const body = [
    'Hi. This is the qmail-send program at mx.example.net.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "This is a permanent error; I've given up. Sorry it didn't work out.",
    '',
    `<${address}>:`,
    ...lines,
    '',
    '--- Below this line is a copy of the message.',
    '',
    RETURNED,
  ];
  return ndr({ subject: 'failure notice', body: body.join('\n') });
}

const exim = eximNotice;

/** dma's notice: "did not like our X:" then the remote's answer. */
function dma(address: string, step: string, answer: string): Buffer {
  const body = [
    'This is the DragonFly Mail Agent v0.13 at mx.example.net.',
    '',
    `There was an error delivering your mail to <${address}>.`,
    '',
    `mx.example.org [192.0.2.25] did not like our ${step}:`,
    answer,
    '',
    'Original message follows.',
    '',
    RETURNED,
  ];
  return ndr({
    from: 'MAILER-DAEMON <>',
    subject: 'Mail delivery failed',
    headers: ['Received: from MAILER-DAEMON id 16e23e by mx.example.net (DragonFly Mail Agent v0.13); Mon, 2 Mar 2026 10:00:00 +0000'],
    body: body.join('\n'),
  });
}

describe('module walk: qmail-local and qmail-remote name their own cause', () => {
  it("perm_nomx (MX hosts with no address, qmail's #5.4.4) is a domain without a mail host", () => {
    expect(rows(qmail('kit@example.org', ["Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"]))).toEqual([
      ['kit@example.org', 'hostunknown'],
    ]);
  });
  it('"system error" and a missing interpreter are the local delivery\'s failure', () => {
    expect(rows(qmail('kit@example.org', ['system error (#4.3.0)']))).toEqual([['kit@example.org', 'systemerror']]);
    expect(rows(qmail('kit@example.org', ['/bin/sh: /usr/local/bin/filter: bad interpreter: No such file or directory']))).toEqual([
      ['kit@example.org', 'systemerror'],
    ]);
  });
  it('"Unable to run ..." stays the cause when the queue lifetime ran out', () => {
    const lines = [
      'Unable to run /usr/local/bin/autoresponder. (#4.3.0)',
      "I'm not going to try again; this message has been in the queue too long.",
    ];
    expect(rows(qmail('kit@example.org', lines))).toEqual([['kit@example.org', 'systemerror']]);
  });
});

describe("module walk: Exim's own notices", () => {
  it('a router\'s "user not found" with no SMTP answer is an unknown user', () => {
    expect(rows(exim(['  kit@example.org', '    user not found']))).toEqual([['kit@example.org', 'userunknown']]);
  });
  it('a malformed recipient listed as "a@b <c@d>: ..." names the address in angle brackets', () => {
    const body = [
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent contained one or more recipient addresses that were',
      'incorrectly constructed:',
      '',
      '  typo@example.org <kit@example.org>: malformed address: <kit@example.org> may not follow typo@example.org',
      '',
      'This address has been ignored.',
    ];
    const raw = ndr({
      from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      subject: 'Mail failure - malformed recipient address',
      body: body.join('\n'),
    });
    expect(rows(raw)).toEqual([['kit@example.org', 'syntaxerror']]);
  });
});

describe("module walk: Postfix's pipe(8) output", () => {
  it('"Command output:" words that name a cause decide over the exit status', () => {
    const body = [
      'This is the mail system at host mx.example.net.',
      '',
      '                   The mail system',
      '',
      '<kit@example.org>: Command died with status 1: "/usr/bin/procmail". Command',
      '    output: procmail: Quota exceeded while writing',
    ];
    expect(rows(ndr({ subject: 'Undelivered Mail Returned to Sender', body: body.join('\n') }))).toEqual([
      ['kit@example.org', 'mailboxfull'],
    ]);
  });
  it("an exit status with output that names nothing known stays the program's failure", () => {
    const body = [
      'This is the mail system at host mx.example.net.',
      '',
      '                   The mail system',
      '',
      '<kit@example.org>: Command died with status 1: "/usr/local/bin/filter". Command',
      '    output: filter: internal error 17',
    ];
    expect(rows(ndr({ subject: 'Undelivered Mail Returned to Sender', body: body.join('\n') }))).toEqual([
      ['kit@example.org', 'mailererror'],
    ]);
  });
});

describe('module walk: dma reads the answer with its step', () => {
  it('an authentication demand at MAIL FROM is read by its words', () => {
    expect(rows(dma('kit@example.org', 'MAIL FROM', '530 5.7.0 Authentication required'))).toEqual([['kit@example.org', 'securityerror']]);
  });
  it("a sender refused at MAIL FROM stays the sender's", () => {
    const answer = '553 5.1.8 <sender@example.org>: Sender address rejected: Domain not found';
    expect(rows(dma('kit@example.org', 'MAIL FROM', answer))).toEqual([['kit@example.org', 'rejected']]);
  });
});

describe("module walk: X6's wrapped refusal", () => {
  it('the bracketed answer on the wrapped line decides', () => {
    const body = [
      '1 error(s):',
      '',
      'SMTP Server <mx.example.org> rejected recipient <kit@example.org>',
      '  (Error following RCPT command). It responded as follows: [552 5.2.2 Mailbox full]',
      '',
      'The attachment contains the original mail headers.',
    ];
    expect(
      rows(ndr({ from: 'postmaster@mx.example.net', subject: 'There was an error sending your mail', body: body.join('\n') })),
    ).toEqual([['kit@example.org', 'mailboxfull']]);
  });
});

describe("module walk: fml's address closes its sentence", () => {
  it('the line\'s closing "<a@b>." is the address spoken of, not the list named before it', () => {
    const body = [
      'fml <cats@lists.example.jp> has detected a loop condition so that input mail has already our ML X-ML-Name: header <kit@example.org>.',
      '',
      'Original mail as follows:',
      '',
      RETURNED,
    ];
    const raw = ndr({
      from: 'cats-admin@lists.example.jp',
      subject: 'Loop Alert: (cats ML)',
      headers: ['X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]'],
      body: body.join('\n'),
    });
    expect(rows(raw)).toEqual([['kit@example.org', 'systemerror']]);
  });
});
