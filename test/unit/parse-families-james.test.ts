// Apache James: the notify mailets' "Message details" and DSNBounce's "Failed recipient(s)" (synthetic).
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

describe('Apache James reader', () => {
  it('reads the RCPT TO lines of the message details, not the original To', () => {
    const got = read(
      ndr({
        subject: '[BOUNCE]',
        body: 'Error message below:\n550 5.1.1 Requested action not taken: no such user here\n\nMessage details:\n  Subject: hello\n  MAIL FROM: sender@example.org\n  RCPT TO: kit@example.com\n  From: sender@example.org\n  To: list@example.com\n',
      }),
    );
    expect(got.via).toBe('apachejames');
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['kit@example.com', 'userunknown']]);
  });

  it("reads DSNBounce's list of failed recipients", () => {
    const got = read(
      ndr({
        subject: 'Delivery failure',
        body: "Hi. This is the James mail server at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\nFailed recipient(s):\nlou@example.com\n\nError message:\n552 5.2.2 Mailbox full\n",
      }),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['lou@example.com', 'mailboxfull']]);
  });
});
