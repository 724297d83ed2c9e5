// Lotus Notes, Domino, Oracle Messaging Server, IMail Server: synthetic notices in their layouts.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

const rows = (got: ReturnType<typeof read>): string[][] => got.recipients.map((r) => [r.address, r.reason]);

describe('Lotus Notes reader', () => {
  it('reads the reason written above the address', () => {
    const got = read(
      ndr({
        subject: 'Undeliverable message',
        body: '------- Failure Reasons  --------\n\nUser not listed in public Name & Address Book\npam@notes.example.com\n\n------- Returned Message --------\nSubject: hello\n',
      }),
    );
    expect(got.via).toBe('notes');
    expect(rows(got)).toEqual([['pam@notes.example.com', 'userunknown']]);
  });

  it('reads the hop-count failure as a network error', () => {
    const got = read(
      ndr({
        subject: 'Undeliverable message',
        body: '------- Failure Reasons  --------\n\nMessage has exceeded maximum hop count\nray@notes.example.com\n\n------- Returned Message --------\n',
      }),
    );
    expect(rows(got)).toEqual([['ray@notes.example.com', 'networkerror']]);
  });
});

describe('Domino reader', () => {
  function domino(why: string): Buffer {
    return ndr({
      subject: 'DELIVERY FAILURE: User sue (sue@example.net) not listed in Domino Directory',
      body: `Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  sue@example.net\n\nbecause:\n\n  ${why}\n`,
    });
  }
  it('reads the directory miss as an unknown user', () => {
    const got = read(domino('User sue (sue@example.net) not listed in Domino Directory'));
    expect(got.via).toBe('domino');
    expect(rows(got)).toEqual([['sue@example.net', 'userunknown']]);
  });
  it('reads a remote answer quoted as the reason', () => {
    expect(rows(read(domino('552 5.2.2 Mailbox full')))).toEqual([['sue@example.net', 'mailboxfull']]);
  });
  it("reads the Spanish router's directory miss as an unknown user", () => {
    const got = read(domino('El usuario sue (sue@example.net) no se encuentra en el Directorio de Domino'));
    expect(rows(got)).toEqual([['sue@example.net', 'userunknown']]);
  });
});

describe('Oracle Messaging Server reader', () => {
  it('reads the indented fields of each recipient', () => {
    const got = read(
      ndr({
        subject: 'Delivery Notification: Delivery has failed',
        body: [
          'This report relates to a message you sent with the following header fields:',
          '',
          '  Message-id: <1@example.org>',
          '  To: tom@example.com',
          '',
          'Your message cannot be delivered to the following recipients:',
          '',
          '  Recipient address: tom@example.com',
          '  Reason: Remote SMTP server has rejected address',
          '  Diagnostic code: smtp;550 5.1.1 <tom@example.com>... User Unknown',
          '  Remote system: dns;mx.example.com (TCP|192.0.2.1|1234|192.0.2.2|25)',
        ].join('\n'),
      }),
    );
    expect(got.via).toBe('messagingserver');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['tom@example.com', 'userunknown', '5.1.1']]);
  });
});

describe('IMail Server reader', () => {
  function imail(body: string): Buffer {
    return ndr({
      subject: 'Undeliverable Mail',
      headers: ['X-Mailer: <SMTP32 v8.22>'],
      body: `${body}\n\nOriginal message follows.\n\nSubject: hello\n`,
    });
  }
  it('reads its own "Unknown user: a@b" line', () => {
    const got = read(imail('Unknown user: ula@example.net'));
    expect(got.via).toBe('imailserver');
    expect(rows(got)).toEqual([['ula@example.net', 'userunknown']]);
  });
  it('reads the step and the answer the remote gave', () => {
    const got = read(
      imail(
        'Body of message generated response:\nDATA command generated response:\n552 5.3.4 Message size exceeds fixed maximum message size\n\nundeliverable to vic@example.com',
      ),
    );
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['vic@example.com', 'mesgtoobig', '5.3.4']]);
  });
  it('reads the mailbox size verdict', () => {
    expect(rows(read(imail('User mailbox exceeds allowed size: wyn@example.net')))).toEqual([['wyn@example.net', 'mailboxfull']]);
  });
});

describe('IMail Server reader, sender refused', () => {
  it('does not take the sender of "Server response to MAIL FROM:" for a recipient', () => {
    const raw = ndr({
      subject: 'Undeliverable Mail',
      headers: ['X-Mailer: <SMTP32 v8.22>'],
      body: 'Server response to MAIL FROM: <someone@example.org>\n553 5.7.1 Sender address rejected\n\nundeliverable to yul@example.com\n\nOriginal message follows.\n',
    });
    const got = read(raw);
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['yul@example.com', 'rejected']]);
  });
});
