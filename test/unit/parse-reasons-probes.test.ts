// Reasons of replies that were read otherwise (docs/parser-generalisation.md, "Hard verdicts: dead-address words
// with another cause", its last subsection on reasons). Each class names the servers that write it.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { report } from '../helpers/ndr.js';

/** A Postfix DSN for kim@example.org, failed, quoting `reply` as the answer to `step`. */
const postfix = (reply: string, step = 'RCPT TO'): Buffer => {
  const status = /^[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1] ?? `${reply[0]}.0.0`;
  return report(
    ['From: MAILER-DAEMON@mta.example.com', 'Subject: Undelivered Mail Returned to Sender'],
    [
      'This is the mail system at host mta.example.com.',
      '',
      `<kim@example.org>: host mx.example.org[192.0.2.1] said: ${reply} (in reply to ${step} command)`,
    ],
    ['Final-Recipient: rfc822; kim@example.org', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: smtp; ${reply}`],
  );
};
const read = (reply: string, step?: string): [string | undefined, string | undefined] => {
  const [r] = parseMailSync(postfix(reply, step)).recipients;
  return [r?.reason, r?.type];
};

/** Exchange 2010's NDR: the remote host then its reply, quoted as it came ("host #550 text ##"). */
const exchange = (answer: string): Buffer =>
  Buffer.from(
    [
      'From: postmaster@mail.example.com',
      'To: sender@example.com',
      'Subject: Undeliverable: hello',
      'Date: Mon, 7 Dec 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain',
      '',
      'Delivery has failed to these recipients or groups:',
      '',
      'kim@example.org',
      "The recipient's e-mail system rejected the message.",
      '',
      'Diagnostic information for administrators:',
      '',
      'Generating server: mail.example.com',
      '',
      'kim@example.org',
      answer,
      '',
      'Original message headers:',
      '',
      'From: sender@example.com',
      '',
    ].join('\n'),
  );

describe('reasons of replies read otherwise before', () => {
  it("reads Exchange's quoted remote reply when the remote wrote no enhanced code", () => {
    // Exchange 2010 quotes a qmail's or an old Sendmail's bare reply as it came: "mx.example.org #550 ... ##".
    const [r] = parseMailSync(exchange('mx.example.org #550 Sender address rejected: User unknown ##')).recipients;
    expect([r?.reason, r?.diagnostic]).toEqual(['rejected', '550 Sender address rejected: User unknown']);
    const [d] = parseMailSync(exchange('mx.example.org #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##')).recipients;
    expect(d?.reason).toBe('userunknown');
  });

  it('reads "Relaying is disabled" as a relay refusal, not by its 5.7.1', () => {
    // Submission servers and relays refusing an unauthenticated client: the general relay shape with a state word.
    expect(read('550 5.7.1 Relaying is disabled for unauthenticated clients')[0]).toBe('norelaying');
  });

  it('reads a refusal said "from this IP" / "from your IP" as the connecting host blocked', () => {
    // Exchange Online's documented 5.7.708; abuse blocks naming the client's address after the refusal.
    expect(read('550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP')[0]).toBe('blocked');
    expect(read('554 5.7.1 Service suspended due to abuse from your IP 192.0.2.1')[0]).toBe('blocked');
  });

  it("reads X.5.2 as a broad protocol class: a text that names the cause decides (Postfix's HELO checks)", () => {
    // Postfix's reject_non_fqdn_helo_hostname / reject_invalid_helo_hostname answer "504 5.5.2 <name>: Helo command
    // rejected: ..." to RCPT TO (smtpd_delay_reject): the client's HELO name is refused, `blocked`.
    expect(read('504 5.5.2 <mta>: Helo command rejected: need fully-qualified hostname')[0]).toBe('blocked');
    // A sender's argument refused with X.5.2 stays the syntax error, as does a bare one.
    expect(read('504 5.5.2 <a>: Sender address rejected: need fully-qualified address')[0]).toBe('syntaxerror');
    expect(read('501 5.5.2 Syntax error in parameters or arguments')[0]).toBe('syntaxerror');
  });
});
