// A domain that accepts no mail, said with a temporary code (a 4xx reply, a 4.x.x status), is not yet a
// verdict on the address (RFC 5321, 4.2.1): soft, not the hard type that quarantines it (parse/bounce.ts).
// A dead mailbox stays hard whatever the class: an MTA that kept hearing "user unknown" has its answer.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { report } from '../helpers/ndr.js';

/** A DSN for kim@example.com, failed, with this status and diagnostic. */
const dsn = (status: string, diagnostic: string): Buffer =>
  report(
    ['From: MAILER-DAEMON@mx.example.net', 'Subject: Undelivered Mail Returned to Sender'],
    ['Your message could not be delivered.'],
    ['Final-Recipient: rfc822; kim@example.com', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: smtp; ${diagnostic}`],
  );

describe('the type of a temporary failure', () => {
  it('reads a null MX said with a 4.x.x as a domain that accepts no mail, soft', () => {
    const [r] = parseMailSync(dsn('4.1.10', '450 4.1.10 Recipient address has null MX')).recipients;
    expect([r?.reason, r?.type]).toEqual(['notaccept', 'soft']);
  });
  it('keeps the same with a 5.x.x hard', () => {
    const [r] = parseMailSync(dsn('5.1.10', '556 5.1.10 Recipient address has null MX')).recipients;
    expect([r?.reason, r?.type]).toEqual(['notaccept', 'hard']);
  });
  it("keeps Postfix's 450 4.1.1 unknown user hard once the MTA gave up", () => {
    const [r] = parseMailSync(
      dsn(
        '4.1.1',
        '450 4.1.1 <kim@example.com>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)',
      ),
    ).recipients;
    expect([r?.reason, r?.type]).toEqual(['userunknown', 'hard']);
  });
});
