// Classes of fragility eval:perturb and eval:transplant found when run over the project's own fixtures
// (docs/parser-generalisation.md, "Perturbation and transplant over the fixtures"): a reading must not
// hang on a line wrap or on the transfer encoding of a flat notice. Synthetic notices, each in the
// layout of the MTA named.
import { describe, expect, it } from 'vitest';
import { ndr, read, report, rows } from '../helpers/ndr.js';

describe('a wrapped answer line', () => {
  it('Sendmail: its own "<a@b>... Deferred:" transcript line wrapped onto an indented line keeps its cause', () => {
    const body = (deferred: string[]): string =>
      [
        'The original message was received at Mon, 2 Mar 2026 10:00:00 +0000',
        'from localhost [127.0.0.1]',
        '',
        '   ----- The following addresses had permanent fatal errors -----',
        '<ivy@example.org>',
        '    (reason: 554 5.5.1 Error: no valid recipients)',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to mx.example.org.:',
        '>>> DATA',
        '<<< 421 4.7.0 mx.example.org Error: too many connections from 192.0.2.1',
        '>>> QUIT',
        '<<< 554 5.5.1 Error: no valid recipients',
        ...deferred,
        'Message could not be delivered for 5 days',
        'Message will be deleted from queue',
        '',
      ].join('\n');
    const one = ndr({
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      subject: 'Returned mail: see transcript for details',
      body: body(['<ivy@example.org>... Deferred: 421 4.7.0 mx.example.org Error: too many connections from 192.0.2.1']),
    });
    const wrapped = ndr({
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      subject: 'Returned mail: see transcript for details',
      body: body(['<ivy@example.org>... Deferred: 421', '    4.7.0 mx.example.org Error: too many', '    connections from 192.0.2.1']),
    });
    expect(read(wrapped).via).toBe('sendmail');
    expect(rows(wrapped)).toEqual(rows(one));
    expect(read(wrapped).recipients[0]?.status).toBe(read(one).recipients[0]?.status);
  });

  it('Haraka: a "Failure Reason:" wrapped onto an indented line still says the queue gave up', () => {
    const body = (failure: string[]): string =>
      [
        'Hi. This is the Haraka Mailer program at mail.example.net.',
        "I'm afraid I wasn't able to deliver your message",
        '    "quarterly figures"',
        'to the following addresses.',
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        '',
        'Intended Recipients: <jon@example.org>',
        ...failure,
        '',
      ].join('\n');
    const one = ndr({ subject: 'failure notice', body: body(['Failure Reason: Error: Too many failures (Tried all MXs)']) });
    const wrapped = ndr({ subject: 'failure notice', body: body(['Failure Reason: Error: Too many failures', '    (Tried all MXs)']) });
    expect(read(wrapped).via).toBe('haraka');
    expect(rows(one)).toEqual([['jon@example.org', 'expired']]);
    expect(rows(wrapped)).toEqual(rows(one));
  });

  it('an unknown layout: a labelled answer at the margin wrapped onto indented lines keeps its words', () => {
    // Exchange Online's localised "Error details" section ("Fehler:", "Erreur :") writes the label at the
    // margin and the remote's reply after it; a relay wraps it with an indent.
    const body = (answer: string[]): string =>
      [
        'Ihre Nachricht an kai@example.org konnte nicht zugestellt werden.',
        '',
        'Statuscode: 550 5.1.10',
        '',
        'Fehlerdetails',
        ...answer,
        'Nachricht abgelehnt von:    mx1.example.net',
        '',
      ].join('\n');
    const one = ndr({
      subject: 'Unzustellbar: Angebot',
      body: body(['Fehler:    550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient kai@example.org not found by SMTP address lookup']),
    });
    const wrapped = ndr({
      subject: 'Unzustellbar: Angebot',
      body: body([
        'Fehler:    550 5.1.10',
        '    RESOLVER.ADR.RecipientNotFound;',
        '    Recipient kai@example.org not',
        '    found by SMTP address lookup',
      ]),
    });
    expect(rows(one)).toEqual([['kai@example.org', 'userunknown']]);
    expect(rows(wrapped)).toEqual(rows(one));
  });
});

describe("a notice's sentence wrapped across lines", () => {
  it("a postmaster's notice in no known layout whose only failure words are wrapped is still a bounce", () => {
    // A reply subject ("Re: ...") keeps the quoted-reply test away: the words alone decide.
    const body = (answer: string[]): string =>
      ['Delivery report', '', 'The remote server answered:', ...answer, '', 'Recipient: kim@example.org', ''].join('\n');
    const one = ndr({
      from: 'postmaster@mx.example.org',
      subject: 'Re: order 1182',
      body: body(['550 5.1.1 Requested action not taken: no such user here']),
    });
    const wrapped = ndr({
      from: 'postmaster@mx.example.org',
      subject: 'Re: order 1182',
      body: body(['550 5.1.1 Requested action not taken: no', '    such user here']),
    });
    expect(read(one).kind).toBe('bounce');
    expect(read(wrapped).kind).toBe('bounce');
    expect(rows(wrapped)).toEqual(rows(one));
  });

  it('Kerio Connect: "Recipient <a@b> does not exist here." wrapped after "does" still names the address', () => {
    const body = (sentence: string[]): string =>
      ['This message was created automatically by mail delivery software.', '', ...sentence, '', 'Original message follows.', ''].join(
        '\n',
      );
    const one = ndr({ subject: 'Undeliverable mail', body: body(['Recipient <lee@example.org> does not exist here.']) });
    const wrapped = ndr({ subject: 'Undeliverable mail', body: body(['Recipient <lee@example.org> does', '    not exist here.']) });
    // The sentence names no SMTP step and the notice no X.1.x status: a filter's as well as a lookup's answer
    // (docs/parser-generalisation.md, "Cross-check with Sisimai 4.25").
    expect(rows(one)).toEqual([['lee@example.org', 'filtered']]);
    expect(rows(wrapped)).toEqual(rows(one));
  });
});

describe("an older layout's line wrapped by a relay", () => {
  const full = (raw: Buffer): string[][] => read(raw).recipients.map((r) => [r.address, r.action, r.reason, r.status]);

  it('AOL: its "not accepting mail from a@b:" opening wrapped onto indented lines takes no screen name into it', () => {
    const aol = (opening: string[]): Buffer =>
      ndr({
        from: 'Mail Delivery Subsystem <MAILER-DAEMON@aol.com>',
        subject: 'Returned mail: User unknown',
        body: [...opening, '\tbobjones', '\tcarlk99', ''].join('\n'),
      });
    const one = aol([
      'Your mail to the following recipients could not be delivered because they are not accepting mail from news@list.example.net:',
    ]);
    const wrapped = aol([
      'Your mail to the following recipients',
      '    could not be delivered because they',
      '    are not accepting mail from',
      '    news@list.example.net:',
    ]);
    // Only the sentence's tail wrapped: its address is no list entry either.
    const tail = aol([
      'Your mail to the following recipients could not be delivered because they are not accepting mail from',
      '    news@list.example.net:',
    ]);
    expect(read(one).via).toBe('listed');
    expect(full(one).map((r) => r[0])).toEqual(['bobjones@aol.com', 'carlk99@aol.com']);
    expect(full(wrapped)).toEqual(full(one));
    expect(full(tail)).toEqual(full(one));
  });

  it('CompuServe: "Receiver not found:" with its user name or address alone on the next line', () => {
    const cs = (from: string, lines: string[]): Buffer =>
      ndr({
        from,
        subject: 'Undeliverable Message',
        body: [...lines, '', 'Your message could not be delivered as addressed.', ''].join('\n'),
      });
    const own = 'CompuServe Postmaster <postmaster@compuserve.com>';
    expect(full(cs(own, ['Receiver not found:', '    annsmith']))).toEqual(full(cs(own, ['Receiver not found: annsmith'])));
    expect(full(cs(own, ['Receiver not found: annsmith']))[0]?.[0]).toBe('annsmith@compuserve.com');
    // Relayed under another name (no CompuServe From): the generic reading of its label.
    const relay = 'Postmaster <postmaster@csi.example.com>';
    const one = cs(relay, ['Receiver not found: 76543.210@csi.example.com']);
    expect(full(one)[0]?.[2]).toBe('userunknown');
    expect(full(cs(relay, ['Receiver not found:', '    76543.210@csi.example.com']))).toEqual(full(one));
    expect(full(cs(relay, ['Receiver not found:', '76543.210@csi.example.com']))).toEqual(full(one));
  });

  it("Post.Office: its warning's opening wrapped still lists the address as delayed", () => {
    const po = (opening: string[]): Buffer =>
      ndr({
        from: 'Post Office <postmaster@po.example.net>',
        subject: 'Delivery Notification: Delivery has been delayed',
        body: [
          'The server has been unable to deliver your message to the recipient',
          'listed below. Delivery attempts will continue.',
          '',
          ...opening,
          '',
          '  mia@far.example',
          '',
          'No action is required on your part.',
          '',
        ].join('\n'),
      });
    const one = po(['The address to which the message has not yet been delivered is:']);
    expect(read(one).via).toBe('listed');
    expect(full(one)).toEqual([['mia@far.example', 'delayed', 'expired', '4.0.947']]);
    expect(full(po(['The address to which the message has not', '    yet been delivered is:']))).toEqual(full(one));
  });

  it('MailEnable: an address wrapped under its "Reason: Invalid recipient:" label is no recipient of its own', () => {
    const me = (reason: string[]): Buffer =>
      ndr({
        from: 'MailEnable <postmaster@me.example.com>',
        subject: 'Message Delivery Failure',
        body: [
          'MailEnable: Message could not be delivered to some recipients.',
          'The following recipient(s) could not be reached:',
          '',
          '\tRecipient: [SMTP:sue@me.example.com]',
          ...reason,
          '',
          'Sender: news@list.example.net',
          '',
        ].join('\n'),
      });
    const one = me(['\tReason: Invalid recipient: <sue@me.example.com>']);
    expect(full(one)[0]?.slice(0, 3)).toEqual(['sue@me.example.com', 'failed', 'userunknown']);
    expect(full(me(['\tReason: Invalid recipient:', '\t    <sue@me.example.com>']))).toEqual(full(one));
  });
});

describe('a notice of success without its delivery-status part', () => {
  const delivered = (raw: Buffer): string[][] => read(raw).recipients.map((r) => [r.address, r.action, r.reason]);

  it("Postfix: bounce(5)'s success template lists delivered recipients", () => {
    const raw = ndr({
      from: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>',
      subject: 'Successful Mail Delivery Report',
      body: [
        'This is the mail system at host mx.example.net.',
        '',
        'Your message was successfully delivered to the destination(s)',
        'listed below. If the message was delivered to mailbox you will',
        'receive no further notifications. Otherwise you may still receive',
        'notifications of mail delivery errors from other systems.',
        '',
        '                   The mail system',
        '',
        '<amy@example.net>: delivery via local: delivered to mailbox',
        '',
      ].join('\n'),
    });
    expect(delivered(raw)).toEqual([['amy@example.net', 'delivered', 'delivered']]);
  });

  it('OpenSMTPD: "Your message was relayed to these recipients." lists them with nothing after the colon', () => {
    const raw = ndr({
      subject: 'Delivery status notification: relayed',
      body: [
        '    Hi!',
        '',
        '    This is the MAILER-DAEMON, please DO NOT REPLY to this email.',
        '',
        '    Your message was relayed to these recipients.',
        '',
        'bea@example.org: ',
        '',
        '    Below is a copy of the original message:',
        '',
      ].join('\n'),
    });
    expect(delivered(raw)).toEqual([['bea@example.org', 'delivered', 'delivered']]);
  });

  it('Sendmail: its return receipt ("had successful delivery notifications") lists delivered recipients', () => {
    // A multipart/report whose delivery-status part is missing: the readable text alone says it.
    const raw = Buffer.from(
      [
        'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
        'To: <sender@example.org>',
        'Subject: Return receipt',
        'Date: Mon, 2 Mar 2026 10:00:01 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="R1"',
        '',
        '--R1',
        '',
        'The original message was received at Mon, 2 Mar 2026 10:00:00 +0000',
        'from localhost [127.0.0.1]',
        '',
        '   ----- The following addresses had successful delivery notifications -----',
        '<cy@example.net>  (successfully delivered to mailbox)',
        '',
        '   ----- Transcript of session follows -----',
        '<cy@example.net>... Successfully delivered',
        '',
        '--R1--',
        '',
      ].join('\n'),
    );
    expect(delivered(raw)).toEqual([['cy@example.net', 'delivered', 'delivered']]);
  });
});

describe("a layout whose reading hung on the failure's words", () => {
  it("Apache James: its notify layout is a bounce whatever the error's words, from postmaster@ with a Re: subject", () => {
    const raw = ndr({
      from: 'postmaster@mail.example.net',
      subject: 'Re: invoice 2231',
      body: [
        'Error: Storage problem',
        '',
        'Error message below:',
        '552 5.2.2 Mailbox quota exceeded',
        '',
        'Message details:',
        '  Subject: invoice 2231',
        '  MAIL FROM: billing@example.org',
        '  RCPT TO: moe@mail.example.net',
        '  From: billing@example.org',
        '  To: moe@mail.example.net',
        '',
      ].join('\n'),
    });
    expect(read(raw).kind).toBe('bounce');
    expect(rows(raw)).toEqual([['moe@mail.example.net', 'mailboxfull']]);
  });

  it('InterScan MSS: a multi-line reply ("550-5.7.26 ...") after DATA is the answer, not the 354 before it', () => {
    const raw = ndr({
      from: '"InterScan MSS" <postmaster@gw.example.net>',
      subject: 'Mail could not be delivered',
      body: [
        '*****  Message from InterScan Messaging Security Suite  *****',
        '',
        'Sent <<< RCPT TO:<ned@example.org>',
        'Received >>> 250 2.1.5 Ok',
        'Sent <<< DATA',
        'Received >>> 354 End data with <CR><LF>.<CR><LF>',
        'Sent <<< .',
        "Received >>> 550-5.7.26 Unauthenticated email from example.net is not accepted due to domain's DMARC policy.",
        '',
        '***********************  End of message  ***********************',
        '',
      ].join('\n'),
    });
    expect(read(raw).recipients.map((r) => [r.address, r.replyCode, r.reason])).toEqual([['ned@example.org', '550', 'authfailure']]);
  });
});

describe("a command's exit status without the delivery-status part", () => {
  it('Postfix: a pipe\'s EX_NOUSER, worded by sys_exits.c as the whole answer ("user unknown"), is a dead address', () => {
    const raw = ndr({
      from: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>',
      subject: 'Undelivered Mail Returned to Sender',
      body: [
        'This is the mail system at host mx.example.net.',
        '',
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        '',
        '                   The mail system',
        '',
        '<dan@mx.example.net>: user unknown',
        '',
      ].join('\n'),
    });
    expect(rows(raw)).toEqual([['dan@mx.example.net', 'userunknown']]);
  });

  it("Sendmail: a program an alias expanded to takes the status of Sendmail's own line for it", () => {
    const raw = ndr({
      from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      subject: 'Returned mail: see transcript for details',
      body: [
        'The original message was received at Mon, 2 Mar 2026 10:00:00 +0000',
        'from localhost [127.0.0.1]',
        '',
        '   ----- The following addresses had permanent fatal errors -----',
        '"|/usr/local/bin/deliver -u eve"',
        '    (reason: User unknown)',
        '    (expanded from: <eve@example.net>)',
        '',
        '   ----- Transcript of session follows -----',
        '550 5.1.1 "|/usr/local/bin/deliver -u eve"... User unknown',
        '',
      ].join('\n'),
    });
    expect(read(raw).recipients.map((r) => [r.address, r.status, r.reason])).toEqual([['eve@example.net', '5.1.1', 'userunknown']]);
  });
});

describe("a program's exit status, read by its sysexits.h class whatever the MTA's words", () => {
  // EX_NOUSER 67 and EX_NOHOST 68 name the recipient; every other status is the program's failure (`mailererror`).
  const reasonOf = (raw: Buffer): string | undefined => read(raw).recipients[0]?.reason;
  const postfix = (status: string, words: string): Buffer =>
    report(
      ['From: MAILER-DAEMON@mx.example.net (Mail Delivery System)', 'Subject: Undelivered Mail Returned to Sender'],
      ['This is the mail system at host mx.example.net.', '', `<dan@mx.example.net>: ${words}`],
      ['Final-Recipient: rfc822; dan@mx.example.net', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: x-unix; ${words}`],
    );
  const sendmail = (line: string, status: string, exit: number): Buffer =>
    report(
      ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', 'Subject: Returned mail: see transcript for details'],
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '"|/usr/bin/deliver"',
        '    (expanded from: <eve@example.net>)',
        '',
        '   ----- Transcript of session follows -----',
        `${line.slice(0, 10)}"|/usr/bin/deliver"... ${line.slice(10)}`,
      ],
      [
        'Original-Recipient: rfc822;eve@example.net',
        'Final-Recipient: RFC822; eve@example.net',
        'X-Actual-Recipient: X-Unix; |/usr/bin/deliver',
        'Action: failed',
        `Status: ${status}`,
        `Diagnostic-Code: X-Unix; ${exit}`,
      ],
    );
  const exim = (exit: number, meaning: string): Buffer =>
    ndr({
      from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      subject: 'Mail delivery failed: returning message to sender',
      headers: ['X-Failed-Recipients: kit@example.net'],
      body: [
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  pipe to |/usr/bin/deliver',
        '    generated by kit@example.net',
        `    Child process of address_pipe transport returned ${exit} (could mean ${meaning}) from command:`,
        '    /usr/bin/deliver',
        '',
      ].join('\n'),
    });

  it("EX_NOUSER (67): a dead address in each MTA's words, with the number or without", () => {
    expect(reasonOf(postfix('5.1.1', 'user unknown'))).toBe('userunknown');
    expect(reasonOf(postfix('5.3.0', 'Command died with status 67: "/usr/bin/deliver"'))).toBe('userunknown');
    expect(reasonOf(sendmail('550 5.1.1 User unknown', '5.1.1', 67))).toBe('userunknown');
    expect(reasonOf(sendmail('554 5.3.0 unknown mailer error 67', '5.3.0', 67))).toBe('userunknown');
    expect(reasonOf(exim(67, 'unknown user'))).toBe('userunknown');
  });

  it('EX_NOHOST (68): the host is unknown', () => {
    expect(reasonOf(postfix('5.1.2', 'host name unknown'))).toBe('hostunknown');
    expect(reasonOf(postfix('5.3.0', 'Command died with status 68: "/usr/bin/deliver"'))).toBe('hostunknown');
    expect(reasonOf(sendmail('550 5.1.2 Host unknown', '5.1.2', 68))).toBe('hostunknown');
    expect(reasonOf(exim(68, 'unknown host'))).toBe('hostunknown');
  });

  it("any other class is the program's failure, its system words (I/O, configuration, output file) included", () => {
    expect(reasonOf(postfix('5.3.0', 'input/output error'))).toBe('mailererror');
    expect(reasonOf(postfix('5.3.5', 'local configuration error'))).toBe('mailererror');
    expect(reasonOf(postfix('5.2.0', "can't create user output file"))).toBe('mailererror');
    expect(reasonOf(postfix('5.3.0', 'Command died with status 69: "/usr/bin/deliver"'))).toBe('mailererror');
    expect(reasonOf(sendmail('554 5.3.5 System file missing', '5.3.5', 72))).toBe('mailererror');
    expect(reasonOf(sendmail('554 5.3.5 Local configuration error', '5.3.5', 78))).toBe('mailererror');
    expect(reasonOf(sendmail('554 5.0.0 Service unavailable', '5.0.0', 69))).toBe('mailererror');
    expect(reasonOf(exim(74, 'input/output error'))).toBe('mailererror');
  });
});

describe('a flat notice in a transfer encoding', () => {
  it("Exim: a local scan's refusal sent in base64 still finds the returned message's recipient", () => {
    const notice = [
      'A message that you sent was rejected by the local scanning code that',
      'checks incoming messages on this system. The following error was given:',
      '',
      '  Message content refused: it contains a forbidden attachment type (.exe)',
      '',
      '------ This is a copy of your message, including all the headers. ------',
      '',
      'Received: from ann by mx.example.net with local (Exim 4.97)',
      '\t(envelope-from <ann@example.net>)',
      '\tid 1abcde-000001-AB',
      '\tfor lou@example.org;',
      '\tMon, 02 Mar 2026 09:59:00 +0000',
      'From: Ann <ann@example.net>',
      'To: Lou <lou@example.org>',
      'Subject: the installer',
      '',
      'Here it is.',
      '',
    ].join('\n');
    const mail = (cte: string, text: string): Buffer =>
      Buffer.from(
        [
          'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
          'To: ann@example.net',
          'Subject: Mail failure - rejected by local scanning code',
          'Date: Mon, 02 Mar 2026 10:00:00 +0000',
          'Message-Id: <E1abcdf-000002-CD@mx.example.net>',
          'Auto-Submitted: auto-replied',
          ...(cte ? ['MIME-Version: 1.0', `Content-Transfer-Encoding: ${cte}`] : []),
          '',
          text,
        ].join('\n'),
        'latin1',
      );
    const plain = mail('', notice);
    const b64 = mail(
      'base64',
      (
        Buffer.from(notice)
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\n'),
    );
    expect(rows(plain)).toEqual([['lou@example.org', 'policyviolation']]);
    expect(rows(b64)).toEqual(rows(plain));
  });
});
