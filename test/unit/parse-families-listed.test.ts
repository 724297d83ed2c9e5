// Older notices with no DSN part: the list layouts of listed.ts, the sentences that name the failed
// address, the addresses never taken (the returned message's sender), and warnings read as delays.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';
import { LAYOUTS } from '../../src/parse/families/listed.js';
import { OWN_VERDICTS, SENTENCES, isWarning } from '../../src/parse/families/recipient-sentences.js';
import { wordingOf } from '../../src/parse/families/layout.js';
import { findAddresses } from '../../src/parse/address.js';

/** The returned message: its sender and Reply-To must never come out as the recipient. */
const RETURNED = [
  'From: "News" <news@example.net>',
  'Reply-To: help@example.net',
  'To: ann@example.org',
  'Subject: hello',
  'Message-ID: <orig-7@example.net>',
  '',
  'Hello.',
].join('\n');

describe('list layouts of older MTAs (listed.ts)', () => {
  for (const l of LAYOUTS) {
    it(`${l.writer}`, () => {
      const named = findAddresses(l.example).filter((a) => !a.startsWith('news@') && !/^postmaster@/i.test(a));
      // Layouts that list bare local names come from the provider's own host.
      const host = ['aol.com', 'compuserve.com'].find((d) => l.fromDomain?.test(`x@${d}`));
      const want = named[0] ?? `${/(?:^\s+|not found:\s*)(\S+)\s*$/m.exec(l.example)?.[1]}@${host}`;
      const got = read(
        ndr({ from: host ? `MAILER-DAEMON@${host}` : undefined, subject: 'Undeliverable mail', body: l.example, returned: RETURNED }),
      );
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((r) => r.address)).toEqual([want]);
      expect(got.recipients[0]?.action).toBe(l.delayed ? 'delayed' : 'failed');
    });
  }

  it('AOL screen names are only completed on mail from AOL', () => {
    const aol = LAYOUTS.find((l) => l.localDomain)!;
    const got = read(ndr({ from: 'MAILER-DAEMON@mx.example.net', subject: 'Returned mail', body: aol.example }));
    expect(got.recipients.map((r) => r.address)).not.toContain('annsmith12@aol.com');
  });

  // The list names no step: "unknown user" without an X.1.x status is `filtered` (docs/parser-generalisation.md,
  // "Cross-check with Sisimai 4.25").
  it('reads each listed address with its own verdict (Smail)', () => {
    const got = read(
      ndr({
        subject: 'mail failed, returning to sender',
        body:
          '|------------------------- Failed addresses follow: ---------------------|\n <ann@example.org> ... unknown user\n <bob@example.org> ... host not found\n|------------------------- Message text follows: ------------------------|\n' +
          RETURNED,
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([
      ['ann@example.org', 'filtered'],
      ['bob@example.org', 'hostunknown'],
    ]);
  });

  it("reads T-Online's Smail-based notice up to the returned header, whose folded addresses are no recipients", () => {
    const got = read(
      ndr({
        from: 'Mail Delivery System <Mailer-Daemon@t-online.de>',
        subject: 'mail failed, returning to sender',
        body: [
          '|------------------------- Failed addresses follow: ---------------------|',
          ' <ann@t-online.de>',
          '   552 5.2.2 <ann@t-online.de> Quota exceeded (mailbox for user is full)',
          ' <bob@magenta.de>',
          '   550 5.1.1 <bob@magenta.de> User unknown',
          '',
          '|------------------------- Message header follows: ----------------------|',
          'From: news@example.net',
          'To: ann@t-online.de,',
          ' <cy@t-online.de>',
          'Cc:',
          ' dee@example.org',
          'Subject: hello',
        ].join('\n'),
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([
      ['ann@t-online.de', 'mailboxfull'],
      ['bob@magenta.de', 'userunknown'],
    ]);
  });

  it('a message pasted whole after its mbox "From " line is the returned message, not the notice', () => {
    // A site's own notice: its labelled lines, then the returned message under a label of its own.
    const got = read(
      ndr({
        subject: 'email bounce notification',
        body:
          'Your message was rejected because it could not be saved.\n\nreject reason: Mailbox full\ntarget mail address: carl@example.org\n\n' +
          '--------\nthe mail:\n\nFrom news@example.net  Sat Oct  4 08:00:07 2025\nTo: dave@example.org\nMessage-ID: <m.1@example.net>\nContent-Type: multipart/alternative;\n boundary="zz"\n',
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['carl@example.org', 'mailboxfull']]);
  });
});

describe('sentences that name the failed address', () => {
  for (const s of SENTENCES) {
    it(`${s.writer}`, () => {
      const got = read(
        ndr({
          subject: 'Undeliverable mail',
          body: `This is the mail system at mx.example.net.\n\n${s.example}\n`,
          returned: RETURNED.replace('To: ann@example.org', 'To: list@example.net'),
        }),
      );
      expect(got.recipients.map((r) => r.address)).toEqual(['ann@example.org']);
    });
  }

  it('a refusal sentence is the recipient\'s own step: "Unknown user" is a dead address, not a filter', () => {
    const got = read(ndr({ subject: 'Undeliverable Mail', body: 'Unknown user: ann@example.org\n' }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ann@example.org', 'userunknown']]);
  });

  it('own verdicts of old MTAs read back', () => {
    for (const w of OWN_VERDICTS) expect([w.example, wordingOf(w.example, OWN_VERDICTS)]).toEqual([w.example, w.reason]);
  });
});

describe('addresses that are never the failed recipient', () => {
  it("the returned message's From and Reply-To, and Message-ID lines, are skipped: its To is the last resort", () => {
    const body = 'Your message could not be delivered.\nMessage-ID: <abc.123@example.net>\nSender: news@example.net\n';
    const got = read(ndr({ subject: 'Mail delivery failed', body, returned: RETURNED }));
    expect(got.recipients.map((r) => r.address)).toEqual(['ann@example.org']);
  });

  it("an address the notice names as the sender's or a helpdesk's is not the recipient", () => {
    const got = read(
      ndr({
        subject: 'Mail delivery failed',
        body: 'A message sent by news@example.net could not be delivered.\nPlease contact help@example.net for assistance.\n\nThe mailbox of carl@example.org is unavailable.\n',
      }),
    );
    expect(got.recipients.map((r) => r.address)).toEqual(['carl@example.org']);
  });

  it('a bounce subject that ends with the address names it when the text does not', () => {
    const got = read(
      ndr({
        subject: 'Undeliverable: hello to carl@example.org',
        body: 'The message could not be delivered. The mailbox is unavailable.\n',
      }),
    );
    expect(got.recipients.map((r) => r.address)).toEqual(['carl@example.org']);
  });

  it('a sender named in the text is not taken when the returned message says it sent', () => {
    const got = read(
      ndr({
        subject: 'Returned mail',
        body: 'Mail from news@example.net could not be delivered.\n\nRecipient <ann@example.org> does not exist here.\n',
        returned: RETURNED,
      }),
    );
    expect(got.recipients.map((r) => r.address)).toEqual(['ann@example.org']);
  });
});

describe('warnings', () => {
  it('"will continue to try" and "not yet been delivered" are delays, "gave up" is not', () => {
    expect(isWarning('Your message to ann@example.org has not been delivered yet. We will continue to try for 4 more days.')).toBe(true);
    expect(isWarning('The address to which the message has not yet been delivered is:')).toBe(true);
    expect(isWarning('Delivery has been delayed ... I gave up after 5 days.')).toBe(false);
    expect(isWarning("This is a permanent error; I've given up. Sorry it didn't work out.")).toBe(false);
  });

  it('a warning notice gives the recipient the delayed action', () => {
    const got = read(
      ndr({
        subject: 'Delayed Mail (still being retried)',
        body: 'Your message to ann@example.org has not been delivered yet.\nThe remote server did not answer; we will continue to try for 4 more days.\n',
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.action])).toEqual([['ann@example.org', 'delayed']]);
  });
});
