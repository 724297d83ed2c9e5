// Every phrase in the lists carries a real-looking example: the classifier must
// give that example its list's reason (so the order of the lists stays right).
import { describe, expect, it } from 'vitest';
import { COMPOUND_PHRASES, OVERRIDE_PHRASES, SENDER_SIDE_PHRASES } from '../../src/parse/phrases.js';
import { RECIPIENT_PHRASES, WEAK_PHRASES } from '../../src/parse/phrases-recipient.js';
import { classify } from '../../src/parse/classify.js';
import { SENDER_SIDE, qualify } from '../../src/domain/reasons.js';

const lists = [...OVERRIDE_PHRASES, ...COMPOUND_PHRASES, ...SENDER_SIDE_PHRASES, ...RECIPIENT_PHRASES, ...WEAK_PHRASES];

describe('phrase lists', () => {
  for (const list of lists) {
    for (const [pattern, example] of list.phrases) {
      it(`"${example}" reads as ${list.reason}`, () => {
        const p = typeof pattern === 'string' ? pattern : pattern.source;
        expect(example.toLowerCase().length, p).toBeGreaterThan(0);
        // As the answer to RCPT TO: what the phrase says of the recipient, with no other clue. A delay,
        // so that the corrections classify() makes to final failures (retries that ran out) stay aside.
        const v = classify({ action: 'delayed', status: '', replyCode: '', diagnostic: example, command: 'RCPT' });
        expect(v.reason).toBe(list.reason);
      });
    }
  }

  it('never lets a sender-side failure quarantine the recipient', () => {
    for (const list of SENDER_SIDE_PHRASES) {
      expect(SENDER_SIDE.has(list.reason) || list.reason === 'badreputation').toBe(true);
      expect(qualify(list.reason).type).toBe('ignored');
    }
  });

  it('reads a short word of the vocabulary only as a word, not inside an address or a host name', () => {
    const rcpt = (diagnostic: string): string =>
      classify({ action: 'failed', status: '5.1.1', replyCode: '550', diagnostic, command: 'RCPT' }).reason;
    expect(rcpt('550 5.1.1 <taro@city.ube.yamaguchi.jp>: Recipient address rejected: User unknown in local recipient table')).toBe(
      'userunknown',
    );
    expect(rcpt('550 5.1.1 ube-taro@example.jp... User unknown')).toBe('userunknown');
    expect(
      classify({ action: 'failed', status: '5.7.1', replyCode: '554', diagnostic: '554 5.7.1 Message identified as UCE' }).reason,
    ).toBe('spamdetected');
  });

  it('reads no cause into the words of an address the reply names', () => {
    const rcpt = (diagnostic: string, status = '5.1.1'): string =>
      classify({ action: 'failed', status, replyCode: diagnostic.slice(0, 3), diagnostic, command: 'RCPT' }).reason;
    expect(rcpt('550 5.1.1 <spam@example.com>... User unknown')).toBe('userunknown');
    expect(rcpt('550 5.1.1 <info@antispam-example.com>: Recipient address rejected: User unknown in local recipient table')).toBe(
      'userunknown',
    );
    expect(rcpt('550 5.1.1 <dmarc@example.com>: Recipient address rejected: User unknown')).toBe('userunknown');
    expect(rcpt('550 5.1.1 <virus@example.com>: User unknown')).toBe('userunknown');
    expect(rcpt('552 5.2.2 <spf@example.com>: Mailbox full', '5.2.2')).toBe('mailboxfull');
    // The address's shape stays for the wordings built on it, and a URL's query is no address.
    expect(rcpt('550 <a@example.org> not found', '')).toBe('userunknown');
    expect(rcpt('550 5.7.1 Please see http://spf.pobox.com/why.html?sender=a@example.org', '5.7.1')).toBe('authfailure');
  });

  // A network, system or security status names only the class; the words beside it name the cause.
  // Fails without BROAD_CLASS in classify.ts.
  it('lets a phrase decide beside a status that names only a broad class', () => {
    const header = classify({
      action: 'failed',
      status: '5.7.9',
      replyCode: '554',
      diagnostic: '554 5.7.9 Message not accepted for policy reasons',
    });
    expect(header.reason).toBe('policyviolation');
    const loop = classify({ action: 'failed', status: '5.4.6', replyCode: '', diagnostic: 'mail for example.org loops back to myself' });
    expect(loop.reason).toBe('systemerror');
    const full = classify({
      action: 'failed',
      status: '4.4.7',
      replyCode: '452',
      diagnostic: '452 4.2.2 Mailbox is full: retry timeout exceeded',
    });
    expect(full.reason).toBe('mailboxfull');
    // ... but never a dead address on the words alone.
    const unknown = classify({
      action: 'failed',
      status: '5.4.6',
      replyCode: '550',
      diagnostic: '550 5.4.6 user unknown',
      command: 'RCPT',
    });
    expect(unknown.reason).toBe('networkerror');
  });

  it('reads a blocklisted IP under a 5.1.1 as blocked, not as a dead address', () => {
    const v = classify({
      action: 'failed',
      status: '5.1.1',
      replyCode: '550',
      diagnostic: '550 5.1.1 Client host [192.0.2.1] blocked using zen.spamhaus.org',
    });
    expect(v.reason).toBe('blocked');
  });

  it('marks a reason found by no phrase and no code as not sure', () => {
    const v = classify({ action: 'failed', status: '', replyCode: '', diagnostic: 'something odd happened' });
    expect(v).toEqual({ reason: 'undefined', sure: false });
  });

  it('reads a user unknown with no sign of the refused command as filtered, not as a dead address', () => {
    const v = classify({ action: 'failed', status: '', replyCode: '550', diagnostic: '550 user unknown' });
    expect(v.reason).toBe('filtered');
  });

  it('keeps a local directory lookup failure as user unknown whatever the command', () => {
    const v = classify({ action: 'failed', status: '', replyCode: '', diagnostic: 'User a (a@example.jp) not listed in Domino Directory' });
    expect(v.reason).toBe('userunknown');
  });

  it('reads a user unknown answered to DATA as filtered', () => {
    const v = classify({
      action: 'failed',
      status: '5.0.0',
      replyCode: '550',
      diagnostic: '550 Unknown user a@example.jp',
      command: 'DATA',
    });
    expect(v.reason).toBe('filtered');
  });

  it('lets a precise status beat a broad phrase', () => {
    // 5.2.2 is "mailbox full" (RFC 3463); "rejected" and "policy" are the words around it.
    const v = classify({
      action: 'failed',
      status: '5.2.2',
      replyCode: '552',
      diagnostic: '552 5.2.2 Message rejected by local policy: mailbox over its limit',
      command: 'RCPT',
    });
    expect(v.reason).toBe('mailboxfull');
  });

  it('lets a phrase beat a vague status', () => {
    const v = classify({ action: 'failed', status: '5.7.1', replyCode: '550', diagnostic: '550 5.7.1 Relaying denied', command: 'RCPT' });
    expect(v.reason).toBe('norelaying');
  });

  it('reads a dead-address code beside a text naming another cause by the text', () => {
    const v = classify({
      action: 'failed',
      status: '5.1.1',
      replyCode: '550',
      diagnostic: '550 5.1.1 <a@example.org>: Relay access denied',
      command: 'RCPT',
    });
    expect(v.reason).toBe('norelaying');
  });

  it("reads an SPF failure under a precise code as the sender's problem", () => {
    const v = classify({
      action: 'failed',
      status: '5.2.1',
      replyCode: '550',
      diagnostic: '550 5.2.1 SPF check failed for 192.0.2.1',
      command: 'RCPT',
    });
    expect(v.reason).toBe('authfailure');
  });

  it('reads a delay with no stated cause, or a retry notice over a failing connection, as the delay class expired', () => {
    expect(classify({ action: 'delayed', status: '4.0.0', replyCode: '', diagnostic: '' }).reason).toBe('expired');
    expect(
      classify({
        action: 'delayed',
        status: '',
        replyCode: '421',
        diagnostic: '421 Host not reachable. Message will be retried for 4 more day(s)',
      }).reason,
    ).toBe('expired');
    // A named cause stays: a rate limit the sender must slow down for, a full mailbox.
    expect(
      classify({
        action: 'delayed',
        status: '4.7.0',
        replyCode: '450',
        diagnostic: '450 4.7.0 rate limit exceeded, message will be retried',
      }).reason,
    ).not.toBe('expired');
    expect(
      classify({ action: 'delayed', status: '4.2.2', replyCode: '452', diagnostic: '452 4.2.2 Mailbox full, will keep trying' }).reason,
    ).toBe('mailboxfull');
    expect(classify({ action: 'delayed', status: '4.4.7', replyCode: '', diagnostic: '' }).reason).toBe('expired');
    // A delay whose only cause is a generic temporary code ("4.3.0 ... try again later"): nothing named, the delay class.
    expect(
      classify({ action: 'delayed', status: '4.3.0', replyCode: '451', diagnostic: '451 4.3.0 Temporary failure, please try again later' })
        .reason,
    ).toBe('expired');
    expect(classify({ action: 'delayed', status: '', replyCode: '', diagnostic: 'Message could not be delivered for 5 days' }).reason).toBe(
      'expired',
    );
  });

  it('reads a final failure on a connection that never worked as expired', () => {
    const d = 'connect to mx.example.org[192.0.2.1]:25: Connection timed out';
    expect(classify({ action: 'failed', status: '', replyCode: '', diagnostic: d }).reason).toBe('expired');
    expect(classify({ action: 'delayed', status: '', replyCode: '', diagnostic: d }).reason).toBe('networkerror');
    // A loop is a configuration fault, not a retry that ran out.
    expect(classify({ action: 'failed', status: '', replyCode: '', diagnostic: 'mail forwarding loop for a@example.org' }).reason).toBe(
      'networkerror',
    );
  });

  it('keeps a server answer nothing knows on hold, and calls no answer undefined', () => {
    expect(
      classify({ action: 'failed', status: '5.0.0', replyCode: '550', diagnostic: "550 'a@example.org' is not welcome at this gateway" })
        .reason,
    ).toBe('onhold');
    expect(
      classify({ action: 'failed', status: '5.0.0', replyCode: '', diagnostic: 'Delivery to the following recipients failed.' }).reason,
    ).toBe('undefined');
  });

  it("reads Postfix's client rate limit as the sender's volume, not a full mailbox", () => {
    const rate = (diagnostic: string): string => classify({ action: 'delayed', status: '4.7.1', replyCode: '450', diagnostic }).reason;
    expect(rate('450 4.7.1 Error: too much mail from 192.0.2.1')).toBe('speeding');
    expect(rate('450 4.7.1 Error: too many recipients from 192.0.2.1')).toBe('speeding');
    expect(classify({ action: 'failed', status: '', replyCode: '452', diagnostic: '452 Too much mail in the mailbox' }).reason).toBe(
      'mailboxfull',
    );
  });

  it("reads a TCP connection that was refused as the network's failure, a server's refusal of the client as blocked", () => {
    const failed = (status: string, diagnostic: string): string => classify({ action: 'failed', status, replyCode: '', diagnostic }).reason;
    // Exchange's and Go's socket errors: the queue gave up on a host that never answered.
    expect(failed('5.4.316', '550 5.4.316 Message expired, connection refused(Socket error code 10061)')).toBe('expired');
    expect(failed('', 'dial tcp 192.0.2.1:25: connect: connection refused')).toBe('expired');
    expect(failed('5.0.0', '554 Connection refused from 192.0.2.1')).toBe('blocked');
    // Sendmail's own "Connection refused by <host>." names a host; "by policy" is a server refusing the client.
    expect(failed('', 'Connection refused by mx.example.org.')).toBe('expired');
    expect(failed('', '550 Connection refused by policy')).toBe('blocked');
  });
});
