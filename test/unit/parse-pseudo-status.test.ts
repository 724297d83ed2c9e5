// Made-up statuses (docs/parser-generalisation.md, "Made-up statuses"): a recipient whose mail states no status
// gets the reference parser's X.0.9NN for its reason, temporary only where the reference has a temporary number,
// when the text calls itself temporary, or when Exim's uncoded notice is a full mailbox or a retry time run out.
import { describe, expect, it } from 'vitest';
import { pseudoStatus } from '../../src/parse/codes.js';
import { eximNotice, ndr, read, RETURNED } from '../helpers/ndr.js';

const statusOf = (raw: Buffer): string[][] => read(raw).recipients.map((r) => [r.address, r.reason, r.status]);

describe('made-up statuses', () => {
  it("uses the reference's numbers", () => {
    expect(pseudoStatus('syntaxerror', false)).toBe('5.0.902');
    expect(pseudoStatus('virusdetected', false)).toBe('5.0.971');
    expect(pseudoStatus('authfailure', false)).toBe('5.0.972');
    expect(pseudoStatus('notcompliantrfc', false)).toBe('5.0.974');
    expect(pseudoStatus('requireptr', true)).toBe('4.0.973');
  });

  it('keeps the permanent number of a reason that has no temporary one, and a temporary filter is 4.0.924', () => {
    expect(pseudoStatus('userunknown', true)).toBe('5.0.911');
    expect(pseudoStatus('hostunknown', true)).toBe('5.0.912');
    expect(pseudoStatus('mesgtoobig', true)).toBe('5.0.934');
    expect(pseudoStatus('filtered', true)).toBe('4.0.924');
    expect(pseudoStatus('mailboxfull', true)).toBe('4.0.922');
  });

  it('reads a text with no code that calls itself temporary as of the temporary class', () => {
    const raw = ndr({
      subject: 'Undeliverable Message',
      body: 'This Message was undeliverable due to the following reason:\n\nThe user(s) account is temporarily over quota.\n\n<ann@example.org>\n',
      returned: RETURNED,
    });
    expect(statusOf(raw)).toEqual([['ann@example.org', 'mailboxfull', '4.0.922']]);
  });

  it("takes the temporary class for Exim's uncoded full mailbox and retry timeout, not for a quoted 5xx", () => {
    expect(
      statusOf(eximNotice(['  ann@example.org', '    mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/ann)'])),
    ).toEqual([['ann@example.org', 'mailboxfull', '4.0.922']]);
    expect(statusOf(eximNotice(['  bob@example.org', '    host mx.example.org [192.0.2.25]', '    retry timeout exceeded']))).toEqual([
      ['bob@example.org', 'expired', '4.0.947'],
    ]);
    expect(
      statusOf(
        eximNotice([
          '  cy@example.org',
          '    host mx.example.org [192.0.2.25]',
          '    SMTP error from remote mail server after RCPT TO:<cy@example.org>:',
          '    552 Mailbox full',
        ]),
      ),
    ).toEqual([['cy@example.org', 'mailboxfull', '5.0.922']]);
  });
});
