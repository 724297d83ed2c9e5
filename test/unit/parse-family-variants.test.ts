// Each family reader meets the other sentences its MTA writes (its source's or its vendor's
// documented templates), not only the few its examples showed: the layout is still recognised,
// the recipient found and the reason read (docs/parser-generalisation.md, "Family variants").
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr } from '../helpers/ndr.js';

const RETURNED = [
  'From: sender@example.org',
  'To: kit@example.net',
  'Subject: hello',
  'Message-ID: <orig-1@example.org>',
  '',
  'Hello.',
].join('\n');

/** Domino R7+: "was not delivered to:", the address, "because:", the router's sentence indented. */
function domino(address: string, why: string): Buffer {
  const body = [
    'Your message',
    '',
    '  Subject: hello',
    '',
    'was not delivered to:',
    '',
    `  ${address}`,
    '',
    'because:',
    '',
    `  ${why}`,
    '',
  ];
  return ndr({ from: 'Postmaster@example.net', subject: `DELIVERY FAILURE: ${why}`, body: body.join('\n'), returned: RETURNED });
}

/** Notes R4-R6: "------- Failure Reasons --------", the sentence, the address under it. */
function notes(address: string, why: string): Buffer {
  const body = ['------- Failure Reasons  --------', '', why, address, '', '', '------- Returned Message --------', RETURNED];
  return ndr({ from: 'Postmaster@example.net', subject: 'Delivery Failure Report', body: body.join('\n') });
}

/** Exchange 5.5-2003's MTA notice ("did not reach the following recipient(s):"), with its SMTP connector's tag. */
function exchange2003(address: string, lines: string[]): Buffer {
  const body = [
    'Your message',
    '',
    `  To:      ${address}`,
    '  Subject: hello',
    '',
    'did not reach the following recipient(s):',
    '',
    `${address} on Mon, 2 Mar 2026 10:00:00 +0000`,
    ...lines.map((l) => `            ${l}`),
    '\tThe MTS-ID of the original message is: c=US;a= ;p=Example;l=EXCH01-260302100000Z-1',
    '',
  ];
  return ndr({
    from: 'System Administrator <postmaster@example.net>',
    subject: 'Undeliverable: hello',
    headers: ['X-MS-Embedded-Report:'],
    body: body.join('\n'),
  });
}

/** Exchange 2000/2003's SMTP notice ("The following recipient(s) could not be reached:"). */
function exchangeUnreached(address: string, lines: string[]): Buffer {
  const body = [
    'Your message did not reach some or all of the intended recipients.',
    '',
    '      Subject:\thello',
    '',
    'The following recipient(s) could not be reached:',
    '',
    `      ${address} on 3/2/2026 10:00 AM`,
    ...lines.map((l) => `            ${l}`),
    '',
  ];
  return ndr({ from: 'postmaster@example.net', subject: 'Delivery Status Notification (Failure)', body: body.join('\n') });
}

function imail(lines: string[]): Buffer {
  return ndr({
    from: 'postmaster@example.net',
    subject: 'Undeliverable Mail',
    headers: ['X-Mailer: <SMTP32 v8.22>'],
    body: [...lines, '', 'Original message follows.', '', RETURNED].join('\n'),
  });
}

function messagingServer(address: string, reason: string): Buffer {
  const body = [
    'This report relates to a message you sent with the following header fields:',
    '',
    '  Message-id: <orig-1@example.org>',
    '  Subject: hello',
    '',
    'Your message cannot be delivered to the following recipients:',
    '',
    `  Recipient address: ${address}`,
    `  Reason: ${reason}`,
    '',
  ];
  return ndr({
    from: 'Internet Mail Delivery <postmaster@example.net>',
    subject: 'Delivery Notification: Delivery has failed',
    body: body.join('\n'),
  });
}

function exim(address: string, lines: string[]): Buffer {
  const body = [
    'This message was created automatically by mail delivery software.',
    '',
    'A message that you sent could not be delivered to one or more of its',
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    `  ${address}`,
    ...lines.map((l) => `    ${l}`),
    '',
    '------ This is a copy of the message, including all the headers. ------',
    '',
    RETURNED,
  ];
  return ndr({
    from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
    subject: 'Mail delivery failed: returning message to sender',
    body: body.join('\n'),
  });
}

/** Postfix's bounce(5) text with no DSN part (an old Postfix, or a relay that dropped it). */
function postfix(address: string, why: string): Buffer {
  const body = [
    'This is the mail system at host mx.example.net.',
    '',
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients. It's attached below.",
    '',
    '                   The mail system',
    '',
    `<${address}>: ${why}`,
    '',
  ];
  return ndr({
    from: 'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    subject: 'Undelivered Mail Returned to Sender',
    body: body.join('\n'),
    returned: RETURNED,
  });
}

/** Trend Micro InterScan MSS: its session as "Sent <<<" / "Received >>>" lines. */
function interScan(session: string[]): Buffer {
  const body = [
    '*****  Message from InterScan Messaging Security Suite  *****',
    '',
    ...session,
    '',
    '***********************  End of message  ***********************',
  ];
  return ndr({
    from: '"InterScan MSS" <postmaster@example.net>',
    subject: 'Mail could not be delivered',
    body: body.join('\n'),
    returned: RETURNED,
  });
}

/** Apache James's notify mailet: "Error message below:", the error, "Message details:" with the RCPT TO lines. */
function james(address: string, error: string): Buffer {
  const body = [
    'Hi. This is the James mail server at mx.example.net.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    '',
    'Error message below:',
    error,
    '',
    'Message details:',
    '  Subject: hello',
    '  MAIL FROM: sender@example.org',
    `  RCPT TO: ${address}`,
    '',
  ];
  return ndr({ from: 'postmaster@mx.example.net', subject: 'Error Message', body: body.join('\n') });
}

/** MDaemon: "Failed address:" lines, then its session between "--- Session Transcript ---" and "--- End Transcript ---". */
function mdaemon(addresses: string[], session: string[]): Buffer {
  const body = [
    'The attached message had PERMANENT fatal delivery errors!',
    '',
    ...addresses.map((a) => `Failed address: ${a}`),
    '',
    '--- Session Transcript ---',
    ...session.map((l, i) => ` Mon 2026-03-02 10:00:0${i}.100: ${l}`),
    '--- End Transcript ---',
  ];
  return ndr({ from: 'MDaemon@mx.example.net', subject: 'Permanent Delivery Failure', body: body.join('\n') });
}

interface Case {
  name: string;
  mail: Buffer;
  via: string;
  address: string;
  reason: string;
}

const CASES: Case[] = [
  // Domino's router: a domain failure, a server that never answered, the directory in German and French.
  {
    name: 'Domino: no route found to the domain',
    mail: domino(
      'kit@nohost.example',
      'No route found to domain nohost.example from server MAIL01/Example. Check Server, Connection and Domain documents in Domino Directory.',
    ),
    via: 'domino',
    address: 'kit@nohost.example',
    reason: 'hostunknown',
  },
  {
    name: 'Domino: server not responding',
    mail: domino('kit@example.net', 'Unable to transfer mail to server HUB01/Example: Server not responding'),
    via: 'domino',
    address: 'kit@example.net',
    reason: 'networkerror',
  },
  {
    name: 'Domino: German directory',
    mail: domino('kit@example.net', 'Benutzer kit (kit@example.net) ist nicht im Domino-Verzeichnis aufgeführt'),
    via: 'domino',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  {
    name: 'Domino: French directory ("n\'est pas répertorié")',
    mail: domino('kit@example.net', "L'utilisateur kit (kit@example.net) n'est pas répertorié dans l'annuaire Domino"),
    via: 'domino',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  {
    name: 'Notes: no route found to the domain',
    mail: notes('kit@nohost.example', 'No route found to domain nohost.example from server MAIL01/Example.'),
    via: 'notes',
    address: 'kit@nohost.example',
    reason: 'hostunknown',
  },
  // Exchange 2003: its sentences, with or without the SMTP connector's "<host #x.y.z>" tag.
  {
    name: 'Exchange 2003: account does not exist, tagged 5.1.1',
    mail: exchange2003('kit@example.net', [
      'The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.',
      '<mx.example.net #5.1.1>',
    ]),
    via: 'exchange2003',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  {
    name: 'Exchange 2003: time limit, tagged 4.4.7',
    mail: exchange2003('kit@example.net', [
      'Could not deliver the message in the time limit specified.  Please retry or contact your administrator.',
      '<mx.example.net #4.4.7>',
    ]),
    via: 'exchange2003',
    address: 'kit@example.net',
    reason: 'expired',
  },
  {
    name: 'Exchange 2003: a loop between servers',
    mail: exchange2003('kit@example.net', [
      'A configuration error in the e-mail system caused the message to bounce between two servers or to be split into too many segments.',
      '<mx.example.net #5.4.6>',
    ]),
    via: 'exchange2003',
    address: 'kit@example.net',
    reason: 'networkerror',
  },
  {
    name: 'Exchange 2003: no destination server in the DNS',
    mail: exchange2003('kit@nohost.example', [
      'The destination server for this recipient could not be found in Domain Name Service (DNS).  Please verify the email address and retry.',
      '<mx.example.net #5.4.0>',
    ]),
    via: 'exchange2003',
    address: 'kit@nohost.example',
    reason: 'hostunknown',
  },
  {
    name: 'Exchange 2003: address format',
    mail: exchange2003('kit@example.net', [
      "The format of the e-mail address isn't correct.  A correct address looks like this: someone@example.com.",
      '<mx.example.net #5.1.3>',
    ]),
    via: 'exchange2003',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  {
    name: 'Exchange 2003: a quoted remote answer decides over the sentence',
    mail: exchange2003('kit@example.net', ['The recipient name is not recognized', '<mx.example.net #5.2.2 smtp;552 5.2.2 Mailbox full>']),
    via: 'exchange2003',
    address: 'kit@example.net',
    reason: 'mailboxfull',
  },
  {
    name: 'Exchange 2000 SMTP notice: a loop, no tag',
    mail: exchangeUnreached('kit@example.net', ['Could not be delivered because of a loop.']),
    via: 'exchange2000',
    address: 'kit@example.net',
    reason: 'networkerror',
  },
  {
    name: 'Exchange 2000 SMTP notice: no destination server, tagged 5.4.0',
    mail: exchangeUnreached('kit@nohost.example', [
      'The destination server for this recipient could not be found in Domain Name Service (DNS).',
      '<mx.example.net #5.4.0>',
    ]),
    via: 'exchange2000',
    address: 'kit@nohost.example',
    reason: 'hostunknown',
  },
  // IMail: the first recipient's refusal without "Additional".
  {
    name: 'IMail: RCPT TO generated following response',
    mail: imail([
      'undeliverable to kit@example.net',
      '',
      'RCPT TO generated following response:',
      '550 5.1.1 <kit@example.net>... User unknown',
    ]),
    via: 'imailserver',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  // Messaging Server's own alias error in its Reason field.
  {
    name: 'Messaging Server: unknown or illegal alias',
    mail: messagingServer('kit@example.net', 'unknown or illegal alias: kit@example.net'),
    via: 'messagingserver',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  // Exim: a pipe's exit status, a router's :fail: text.
  {
    name: 'Exim: pipe transport returned a status',
    mail: exim('kit@example.net', [
      'Child process of address_pipe transport returned 69 (could mean service or program unavailable) from command: /usr/bin/filter',
    ]),
    via: 'exim',
    address: 'kit@example.net',
    reason: 'mailererror',
  },
  {
    name: "Exim: a router's :fail: (No Such User Here)",
    mail: exim('kit@example.net', ['No Such User Here']),
    via: 'exim',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  // Postfix's own table lookup, in a notice with no DSN part (the message was submitted on the host itself).
  {
    name: 'Postfix: User unknown in virtual alias table',
    mail: postfix('kit@example.net', 'User unknown in virtual alias table'),
    via: 'postfix',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  // InterScan: an answer after DATA is no refusal of the recipient.
  {
    name: 'InterScan: "user unknown" answered after DATA is a filter',
    mail: interScan([
      'Sent <<< RCPT TO:<kit@example.net>',
      'Received >>> 250 2.1.5 Ok',
      'Sent <<< DATA',
      'Received >>> 354 go ahead',
      'Sent <<< .',
      'Received >>> 550 5.7.1 User unknown',
    ]),
    via: 'interscanmss',
    address: 'kit@example.net',
    reason: 'filtered',
  },
  {
    name: 'InterScan: refused at RCPT',
    mail: interScan(['Sent <<< RCPT TO:<kit@example.net>', 'Received >>> 550 5.1.1 <kit@example.net>... User unknown']),
    via: 'interscanmss',
    address: 'kit@example.net',
    reason: 'userunknown',
  },
  // James's RemoteDelivery found no mail server for the domain.
  {
    name: 'James: no DNS entries for the hostname',
    mail: james(
      'kit@nohost.example',
      'There are no DNS entries for the hostname nohost.example.  I cannot determine where to send this message.',
    ),
    via: 'apachejames',
    address: 'kit@nohost.example',
    reason: 'hostunknown',
  },
  // MDaemon refused before any RCPT: the recipients are the ones its notice lists.
  {
    name: 'MDaemon: refused at the greeting',
    mail: mdaemon(
      ['kit@example.org'],
      ['Attempting SMTP connection to [mx.example.org:25]', '<-- 554 5.7.1 mx.example.org: Connection refused by policy'],
    ),
    via: 'mdaemon',
    address: 'kit@example.org',
    reason: 'blocked',
  },
  {
    name: 'MDaemon: refused at MAIL FROM',
    mail: mdaemon(
      ['kit@example.org'],
      [
        '--> EHLO mx.example.net',
        '<-- 250 mx.example.org',
        '--> MAIL From:<sender@example.org>',
        '<-- 553 5.1.8 Sender address domain does not exist',
      ],
    ),
    via: 'mdaemon',
    address: 'kit@example.org',
    reason: 'rejected',
  },
];

describe("family readers meet their MTA's other sentences", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const m = parseMailSync(c.mail);
      expect(m.via).toBe(c.via);
      expect(m.recipients.map((r) => [r.address, r.reason])).toEqual([[c.address, c.reason]]);
    });
  }
});

describe("Exim's router words stay below an SMTP answer", () => {
  it('a remote\'s quoted "user unknown" after DATA stays a filter\'s', () => {
    const m = parseMailSync(
      exim('kit@example.net', [
        'SMTP error from remote mail server after end of data:',
        'host mx.example.org [192.0.2.1]: 550 User unknown',
      ]),
    );
    expect(m.recipients.map((r) => r.reason)).toEqual(['filtered']);
  });
});
