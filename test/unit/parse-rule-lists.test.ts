// Wordings that the rule lists of other public bounce handlers document (BounceMailHandler's body and DSN
// rules, PHP-Bounce-Handler's response table, the bounce_email gem's patterns, flufl.bounce's detectors,
// Mail-DeliveryStatus-BounceParser's reasons, CiviCRM's bounce patterns), each written here in a sentence
// of our own of the same class and read with our vocabulary's meaning. Where their category differs from
// RFC 3463 or our reasons, ours stands (docs/parser-generalisation.md, "Rule lists of other bounce
// handlers: their wordings").
import { describe, expect, it } from 'vitest';
import { classify, type SmtpCommand } from '../../src/parse/classify.js';
import type { Reason } from '../../src/domain/reasons.js';
import { ndr, read } from '../helpers/ndr.js';

/** [command, reply as the server writes it, our reason]: no status, so the words decide. */
type Row = readonly [SmtpCommand, string, Reason];

const ROWS: readonly Row[] = [
  // Recipients unknown in small servers' and ISPs' own words.
  ['RCPT', '450 mailbox path no exist', 'userunknown'],
  ['RCPT', "550 sorry, can't find the user's mailbox (#5.1.1)", 'userunknown'],
  ['RCPT', '550 5.1.1 <bob@example.org>... address lookup in the domain map failed', 'userunknown'],
  ['RCPT', '550 Command RCPT User <bob@example.org> not OK', 'userunknown'],
  ['RCPT', '550-The recipient cannot be verified. Please check the address and try again.', 'userunknown'],
  ['RCPT', '553 <bob@example.org>... Mailbox no longer exists', 'userunknown'],
  ['RCPT', "550 Sorry, bob@example.org doesn't have an account on this system", 'userunknown'],
  ['RCPT', '550 Recipient not a member of the domain: <bob@example.org>', 'userunknown'],
  ['RCPT', '550 Error: ADDRESS_NOT_FOUND', 'userunknown'],
  ['RCPT', '550 bob@example.org is not a known user on this host', 'userunknown'],
  // ... while a list's members-only rule stays a policy.
  ['RCPT', '550 Sender is not a member of this list', 'policyviolation'],
  // Accounts never switched on or switched off.
  ['RCPT', '550 Mailbox is not activated yet', 'suspend'],
  ['RCPT', '550 mail receiving is disabled for this account', 'suspend'],
  // Full mailboxes, and a quota not to be read as a message size.
  ['RCPT', '552 user storage is full', 'mailboxfull'],
  ['RCPT', '552 This recipient has exceeded the allowed mailbox quota, resend later', 'mailboxfull'],
  ['DATA', '552 Message exceeds the allowed size for this server', 'mesgtoobig'],
  ['DATA', '552 5.2.2 Your message is larger than the current system limit', 'mesgtoobig'],
  // Relay refusals of older servers.
  ['RCPT', '550 Unauthorized relay attempt rejected', 'norelaying'],
  ['RCPT', '550 Local user only', 'norelaying'],
  // The connecting host refused for where it connects from.
  ['CONN', '554 Your host is blocked, see http://antispam.example.net/denyip.php?IP=192.0.2.9', 'blocked'],
  ['CONN', "554 Client host bypassing the service provider's mail relay", 'blocked'],
  ['CONN', '550 We do not allow access from your location', 'blocked'],
  // DomainKeys, DKIM's forerunner.
  ['DATA', '550 Message failed DomainKeys verification', 'authfailure'],
  // Challenge-response and the addressee's own refusal.
  ['RCPT', '550 The addressee requires that you verify your address first', 'filtered'],
  ['RCPT', '553 User refused to receive mail from you', 'filtered'],
  // The message's form.
  ['DATA', '554 MIME error: part did not end with the expected boundary', 'contenterror'],
  ['DATA', '554 Invalid data in message body', 'contenterror'],
  ['DATA', '550 Mail in non-Latin character sets is not accepted', 'contenterror'],
  // NetEase's anti-spam system.
  ['DATA', '553 Mail data refused by AISP, rule [1234]', 'spamdetected'],
  // The receiving system's own trouble.
  ['RCPT', '421 The system load is too high, please come back later', 'systemerror'],
  ['RCPT', '451 System busy, try again later', 'systemerror'],
  ['RCPT', '451 Resources temporarily unavailable, please retry', 'systemerror'],
  ['RCPT', '451 4.3.0 I/O error while writing the mailbox', 'systemerror'],
  ['RCPT', '451 Unable to open mailbox: input/output error', 'systemerror'],
  ['RCPT', '451 can not open new mail file errno=28', 'systemerror'],
  // The connection never worked or broke.
  ['', 'Could not initiate SMTP conversation with the receiving host', 'networkerror'],
  ['', 'The connection was dropped by remote host mx.example.org', 'networkerror'],
  ['', 'Unable to connect to mx.example.org', 'networkerror'],
  ['', 'SMTP module reports: connection with mx.example.org is broken', 'networkerror'],
  // Mail-DeliveryStatus-BounceParser's generic user words.
  ['RCPT', '550 Sorry, not a valid customer of ours', 'userunknown'],
  ['RCPT', '550 <bob@example.org> is invalid here', 'userunknown'],
  ['RCPT', '550 That address is not known here', 'userunknown'],
  ['RCPT', '550 E-mail address not found', 'userunknown'],
  ['RCPT', '550 Recipient not recognised', 'userunknown'],
  ['RCPT', '550 no user here by that name', 'userunknown'],
  ['RCPT', '550 Recipients not allowed', 'userunknown'],
  ['RCPT', '550 Lookup failed: No data record of requested type', 'hostunknown'],
  // A hedge among causes names no blocklist: the domain part is what may not exist.
  ['RCPT', '550 The account or domain may not exist, or it may be blacklisted', 'hostunknown'],
  // Policies of the recipient's domain, in Exchange's and Italian providers' words.
  ['DATA', "550 5.7.1 The administrator of the recipient's domain has prohibited the mail that you sent", 'policyviolation'],
  ['DATA', '550 Il messaggio non rispetta le norme definite dal dominio', 'policyviolation'],
  ['DATA', '550 Queste caselle possono ricevere posta solo da mittenti interni', 'policyviolation'],
  ['RCPT', '553 The mailbox of bob@example.org is restricted', 'filtered'],
  ['DATA', '550 Content reject, see our policy', 'spamdetected'],
  ['DATA', '550 Messages without Subject: header are not accepted', 'contenterror'],
  // CiviCRM's bounce pattern classes.
  ['RCPT', '550 No mail servers for example.org', 'hostunknown'],
  ['RCPT', '550 No DNS entry for example.org', 'hostunknown'],
  ['', 'Name lookup failure: example.org', 'networkerror'],
  ['', 'An error involving remote host mx.example.org occurred', 'networkerror'],
  ['', 'Excessive recursion while forwarding', 'networkerror'],
  ['RCPT', '550 not local host example.org', 'norelaying'],
  ['RCPT', '550 Relayed mail to example.org is not allowed', 'norelaying'],
  ['CONN', '550 Your IP address must resolve', 'requireptr'],
  ['DATA', '550 Hostile content detected', 'spamdetected'],
  ['DATA', '550 Your mail looks suspicious', 'spamdetected'],
  ['DATA', '550 Your message does not conform to the mail policy of this site', 'policyviolation'],
  ['RCPT', '550 This person no longer works for the company', 'hasmoved'],
  ['RCPT', '550 Her e-mail address has changed', 'hasmoved'],
  ['RCPT', '550 Account locked', 'suspend'],
  ['RCPT', '550 Recipient does not specify a valid Notes mail file', 'userunknown'],
  ['RCPT', '550 Missing or malformed local-part', 'userunknown'],
  ['RCPT', '553 Requested action not taken: mailbox name not allowed', 'userunknown'],
  ['RCPT', '550 Unregistered e-mail address', 'userunknown'],
  ['RCPT', '550 bob is not known at this site', 'userunknown'],
  ['DATA', '451 Nonstandard SMTP line terminator', 'syntaxerror'],
  // A program mailer that could not write its output (Sendmail's EX_CANTCREAT).
  ['', '"|/usr/bin/filter" (reason: Can\'t create output)', 'mailererror'],
];

describe('the rule lists of other bounce handlers, in our own sentences', () => {
  for (const [command, text, want] of ROWS) {
    it(`${want}: ${text}`, () => {
      const replyCode = /^([245]\d\d)[ -]/.exec(text)?.[1] ?? '';
      const action = replyCode.startsWith('4') ? 'delayed' : 'failed';
      expect(classify({ action, status: '', replyCode, diagnostic: text, command }).reason).toBe(want);
    });
  }

  it('qmail with chkuser: the rcpthosts refusal is a relay refusal whatever its #5.5.3', () => {
    const text = "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.5.3 - chkuser)";
    expect(classify({ action: 'failed', status: '5.5.3', replyCode: '553', diagnostic: text, command: 'RCPT' }).reason).toBe('norelaying');
  });

  it("Postfix local(8)'s EFBIG is the mailbox file over its limit, not the message", () => {
    const text = 'cannot update mailbox /var/mail/bob for user bob. error writing message: File too large';
    expect(classify({ action: 'failed', status: '', replyCode: '', diagnostic: text }).reason).toBe('mailboxfull');
  });
});

const RETURNED = ['From: news@example.net', 'To: bob@example.org', 'Subject: hello', 'Message-ID: <orig-9@example.net>', '', 'Hi.'].join(
  '\n',
);

describe('older notices the rule lists document: the recipient and its reason', () => {
  // The address alone on its line says no SMTP step (qmail's layout and its clones write it so for a local
  // delivery's refusal too): a dead-address wording with no step stays a filter's, as everywhere else.
  it('an address on its own line, its verdict below: found, the verdict with no step a filter', () => {
    const got = read(ndr({ subject: 'Delivery failure', body: 'bob@example.org\nsorry, no such address here\n', returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'filtered']]);
  });

  it('the same with a webmail host\'s "<br>" after the address', () => {
    const got = read(ndr({ subject: 'Returned mail', body: 'bob@example.org<br>\n553 user is inactive<br>\n', returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'suspend']]);
  });

  it("Exim's router on its own domain: unknown local-part is the directory's verdict", () => {
    const body = [
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  bob@example.org',
      '    unknown local-part "bob" in domain "example.org"',
      '',
    ].join('\n');
    const got = read(ndr({ subject: 'Mail delivery failed: returning message to sender', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'userunknown']]);
  });

  it("IceWarp / Merak's local module: mail receiving disabled", () => {
    const body = "Failed to deliver to '<bob@example.org>'\nLOCAL module(account bob) reports:\n mail receiving disabled\n";
    const got = read(ndr({ subject: 'Undeliverable mail', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'suspend']]);
  });

  it("Sendmail's program mailer that could not create its output", () => {
    const body = [
      'Your message could not be delivered to the following address:',
      '',
      '    "|/usr/local/bin/filter -u bob"',
      "      (reason: Can't create output)",
      '      (expanded from: <bob@example.org>)',
      '',
    ].join('\n');
    const got = read(ndr({ subject: "Returned mail: Can't create output", body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'mailererror']]);
  });

  it("Exchange 2000/2003's text notice: the listed address, not the echoed To, carries the reason", () => {
    const body = [
      'Your message',
      '',
      '  To:      bob@example.org',
      '  Subject: hello',
      '  Sent:    Mon, 2 Mar 2026 10:00:00 +0000',
      '',
      'did not reach the following recipient(s):',
      '',
      'bob@example.org on Mon, 2 Mar 2026 10:00:05 +0000',
      '    The e-mail account does not exist at the organization this message was sent to.',
      '',
    ].join('\n');
    const got = read(ndr({ subject: 'Undeliverable: hello', body, returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'userunknown']]);
  });

  // No status and no SMTP step: a dead-address wording is a filter's as well as a lookup's (the reference
  // parser's convention; docs/parser-generalisation.md, "Cross-check with Sisimai 4.25").
  it('"a@b - no such user here": the address named on its own line, no step: filtered', () => {
    const got = read(ndr({ subject: 'Returned mail', body: 'bob@example.org - no such user here.\n', returned: RETURNED }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'filtered']]);
  });

  it('a notice that introduces itself as "the email server at HOST" names no blocked host', () => {
    const body =
      'Hi. This is the email server at mx.example.org.\nI could not deliver your message to bob@example.org, sorry: no such user.\n';
    const got = read(ndr({ subject: 'Mail delivery failed', body, returned: RETURNED }));
    // Not `blocked`; with no status and no step, the unknown user reads as a filter's answer.
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['bob@example.org', 'filtered']]);
  });
});
