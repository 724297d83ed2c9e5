// The readers of the smaller sending systems written from their layouts (Bigfoot's
// transcript, Barracuda's notice, a qmail clone's "We're sorry." intro); their whole
// notices are in fixtures/bounces/{aol,amazonworkmail,barracuda,bigfoot,x5}.
import { describe, expect, it } from 'vitest';
import { transcriptStep } from '../../src/parse/families/bigfoot.js';
import { ndr, read, RETURNED } from '../helpers/ndr.js';

describe("Bigfoot's transcript step", () => {
  it('is the last command sent', () => {
    const lines = [
      '   ----- Transcript of session follows -----',
      '>>> MAIL From:<a@b.example>',
      '<<< 250 ok',
      '>>> RCPT To:<c@d.example>',
      '<<< 550 5.1.1 no',
    ];
    expect(transcriptStep(lines)).toBe('RCPT');
  });
  it('is the greeting when the remote only answered', () => {
    expect(transcriptStep(['   ----- Transcript of session follows -----', '<<< 554 not accepting messages'])).toBe('CONN');
  });
  it('is nothing without a transcript', () => {
    expect(transcriptStep(['<<< 554 not accepting messages'])).toBe('');
  });
});

describe("Barracuda's notice", () => {
  it('names the recipient after "Your message to:" and blames the spam filter when nothing else is said', () => {
    const raw = ndr({
      from: 'Barracuda <postmaster@spamfw.example.net>',
      subject: 'Message you sent blocked by our bulk email filter',
      body: [
        'Your message to: uma@example.net',
        'was blocked by our Spam Firewall. The email you sent with the following subject has NOT BEEN DELIVERED:',
        '',
        'Subject: hello',
      ].join('\n'),
      returned: RETURNED,
    });
    const r = read(raw);
    expect(r.via).toBe('barracuda');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['uma@example.net', 'spamdetected']]);
  });
});

describe('a qmail clone that opens with "We\'re sorry."', () => {
  const body = [
    "We're sorry.",
    '',
    '<ivo@example.com>:',
    '192.0.2.5 does not like recipient.',
    'Remote host said: 550 5.1.1 <ivo@example.com>: Recipient address rejected: User unknown',
    'Giving up on 192.0.2.5.',
    '',
  ].join('\n');
  it('is read as qmail when the subject is qmail\'s "failure notice"', () => {
    const r = read(ndr({ subject: 'failure notice', body, returned: RETURNED }));
    expect(r.via).toBe('qmail');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['ivo@example.com', 'userunknown']]);
  });
  it('is not claimed by the qmail reader on another subject', () => {
    expect(read(ndr({ subject: 'Undeliverable mail', body, returned: RETURNED })).via).not.toBe('qmail');
  });
});

describe("Exim's own verdicts in a whole notice", () => {
  const notice = (address: string, why: string): Buffer =>
    ndr({
      from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      subject: 'Mail delivery failed: returning message to sender',
      headers: [`X-Failed-Recipients: ${address}`],
      body: [
        'This message was created automatically by mail delivery software.',
        '',
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        `  ${address}`,
        `    ${why}`,
      ].join('\n'),
      returned: RETURNED,
    });
  const cases: Array<[string, string]> = [
    ['retry time not reached for any host after a long failure period', 'expired'],
    ['all relevant MX records point to non-existent hosts', 'hostunknown'],
    ['Too many "Received" headers - suspected mail loop', 'contenterror'],
    ['delivery to file forbidden', 'systemerror'],
  ];
  for (const [why, reason] of cases) {
    it(`"${why}" reads as ${reason}`, () => {
      const r = read(notice('lea@example.com', why));
      expect(r.via).toBe('exim');
      expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['lea@example.com', reason]]);
    });
  }
});

describe("Exim's other notices", () => {
  it('reads an address Exim could not parse as a syntax error', () => {
    const raw = ndr({
      from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      subject: 'Mail failure - malformed recipient address',
      body: [
        'A message that you sent contained one or more recipient addresses that were',
        'incorrectly constructed:',
        '',
        '  nia@example.com.: malformed address: . may not follow nia@example.com',
        '',
        'This address has been ignored. The other addresses in the message were',
        'syntactically valid and have been passed on for an attempt at delivery.',
      ].join('\n'),
      returned: RETURNED,
    });
    const r = read(raw);
    expect(r.via).toBe('exim');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['nia@example.com', 'syntaxerror']]);
  });
  it("reads Exim 3's notice, which has no banner line", () => {
    const raw = ndr({
      from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
      subject: 'Mail delivery failed: returning message to sender',
      body: [
        'A message that you sent could not be delivered to all of its recipients. The',
        'following address(es) failed:',
        '',
        '  oda@example.com',
        '    all relevant MX records point to non-existent hosts',
      ].join('\n'),
      returned: RETURNED,
    });
    const r = read(raw);
    expect(r.via).toBe('exim');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['oda@example.com', 'hostunknown']]);
  });
});

describe("a Postfix notice under a site's own mail_name", () => {
  it('is read as Postfix', () => {
    const raw = ndr({
      from: 'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
      subject: 'Undelivered Mail Returned to Sender',
      body: [
        'This is the ExampleMail program at host mx.example.net.',
        '',
        'Your message could not be delivered to one or more recipients.',
        '',
        '                   The ExampleMail program',
        '',
        '<pia@example.com>: host mx.example.com[192.0.2.9] said: 550 5.1.1 <pia@example.com>:',
        '    Recipient address rejected: User unknown in local recipient table (in reply',
        '    to RCPT TO command)',
      ].join('\n'),
      returned: RETURNED,
    });
    const r = read(raw);
    expect(r.via).toBe('postfix');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['pia@example.com', 'userunknown']]);
  });
});

describe("Office 365's notice in Dutch and Portuguese", () => {
  const notice = (subject: string, lines: string[]): Buffer =>
    ndr({
      from: 'postmaster@client.onmicrosoft.com',
      subject,
      headers: ['X-MS-Exchange-Message-Is-Ndr: '],
      body: lines.join('\n'),
    });
  const answer = "'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'";
  it('reads the Dutch notice', () => {
    const r = read(
      notice('Onbestelbaar: hello', [
        'Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:',
        '',
        'ann@example.com<mailto:ann@example.com>',
        'Het e-mailadres is niet gevonden.',
        '',
        'Diagnostische gegevens voor beheerders:',
        '',
        'Bronserver: AM0PR01MB1234.eurprd01.prod.outlook.com',
        '',
        'ann@example.com',
        `Externe server heeft ${answer} geretourneerd`,
        '',
        'Oorspronkelijke berichtkoppen:',
        '',
        'Subject: hello',
      ]),
    );
    expect(r.via).toBe('office365');
    expect(r.recipients.map((x) => [x.address, x.reason, x.status])).toEqual([['ann@example.com', 'userunknown', '5.1.10']]);
  });
  it('reads the Portuguese notice, whose subject no English word marks', () => {
    const r = read(
      notice('Não entregue: hello', [
        'Falha na entrega a estes destinatários ou grupos:',
        '',
        'bea@example.com<mailto:bea@example.com>',
        'O endereço de email não foi encontrado.',
        '',
        'Informações de diagnóstico para administradores:',
        '',
        'Servidor de origem: AM0PR01MB1234.eurprd01.prod.outlook.com',
        '',
        'bea@example.com',
        `O servidor remoto retornou ${answer}`,
        '',
        'Cabeçalhos originais da mensagem:',
        '',
        'Subject: hello',
      ]),
    );
    expect(r.kind).toBe('bounce');
    expect(r.via).toBe('office365');
    expect(r.recipients.map((x) => [x.address, x.reason, x.status])).toEqual([['bea@example.com', 'userunknown', '5.1.10']]);
  });
});

describe("Zoho Mail's notices", () => {
  const notice = (line: string): Buffer =>
    ndr({
      from: 'mailer-daemon@mail.zoho.com',
      subject: 'Undelivered Mail Returned to Sender',
      headers: ['X-ZohoMail: Si CHF_MF_NL SS_10'],
      body: [
        'This message was created automatically by mail delivery software.',
        'A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.',
        '',
        line,
        '',
      ].join('\n'),
      returned: RETURNED,
    });
  it('reads "a@b Invalid Address, ERROR_CODE :550, ERROR_CODE :<reply>" with the reply code', () => {
    const r = read(notice('kit@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <kit@example.com>... User Unknown'));
    expect(r.via).toBe('zoho');
    expect(r.recipients.map((x) => [x.address, x.reason, x.status, x.replyCode])).toEqual([
      ['kit@example.com', 'userunknown', '5.1.1', '550'],
    ]);
  });
  it('reads "Host not reachable" without a retry as an expired message', () => {
    const r = read(notice('[Status: Error, Address: <lou@example.com>, ResponseCode 421, , Host not reachable.]'));
    expect(r.via).toBe('zoho');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['lou@example.com', 'expired']]);
  });
});

describe("Mimecast's own notice", () => {
  it('reads every "-- a@b" recipient with the problem and the answer under them', () => {
    const r = read(
      ndr({
        from: 'Postmaster <postmaster@client.example>',
        subject: '[Postmaster] Email Delivery Failure',
        body: [
          'An email that you sent to the following addresses could not be delivered:',
          '-- ann@client.example',
          '-- bob@client.example',
          '',
          'The problem appears to be :',
          '-- Mailbox does not exist',
          '',
          'Additional information follows :',
          '-- 550 5.1.1 User unknown',
          '',
          'This condition occurred after 1 attempt(s) to deliver over a period of 0 hour(s).',
        ].join('\n'),
      }),
    );
    expect(r.via).toBe('mimecast');
    expect(r.recipients.map((x) => [x.address, x.reason, x.status])).toEqual([
      ['ann@client.example', 'userunknown', '5.1.1'],
      ['bob@client.example', 'userunknown', '5.1.1'],
    ]);
  });
});

describe("au EZweb's notice", () => {
  it('reads the account sentence and stops at its rule of 50 dashes (the returned header follows)', () => {
    const raw = ndr({
      from: 'Postmaster@ezweb.ne.jp',
      subject: 'Mail System Error - Returned Mail',
      body: [
        'This is an automatically generated message from ezweb.ne.jp',
        '',
        'The user(s) account is disabled.',
        '',
        '<uma@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)',
        '',
        '-'.repeat(50),
        'From: sender@example.org',
        'To: uma@ezweb.ne.jp,',
        ' <vic@ezweb.ne.jp>',
        'Subject: hello',
      ].join('\n'),
    });
    const r = read(raw);
    expect(r.via).toBe('ezweb');
    expect(r.recipients.map((x) => [x.address, x.reason])).toEqual([['uma@ezweb.ne.jp', 'suspend']]);
  });
});

describe("au by KDDI's notice", () => {
  it('reads the fixed sentence under the recipient, up to the blank line after it', () => {
    const raw = ndr({
      from: 'no-reply@app.dion.ne.jp',
      subject: 'Mail delivery error',
      body: [
        'Your mail sent on: Mon, 2 Mar 2026 19:00:00 +0900',
        '    Could not be delivered to: <uma@dion.ne.jp>',
        '    As their mailbox is full.',
        '',
        'From: sender@example.org',
        'To: uma@dion.ne.jp,',
        ' <vic@dion.ne.jp>',
      ].join('\n'),
    });
    const r = read(raw);
    expect(r.via).toBe('kddi');
    expect(r.recipients.map((x) => [x.address, x.reason, x.diagnostic])).toEqual([
      ['uma@dion.ne.jp', 'mailboxfull', 'As their mailbox is full.'],
    ]);
  });
});
