// Exchange 2007+ (the part for administrators, in several languages) and
// Exchange 2000/2003 (MSEXCH codes): synthetic NDRs in their layouts.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function ex2007(admin: string, server: string, address: string, answer: string, end: string): Buffer {
  return ndr({
    from: 'postmaster@example.net',
    subject: 'Undeliverable: hello',
    headers: ['Content-Language: en-US'],
    body: [
      `Delivery has failed to these recipients or groups:`,
      '',
      address,
      'The message could not be delivered.',
      '',
      admin,
      '',
      `${server} mail.example.net`,
      '',
      address,
      answer,
      '',
      end,
      '',
      'Received: from mail.example.org',
      'Subject: hello',
    ].join('\n'),
  });
}

describe('Exchange 2007+ reader', () => {
  const CASES: Array<[string, string, string, string, string, string, string]> = [
    // name, admin line, server label, answer, end line, reason, status
    [
      'English, recipient not found',
      'Diagnostic information for administrators:',
      'Generating server:',
      '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
      'Original message headers:',
      'userunknown',
      '5.1.1',
    ],
    [
      'French, message too large for the recipient',
      'Informations de diagnostic pour les administrateurs :',
      'Serveur de génération :',
      '#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##',
      "En-têtes de message d'origine :",
      'mesgtoobig',
      '5.2.3',
    ],
    [
      'German, the queue lifetime ran out',
      'Diagnoseinformationen für Administratoren:',
      'Generierender Server:',
      "Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'",
      'Ursprüngliche Nachrichtenkopfzeilen:',
      'expired',
      '4.4.7',
    ],
    [
      'Italian, the domain does not exist',
      'Informazioni di diagnostica per gli amministratori:',
      'Server di generazione:',
      '#554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain ##',
      'Intestazioni originali del messaggio:',
      'hostunknown',
      '5.4.4',
    ],
    [
      'English, a remote refusal quoted',
      'Diagnostic information for administrators:',
      'Generating server:',
      "Remote Server returned '552 5.2.2 Mailbox full'",
      'Original message headers:',
      'mailboxfull',
      '5.2.2',
    ],
  ];
  for (const [name, admin, server, answer, end, reason, status] of CASES) {
    it(name, () => {
      const got = read(ex2007(admin, server, 'kate@example.com', answer, end));
      expect(got.via).toBe('exchange2007');
      expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['kate@example.com', reason, status]]);
    });
  }
});

function ex2003(lines: string[]): Buffer {
  return ndr({
    from: 'System Administrator <postmaster@example.net>',
    subject: 'Undeliverable: hello',
    headers: ['X-Mailer: Internet Mail Service (5.5.2657.72)'],
    body: [
      'Your message',
      '',
      '  To:      liam@example.com',
      '  Subject: hello',
      '  Sent:    Thu, 29 Apr 2010 18:14:35 +0000',
      '',
      'did not reach the following recipient(s):',
      '',
      ...lines,
    ].join('\n'),
  });
}

describe('Exchange 2000/2003 reader', () => {
  it('reads the MSEXCH code of an unknown recipient', () => {
    const got = read(
      ex2003([
        'liam@example.com on Thu, 29 Apr 2010 18:14:35 +0000',
        '    The recipient name is not recognized',
        '    The MTS-ID of the original message is: c=us;a= ;p=example',
        ';l=EXCHANGE0000000000000000',
        '    MSEXCH:IMS:EXAMPLE:SITE:EXCHANGE 0 (000C05A6) Unknown Recipient',
      ]),
    );
    expect(got.via).toBe('exchange2003');
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['liam@example.com', 'userunknown']]);
  });

  it('stops at the returned header pasted after the list (its folded addresses are no recipients)', () => {
    const got = read(
      ex2003([
        'liam@example.com on Thu, 29 Apr 2010 18:14:35 +0000',
        '    The recipient name is not recognized',
        '    MSEXCH:IMS:EXAMPLE:SITE:EXCHANGE 0 (000C05A6) Unknown Recipient',
        '',
        'Received: from mail.example.org',
        'To: liam@example.com,',
        ' noah@example.com',
        'Subject: hello',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['liam@example.com', 'userunknown']]);
  });

  it('lets the remote answer decide under a code that only says the remote refused', () => {
    const got = read(
      ex2003([
        'mia@example.com on 4/29/99 9:19:59 AM',
        '    An error occurred while delivering this message',
        '    MSEXCH:IMS:EXAMPLE:SITE:EXCHANGE 0 (000B09B6) 552 5.2.2 Mailbox over quota',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['mia@example.com', 'mailboxfull', '5.2.2']]);
  });

  it('reads the hop-count code as a network error', () => {
    const got = read(
      ex2003([
        'ned@example.com on 4/29/99 9:19:59 AM',
        '    The message could not be delivered',
        '    MSEXCH:IMS:EXAMPLE:SITE:EXCHANGE 0 (00120270) Too Many Hops',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ned@example.com', 'networkerror']]);
  });
});

describe('Exchange 2000/2003 SMTP notice reader', () => {
  function notice(lines: string[]): Buffer {
    return ndr({
      from: 'System Administrator <postmaster@example.net>',
      subject: 'Undeliverable: hello',
      body: [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '      Subject:\thello',
        '      Sent:\t3/2/2026 10:00 AM',
        '',
        'The following recipient(s) could not be reached:',
        '',
        ...lines,
      ].join('\n'),
    });
  }
  it('reads the status in "<host #5.1.1>" and the quoted answer', () => {
    const got = read(
      notice([
        '      oscar@example.com on 3/2/2026 10:00 AM',
        '            The e-mail account does not exist at the organization this message was sent to.',
        '            <mx.example.net #5.0.0 smtp;550 5.1.1 <oscar@example.com>... User unknown>',
      ]),
    );
    expect(got.via).toBe('exchange2000');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['oscar@example.com', 'userunknown', '5.1.1']]);
  });
  it('reads a status given without an answer', () => {
    const got = read(
      notice([
        '      pia@example.com on 3/2/2026 10:00 AM',
        "            The recipient's mailbox is full.",
        '            <mx.example.net #5.2.2>',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['pia@example.com', 'mailboxfull', '5.2.2']]);
  });
});

describe("hMailServer's notice (the Exchange 2000 layout)", () => {
  it('reads what it sent and what the remote replied', () => {
    const raw = ndr({
      subject: 'Message undeliverable: hello',
      body: [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '   Sent: Mon, 02 Mar 2026 10:00:00 +0000',
        '   Subject: hello',
        '',
        'The following recipient(s) could not be reached:',
        '',
        'quin@example.com',
        '   Error Type: SMTP',
        '   Remote server (192.0.2.1) issued an error.',
        '   hMailServer sent: RCPT TO:<quin@example.com>',
        '   Remote server replied: 550 5.1.1 <quin@example.com>: Recipient address rejected: User unknown',
        '',
      ].join('\n'),
    });
    expect(read(raw).recipients.map((r) => [r.address, r.reason, r.status, r.replyCode])).toEqual([
      ['quin@example.com', 'userunknown', '5.1.1', '550'],
    ]);
  });
});

describe("Exchange 5.5-2003's own sentences", () => {
  it('reads "The recipient name is not recognized" with no status as an unknown user', () => {
    const raw = ndr({
      subject: 'Undeliverable: hello',
      body: [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '      Subject:\thello',
        '',
        'The following recipient(s) could not be reached:',
        '',
        '      rex@example.com on 3/2/2026 10:00 AM',
        '            The recipient name is not recognized',
        '            MSEXCH:MSExchangeMTA:SITE:SERVER',
      ].join('\n'),
    });
    expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['rex@example.com', 'userunknown']]);
  });
});

describe('Exchange / Outlook NDR subjects in more languages', () => {
  // A notice with no delivery-status part and no SMTP code: only its sender and subject say it is a bounce.
  for (const subject of [
    'Não é possível entregar: Oferta',
    'No se puede entregar: Oferta',
    'Går inte att leverera: Offert',
    'Kan ikke leveres: Tilbud',
    'Nedoručitelné: Nabídka',
    'Kézbesíthetetlen: Ajánlat',
    'Teslim edilemedi: Teklif',
    '无法投递: 报价',
  ]) {
    it(subject, () => {
      const got = read(
        ndr({
          from: 'Microsoft Outlook <postmaster@example.net>',
          subject,
          body: 'ann@example.net\nThe message could not be sent to this recipient.',
        }),
      );
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((r) => r.address)).toEqual(['ann@example.net']);
    });
  }
});
