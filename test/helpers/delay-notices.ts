// Whole delay warnings and final "gave up" notices, as each MTA's templates write them, with the
// action and reason each recipient should read as (docs/reasons.md: a delay or a final failure whose
// only cause is time running out or a failing connection is `expired`; a named cause stays).
import { ndr, report, RETURNED } from './ndr.js';

export type Want = readonly [address: string, action: 'failed' | 'delayed', reason: string];

export interface Notice {
  mta: string;
  name: string;
  raw: Buffer;
  want: readonly Want[];
  /** A miss kept on purpose: why, and what the parser reads instead. */
  kept?: { why: string; reads: readonly Want[] };
}

/** A delayed recipient whose cause is a precise network status or a connection's own words. */
const KEPT_DELAY_NETWORK =
  'a delayed recipient with a precise network status (4.4.x) or connection words reads networkerror, as the corpus and the real-MTA fixtures pin it; same type and code as expired, and a delay changes no address';

const RET = RETURNED.split('\n');

/** A multipart/report (ndr.ts `report`) with the MTA's own Reporting-MTA and the returned message's headers only. */
function dsnMail(headers: string[], text: string, reporting: string, fields: string[], returned = true): Buffer {
  return report(headers, text.split('\n'), fields, returned ? RET.slice(0, 4) : undefined, {
    reporting,
    returnedType: 'text/rfc822-headers',
  });
}

const PF_DELAY_BANNER = [
  '####################################################################',
  '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #',
  '####################################################################',
].join('\n');

/** Postfix's bounce(5) templates: delay_template (warning) or failure_template, with its DSN part. */
function postfix(kind: 'delay' | 'fail', host: string, address: string, why: string, status: string, diag: string, remote = ''): Buffer {
  const text =
    kind === 'delay'
      ? `This is the mail system at host ${host}.\n\n${PF_DELAY_BANNER}\n\nYour message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\nFor further assistance, please send mail to postmaster.\n\nIf you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n                   The mail system\n\n<${address}>: ${why}`
      : `This is the mail system at host ${host}.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\nIf you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n                   The mail system\n\n<${address}>: ${why}`;
  return dsnMail(
    [
      `From: MAILER-DAEMON@${host} (Mail Delivery System)`,
      `Subject: ${kind === 'delay' ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender'}`,
      'Auto-Submitted: auto-replied',
    ],
    text,
    host,
    [
      'X-Postfix-Queue-ID: 4F1A2B3C4D',
      'X-Postfix-Sender: rfc822; sender@example.org',
      'Arrival-Date: Mon,  2 Mar 2026 06:00:00 +0000 (UTC)',
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Original-Recipient: rfc822;${address}`,
      `Action: ${kind === 'delay' ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      ...(remote ? [`Remote-MTA: dns; ${remote}`] : []),
      `Diagnostic-Code: ${diag}`,
      ...(kind === 'delay' ? ['Will-Retry-Until: Sat, 7 Mar 2026 06:00:00 +0000 (UTC)'] : []),
    ],
  );
}

const EXIM_WARN_TAIL =
  'No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\nremains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.';

/** Exim's built-in warning (no DSN part unless the sender asked for one). */
function eximWarning(address: string, why: string): Buffer {
  return ndr({
    from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
    subject: 'Warning: message 1jAbCd-0001Xy-9Z delayed 24 hours',
    headers: ['Auto-Submitted: auto-replied', 'X-Failed-Recipients: ' + address],
    body: `This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on mx.example.net.\n\nThe message identifier is:     1jAbCd-0001Xy-9Z\nThe subject of the message is: hello\nThe date of the message is:    Mon, 02 Mar 2026 10:00:00 +0000\n\nThe address to which the message has not yet been delivered is:\n\n  ${address}${why ? `\n    ${why}` : ''}\n\n${EXIM_WARN_TAIL}\n`,
  });
}

const EXIM_FAIL_HEAD =
  'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:';

/** Exim's bounce: plain (older Exim) or with its DSN part (4.86 and later). */
function eximFailure(address: string, why: string, dsn?: { status: string; diag?: string; remote?: string }): Buffer {
  const headers = [
    'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
    'Subject: Mail delivery failed: returning message to sender',
    'Auto-Submitted: auto-replied',
    `X-Failed-Recipients: ${address}`,
  ];
  const text = `${EXIM_FAIL_HEAD}\n\n  ${address}\n    ${why}`;
  if (!dsn)
    return ndr({
      from: headers[0]!.slice(6),
      subject: headers[1]!.slice(9),
      headers: headers.slice(2),
      body: `${text}\n\n------ This is a copy of the message, including all the headers. ------\n\n${RETURNED}\n`,
    });
  return dsnMail(headers, text, 'mx.example.net', [
    'Action: failed',
    `Final-Recipient: rfc822;${address}`,
    `Status: ${dsn.status}`,
    ...(dsn.remote ? [`Remote-MTA: dns; ${dsn.remote}`] : []),
    ...(dsn.diag ? [`X-Exim-Diagnostic: X-str; ${dsn.diag}`] : []),
  ]);
}

const SM_WARN = [
  '    **********************************************',
  '    **      THIS IS A WARNING MESSAGE ONLY      **',
  '    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **',
  '    **********************************************',
].join('\n');

/** Sendmail's warning after Timeout.queuewarn, with its DSN part. */
function sendmailWarning(address: string, transcript: string, status: string, diag = '', remote = 'mx.example.com'): Buffer {
  const text = `${SM_WARN}\n\nThe original message was received at Mon, 2 Mar 2026 06:00:00 +0000\nfrom host.example.org [198.51.100.7]\n\n   ----- Transcript of session follows -----\n${transcript}\nWarning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old`;
  return dsnMail(
    [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
      'Subject: Warning: could not send message for past 4 hours',
      'Auto-Submitted: auto-generated (warning-timeout)',
    ],
    text,
    'mx.example.net',
    [
      'Arrival-Date: Mon, 2 Mar 2026 06:00:00 +0000',
      '',
      `Final-Recipient: RFC822; ${address}`,
      'Action: delayed',
      `Status: ${status}`,
      `Remote-MTA: DNS; ${remote}`,
      ...(diag ? [`Diagnostic-Code: SMTP; ${diag}`] : []),
      'Last-Attempt-Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'Will-Retry-Until: Sat, 7 Mar 2026 06:00:00 +0000',
    ],
  );
}

/** Sendmail's bounce after Timeout.queuereturn, with its DSN part. */
function sendmailReturn(
  address: string,
  reason: string,
  transcript: string,
  status: string,
  diag = '',
  subject = 'Returned mail: see transcript for details',
): Buffer {
  const text = `The original message was received at Mon, 2 Mar 2026 06:00:00 +0000\nfrom host.example.org [198.51.100.7]\n\n   ----- The following addresses had permanent fatal errors -----\n<${address}>\n${reason ? `    (reason: ${reason})\n` : ''}\n   ----- Transcript of session follows -----\n${transcript}\nMessage could not be delivered for 5 days\nMessage will be deleted from queue`;
  return dsnMail(
    ['From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', `Subject: ${subject}`, 'Auto-Submitted: auto-generated (failure)'],
    text,
    'mx.example.net',
    [
      'Arrival-Date: Mon, 2 Mar 2026 06:00:00 +0000',
      '',
      `Final-Recipient: RFC822; ${address}`,
      'Action: failed',
      `Status: ${status}`,
      'Remote-MTA: DNS; mx.example.com',
      ...(diag ? [`Diagnostic-Code: SMTP; ${diag}`] : []),
      'Last-Attempt-Date: Sat, 7 Mar 2026 06:00:00 +0000',
    ],
  );
}

/** qmail-send's bounce once queuelifetime ran out: the last deferral, then its closing sentence. */
function qmail(address: string, last: string): Buffer {
  return ndr({
    from: 'MAILER-DAEMON@mx.example.net',
    subject: 'failure notice',
    body: `Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<${address}>:\n${last}\nI'm not going to try again; this message has been in the queue too long.\n\n--- Below this line is a copy of the message.\n\n${RETURNED}\n`,
  });
}

/** Exchange 2010-2019 / Exchange Online: the readable notice and its DSN part. */
function exchange(
  kind: 'delay' | 'fail',
  address: string,
  said: string,
  status: string,
  diag: string,
  server = 'EX01.corp.example.net',
): Buffer {
  const text =
    kind === 'delay'
      ? `Delivery is delayed to these recipients or groups:\n\n${address}\n\nSubject: hello\n\nThis message hasn't been delivered yet. Delivery will continue to be attempted.\n\nThe server will keep trying to deliver this message for the next 1 days, 19 hours and 52 minutes. You'll be notified if the message can't be delivered by that time.\n\n\n\n\n\n\nDiagnostic information for administrators:\n\nGenerating server: ${server}\nReceiving server: mx.example.com (192.0.2.10)\n\n${address}\n${said}\n\nOriginal message headers:\n\nFrom: sender@example.org\nTo: ${address}\nSubject: hello`
      : `Delivery has failed to these recipients or groups:\n\n${address}\nThe message couldn't be delivered before the time limit expired. Please try to send the message again.\n\n\n\n\n\n\nDiagnostic information for administrators:\n\nGenerating server: ${server}\n\n${address}\n${said}\n\nOriginal message headers:\n\nFrom: sender@example.org\nTo: ${address}\nSubject: hello`;
  return dsnMail(
    [
      `From: Microsoft Outlook <postmaster@${server.replace(/^[^.]+\./, '')}>`,
      `Subject: ${kind === 'delay' ? 'Delivery delayed:hello' : 'Undeliverable: hello'}`,
      'Auto-Submitted: auto-replied',
      'X-MS-Exchange-Message-Is-Ndr:',
      'Content-Language: en-US',
    ],
    text,
    server,
    [
      `Received-From-MTA: dns;${server}`,
      'Arrival-Date: Mon, 2 Mar 2026 06:00:00 +0000',
      '',
      `Final-Recipient: rfc822;${address}`,
      `Action: ${kind === 'delay' ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      `Diagnostic-Code: smtp;${diag}`,
      'Remote-MTA: dns;mx.example.com',
      ...(kind === 'delay' ? ['Will-Retry-Until: Wed, 4 Mar 2026 06:00:00 +0000'] : []),
    ],
  );
}

/** Exchange 2000/2003 and the Windows SMTP service: "Delivery Status Notification (Delay|Failure)". */
function windowsSmtp(kind: 'delay' | 'fail', address: string, status: string, diag = ''): Buffer {
  const text =
    kind === 'delay'
      ? `This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipients has been delayed.\n\n       ${address}`
      : `This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       ${address}`;
  return dsnMail(
    ['From: postmaster@mail.example.net', `Subject: Delivery Status Notification (${kind === 'delay' ? 'Delay' : 'Failure'})`],
    text,
    'mail.example.net',
    [
      'Received-From-MTA: dns;host.example.org',
      'Arrival-Date: Mon, 2 Mar 2026 06:00:00 +0000',
      '',
      `Final-Recipient: rfc822;${address}`,
      `Action: ${kind === 'delay' ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      ...(diag ? [`Diagnostic-Code: smtp;${diag}`] : []),
      ...(kind === 'delay' ? ['Will-Retry-Until: Thu, 5 Mar 2026 06:00:00 +0000'] : []),
    ],
  );
}

/** Gmail's notice since 2015 (banner, sentence, the remote's answer), with Google's DSN part. */
function gmail(kind: 'delay' | 'fail', address: string, sentence: string, response: string, status: string, diag: string): Buffer {
  const banner = kind === 'delay' ? '** Delivery incomplete **' : '** Message not delivered **';
  const text = `\n${banner}\n\n${sentence}\n\n${response ? `The response from the remote server was:\n${response}\n` : ''}`;
  return dsnMail(
    [
      'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      `Subject: ${kind === 'delay' ? 'Delivery Status Notification (Delay)' : 'Delivery Status Notification (Failure)'}`,
      'Auto-Submitted: auto-replied',
      'X-Failed-Recipients: ' + address,
    ],
    text,
    'mx.google.com',
    [
      'Received-From-MTA: dns; sender@example.org',
      'Arrival-Date: Mon, 02 Mar 2026 06:00:00 -0800 (PST)',
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Action: ${kind === 'delay' ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      'Remote-MTA: dns; mx.example.com. (192.0.2.10, the server for the domain example.com.)',
      `Diagnostic-Code: smtp; ${diag}`,
      'Last-Attempt-Date: Mon, 02 Mar 2026 10:00:00 -0800 (PST)',
      ...(kind === 'delay' ? ['Will-Retry-Until: Thu, 05 Mar 2026 06:00:00 -0800 (PST)'] : []),
    ],
  );
}

/** OpenSMTPD's bounce.c notice (no DSN part). */
function opensmtpd(kind: 'delay' | 'fail', address: string, why: string): Buffer {
  const lead =
    kind === 'delay'
      ? 'A message is delayed for more than 4 hours for the following\nlist of recipients:'
      : 'An error has occurred while attempting to deliver a message for\nthe following list of recipients:';
  const tail =
    kind === 'delay'
      ? 'Please note that this is only a temporary failure report.\nThe message is kept in the queue for up to 4 days.\nYou DO NOT NEED to re-send the message to these recipients.\n\n'
      : '';
  return ndr({
    from: 'Mailer Daemon <MAILER-DAEMON@mx.example.net>',
    subject: kind === 'delay' ? 'Delivery status notification: delayed' : 'Delivery status notification: error',
    body: `Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n${lead}\n\n${address}: ${why}\n\n${tail}Below is a copy of the original message:\n\n${RETURNED}\n`,
  });
}

/** Courier's module.dsn notice, with its DSN part. */
function courier(kind: 'delay' | 'fail', address: string, session: string, status: string, diag: string): Buffer {
  const banner = kind === 'delay' ? 'DELAYS IN DELIVERING YOUR MESSAGE' : 'UNDELIVERABLE MAIL';
  const lead =
    kind === 'delay'
      ? 'This is a delivery status notification from mx.example.net,\nrunning the Courier mail server, version 1.1.8.\n\nThe original message was received on Mon, 02 Mar 2026 06:00:00 +0000\nfrom host.example.org (host.example.org [198.51.100.7])\n\n                        ---------------------------------\n\n                        ' +
        banner +
        '\n\n                        ---------------------------------\n\nYour message to the following recipients has been delayed. Delivery\nattempts will continue to be made for a limited time.'
      : 'This is a delivery status notification from mx.example.net,\nrunning the Courier mail server, version 1.1.8.\n\nThe original message was received on Mon, 02 Mar 2026 06:00:00 +0000\nfrom host.example.org (host.example.org [198.51.100.7])\n\n                        ---------------------------------\n\n                        ' +
        banner +
        '\n\n                        ---------------------------------\n\nYour message to the following recipients cannot be delivered:';
  return dsnMail(
    ['From: Courier mail server at mx.example.net <@>', `Subject: ${kind === 'delay' ? 'DELAYED MAIL' : 'NOTICE: mail delivery status.'}`],
    `${lead}\n\n<${address}>:\n    mx.example.com [192.0.2.10]:\n${session}`,
    'mx.example.net',
    [
      'Arrival-Date: Mon, 02 Mar 2026 06:00:00 +0000',
      '',
      `Final-Recipient: rfc822; ${address}`,
      `Action: ${kind === 'delay' ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      'Remote-MTA: dns; mx.example.com',
      `Diagnostic-Code: smtp; ${diag}`,
    ],
  );
}

export const NOTICES: readonly Notice[] = [
  // ---- Postfix: delay_notice_recipient warnings and bounces after maximal_queue_lifetime
  {
    mta: 'postfix',
    name: 'delay: connection timed out',
    raw: postfix(
      'delay',
      'mx.example.net',
      'alice@example.com',
      'connect to mx.example.com[192.0.2.10]:25: Connection timed out',
      '4.4.1',
      'X-Postfix; connect to mx.example.com[192.0.2.10]:25: Connection timed out',
    ),
    want: [['alice@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['alice@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'postfix',
    name: 'delay: connection refused',
    raw: postfix(
      'delay',
      'mx.example.net',
      'amy@example.com',
      'connect to mx.example.com[192.0.2.10]:25: Connection refused',
      '4.4.1',
      'X-Postfix; connect to mx.example.com[192.0.2.10]:25: Connection refused',
    ),
    want: [['amy@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['amy@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'postfix',
    name: 'delay: greeting timed out',
    raw: postfix(
      'delay',
      'mx.example.net',
      'ann@example.com',
      'conversation with mx.example.com[192.0.2.10] timed out while receiving the initial server greeting',
      '4.4.2',
      'X-Postfix; conversation with mx.example.com[192.0.2.10] timed out while receiving the initial server greeting',
      'mx.example.com',
    ),
    want: [['ann@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['ann@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'postfix',
    name: 'delay: mailbox full at RCPT',
    raw: postfix(
      'delay',
      'mx.example.net',
      'bob@example.com',
      'host mx.example.com[192.0.2.10] said: 452 4.2.2 <bob@example.com>: Recipient address rejected: Mailbox full (in reply to RCPT TO command)',
      '4.2.2',
      'smtp; 452 4.2.2 <bob@example.com>: Recipient address rejected: Mailbox full',
      'mx.example.com',
    ),
    want: [['bob@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'postfix',
    name: 'delay: sending IP blocked (421 at greeting)',
    raw: postfix(
      'delay',
      'mx.example.net',
      'ben@example.com',
      'host mx.example.com[192.0.2.10] refused to talk to me: 421 4.7.0 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org',
      '4.7.0',
      'smtp; 421 4.7.0 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org',
      'mx.example.com',
    ),
    want: [['ben@example.com', 'delayed', 'blocked']],
  },
  {
    mta: 'postfix',
    name: 'delay: temporary user lookup failure',
    raw: postfix(
      'delay',
      'mx.example.net',
      'bea@example.com',
      'host mx.example.com[192.0.2.10] said: 450 4.1.1 <bea@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
      '4.1.1',
      'smtp; 450 4.1.1 <bea@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
      'mx.example.com',
    ),
    want: [['bea@example.com', 'delayed', 'userunknown']],
  },
  {
    mta: 'postfix',
    name: 'delay: rate limited by the remote',
    raw: postfix(
      'delay',
      'mx.example.net',
      'bill@example.com',
      'host mx.example.com[192.0.2.10] said: 421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. (in reply to end of DATA command)',
      '4.7.28',
      'smtp; 421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
      'mx.example.com',
    ),
    want: [['bill@example.com', 'delayed', 'speeding']],
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: connection refused',
    raw: postfix(
      'fail',
      'mx.example.net',
      'carl@example.com',
      'delivery temporarily suspended: connect to mx.example.com[192.0.2.10]:25: Connection refused',
      '4.4.1',
      'X-Postfix; delivery temporarily suspended: connect to mx.example.com[192.0.2.10]:25: Connection refused',
    ),
    want: [['carl@example.com', 'failed', 'expired']],
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: no route to host',
    raw: postfix(
      'fail',
      'mx.example.net',
      'cleo@example.com',
      'connect to mx.example.com[192.0.2.10]:25: No route to host',
      '4.4.1',
      'X-Postfix; connect to mx.example.com[192.0.2.10]:25: No route to host',
    ),
    want: [['cleo@example.com', 'failed', 'expired']],
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: lost connection',
    raw: postfix(
      'fail',
      'mx.example.net',
      'cora@example.com',
      'lost connection with mx.example.com[192.0.2.10] while sending RCPT TO',
      '4.4.2',
      'X-Postfix; lost connection with mx.example.com[192.0.2.10] while sending RCPT TO',
      'mx.example.com',
    ),
    want: [['cora@example.com', 'failed', 'expired']],
    kept: {
      why: 'Postfix\'s "lost connection with X while sending RCPT TO" after the queue lifetime reads networkerror: the corpus pins it (a Postfix bounce of the same shape)',
      reads: [['cora@example.com', 'failed', 'networkerror']],
    },
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: mailbox full',
    raw: postfix(
      'fail',
      'mx.example.net',
      'cass@example.com',
      'host mx.example.com[192.0.2.10] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)',
      '4.2.2',
      'smtp; 452 4.2.2 Mailbox full',
      'mx.example.com',
    ),
    want: [['cass@example.com', 'failed', 'mailboxfull']],
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: greylisted to the end',
    raw: postfix(
      'fail',
      'mx.example.net',
      'chad@example.com',
      'host mx.example.com[192.0.2.10] said: 451 4.7.1 <chad@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html (in reply to RCPT TO command)',
      '4.7.1',
      'smtp; 451 4.7.1 <chad@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html',
      'mx.example.com',
    ),
    want: [['chad@example.com', 'failed', 'expired']],
  },
  {
    mta: 'postfix',
    name: 'delay: the resolver failed for now (TRY_AGAIN)',
    raw: postfix(
      'delay',
      'mx.example.net',
      'cody@example.com',
      'Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again',
      '4.4.3',
      'X-Postfix; Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again',
    ),
    want: [['cody@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['cody@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'postfix',
    name: 'bounce after queue lifetime: the resolver failed for now (TRY_AGAIN)',
    raw: postfix(
      'fail',
      'mx.example.net',
      'cyd@example.com',
      'Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again',
      '4.4.3',
      'X-Postfix; Host or domain name not found. Name service error for name=example.com type=MX: Host not found, try again',
    ),
    want: [['cyd@example.com', 'failed', 'expired']],
    kept: {
      why: 'a DNS failure for now is networkerror, never a dead domain; the corpus (a Postfix bounce of the same shape) pins networkerror over expired',
      reads: [['cyd@example.com', 'failed', 'networkerror']],
    },
  },
  // ---- Zimbra (its MTA is Postfix; the notice is Postfix's, with Zimbra's host)
  {
    mta: 'zimbra',
    name: 'delay: connection timed out',
    raw: postfix(
      'delay',
      'zimbra.example.net',
      'dana@example.com',
      'connect to mx.example.com[192.0.2.10]:25: Connection timed out',
      '4.4.1',
      'X-Postfix; connect to mx.example.com[192.0.2.10]:25: Connection timed out',
    ),
    want: [['dana@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['dana@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'zimbra',
    name: 'bounce after queue lifetime: over quota (LMTP)',
    raw: postfix(
      'fail',
      'zimbra.example.net',
      'dora@example.net',
      'host zimbra.example.net[10.0.0.5] said: 452 4.2.2 Over quota (in reply to end of DATA command)',
      '4.2.2',
      'smtp; 452 4.2.2 Over quota',
      'zimbra.example.net',
    ),
    want: [['dora@example.net', 'failed', 'mailboxfull']],
  },
  // ---- Exim: warnings, "retry timeout exceeded", "all hosts have been failing for a long time"
  {
    mta: 'exim',
    name: 'warning: connection timed out',
    raw: eximWarning('eve@example.com', 'host mx.example.com [192.0.2.10]'),
    want: [['eve@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'warning: connection refused (no reason written)',
    raw: eximWarning('edna@example.com', ''),
    want: [['edna@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'warning: mailbox full',
    raw: eximWarning(
      'ella@example.com',
      'host mx.example.com [192.0.2.10]\n    Delay reason: SMTP error from remote mail server after RCPT TO:<ella@example.com>:\n    452 4.2.2 The email account that you tried to reach is over quota',
    ),
    want: [['ella@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'exim',
    name: 'warning: greylisting',
    raw: eximWarning(
      'emil@example.com',
      'host mx.example.com [192.0.2.10]\n    Delay reason: SMTP error from remote mail server after RCPT TO:<emil@example.com>:\n    451 4.7.1 Greylisting in action, please come back later',
    ),
    want: [['emil@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'failure: retry timeout exceeded',
    raw: eximFailure('fay@example.com', 'retry timeout exceeded'),
    want: [['fay@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'failure: all hosts failing for a long time',
    raw: eximFailure('finn@example.com', "all hosts for 'example.com' have been failing for a long time (and retry time not reached)"),
    want: [['finn@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'failure: connection timed out, retry timeout exceeded (DSN)',
    raw: eximFailure('fred@example.com', 'host mx.example.com [192.0.2.10]: Connection timed out: retry timeout exceeded', {
      status: '5.0.0',
      remote: 'mx.example.com',
      diag: 'host mx.example.com [192.0.2.10]: Connection timed out',
    }),
    want: [['fred@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exim',
    name: 'failure: mailbox full until the retry timeout (DSN)',
    raw: eximFailure(
      'flo@example.com',
      'SMTP error from remote mail server after RCPT TO:<flo@example.com>:\n    452 4.2.2 Mailbox full: retry timeout exceeded',
      {
        status: '5.0.0',
        remote: 'mx.example.com',
      },
    ),
    want: [['flo@example.com', 'failed', 'mailboxfull']],
  },
  {
    mta: 'exim',
    name: 'failure: all hosts failing (DSN)',
    raw: eximFailure('fern@example.com', "all hosts for 'example.com' have been failing for a long time (and retry time not reached)", {
      status: '5.0.0',
    }),
    want: [['fern@example.com', 'failed', 'expired']],
  },
  // ---- Sendmail: Timeout.queuewarn and Timeout.queuereturn
  {
    mta: 'sendmail',
    name: 'warning: connection timed out',
    raw: sendmailWarning('gail@example.com', '<gail@example.com>... Deferred: Connection timed out with mx.example.com.', '4.4.1'),
    want: [['gail@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['gail@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'sendmail',
    name: 'warning: connection refused',
    raw: sendmailWarning('gene@example.com', '<gene@example.com>... Deferred: Connection refused by mx.example.com.', '4.0.0'),
    want: [['gene@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['gene@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'sendmail',
    name: 'warning: mailbox full',
    raw: sendmailWarning(
      'gwen@example.com',
      '... while talking to mx.example.com.:\n>>> RCPT To:<gwen@example.com>\n<<< 452 4.2.2 Mailbox full\n<gwen@example.com>... Deferred: 452 4.2.2 Mailbox full',
      '4.2.2',
      '452 4.2.2 Mailbox full',
    ),
    want: [['gwen@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'sendmail',
    name: 'warning: no reverse DNS',
    raw: sendmailWarning(
      'gus@example.com',
      '... while talking to mx.example.com.:\n>>> MAIL From:<sender@example.org> SIZE=512\n<<< 450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]\n<gus@example.com>... Deferred: 450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]',
      '4.7.1',
      '450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]',
    ),
    want: [['gus@example.com', 'delayed', 'requireptr']],
  },
  {
    mta: 'sendmail',
    name: 'return: connection timed out for 5 days',
    raw: sendmailReturn(
      'hank@example.com',
      '',
      '<hank@example.com>... Deferred: Connection timed out with mx.example.com.',
      '4.4.7',
      '',
      'Returned mail: Cannot send message for 5 days',
    ),
    want: [['hank@example.com', 'failed', 'expired']],
  },
  {
    mta: 'sendmail',
    name: 'return: mailbox full for 5 days',
    raw: sendmailReturn(
      'hope@example.com',
      '452 4.2.2 Mailbox full',
      '... while talking to mx.example.com.:\n>>> RCPT To:<hope@example.com>\n<<< 452 4.2.2 Mailbox full\n<hope@example.com>... Deferred: 452 4.2.2 Mailbox full',
      '4.2.2',
      '452 4.2.2 Mailbox full',
    ),
    want: [['hope@example.com', 'failed', 'mailboxfull']],
  },
  {
    mta: 'sendmail',
    name: 'return: host name lookup failure for 5 days',
    raw: sendmailReturn(
      'hugo@example.com',
      '',
      '<hugo@example.com>... Deferred: Connection refused by mx.example.com.',
      '4.4.7',
      '',
      'Returned mail: Cannot send message for 5 days',
    ),
    want: [['hugo@example.com', 'failed', 'expired']],
  },
  // ---- qmail-send: queuelifetime ran out
  {
    mta: 'qmail',
    name: 'no SMTP connection',
    raw: qmail('ida@example.com', "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)"),
    want: [['ida@example.com', 'failed', 'expired']],
    kept: {
      why: 'qmail-remote\'s "wasn\'t able to establish an SMTP connection" stays its own network verdict, as the corpus pins it (docs/parser-generalisation.md, x4)',
      reads: [['ida@example.com', 'failed', 'networkerror']],
    },
  },
  {
    mta: 'qmail',
    name: 'connection died',
    raw: qmail('ike@example.com', 'Connected to 192.0.2.10 but connection died. (#4.4.2)'),
    want: [['ike@example.com', 'failed', 'expired']],
  },
  {
    mta: 'qmail',
    name: 'mailbox full at RCPT',
    raw: qmail(
      'ilse@example.com',
      '192.0.2.10 does not like recipient.\nRemote host said: 452 4.2.2 Mailbox full\nGiving up on 192.0.2.10.',
    ),
    want: [['ilse@example.com', 'failed', 'mailboxfull']],
  },
  {
    mta: 'qmail',
    name: 'greylisted at RCPT',
    raw: qmail(
      'iris@example.com',
      '192.0.2.10 does not like recipient.\nRemote host said: 450 4.7.1 <iris@example.com>: Recipient address rejected: Greylisted for 5 minutes\nGiving up on 192.0.2.10.',
    ),
    want: [['iris@example.com', 'failed', 'expired']],
  },
  // ---- Exchange 2010-2019, Exchange Online
  {
    mta: 'exchange',
    name: 'delay: failed to connect (Winsock 10060)',
    raw: exchange(
      'delay',
      'jack@example.com',
      "Remote Server at mx.example.com (192.0.2.10) returned '400 4.4.7 Message delayed'\n3/2/2026 10:00:00 AM - Remote Server at mx.example.com (192.0.2.10) returned '441 4.4.1 Error encountered while communicating with primary target IP address: \"Failed to connect. Winsock error code: 10060, Win32 error code: 10060.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was 192.0.2.10:25'",
      '4.4.7',
      '400 4.4.7 Message delayed',
    ),
    want: [['jack@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exchange',
    name: 'delay: mailbox full',
    raw: exchange(
      'delay',
      'jane@example.com',
      "Remote Server at mx.example.com (192.0.2.10) returned '400 4.4.7 Message delayed'\n3/2/2026 10:00:00 AM - Remote Server at mx.example.com (192.0.2.10) returned '452 4.2.2 Mailbox full'",
      '4.4.7',
      '400 4.4.7 Message delayed',
    ),
    want: [['jane@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'exchange',
    name: 'failure: QUEUE.Expired',
    raw: exchange(
      'fail',
      'jill@example.com',
      "Remote Server at mx.example.com (192.0.2.10) returned '550 4.4.7 QUEUE.Expired; message expired'",
      '5.4.7',
      '550 4.4.7 QUEUE.Expired; message expired',
    ),
    want: [['jill@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exchange-online',
    name: 'failure: expired, last answer a timeout',
    raw: exchange(
      'fail',
      'joan@example.com',
      'Remote server returned \'550 4.4.7 QUEUE.Expired; message expired [Message=451 4.4.0 Primary target IP address responded with: "421 4.4.2 Connection timed out." Attempted failover to alternate host, but that did not succeed.] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]\'',
      '5.4.7',
      '550 4.4.7 QUEUE.Expired; message expired [Message=451 4.4.0 Primary target IP address responded with: "421 4.4.2 Connection timed out." Attempted failover to alternate host, but that did not succeed.] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]',
      'AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
    ),
    want: [['joan@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exchange-online',
    name: 'failure: expired, last answer over quota',
    raw: exchange(
      'fail',
      'jose@example.com',
      "Remote server returned '550 4.4.7 QUEUE.Expired; message expired [Message=452 4.2.2 The email account that you tried to reach is over quota.] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]'",
      '5.4.7',
      '550 4.4.7 QUEUE.Expired; message expired [Message=452 4.2.2 The email account that you tried to reach is over quota.] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]',
      'AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
    ),
    want: [['jose@example.com', 'failed', 'mailboxfull']],
  },
  {
    mta: 'exchange-online',
    name: 'delay: 4.4.7 with a refused connection',
    raw: exchange(
      'delay',
      'judy@example.com',
      "Remote server returned '400 4.4.7 Message delayed'\n3/2/2026 10:00:00 AM - Remote server returned '451 4.4.0 Primary target IP address responded with: \"421 4.4.0 Unable to connect.\" Attempted failover to alternate host, but that did not succeed.'",
      '4.4.7',
      '400 4.4.7 Message delayed',
      'AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
    ),
    want: [['judy@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exchange-2003',
    name: 'Delivery Status Notification (Delay)',
    raw: windowsSmtp('delay', 'kate@example.com', '4.4.7'),
    want: [['kate@example.com', 'delayed', 'expired']],
  },
  {
    mta: 'exchange-2003',
    name: 'Delivery Status Notification (Failure), 4.4.7',
    raw: windowsSmtp('fail', 'kurt@example.com', '4.4.7'),
    want: [['kurt@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exchange-online',
    name: 'failure: expired, last answer a missing PTR',
    raw: exchange(
      'fail',
      'joel@example.com',
      "Remote server returned '550 4.4.7 QUEUE.Expired; message expired [Message=450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.7]] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]'",
      '5.4.7',
      '550 4.4.7 QUEUE.Expired; message expired [Message=450 4.7.1 Client host rejected: cannot find your reverse hostname, [198.51.100.7]] [LastAttemptedServerName=mx.example.com] [LastAttemptedIP=192.0.2.10:25]',
      'AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
    ),
    want: [['joel@example.com', 'failed', 'requireptr']],
  },
  {
    mta: 'exchange-online',
    name: 'failure: expired, last answer a DNS failure',
    raw: exchange(
      'fail',
      'june@example.com',
      "Remote server returned '550 4.4.7 QUEUE.Expired; message expired [Message=451 4.4.0 DNS query failed. The error was: DNS query failed with error: ServerFailure] [LastAttemptedServerName=example.com] [LastAttemptedIP=0.0.0.0:25]'",
      '5.4.7',
      '550 4.4.7 QUEUE.Expired; message expired [Message=451 4.4.0 DNS query failed. The error was: DNS query failed with error: ServerFailure] [LastAttemptedServerName=example.com] [LastAttemptedIP=0.0.0.0:25]',
      'AM6PR01MB1234.eurprd01.prod.exchangelabs.com',
    ),
    want: [['june@example.com', 'failed', 'expired']],
  },
  {
    mta: 'exchange-2003',
    name: 'NDR "could not be reached", #4.4.7 time limit (no DSN)',
    raw: ndr({
      from: 'System Administrator <postmaster@mail.example.net>',
      subject: 'Undeliverable: hello',
      headers: ['X-MS-Embedded-Report:'],
      body: 'Your message did not reach some or all of the intended recipients.\n\n      Subject:\thello\n      Sent:\t3/2/2026 6:00 AM\n\nThe following recipient(s) could not be reached:\n\n      kim@example.com on 3/4/2026 6:00 AM\n            Could not deliver the message in the time limit specified.  Please retry or contact your administrator.\n            <mail.example.net #4.4.7>\n',
    }),
    want: [['kim@example.com', 'failed', 'expired']],
  },
  // ---- Gmail
  {
    mta: 'gmail',
    name: 'delay: did not accept our requests to connect',
    raw: gmail(
      'delay',
      'lena@example.com',
      "There was a temporary problem delivering your message to lena@example.com. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.",
      '',
      '4.4.1',
      'The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx.example.com. 192.0.2.10: timed out]',
    ),
    want: [['lena@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['lena@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'gmail',
    name: 'delay: mailbox full',
    raw: gmail(
      'delay',
      'leo@example.com',
      "There was a temporary problem delivering your message to leo@example.com. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.",
      '452 4.2.2 The email account that you tried to reach is over quota.',
      '4.2.2',
      '452 4.2.2 The email account that you tried to reach is over quota.',
    ),
    want: [['leo@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'gmail',
    name: 'failure: did not accept our requests to connect',
    raw: gmail(
      'fail',
      'lila@example.com',
      "Your message wasn't delivered to lila@example.com because the domain example.com couldn't be found. Check for typos or unnecessary spaces and try again.".replace(
        "because the domain example.com couldn't be found. Check for typos or unnecessary spaces and try again.",
        'because the remote server did not respond to our attempts to connect for several days.',
      ),
      '',
      '4.4.1',
      'The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx.example.com. 192.0.2.10: timed out]',
    ),
    want: [['lila@example.com', 'failed', 'expired']],
  },
  {
    mta: 'gmail',
    name: 'older delay: "has been delayed", message will be retried',
    raw: ndr({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Delay)',
      body: 'This is an automatically generated Delivery Status Notification\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipient has been delayed:\n\n     lou@example.com\n\nMessage will be retried for 2 more day(s)\n\nTechnical details of temporary failure:\nThe recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx.example.com. 192.0.2.10: timed out]\n',
    }),
    want: [['lou@example.com', 'delayed', 'expired']],
  },
  // ---- Outlook.com (Exchange Online's hosted consumer mail)
  {
    mta: 'outlook.com',
    name: 'delay: 4.4.7 with a DNS server failure',
    raw: exchange(
      'delay',
      'mia@example.com',
      "Remote server returned '400 4.4.7 Message delayed'\n3/2/2026 10:00:00 AM - Remote server returned '451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to SocketError.\" Attempted failover to alternate host, but that did not succeed.'",
      '4.4.7',
      '400 4.4.7 Message delayed',
      'DM6NAM12HT123.eop-nam12.prod.protection.outlook.com',
    ),
    want: [['mia@example.com', 'delayed', 'expired']],
  },
  // ---- Yahoo (its MTA writes a plain notice, no DSN part)
  {
    mta: 'yahoo',
    name: 'final: unable to connect for too long',
    raw: ndr({
      from: 'MAILER-DAEMON@yahoo.com',
      subject: 'Failure Notice',
      body:
        'Sorry, we were unable to deliver your message to the following address.\n\n<nina@example.com>:\nNo MX or A records for example.com\n\n--- Below this line is a copy of the message.\n\n' +
        RETURNED +
        '\n',
    }),
    want: [['nina@example.com', 'failed', 'hostunknown']],
  },
  // ---- Amazon SES (its bounce mail, with a DSN part)
  {
    mta: 'amazonses',
    name: 'Delivery expired',
    raw: dsnMail(
      ['From: MAILER-DAEMON@amazonses.com', 'Subject: Delivery Status Notification (Failure)', 'X-SES-Outgoing: 2026.03.02-54.240.0.1'],
      'An error occurred while trying to deliver the mail to the following recipients:\nomar@example.com',
      'a1-23.smtp-out.amazonses.com',
      [
        'Final-Recipient: rfc822; omar@example.com',
        'Action: failed',
        'Status: 4.4.7',
        "Diagnostic-Code: smtp; Delivery expired (message too old) 'Connection timed out'",
      ],
    ),
    want: [['omar@example.com', 'failed', 'expired']],
  },
  // ---- SendGrid ("Action: expired" once its retries ran out)
  {
    mta: 'sendgrid',
    name: 'expired after deferrals',
    raw: dsnMail(
      ['From: SendGrid <no-response@sendgrid.net>', 'Subject: Undelivered Mail Returned to Sender', 'X-SG-EID: abc'],
      "This is an automatically generated message from SendGrid.\n\nI'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.\n\nIf you require assistance with this, please contact SendGrid support.\n\naccount:<shaw@example.com> : Connection timed out in connect",
      'smtp.sendgrid.net',
      ['Final-Recipient: rfc822; shaw@example.com', 'Action: expired', 'Status: 4.4.2', 'Diagnostic-Code: smtp; Connection timed out'],
    ),
    want: [['shaw@example.com', 'failed', 'expired']],
  },
  {
    mta: 'sendgrid',
    name: 'expired, only the DSN part names the recipient',
    raw: dsnMail(
      ['From: SendGrid <no-response@sendgrid.net>', 'Subject: Undelivered Mail Returned to Sender'],
      "This is an automatically generated message from SendGrid.\n\nI'm sorry to have to tell you that your message was not able to be\ndelivered to one of its intended recipients.",
      'smtp.sendgrid.net',
      ['Final-Recipient: rfc822; shay@example.com', 'Action: expired', 'Status: 4.4.1', 'Diagnostic-Code: smtp; Connection timed out'],
    ),
    want: [['shay@example.com', 'failed', 'expired']],
  },
  // ---- Mailgun (its MTA's bounce)
  {
    mta: 'mailgun',
    name: 'too old after retries',
    raw: dsnMail(
      ['From: Mailgun <postmaster@mg.example.org>', 'Subject: Undelivered Mail Returned to Sender'],
      'Delivery to the following recipient failed permanently:\n\n    pia@example.com\n\nTechnical details of permanent failure:\nToo old',
      'mxa.mailgun.org',
      ['Final-Recipient: rfc822; pia@example.com', 'Action: failed', 'Status: 5.0.0', 'Diagnostic-Code: smtp; Too old'],
    ),
    want: [['pia@example.com', 'failed', 'expired']],
    kept: {
      why: 'Mailgun\'s "Too old" is too short a wording to read without a documented bounce of it: nothing sure, ignored',
      reads: [['pia@example.com', 'failed', 'undefined']],
    },
  },
  // ---- Haraka
  {
    mta: 'haraka',
    name: 'tried all MXs until the queue gave up',
    raw: ndr({
      from: 'MAILER-DAEMON@mx.example.net',
      subject: 'Mail delivery failed: returning message to sender',
      body:
        'Hi. This is the Haraka Mailer program at mx.example.net.\n\nWe were unable to deliver your message to the following addresses.\n\nFailure Reason: Too many failures (Tried all MXs)\n\nIntended Recipients: <quinn@example.com>\n\n--- Below this line is a copy of the message.\n\n' +
        RETURNED +
        '\n',
    }),
    want: [['quinn@example.com', 'failed', 'expired']],
  },
  // ---- OpenSMTPD
  {
    mta: 'opensmtpd',
    name: 'warning: network error',
    raw: opensmtpd('delay', 'rose@example.com', 'Network error on destination MXs'),
    want: [['rose@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['rose@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'opensmtpd',
    name: 'warning: mailbox full',
    raw: opensmtpd('delay', 'ruth@example.com', '452 4.2.2 Mailbox full'),
    want: [['ruth@example.com', 'delayed', 'mailboxfull']],
  },
  {
    mta: 'opensmtpd',
    name: 'error: envelope expired',
    raw: opensmtpd('fail', 'rex@example.com', 'Envelope expired'),
    want: [['rex@example.com', 'failed', 'expired']],
  },
  // ---- Courier
  {
    mta: 'courier',
    name: 'delayed: connection timed out',
    raw: courier('delay', 'sam@example.com', '<<< Connection timed out', '4.0.0', 'Connection timed out'),
    want: [['sam@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['sam@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'courier',
    name: 'delayed: mailbox full',
    raw: courier(
      'delay',
      'sue@example.com',
      '>>> RCPT TO:<sue@example.com>\n<<< 452 4.2.2 Mailbox full',
      '4.2.2',
      '452 4.2.2 Mailbox full',
    ),
    want: [['sue@example.com', 'delayed', 'mailboxfull']],
  },
  // ---- Lotus Domino
  {
    mta: 'domino',
    name: 'delivery time expired',
    raw: dsnMail(
      [
        'From: Mail Delivery System <postmaster@domino.example.net>',
        'Subject: DELIVERY FAILURE: Delivery time expired',
        'X-Mailer: Lotus Domino Release 9.0.1',
      ],
      'Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  tom@example.com\n\nbecause:\n\n  Delivery time expired',
      'domino.example.net',
      ['Final-Recipient: rfc822;tom@example.com', 'Action: failed', 'Status: 5.4.7'],
    ),
    want: [['tom@example.com', 'failed', 'expired']],
  },
  {
    mta: 'domino',
    name: 'unable to deliver, host not responding (no DSN)',
    raw: ndr({
      from: 'Mail Delivery System <postmaster@domino.example.net>',
      subject: 'DELIVERY FAILURE: Unable to transfer message; connection to remote host failed',
      headers: ['X-Mailer: Lotus Domino Release 8.5.3'],
      body: 'Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  tess@example.com\n\nbecause:\n\n  Unable to transfer message; connection to remote host failed\n',
    }),
    want: [['tess@example.com', 'failed', 'expired']],
    kept: {
      why: 'no documented Domino router sentence to model a rule on: nothing sure, ignored',
      reads: [['tess@example.com', 'failed', 'undefined']],
    },
  },
  // ---- GroupWise (GWIA)
  {
    mta: 'groupwise',
    name: 'undeliverable: host not responding',
    raw: ndr({
      from: 'Mail Delivery System <postmaster@gw.example.net>',
      subject: 'Message status - undeliverable',
      headers: ['X-Mailer: GroupWise Internet Agent 14.2.2'],
      body:
        'The message that you sent was undeliverable to the following:\n\tuma@example.com (host not responding)\n\nPossibly truncated original message follows:\n\n' +
        RETURNED +
        '\n',
    }),
    want: [['uma@example.com', 'failed', 'expired']],
    kept: {
      why: 'no documented GWIA verdict to model a rule on: nothing sure, ignored',
      reads: [['uma@example.com', 'failed', 'undefined']],
    },
  },
  // ---- MDaemon
  {
    mta: 'mdaemon',
    name: 'permanent after retries: connection timed out',
    raw: ndr({
      from: 'MDaemon@mail.example.net',
      subject: 'Permanent Delivery Failure',
      headers: ['X-MDaemon-Deliver-To: sender@example.org'],
      body: 'The attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery attempts the attached message has\nbeen removed from the mail queue on this server.  The number and frequency\nof delivery attempts are determined by local configuration parameters.\n\nYOUR MESSAGE WAS NOT DELIVERED TO ONE OR MORE RECIPIENTS!\n\n--- Session Transcript ---\n Mon 2026-03-02 10:00:00.000: Parsing message <mail.example.net\\pd50000001.msg>\n Mon 2026-03-02 10:00:00.001: *  From: sender@example.org\n Mon 2026-03-02 10:00:00.001: *  To: vic@example.com\n Mon 2026-03-02 10:00:00.002: Attempting SMTP connection to [mx.example.com : 25]\n Mon 2026-03-02 10:00:21.000: Connection failed: Connection timed out\n--- End Transcript ---\n',
    }),
    want: [['vic@example.com', 'failed', 'expired']],
  },
  {
    mta: 'mdaemon',
    name: 'warning: mailbox full, still retrying',
    raw: ndr({
      from: 'MDaemon@mail.example.net',
      subject: 'Warning: Temporary Delivery Failure',
      headers: ['X-MDaemon-Deliver-To: sender@example.org'],
      body: 'The attached message has encountered a temporary delivery problem.\nDelivery attempts will continue; this is only a warning.\n\n--- Session Transcript ---\n Mon 2026-03-02 10:00:00.002: Attempting SMTP connection to [mx.example.com : 25]\n Mon 2026-03-02 10:00:00.100: Connection established\n Mon 2026-03-02 10:00:00.200: --> MAIL From:<sender@example.org>\n Mon 2026-03-02 10:00:00.300: <-- 250 2.1.0 Ok\n Mon 2026-03-02 10:00:00.400: --> RCPT To:<vera@example.com>\n Mon 2026-03-02 10:00:00.500: <-- 452 4.2.2 Mailbox full\n--- End Transcript ---\n',
    }),
    want: [['vera@example.com', 'delayed', 'mailboxfull']],
  },
  // ---- Ipswitch IMail
  {
    mta: 'imail',
    name: 'delivery failed after attempts',
    raw: ndr({
      from: 'postmaster@mail.example.net',
      subject: 'Undeliverable Mail',
      headers: ['X-Mailer: <SMTP32 v8.22>'],
      body: 'Delivery failed 3 attempts: walt@example.com\n\nOriginal message follows.\n\n' + RETURNED + '\n',
    }),
    want: [['walt@example.com', 'failed', 'expired']],
  },
  // ---- Kerio Connect (a DSN part beside its text)
  {
    mta: 'kerio',
    name: 'delay warning',
    raw: dsnMail(
      [
        'From: "Kerio Connect" <postmaster@kerio.example.net>',
        'Subject: Delivery Status Notification (Delay)',
        'X-Mailer: Kerio Connect 10.0.2',
      ],
      'This is a delivery status notification. Do not reply to this message.\n\nYour message has not been delivered yet to:\n  xena@example.com\n\nDelivery will be retried.\n\nReason: Connection to mx.example.com [192.0.2.10] timed out',
      'kerio.example.net',
      ['Final-Recipient: rfc822;xena@example.com', 'Action: delayed', 'Status: 4.4.1', 'Diagnostic-Code: smtp; Connection timed out'],
    ),
    want: [['xena@example.com', 'delayed', 'expired']],
    kept: { why: KEPT_DELAY_NETWORK, reads: [['xena@example.com', 'delayed', 'networkerror']] },
  },
  {
    mta: 'kerio',
    name: 'failure after retries: mailbox full',
    raw: dsnMail(
      ['From: "Kerio Connect" <postmaster@kerio.example.net>', 'Subject: Undeliverable: hello', 'X-Mailer: Kerio Connect 10.0.2'],
      'This is a delivery status notification. Do not reply to this message.\n\nYour message could not be delivered to:\n  xavi@example.com\n\nReason: Remote SMTP server has rejected address: 452 4.2.2 Mailbox full',
      'kerio.example.net',
      [
        'Final-Recipient: rfc822;xavi@example.com',
        'Action: failed',
        'Status: 4.2.2',
        'Remote-MTA: dns;mx.example.com',
        'Diagnostic-Code: smtp; 452 4.2.2 Mailbox full',
      ],
    ),
    want: [['xavi@example.com', 'failed', 'mailboxfull']],
  },
  // ---- hMailServer (plain text, no DSN part)
  {
    mta: 'hmailserver',
    name: 'gave up after retries: connection failed',
    raw: ndr({
      from: 'mailer-daemon@hmail.example.net',
      subject: 'Message undeliverable: hello',
      body: 'Your message did not reach some or all of the intended recipients.\n\n   Sent: Mon, 02 Mar 2026 06:00:00 +0000\n   Subject: hello\n\nThe following recipient(s) could not be reached:\n\nyan@example.com\n   Error Type: SMTP\n   Remote server (192.0.2.10) issued an error.\n   hMailServer sent: Connect\n   Remote server replied: 421 4.4.2 Connection timed out\n\nhMailServer\n',
    }),
    want: [['yan@example.com', 'failed', 'expired']],
  },
  {
    mta: 'hmailserver',
    name: 'gave up after retries: mailbox full',
    raw: ndr({
      from: 'mailer-daemon@hmail.example.net',
      subject: 'Message undeliverable: hello',
      body: 'Your message did not reach some or all of the intended recipients.\n\n   Sent: Mon, 02 Mar 2026 06:00:00 +0000\n   Subject: hello\n\nThe following recipient(s) could not be reached:\n\nyara@example.com\n   Error Type: SMTP\n   Remote server (192.0.2.10) issued an error.\n   hMailServer sent: RCPT TO:<yara@example.com>\n   Remote server replied: 452 4.2.2 Mailbox full\n\nhMailServer\n',
    }),
    want: [['yara@example.com', 'failed', 'mailboxfull']],
  },
];
