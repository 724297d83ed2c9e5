// Precision of hard verdicts (docs/parser-generalisation.md, "Hard verdicts: dead-address words with another
// cause"): a hard type quarantines the address for good, so it is given only where the text says the address or
// its domain does not exist. Each class below writes dead-address words ("does not accept mail", "user unknown",
// "disabled") for another cause; each is read through a whole Postfix DSN, so the type is checked as well.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { postfixDsn as postfix } from '../helpers/ndr.js';

const read = (reply: string, step?: string): [string | undefined, string | undefined] => {
  const [r] = parseMailSync(postfix(reply, step)).recipients;
  return [r?.reason, r?.type];
};

describe('dead-address words with another cause are not hard', () => {
  it('reads "does not accept mail from <a host, a domain>" as a refusal of the sender, not a null MX', () => {
    // RFC 7504 / 7505's "does not accept mail" is said of the recipient's domain; servers' sender and
    // connecting-host refusals use the same words followed by "from".
    expect(read('554 5.7.1 This server does not accept mail from 192.0.2.1')).toEqual(['blocked', 'ignored']);
    expect(read('550 Our domain does not accept mail from your domain')).toEqual(['rejected', 'soft']);
    expect(read('550 This server does not accept mail for example.org')[1]).not.toBe('hard');
    // The domain's own statement stays a domain that takes no mail.
    expect(read('556 5.1.10 <kim@example.org>: Recipient address rejected: Domain example.org does not accept mail (nullMX)')).toEqual([
      'notaccept',
      'hard',
    ]);
    expect(read('550 Domain accepts no mail')).toEqual(['notaccept', 'hard']);
  });

  it('reads Exim\'s failed sender callout, which quotes the callout\'s "user unknown" about the sender, as rejected', () => {
    // Exim's spec (verify = sender/callout): "550-Verification failed for <a@b>", the callout's own reply,
    // then "550 Sender verify failed"; cPanel's Exim writes "550-No Such User Here" in the middle.
    const quoted =
      '550-Verification failed for <sender@example.com> 550-Called: 192.0.2.9 550-Sent: RCPT TO:<sender@example.com> ' +
      '550-Response: 550 5.1.1 <sender@example.com>: Recipient address rejected: User unknown in virtual mailbox table ' +
      '550 Sender verify failed';
    expect(read(quoted)).toEqual(['rejected', 'soft']);
    expect(read('550-Verification failed for <sender@example.com> 550-No Such User Here 550 Sender verify failed')).toEqual([
      'rejected',
      'soft',
    ]);
    // A gateway's "Address verification failed for <the recipient>" (Sophos UTM) is not Exim's sender check.
    expect(read('550 Address verification failed for <kim@example.org>')[0]).not.toBe('rejected');
  });

  it('keeps an account disabled "for a while" soft, one disabled for good hard (docs/reasons.md)', () => {
    // Providers' and hosting panels' temporary locks (an account under review or over a sending limit).
    expect(read('550 5.2.1 <kim@example.org>: mailbox temporarily disabled')).toEqual(['suspend', 'soft']);
    expect(read('550 5.2.1 <kim@example.org>: This account has been temporarily suspended')).toEqual(['suspend', 'soft']);
    expect(read('550 5.2.1 Mailbox temporarily inactive, try again later')).toEqual(['suspend', 'soft']);
    // Gmail's disabled account and a bare permanent X.2.1 stay hard.
    expect(read('550-5.2.1 The email account that you tried to reach is disabled.')).toEqual(['suspend', 'hard']);
    expect(read('550 5.2.1 <kim@example.org>: account suspended')).toEqual(['suspend', 'hard']);
  });

  it("reads greylisting behind a policy server's default 5.1.1 as the deferral it names", () => {
    // Postgrey's text; a site that set its policy server's reject code to 550 5.1.1 keeps the words.
    expect(read('550 5.1.1 <kim@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/help.html')).toEqual([
      'expired',
      'soft',
    ]);
    // A time that ran out on a dead address stays the dead address.
    expect(read('550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown in local recipient table')).toEqual([
      'userunknown',
      'hard',
    ]);
  });
  it('reads a 551 by its words, not by its code alone', () => {
    // RFC 5321's 551 "user not local; please try <forward-path>" stays hasmoved; a 551 for a refusal is not.
    expect(read('551 5.1.6 <kim@example.org>: User not local; please try <kim@example.net>')).toEqual(['hasmoved', 'hard']);
    expect(read('551 User not local; please try <kim@example.net>')).toEqual(['hasmoved', 'hard']);
    expect(read('551 Sorry, mail to this address is not permitted')[1]).not.toBe('hard');
    expect(read('551 5.7.1 <kim@example.org>... Relaying denied. Proper authentication required.')).toEqual(['norelaying', 'ignored']);
  });

  it("reads dead-address words said of the sender's address or domain as the sender refused", () => {
    // The sender side's general shape, the mirror of the recipient side's (phrases.ts, `rejected`).
    expect(read("550 5.7.1 Message rejected: the sender's address does not exist")).toEqual(['rejected', 'soft']);
    expect(read('550 Your envelope sender mailbox was not found')).toEqual(['rejected', 'soft']);
    expect(read('553 sorry, invalid sender address specified (#5.7.1 - chkuser)')).toEqual(['rejected', 'soft']);
    // The recipient's own stays hard.
    expect(read('550 5.1.1 <kim@example.org>: Recipient address does not exist')).toEqual(['userunknown', 'hard']);
  });
  it('reads a domain that takes no mail, said at MAIL FROM or of the sender, as the sender refused', () => {
    // RFC 7505 4.2 (X.7.27 "Sender address has null MX"); Yahoo's sender-domain check at MAIL FROM.
    expect(read('550 5.7.27 <sender@example.com>: Sender address has null MX')).toEqual(['rejected', 'soft']);
    expect(read('550 Sender address has null MX')).toEqual(['rejected', 'soft']);
    expect(read('553 No MX record found for domain=example.com', 'MAIL FROM')).toEqual(['rejected', 'soft']);
    expect(read('550 Domain example.com does not accept mail', 'MAIL FROM')).toEqual(['rejected', 'soft']);
    // The recipient's domain, answered to RCPT TO, stays.
    expect(read('550 Domain example.org does not accept mail')).toEqual(['notaccept', 'hard']);
  });
  it('reads "is disabled", "is inactive" and "has moved" as a closed or moved mailbox only when said of one', () => {
    // Said of a mechanism or a site, the words close no account.
    expect(read('550 5.7.1 Relaying is disabled for unauthenticated clients')[1]).not.toBe('hard');
    expect(read('550 5.7.0 Plain-text authentication is disabled')[1]).not.toBe('hard');
    expect(read('550 5.7.1 This mail server has moved, please update your MX records')[1]).not.toBe('hard');
    expect(read('550 The mail service for this domain has moved to another provider')[1]).not.toBe('hard');
    // Gmail's, Yahoo's and RFC 5321's own wordings stay.
    expect(read('550-5.2.1 The email account that you tried to reach is disabled.')).toEqual(['suspend', 'hard']);
    expect(read('554 5.2.1 This mailbox is disabled (554.30).')).toEqual(['suspend', 'hard']);
    expect(read('550 5.2.1 This account is inactive')).toEqual(['suspend', 'hard']);
    expect(read('550 5.1.6 Recipient has moved to kim@example.net')).toEqual(['hasmoved', 'hard']);
  });
  it("reads a closed account's words said of the sender's account or a service as no closed mailbox", () => {
    // Microsoft's documented 5.7.501-503, providers' words to the SMTP client.
    expect(read('550 5.7.1 Your sending account has been suspended')).toEqual(['rejected', 'soft']);
    expect(read('550 5.7.1 Sender account is locked')).toEqual(['rejected', 'soft']);
    expect(read('550 5.7.1 Sender account deactivated')).toEqual(['rejected', 'soft']);
    expect(read('554 5.7.1 Service suspended due to abuse from your IP 192.0.2.1')[1]).not.toBe('hard');
    // The recipient's own account stays closed.
    expect(read('550 5.2.1 <kim@example.org>: Recipient account suspended')).toEqual(['suspend', 'hard']);
    expect(read('550 Mailbox not active')).toEqual(['suspend', 'hard']);
    expect(read('550 5.2.1 Mailbox is locked')).toEqual(['suspend', 'hard']);
  });
});
