// A temporary failure (a 4xx reply, a 4.x.x status) is no verdict on the address (RFC 5321, 4.2.1): whatever
// its words say, it is never the hard type that quarantines the recipient (parse/bounce.ts). Its reason stays.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';

function dsn(status: string, diagnostic: string): Buffer {
  const b = 'REPORT-T';
  return Buffer.from(
    [
      'From: MAILER-DAEMON@mx.example.net',
      'To: sender@example.org',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'Message-ID: <ndr-t@mx.example.net>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; kim@example.com',
      'Action: failed',
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '',
      `--${b}--`,
      '',
    ].join('\n'),
  );
}

describe('a temporary failure is never hard', () => {
  it('reads a 4xx "account unavailable" as the reason it names, soft', () => {
    const [r] = parseMailSync(dsn('4.0.0', '451 4.0.0 Account unavailable, try again later (in reply to RCPT TO command)')).recipients;
    expect([r?.reason, r?.type]).toEqual(['userunknown', 'soft']);
  });
  it('keeps the same words with a 5xx hard', () => {
    const [r] = parseMailSync(dsn('5.0.0', '550 5.0.0 Account unavailable (in reply to RCPT TO command)')).recipients;
    expect([r?.reason, r?.type]).toEqual(['userunknown', 'hard']);
  });
  // Postfix answers 450 4.1.1 for an unknown recipient while an admin tests its tables (soft_bounce,
  // unknown_local_recipient_reject_code = 450): the unknown user, retried, not yet a dead address.
  it("reads Postfix's 450 4.1.1 as an unknown user, soft", () => {
    const [r] = parseMailSync(
      dsn(
        '4.1.1',
        '450 4.1.1 <kim@example.com>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)',
      ),
    ).recipients;
    expect([r?.reason, r?.type]).toEqual(['userunknown', 'soft']);
  });
});
