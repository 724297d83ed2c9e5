// Reasons of replies that were read otherwise (docs/parser-generalisation.md, "Hard verdicts: dead-address words
// with another cause", its last subsection on reasons). Each class names the servers that write it.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { eximNotice, postfixDsn as postfix } from '../helpers/ndr.js';

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

  it("reads Microsoft's 5.7.501-503 as the sender's own account banned, in the short form too", () => {
    // Exchange Online's documented "Access denied, spam abuse detected" (5.7.501): the sending account, not the content.
    expect(read('550 5.7.501 Access denied, spam abuse detected')[0]).toBe('rejected');
    expect(read('550 5.7.502 Access denied, banned sender. The sending account has been banned due to detected spam activity.')[0]).toBe(
      'rejected',
    );
  });

  it('reads a phishing verdict on the content as a content policy, not by its 5.7.1', () => {
    // Microsoft's (EOP / Defender), Proofpoint's and Google's content filters.
    expect(read('550 5.7.1 Message rejected: contains phishing links', 'DATA')[0]).toBe('policyviolation');
    expect(read('554 5.7.1 Message identified as phishing', 'end of DATA')[0]).toBe('policyviolation');
  });

  it('reads Exchange\'s 5.7.60 "no permissions to send as this sender" as the sender refused, at any step', () => {
    // Exchange Server and Exchange Online: the sender's own organisation gave the client no Send As right.
    expect(read('550 5.7.60 SMTP; Client does not have permissions to send as this sender', 'DATA')[0]).toBe('rejected');
    expect(read('550 5.7.60 SMTP; Client does not have permissions to send as this sender', 'MAIL FROM')[0]).toBe('rejected');
  });

  it('reads AOL\'s "521 5.2.1 ... will not accept delivery of this message" as no closed mailbox', () => {
    // AOL's (now Yahoo's) refusal of the message after DATA: its X.2.1 is a default, not a hard `suspend`.
    expect(read('521 5.2.1 : AOL will not accept delivery of this message.', 'end of DATA')).toEqual(['filtered', 'soft']);
    // A 5.2.1 that says the mailbox is disabled stays the hard suspend.
    expect(read('550 5.2.1 Mailbox disabled, not accepting messages')).toEqual(['suspend', 'hard']);
  });

  it("reads Exim's unfinished recipient callout alike in an Exim notice and in a Postfix DSN", () => {
    // Exim's verify.c: no host reachable or a reply other than 2xx / 5xx → DEFER "Could not complete recipient verify
    // callout", the same unfinished check as Postfix's "Address verification in progress" (`expired`).
    expect(read('451 Could not complete recipient verify callout')[0]).toBe('expired');
    const notice = eximNotice([
      '  kim@example.org',
      '    host mx.example.org [192.0.2.1]',
      '    SMTP error from remote mail server after RCPT TO:<kim@example.org>:',
      '    451 Could not complete recipient verify callout',
    ]);
    expect(parseMailSync(notice).recipients[0]?.reason).toBe('expired');
  });
});
