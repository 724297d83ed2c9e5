// SPEC §5 lifecycle with an injected clock: every date below is passed in.
import { describe, expect, it } from 'vitest';
import { addressKey, normalizePhone, parseAddress } from '../../src/quarantine/address-key.js';
import { applyEvent, NEW_ADDRESS, releaseIfIdle, type AddressEvent, type AddressState, type Policy } from '../../src/quarantine/state.js';
import { DEFAULT_POLICY } from '../helpers/policy.js';
import { effectOf } from '../../src/quarantine/apply.js';
import { parseMailSync } from '../../src/parse/index.js';

const policy: Policy = DEFAULT_POLICY;
const T0 = new Date('2026-03-02T08:00:00Z');
const day = (d: number, h = 0): Date => new Date(T0.getTime() + d * 86_400_000 + h * 3_600_000);
const soft = (at: Date, reason: 'mailboxfull' | 'networkerror' = 'networkerror'): AddressEvent => ({
  kind: 'failure',
  type: 'soft',
  reason,
  failureReason: reason === 'mailboxfull' ? 5 : 3,
  at,
  text: `452 ${reason}`,
});
const hard = (at: Date): AddressEvent => ({
  kind: 'failure',
  type: 'hard',
  reason: 'userunknown',
  failureReason: 1,
  at,
  text: '550 5.1.1 user unknown',
});
const complaint = (at: Date): AddressEvent => ({ kind: 'complaint', reason: 'feedback', failureReason: 20, at, text: 'abuse report' });
const run = (events: AddressEvent[], start: AddressState = NEW_ADDRESS, p: Policy = policy): AddressState =>
  events.reduce((s, e) => applyEvent(s, e, p).next, start);

describe('soft error counting', () => {
  it('restarts the counter when a 5th soft error comes 11 days after the 4th', () => {
    const four = run([0, 2, 4, 6].map((d) => soft(day(d))));
    expect(four).toMatchObject({ status: 'erroneous', errorCount: 4 });
    const fifth = run([soft(day(6 + 11))], four);
    expect(fifth).toMatchObject({ status: 'erroneous', errorCount: 1 });
    expect(fifth.lastSignificantErrorAt).toEqual(day(17));
  });

  it('quarantines at the 5th soft error when they are less than 10 days apart', () => {
    expect(run([0, 2, 4, 6, 8].map((d) => soft(day(d))))).toMatchObject({ status: 'quarantined', errorCount: 5, type: 'soft' });
  });

  it('counts one campaign of retries within a day once', () => {
    expect(run([0, 1, 2, 3, 4, 5, 6].map((h) => soft(day(0, h))))).toMatchObject({ status: 'erroneous', errorCount: 1 });
  });
});

describe('automatic release', () => {
  it('makes an erroneous address valid after 10 idle days, not before', () => {
    const s = run([soft(day(0))]);
    expect(releaseIfIdle(s, day(9, 23), policy)).toBeNull();
    expect(releaseIfIdle(s, day(10, 1), policy)).toMatchObject({ status: 'valid', errorCount: 0, lastSignificantErrorAt: null });
  });

  it('waits 30 days before releasing an erroneous address whose reason is mailboxfull', () => {
    const s = run([soft(day(0), 'mailboxfull')]);
    expect(releaseIfIdle(s, day(11), policy)).toBeNull();
    expect(releaseIfIdle(s, day(30, 1), policy)?.status).toBe('valid');
  });

  it('releases a mailboxfull quarantine after 30 idle days', () => {
    const full = run([0, 2, 4, 6, 8].map((d) => soft(day(d), 'mailboxfull')));
    expect(full).toMatchObject({ status: 'quarantined', reason: 'mailboxfull' });
    expect(releaseIfIdle(full, day(8 + 29), policy)).toBeNull();
    expect(releaseIfIdle(full, day(8 + 30, 1), policy)).toMatchObject({ status: 'valid', errorCount: 0 });
  });

  it('never releases a hard quarantine or a denylisted address', () => {
    expect(releaseIfIdle(run([hard(day(0))]), day(1000), policy)).toBeNull();
    expect(releaseIfIdle(run([complaint(day(0))]), day(1000), policy)).toBeNull();
  });

  it('keeps a hard quarantine unreleasable when a mailboxfull error follows it', () => {
    const s = run([hard(day(0)), soft(day(3), 'mailboxfull')]);
    expect(s).toMatchObject({ status: 'quarantined', type: 'hard', reason: 'userunknown', failureReason: 1 });
    expect(releaseIfIdle(s, day(400), policy)).toBeNull();
  });

  it('uses a per-reason quarantine release when configured', () => {
    const p: Policy = { ...policy, perReason: { networkerror: { quarantineReleaseDays: 5 } } };
    const q = run(
      [0, 2, 4, 6, 8].map((d) => soft(day(d))),
      NEW_ADDRESS,
      p,
    );
    expect(q.status).toBe('quarantined');
    expect(releaseIfIdle(q, day(14), p)?.status).toBe('valid');
  });
});

describe('denylist and allowlist', () => {
  it('denylists on a complaint, even a quarantined address, and stays denylisted', () => {
    const s = run([hard(day(0)), complaint(day(1))]);
    expect(s).toMatchObject({ status: 'denylisted', reason: 'feedback' });
    expect(run([hard(day(2)), soft(day(5))], s)).toMatchObject({ status: 'denylisted', reason: 'feedback', type: 'hard' });
  });

  it('leaves an allowlisted address unchanged and records code 25 for any error', () => {
    const allow: AddressState = { ...NEW_ADDRESS, status: 'allowlisted' };
    for (const e of [hard(day(0)), soft(day(0)), complaint(day(0))]) {
      const t = applyEvent(allow, e, policy);
      expect(t.next).toBe(allow);
      expect(t).toMatchObject({ outcome: 'allowlisted', failureReason: 25 });
    }
  });

  it('treats a success notice for an allowlisted address as nothing to do', () => {
    const allow: AddressState = { ...NEW_ADDRESS, status: 'allowlisted' };
    expect(applyEvent(allow, { kind: 'success', at: day(0) }, policy)).toMatchObject({ outcome: 'ignored', failureReason: 0 });
  });
});

describe('address keys', () => {
  const opts = { caseSensitiveLocalPart: false };

  it('compares email addresses case-insensitively, the local part only when configured', () => {
    expect(addressKey('email', '<Kijitora@Example.JP>', opts)).toBe('kijitora@example.jp');
    expect(addressKey('email', 'Kijitora@Example.JP', { caseSensitiveLocalPart: true })).toBe('Kijitora@example.jp');
  });

  it('normalizes phone numbers to E.164', () => {
    expect(normalizePhone('+33 6 12-34-56.78')).toBe('+33612345678');
    expect(normalizePhone('0033 (6) 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('06 12 34 56 78', '33')).toBe('+33612345678');
    expect(normalizePhone('06 12 34 56 78')).toBeNull();
    expect(normalizePhone('+0123')).toBeNull();
  });

  it('rejects what cannot be an address of its channel', () => {
    expect(parseAddress('email', 'no-at-sign', opts).ok).toBe(false);
    expect(parseAddress('sms', 'call me', opts).ok).toBe(false);
    expect(parseAddress('push', 'a token with spaces', opts).ok).toBe(false);
    expect(parseAddress('push', ' AbC123:xyz ', opts)).toMatchObject({ ok: true, key: 'AbC123:xyz' });
  });
});

describe('complaint reports that name no one who complained', () => {
  const verdict = (feedbackType: string | null) => ({
    reason: 'feedback' as const,
    type: 'hard' as const,
    failureReason: 20 as const,
    feedbackType,
  });
  it('denylists on an abuse, fraud or untyped complaint', () => {
    for (const t of ['abuse', 'fraud', 'other', null])
      expect(effectOf('complaint', 'failed', verdict(t), day(0), 'report')?.kind).toBe('complaint');
  });
  it("changes no address on a not-spam report or an authentication failure report (RFC 6591, DMARC's forensic reports)", () => {
    for (const t of ['not-spam', 'auth-failure']) expect(effectOf('complaint', 'failed', verdict(t), day(0), 'report')).toBeNull();
  });
  it('reads the Feedback-Type of an authentication failure report, and its draft name, as auth-failure', () => {
    for (const type of ['auth-failure', 'dkim']) {
      const mail = [
        'From: dmarc-reports@receiver.example',
        'To: ruf@example.com',
        'Subject: FW: Authentication failure report',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'This is an authentication failure report for an email message received from IP 192.0.2.1.',
        '--b',
        'Content-Type: message/feedback-report',
        '',
        `Feedback-Type: ${type}`,
        'User-Agent: Reporter/1.0',
        'Version: 1',
        'Original-Mail-From: <news@example.com>',
        'Original-Rcpt-To: <reader@example.org>',
        'Auth-Failure: dmarc',
        'Reported-Domain: example.com',
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        'From: news@example.com',
        'To: reader@example.org',
        'Subject: hello',
        '--b--',
        '',
      ].join('\r\n');
      const parsed = parseMailSync(Buffer.from(mail));
      expect(parsed.kind).toBe('complaint');
      expect(parsed.recipients.map((r) => [r.address, r.reason, r.feedbackType])).toEqual([
        ['reader@example.org', 'feedback', 'auth-failure'],
      ]);
    }
  });
});
