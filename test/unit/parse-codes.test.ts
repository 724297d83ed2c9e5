// The status-code table against the RFC texts (RFC 3463 and the codes registered after it),
// and the reply codes of RFC 5321: what each code says on its own, and which codes say nothing.
import { describe, expect, it } from 'vitest';
import { isVagueStatus, quotedAnswer, reasonOfReply, reasonOfStatus } from '../../src/parse/codes.js';
import { parseMail } from '../../src/parse/index.js';
import { buildDsn } from '../helpers/dsn.js';
import { parseDeliveryStatus } from '../../src/parse/dsn.js';
import { classify } from '../../src/parse/classify.js';

describe('enhanced status codes', () => {
  const cases: Array<[string, string | null]> = [
    ['5.1.1', 'userunknown'], // Bad destination mailbox address
    ['5.1.2', 'hostunknown'], // Bad destination system address
    ['5.1.4', 'filtered'], // Destination mailbox address ambiguous: no dead address
    ['5.1.5', null], // Destination address valid: says no failure
    ['5.1.6', 'hasmoved'],
    ['5.1.8', 'rejected'], // Bad sender's system address
    ['5.1.10', 'notaccept'], // Recipient address has null MX (RFC 7505)
    ['4.1.10', null], // ... permanent only
    ['5.2.1', 'suspend'],
    ['5.2.2', 'mailboxfull'],
    ['5.2.3', 'exceedlimit'], // Message length exceeds administrative limit
    ['5.3.1', 'systemfull'],
    ['5.3.2', 'notaccept'], // System not accepting network messages
    ['4.3.2', 'systemerror'], // ... for now: shutdown, load, maintenance (RFC 3463)
    ['5.3.4', 'mesgtoobig'], // Message too big for system
    ['4.4.1', 'networkerror'], // No answer from host
    ['5.4.4', 'hostunknown'], // Unable to route
    ['4.4.4', 'networkerror'], // ... a lookup that failed for now
    ['4.4.5', 'systemfull'], // Mail system congestion
    ['4.4.7', 'expired'], // Delivery time expired
    ['5.5.3', 'exceedlimit'], // Too many recipients
    ['4.7.1', 'blocked'], // Not authorized for now: a host-level refusal (greylisting, rate, reputation)
    ['5.7.1', 'securityerror'], // ... for good: any refusal
    ['5.5.6', 'securityerror'], // Authentication exchange line is too long (RFC 4954)
    ['5.6.7', 'contenterror'], // Non-ASCII addresses not permitted (RFC 6531)
    ['5.7.13', 'suspend'], // User account disabled
    ['5.7.17', 'hasmoved'], // Mailbox owner has changed (RFC 7293)
    ['5.7.23', 'authfailure'], // SPF validation failed (RFC 7372)
    ['5.7.25', 'requireptr'], // Reverse DNS validation failed
    ['5.7.27', 'rejected'], // Sender address has null MX (RFC 7505): the sender's side
    ['5.7.28', 'speeding'], // Mail flood detected
  ];
  for (const [code, reason] of cases) {
    it(`${code} reads as ${reason ?? 'nothing'}`, () => expect(reasonOfStatus(code)).toBe(reason));
  }

  it('calls the "other or undefined" details and X.7.1 vague', () => {
    for (const c of ['4.0.0', '5.0.0', '4.4.0', '5.1.0', '5.2.0', '4.3.0', '5.5.0', '5.6.0', '5.7.0', '5.7.1', '4.7.1', '4.3.2', '5.4.1'])
      expect(isVagueStatus(c), c).toBe(true);
    for (const c of ['5.1.1', '5.2.2', '4.4.7', '5.7.26']) expect(isVagueStatus(c), c).toBe(false);
  });
});

describe('reply codes', () => {
  it('reads 500-504 as syntax errors (RFC 5321 4.2.3)', () => {
    for (const c of ['500', '501', '502', '503', '504']) expect(reasonOfReply(c), c).toBe('syntaxerror');
  });
  it('reads 452 as the system out of storage, 552 as the mailbox over its allocation', () => {
    expect(reasonOfReply('452')).toBe('systemfull');
    expect(reasonOfReply('552')).toBe('mailboxfull');
  });
  it('never makes a dead address of a bare reply code', () => {
    for (const c of ['550', '553', '554']) expect(reasonOfReply(c), c).toBeNull();
  });
  it('uses the reply code only when nothing else is known', () => {
    expect(classify({ action: 'failed', status: '', replyCode: '501', diagnostic: '501 what?' }).reason).toBe('syntaxerror');
    expect(classify({ action: 'failed', status: '', replyCode: '501', diagnostic: '501 mailbox full' }).reason).toBe('mailboxfull');
  });
});

describe('X-Unix diagnostics', () => {
  it("reads a local mailer's exit status as mailererror", () => {
    const r = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Unix; 255\n',
    ).recipients[0]!;
    expect(r.program).toBe(true);
    expect(
      classify({ action: 'failed', status: r.status, replyCode: r.replyCode, diagnostic: r.diagnostic, program: r.program }).reason,
    ).toBe('mailererror');
  });
});

describe("the remote's answer quoted inside a reporting MTA's own words", () => {
  it('reads the last reply in angle brackets, else a status in quotes, and nothing else', () => {
    expect(quotedAnswer('4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>')).toEqual({
      replyCode: '421',
      status: '4.4.2',
    });
    expect(quotedAnswer("554 5.0.0 Message rejected: '5.2.2 <taro@remote.example>: Mailbox is full'")).toEqual({
      replyCode: '',
      status: '5.2.2',
    });
    expect(quotedAnswer('550 5.1.1 <sora@remote.example>... User Unknown')).toBeNull();
  });

  it("beats the report's own Status of the same class, whatever MTA wrote the report", async () => {
    const raw = buildDsn({
      recipients: [{ address: 'taro@remote.example', status: '5.0.0', diagnostic: "554 5.0.0 Message rejected: '5.2.2 Mailbox is full'" }],
    });
    const got = await parseMail(Buffer.from(raw));
    expect(got.recipients[0]).toMatchObject({ status: '5.2.2', replyCode: '554', reason: 'mailboxfull' });
  });
});
